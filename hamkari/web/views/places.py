"""Regions, region pairs and organisations (any entity that is not a person), with their profiles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkari.accounts.permissions import acting_user, can_edit_profile
from hamkari.accounts.selectors import profile_of
from hamkari.accounts.services import profile_update
from hamkari.kb import selectors
from hamkari.kb.lookups import found
from hamkari.partners.selectors import capacity_rows, trade_summary
from hamkari.partners.services import sectors
from hamkari.partners.views import reference_rows, route_map


@login_required
def region(request: HttpRequest, code: str) -> HttpResponse:
    obj = found(selectors.region_by_code, code)
    profile = selectors.region_profile(obj)
    context = {
        "region": obj,
        "profile": profile,
        "sector_bars": [(s["entity__ref"], s["sources"]) for s in profile["sectors"][:15]],
        "officials": profile["official_posts"],
        "profile_text": profile_of(obj),
        "capacity": capacity_rows(obj),
        "sectors": sorted(sectors()),
        "can_edit_profile": can_edit_profile(request.user, obj.pk),
        "trade": trade_summary(obj.ref or ""),
        "reference": reference_rows(obj),
        "entity_facts": selectors.entity_facts([obj]),
    }
    return render(request, "web/region.html", context)


@login_required
def entity(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's (or any other entity's) page: its profile, spellings and mentions."""
    obj = found(selectors.entity_get, pk)
    if obj.type == "region" and obj.ref:
        return redirect("region", code=obj.ref)
    if obj.type == "person":
        return redirect("person", pk=obj.pk)
    context = {
        "entity": obj,
        "spellings": selectors.spellings(obj),
        "mentions": [{"m": m, "words": m.words} for m in selectors.entity_mentions(obj)],
        "profile": profile_of(obj),
        "capacity": capacity_rows(obj),
        "sectors": sorted(sectors()),
        "can_edit_profile": can_edit_profile(request.user, obj.pk),
    }
    return render(request, "web/entity.html", context)


@login_required
@require_POST
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    obj = found(selectors.curated_entity_get, pk)
    if not can_edit_profile(request.user, obj.pk):
        raise PermissionDenied(_("Only the editor of this region or organisation may edit its profile."))
    profile_update(entity=obj, summary=request.POST.get("summary", ""), user=acting_user(request))
    messages.success(request, _("Saved."))
    return (
        redirect("region", code=obj.ref)
        if obj.type == "region" and obj.ref
        else redirect("entity", pk=obj.pk)
    )


@login_required
def region_pair(request: HttpRequest, first: str, second: str) -> HttpResponse:
    a = found(selectors.region_by_code, first)
    b = found(selectors.region_by_code, second)
    context = {
        "a": a,
        "b": b,
        **selectors.region_pair(a, b),
        "route_map": route_map(a.ref or "", b.ref or ""),
    }
    return render(request, "web/region_pair.html", context)
