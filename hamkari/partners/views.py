"""Pages: the partner finder and the consortium builder."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkari.accounts.permissions import acting_user, can_edit_profile
from hamkari.kb import selectors as kb_selectors
from hamkari.kb.lookups import found
from hamkari.kb.models import Entity
from hamkari.partners import finder, routes, selectors
from hamkari.partners.services import ImportError_, capacity_set, markets, reference_override_set, sectors


@login_required
def partners(request: HttpRequest, code: str) -> HttpResponse:
    region = found(kb_selectors.region_by_code, code)
    weights: dict[str, float] = {}
    for name in finder.DEFAULT_WEIGHTS:
        try:
            # typed with Persian or Latin digits, «۰٫۳۵» or «0.35»
            typed = str(request.GET.get(name, finder.DEFAULT_WEIGHTS[name])).replace("٫", ".")
            weights[name] = max(0.0, float(typed))
        except ValueError:
            weights[name] = finder.DEFAULT_WEIGHTS[name]
    results = finder.rank(region.ref or "", top=15, weights=weights, language=get_language())
    return render(
        request,
        "partners/partners.html",
        {"region": region, "results": results, "weights": weights, "evidence": finder.EVIDENCE_WEIGHTS},
    )


@login_required
def consortium(request: HttpRequest) -> HttpResponse:
    market = request.GET.get("market", "")
    wanted = [s for s in request.GET.getlist("sector") if s in sectors()][:6]
    proposals: list[Any] = []
    error = ""
    if market not in markets():
        market = ""
    if market and wanted:
        try:
            proposals = finder.propose(market=market, sectors=wanted, language=get_language())
        except ValueError as exc:
            error = str(exc)
    return render(
        request,
        "partners/consortium.html",
        {
            "market": market,
            "wanted": wanted,
            "proposals": proposals,
            "error": error,
            "markets": markets(),
            "sectors": sorted(sectors()),
        },
    )


def route_map(first: str, second: str) -> dict[str, Any] | None:
    """A schematic map (SVG coordinates) of the first route option between two regions' centres
    (the cheapest by the freight cost index of routes.py)."""
    centres = routes.centres()
    if first not in centres or second not in centres:
        return None
    found = routes.routes(centres[first], centres[second], options=1)
    if not found:
        return None
    graph = routes.network()
    path_nodes = [n for leg in found[0].legs for n in (leg.start, *leg.stops)] + [found[0].legs[-1].end]
    coords = [(graph.nodes[n]["lon"], graph.nodes[n]["lat"]) for n in path_nodes]
    if len(coords) < 2:
        return None
    lons, lats = [c[0] for c in coords], [c[1] for c in coords]
    width, height, pad = 520, 320, 30
    span_x, span_y = max(lons) - min(lons) or 1, max(lats) - min(lats) or 1
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return pad + (lon - min(lons)) * scale, height - pad - (lat - min(lats)) * scale

    points = [xy(*c) for c in coords]
    modes = [leg.mode for leg in found[0].legs for _ in range(len(leg.stops) + 1)]
    segments = [
        {"x1": a[0], "y1": a[1], "x2": b[0], "y2": b[1], "mode": mode}
        for a, b, mode in zip(points, points[1:], modes, strict=False)
    ]
    named = {found[0].legs[0].start, *(leg.end for leg in found[0].legs)}
    stops = [
        {"x": p[0], "y": p[1], "node": n if n in named else ""}
        for p, n in zip(points, path_nodes, strict=False)
    ]
    return {"width": width, "height": height, "segments": segments, "stops": stops, "route": found[0]}


@login_required
def capacity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor (of this region or organisation) or an administrator declares an offer or a need."""
    if request.method != "POST":
        return redirect("entity", pk=pk)
    entity = found(kb_selectors.curated_entity_get, pk)
    if not can_edit_profile(request.user, entity.pk):
        raise PermissionDenied(_("Only the editor of this region or organisation may edit its profile."))
    try:
        strength = int(request.POST.get("strength", "3"))
        capacity_set(
            entity=entity,
            sector=request.POST.get("sector", ""),
            kind=request.POST.get("kind", ""),
            strength=strength,
            note=request.POST.get("note", ""),
            user=acting_user(request),
        )
    except (ValueError, ImportError_) as exc:
        messages.error(request, str(exc))
    return (
        redirect("region", code=entity.ref)
        if entity.type == "region" and entity.ref
        else redirect("entity", pk=pk)
    )


@login_required
@require_POST
def reference_edit(request: HttpRequest, code: str) -> HttpResponse:
    """The editor of a region (or an administrator) overrides one reference value; an empty value
    brings the published one back."""
    region = found(kb_selectors.region_by_code, code)
    if not can_edit_profile(request.user, region.pk):
        raise PermissionDenied(_("Only the editor of this region or organisation may edit its profile."))
    try:
        reference_override_set(
            region=region,
            field=request.POST.get("field", ""),
            value=request.POST.get("value", ""),
            source=request.POST.get("source", ""),
            user=acting_user(request),
        )
    except ImportError_ as exc:
        messages.error(request, str(exc))
    return redirect("region", code=region.ref)


def reference_rows(entity: Entity) -> list[dict[str, Any]]:
    return selectors.reference_rows(entity, get_language() or "fa") if entity.type == "region" else []
