"""Writes: declared offers and needs, firms and trade figures imported from CSV or XLSX. A bad row
stops an import with its line number and nothing is applied."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from hamkari.extraction.lexicon import load_table
from hamkari.kb.models import Entity
from hamkari.partners.models import Capacity, Firm, ReferenceOverride, TradeFlow
from hamkari.spreadsheets import TableError, read_rows


class ImportError_(ValueError):
    """A file or row that cannot be imported; the message names the line."""


def sectors() -> set[str]:
    return {e.key for e in load_table("en", "sectors")}


def markets() -> list[str]:
    """The third markets of the spec, as the lexicons name them."""
    return [e.key for e in load_table("en", "markets")]


@transaction.atomic
def capacity_set(
    *, entity: Entity, sector: str, kind: str, strength: int, note: str = "", user: AbstractBaseUser | None
) -> Capacity:
    if sector not in sectors():
        raise ImportError_(f"unknown sector {sector!r}")
    if kind not in ("offer", "need") or not 1 <= strength <= 5:
        raise ImportError_("kind is offer or need, strength 1 to 5")
    capacity, _ = Capacity.objects.update_or_create(
        entity=entity,
        sector=sector,
        kind=kind,
        defaults={"strength": strength, "note": note[:300], "entered_by": user},
    )
    return capacity


def _records(data: bytes, name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        rows = read_rows(data, "xlsx" if name.lower().endswith(".xlsx") else "csv")
    except TableError as exc:
        raise ImportError_(str(exc)) from exc
    header = [c.strip().lower() for c in rows[0]] if rows else []
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportError_(f"line 1: missing column(s) {', '.join(missing)}")
    for line, row in enumerate(rows[1:], start=2):
        if any(c.strip() for c in row):
            yield line, {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}


def _regions() -> dict[str, Entity]:
    return {e.ref: e for e in Entity.objects.filter(type="region") if e.ref}


@transaction.atomic
def firms_import(*, data: bytes, name: str) -> int:
    """Columns: name, region (ISO code), sector (slug), size (employees), exports (USD), markets."""
    regions, known, batch = _regions(), sectors(), []
    for line, r in _records(data, name, ("name", "region", "sector")):
        try:
            region = regions.get(r["region"].upper())
            if region is None:
                raise ImportError_(f"unknown region {r['region']!r}")
            if r["sector"] not in known:
                raise ImportError_(f"unknown sector {r['sector']!r}")
            if not r["name"]:
                raise ImportError_("the name is empty")
            batch.append(
                Firm(
                    name=r["name"][:300],
                    region=region,
                    sector=r["sector"],
                    size=int(float(r.get("size") or 0)),
                    exports=float(r.get("exports") or 0),
                    markets=r.get("markets", "")[:200],
                )
            )
        except (ImportError_, ValueError) as exc:
            raise ImportError_(f"line {line}: {exc}") from exc
    return _upsert(Firm, batch, unique=("region", "name"), update=("sector", "size", "exports", "markets"))


@transaction.atomic
def trade_import(*, data: bytes, name: str) -> int:
    """Columns: region (ISO code), partner, hs, year, period (Y, H1, Q2, M03 …), flow (export or
    import), value (USD)."""
    regions, batch = _regions(), []
    for line, r in _records(data, name, ("region", "partner", "hs", "year", "flow", "value")):
        try:
            region = regions.get(r["region"].upper())
            if region is None:
                raise ImportError_(f"unknown region {r['region']!r}")
            if r["flow"] not in ("export", "import"):
                raise ImportError_(f"flow must be export or import, not {r['flow']!r}")
            if not r["hs"].isdigit() or not 2 <= len(r["hs"]) <= 10:
                raise ImportError_(f"HS code must be 2 to 10 digits, not {r['hs']!r}")
            batch.append(
                TradeFlow(
                    region=region,
                    partner=r["partner"].upper()[:10] or "WLD",
                    hs=r["hs"],
                    year=int(r["year"]),
                    period=(r.get("period") or "Y")[:3],
                    flow=r["flow"],
                    value=float(r["value"]),
                )
            )
        except (ImportError_, ValueError) as exc:
            raise ImportError_(f"line {line}: {exc}") from exc
    return _upsert(
        TradeFlow, batch, unique=("region", "partner", "hs", "year", "period", "flow"), update=("value",)
    )


def _upsert(model: Any, rows: list[Any], *, unique: tuple[str, ...], update: tuple[str, ...]) -> int:
    """Insert or update rows by their natural key; returns how many records the file holds. When a
    file repeats a key its last row wins: PostgreSQL refuses to update one row twice in a statement."""
    attnames = [model._meta.get_field(f).attname for f in unique]
    last = {tuple(getattr(r, a) for a in attnames): r for r in rows}
    model.objects.bulk_create(
        list(last.values()),
        batch_size=2000,
        update_conflicts=True,
        unique_fields=list(unique),
        update_fields=list(update),
    )
    return len(last)


REFERENCE_FIELDS = ("population", "grp", "sectors", "ports", "rail_hubs", "crossings")


@transaction.atomic
def reference_override_set(
    *, region: Entity, field: str, value: str, source: str = "", user: AbstractBaseUser | None
) -> ReferenceOverride | None:
    """An editor's value for one reference field of a region (sectors: slugs in rank order,
    space-separated; ports, hubs, crossings: names, comma-separated). An empty value removes the
    override, so that the published value is in force again."""
    value, source = value.strip(), source.strip()
    if field not in REFERENCE_FIELDS:
        raise ImportError_(f"field is one of {', '.join(REFERENCE_FIELDS)}, not {field!r}")
    if source and not source.startswith(("https://", "http://")):
        raise ImportError_("the source must be an http(s) address")
    if not value:
        ReferenceOverride.objects.filter(region=region, field=field).delete()
        return None
    if field in ("population", "grp") and not value.replace(".", "", 1).isdigit():
        raise ImportError_(f"{field} must be a number, not {value!r}")
    if field == "sectors":
        unknown = [s for s in value.split() if s not in sectors()]
        if unknown or len(value.split()) > 10:
            raise ImportError_(f"give up to 10 known sector slugs; unknown: {', '.join(unknown) or '-'}")
    override, _ = ReferenceOverride.objects.update_or_create(
        region=region,
        field=field,
        defaults={"value": value[:500], "source": source[:1000], "entered_by": user},
    )
    return override
