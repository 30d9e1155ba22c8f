"""Watched sources for analysts: each source's health, its fetch history, enabling it again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkari.accounts.permissions import acting_user, can_manage_sources
from hamkari.kb import selectors as kb_selectors
from hamkari.kb.lookups import found
from hamkari.monitoring import selectors, services


def _allowed(request: HttpRequest) -> None:
    if not can_manage_sources(request.user):
        raise PermissionDenied(_("Only analysts see the watched sources."))


@login_required
def sources(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    rows = list(selectors.source_health(now=timezone.now()))
    return render(request, "web/sources.html", {"sources": rows, "days": selectors.HEALTH_DAYS})


@login_required
def source(request: HttpRequest, pk: int) -> HttpResponse:
    _allowed(request)
    obj = found(selectors.source_get, pk=pk)
    context = {
        "source": obj,
        "fetches": selectors.source_fetches(source=obj),
        "failed": selectors.source_failed_items(source=obj),
        "changes": kb_selectors.audit_entries(obj)[:20],
    }
    return render(request, "web/source.html", context)


@login_required
@require_POST
def source_enable(request: HttpRequest, pk: int) -> HttpResponse:
    _allowed(request)
    obj = services.source_enable(source=found(selectors.source_get, pk=pk), user=acting_user(request))
    messages.success(request, _("The source is enabled again; it is polled at the next round."))
    return redirect("source", pk=obj.pk)
