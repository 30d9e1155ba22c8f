"""Reads of partners: a region's reference profile (published values and editors' overrides) for the
pages, and firms."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Sum
from django.utils.translation import get_language

from hamkari.kb.models import Entity
from hamkari.partners import finder, reference, scores
from hamkari.partners.models import Capacity, Firm, ReferenceOverride, TradeFlow
from hamkari.partners.names import number, sector_name
from hamkari.partners.place_names import PlaceName, place_name

# page field → (field of the data file, joiner of its values)
FIELDS = {
    "population": ("population", ""),
    "grp": ("grp", ""),
    "sectors": ("sector", " "),
    "ports": ("port", ", "),
    "rail_hubs": ("rail_hub", ", "),
    "crossings": ("crossing", ", "),
}
# page fields whose published values are names of places, shown in the page's language
PLACES = ("ports", "rail_hubs", "crossings")


def _separator(language: str) -> str:
    return "، " if language[:2] == "fa" else ", "


def _show(field: str, text: str, language: str) -> str:
    if field in ("population", "grp") and text.replace(".", "", 1).isdecimal():
        return number(float(text), language)
    if field == "sectors":
        return _separator(language).join(sector_name(s, language) for s in text.split())
    return text


def _published(name: str, values: list[reference.Value], language: str) -> tuple[str, list[PlaceName]]:
    """The published value as text, and for ports, hubs and crossings each name in the page's
    language (or as published, in English, when it has none: the page marks it)."""
    field, joiner = FIELDS[name]
    if name in PLACES:
        names = [place_name(field, v.value, language) for v in values]
        return _separator(language).join(n.text for n in names), names
    text = joiner.join(v.value for v in values) if joiner else (values[0].value if values else "")
    return _show(name, text, language), []


def reference_rows(region: Entity, language: str) -> list[dict[str, Any]]:
    """One row per field: the published value with its sources and years, and the editor's value
    where one is set (then it is the one in force, shown as typed). Ports, hubs and crossings are
    also given one by one (`names`, each with the language it is written in)."""
    ref = reference.references().get(region.ref or "", reference.Reference(region.ref or ""))
    overrides = {
        o.field: o for o in ReferenceOverride.objects.filter(region=region).select_related("entered_by")
    }
    rows = []
    for name, (field, _joiner) in FIELDS.items():
        values = [v for v in ref.values if v.field == field]
        if field == "sector":
            values.sort(key=lambda v: (v.rank or 0, v.line))
        published, names = _published(name, values, language)
        override = overrides.get(name)
        rows.append(
            {
                "field": name,
                "published": published,
                "names": names,
                "separator": _separator(language),
                "sources": sorted({(v.source, v.year) for v in values}),
                "override": _show(name, override.value, language) if override else None,
                "override_raw": override.value if override else "",
                "override_source": override.source if override else "",
                "override_by": override.entered_by if override else None,
                "override_at": override.entered_at if override else None,
            }
        )
    return rows


def firm_find(*, pk: int) -> Firm | None:
    return Firm.objects.select_related("region").filter(pk=pk).first()


def firm_list(*, region: Entity | None = None, sector: str | None = None) -> list[Firm]:
    """Firms, largest exporters first, of one region and/or one sector."""
    qs = Firm.objects.select_related("region").order_by("-exports", "name")
    if region is not None:
        qs = qs.filter(region=region)
    if sector:
        qs = qs.filter(sector=sector)
    return list(qs)


def capacity_rows(entity: Entity) -> list[dict[str, Any]]:
    """Sectors with strength and the evidence behind them (regions), or declared offers (others)."""
    declared = list(Capacity.objects.filter(entity=entity).order_by("kind", "-strength"))
    profile = finder.profiles().get(entity.ref or "") if entity.type == "region" else None
    if profile is not None:
        rows = [
            {
                "sector": s,
                "strength": min(1.0, v),
                "evidence": "; ".join(e.describe(get_language()) for e in profile.evidence.get(s, [])),
                "kind": "offer",
            }
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
    vectors = finder.trade_vectors()
    exports = vectors.get((code, "export"), {})
    if not exports and not vectors.get((code, "import")):
        return None
    reference: dict[str, float] = defaultdict(float)
    for (_region, flow), products in vectors.items():
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
