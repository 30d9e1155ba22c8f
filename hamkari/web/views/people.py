"""A person's page, merging and splitting people."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkari.accounts.permissions import acting_user, can_curate_people
from hamkari.kb import selectors, services
from hamkari.kb.lookups import found
from hamkari.kb.models import Entity


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    obj = found(selectors.person_get, pk)
    if obj.merged_into_id:
        return redirect("person", pk=obj.merged_into_id)
    return _page(request, obj)


def _page(
    request: HttpRequest, obj: Any, *, merge_error: str = "", split_error: str = "", status: int = 200
) -> HttpResponse:
    """The person's page; a refused merge comes back with what was typed and the reason, a refused
    split with its reason."""
    context = {
        "merge_error": merge_error,
        "split_error": split_error,
        "merge_q": request.POST.get("q", "") if merge_error else "",
        "person": obj,
        "spellings": selectors.spellings(obj),
        "positions": selectors.positions_of(obj),
        "mentions": [{"m": m, "words": m.words} for m in selectors.person_mentions(obj)],
        "entity_facts": selectors.entity_facts([obj]),
    }
    return render(request, "web/person.html", context, status=status)


@login_required
@require_POST
def person_merge(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_curate_people(request.user):
        raise PermissionDenied(_("Only analysts merge and split people."))
    source = found(selectors.person_get, pk, live=True)
    try:
        target = selectors.person_get(int(request.POST.get("into", "")), live=True)
    except (ValueError, Entity.DoesNotExist):
        return _page(
            request, source, merge_error=_("Type a name and choose the person to merge into."), status=400
        )
    try:
        services.person_merge(source=source, target=target, user=acting_user(request))
    except services.ReviewError as exc:
        return _page(request, source, merge_error=str(exc), status=400)
    messages.success(request, _("Merged."))
    return redirect("person", pk=target.pk)


@login_required
@require_POST
def person_split(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_curate_people(request.user):
        raise PermissionDenied(_("Only analysts merge and split people."))
    obj = found(selectors.person_get, pk, live=True)
    try:
        ids = [int(x) for x in request.POST.getlist("mentions")]
    except ValueError:
        ids = []
    try:
        other = services.person_split(person=obj, mention_ids=ids, user=acting_user(request))
    except services.ReviewError as exc:  # in the page, with its reason, not a bare line of text
        return _page(request, obj, split_error=str(exc) or _("Choose mentions to move."), status=400)
    messages.success(request, _("Split."))
    return redirect("person", pk=other.pk)
