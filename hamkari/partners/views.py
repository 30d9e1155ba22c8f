"""Pages: the partner finder and the consortium builder."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from hamkari.accounts.permissions import can_edit_profile
from hamkari.kb.models import Entity
from hamkari.partners import finder, routes, scores
from hamkari.partners.models import Capacity, TradeFlow
from hamkari.partners.services import ImportError_, capacity_set, markets, sectors


@login_required
def partners(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Entity, type="region", ref=code.upper())
    weights: dict[str, float] = {}
    for name in finder.DEFAULT_WEIGHTS:
        try:
            weights[name] = max(0.0, float(request.GET.get(name, finder.DEFAULT_WEIGHTS[name])))
        except ValueError:
            weights[name] = finder.DEFAULT_WEIGHTS[name]
    results = finder.rank(region.ref or "", top=15, weights=weights)
    return render(
        request, "partners/partners.html", {"region": region, "results": results, "weights": weights}
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
            proposals = finder.propose(market=market, sectors=wanted)
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
    """A schematic map (SVG coordinates) of the fastest route between two regions' centres."""
    centres = routes.centres()
    if first not in centres or second not in centres:
        return None
    found = routes.routes(centres[first], centres[second], options=1)
    if not found:
        return None
    graph = routes.network()
    path_nodes = [centres[first]]
    names = {data["name"]: node for node, data in graph.nodes(data=True)}
    for leg in found[0].legs:
        path_nodes.append(names.get(leg.end, ""))
    coords = [(graph.nodes[n]["lon"], graph.nodes[n]["lat"]) for n in path_nodes if n in graph]
    if len(coords) < 2:
        return None
    lons, lats = [c[0] for c in coords], [c[1] for c in coords]
    width, height, pad = 520, 320, 30
    span_x, span_y = max(lons) - min(lons) or 1, max(lats) - min(lats) or 1
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return pad + (lon - min(lons)) * scale, height - pad - (lat - min(lats)) * scale

    points = [xy(*c) for c in coords]
    segments = [
        {"x1": a[0], "y1": a[1], "x2": b[0], "y2": b[1], "mode": leg.mode}
        for a, b, leg in zip(points, points[1:], found[0].legs, strict=False)
    ]
    stops = [
        {"x": p[0], "y": p[1], "name": graph.nodes[n]["name"]}
        for p, n in zip(points, path_nodes, strict=False)
    ]
    return {"width": width, "height": height, "segments": segments, "stops": stops, "route": found[0]}


@login_required
def capacity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor (of this region or organisation) or an administrator declares an offer or a need."""
    from django.contrib import messages
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    if request.method != "POST":
        return redirect("entity", pk=pk)
    entity = get_object_or_404(Entity, pk=pk, type__in=("region", "organization"))
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
            user=request.user,
        )
    except (ValueError, ImportError_) as exc:
        messages.error(request, str(exc))
    return (
        redirect("region", code=entity.ref)
        if entity.type == "region" and entity.ref
        else redirect("entity", pk=pk)
    )


def capacity_rows(entity: Entity) -> list[dict[str, Any]]:
    """Sectors with strength and the evidence behind them (regions), or declared offers (others)."""

    declared = list(Capacity.objects.filter(entity=entity).order_by("kind", "-strength"))
    profile = finder.profiles().get(entity.ref or "") if entity.type == "region" else None
    if profile is not None:
        rows = [
            {"sector": s, "strength": v, "evidence": "; ".join(profile.evidence.get(s, [])), "kind": "offer"}
            for s, v in sorted(profile.strength.items(), key=lambda kv: -kv[1])[:15]
        ]
        rows += [
            {"sector": c.sector, "strength": c.strength / 5, "evidence": c.note, "kind": "need"}
            for c in declared
            if c.kind == "need"
        ]
        return rows
    return [
        {"sector": c.sector, "strength": c.strength / 5, "evidence": c.note, "kind": c.kind} for c in declared
    ]


def trade_summary(code: str) -> dict[str, Any] | None:
    """Charts of a region's trade: revealed comparative advantage by product, complementarity with
    the partners that report trade, and growth against the same period a year before."""
    from collections import defaultdict

    from django.db.models import Sum

    vectors = finder.trade_vectors()
    exports = vectors.get((code, "export"), {})
    if not exports and not vectors.get((code, "import")):
        return None
    reference: dict[str, float] = defaultdict(float)
    for (_, flow), products in vectors.items():
        if flow == "export":
            for hs, value in products.items():
                reference[hs] += value
    rca = sorted(scores.rca(exports, reference).items(), key=lambda kv: -kv[1])[:10] if exports else []
    partners = []
    for (other, flow), products in vectors.items():
        if flow == "export" and other[:2] != code[:2] and vectors.get((code, "import")):
            partners.append((other, round(scores.complementarity(vectors[(code, "import")], products), 1)))
    partners.sort(key=lambda kv: -kv[1])
    growth = []
    rows = (
        TradeFlow.objects.filter(region__ref=code)
        .values("flow", "period", "year")
        .annotate(total=Sum("value"))
        .order_by("flow", "period", "year")
    )
    totals = {(r["flow"], r["period"], r["year"]): r["total"] for r in rows}
    for (flow, period, year), total in sorted(totals.items()):
        before = totals.get((flow, period, year - 1))
        if before:
            change = scores.growth(total, before)
            growth.append(
                {
                    "flow": flow,
                    "period": period,
                    "year": year,
                    "percent": round(100 * change, 1) if change is not None else None,
                }
            )
    return {
        "rca": [(hs, round(v * 100)) for hs, v in rca],
        "rca_raw": rca,
        "partners": [(p, int(v)) for p, v in partners[:10]],
        "growth": growth,
    }
