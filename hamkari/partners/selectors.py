"""Reads of partners: a region's reference profile (published values and editors' overrides) for the
pages, and firms."""

from __future__ import annotations

from typing import Any

from hamkari.kb.models import Entity
from hamkari.partners import reference
from hamkari.partners.models import Firm, ReferenceOverride
from hamkari.partners.names import number, sector_name

# page field → (field of the data file, joiner of its values)
FIELDS = {
    "population": ("population", ""),
    "grp": ("grp", ""),
    "sectors": ("sector", " "),
    "ports": ("port", ", "),
    "rail_hubs": ("rail_hub", ", "),
    "crossings": ("crossing", ", "),
}


def _show(field: str, text: str, language: str) -> str:
    if field in ("population", "grp") and text.replace(".", "", 1).isdigit():
        return number(float(text), language)
    if field == "sectors":
        sep = "، " if language == "fa" else ", "
        return sep.join(sector_name(s, language) for s in text.split())
    return text


def reference_rows(region: Entity, language: str) -> list[dict[str, Any]]:
    """One row per field: the published value with its sources and years, and the editor's value
    where one is set (then it is the one in force)."""
    ref = reference.references().get(region.ref or "", reference.Reference(region.ref or ""))
    overrides = {
        o.field: o for o in ReferenceOverride.objects.filter(region=region).select_related("entered_by")
    }
    rows = []
    for name, (field, joiner) in FIELDS.items():
        values = [v for v in ref.values if v.field == field]
        if field == "sector":
            values.sort(key=lambda v: (v.rank or 0, v.line))
        published = joiner.join(v.value for v in values) if joiner else (values[0].value if values else "")
        override = overrides.get(name)
        rows.append(
            {
                "field": name,
                "published": _show(name, published, language),
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
