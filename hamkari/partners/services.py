"""Writes: declared offers and needs, firms and trade figures imported from CSV or XLSX. A bad row
stops an import with its line number and nothing is applied."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext

from hamkari.extraction.lexicon import load_table
from hamkari.kb.models import Entity
from hamkari.kb.reasons import reason
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
    *, entity: Entity, sector: str, kind: str, strength: int, note: str = "", user: User | None
) -> Capacity:
    if sector not in sectors():
        raise ImportError_(gettext("unknown sector %(sector)s") % {"sector": repr(sector)})
    if kind not in ("offer", "need") or not 1 <= strength <= 5:
        raise ImportError_(gettext("kind is offer or need, strength 1 to 5"))
    capacity, _ = Capacity.objects.update_or_create(
        entity=entity,
        sector=sector,
        kind=kind,
        defaults={"strength": strength, "note": note[:300], "entered_by": user},
    )
    return capacity


FIRM_COLUMNS = ("name", "region", "sector", "size", "exports", "markets")
TRADE_COLUMNS = ("region", "partner", "hs", "year", "period", "flow", "value")
PERIODS = ("Y", "H1", "H2", "Q1", "Q2", "Q3", "Q4", *(f"M{m:02d}" for m in range(1, 13)))
# digits with an optional decimal point, or thousands separated by commas in groups of three
_NUMBER = re.compile(r"\d+(\.\d+)?|\d{1,3}(,\d{3})+(\.\d+)?")


class RowError(ValueError):
    """A bad cell: the column it is in and why."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(f"{column}: {reason}")


def _records(data: bytes, name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        rows = read_rows(data, "xlsx" if name.lower().endswith(".xlsx") else "csv")
    except TableError as exc:
        raise ImportError_(reason(exc)) from exc  # in the reader's language
    header = [c.strip().lower() for c in rows[0]] if rows else []
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportError_(
            gettext("line 1: missing column(s) %(missing)s; the header needs %(columns)s")
            % {"missing": ", ".join(missing), "columns": ",".join(columns)}
        )
    for line, row in enumerate(rows[1:], start=2):
        if any(c.strip() for c in row):
            yield line, {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}


def _number(row: dict[str, str], column: str, *, what: str, example: str, whole: bool = False) -> float:
    """A number of 0 or more (empty is 0): digits with a decimal point, thousands separated by
    commas in groups of three allowed (1,200,000)."""
    text = row[column].replace(" ", "")
    if not text:
        return 0.0
    if text.startswith("-") and _NUMBER.fullmatch(text[1:]):
        raise RowError(
            column, gettext("%(what)s cannot be negative (%(text)s)") % {"what": what, "text": text}
        )
    if not _NUMBER.fullmatch(text) or (whole and "." in text):
        said = (
            gettext("%(what)s must be a whole number like %(example)s, not %(value)s")
            if whole
            else gettext("%(what)s must be a number like %(example)s, not %(value)s")
        )
        raise RowError(column, said % {"what": what, "example": example, "value": repr(row[column])})
    return float(text.replace(",", ""))


def _region(row: dict[str, str], regions: dict[str, Entity]) -> Entity:
    found = regions.get(row["region"].upper())
    if found is None:
        raise RowError(
            "region",
            gettext("unknown region %(name)s: give an ISO code like IR-10 or RU-NGR")
            % {"name": repr(row["region"])},
        )
    return found


def _firm(row: dict[str, str], regions: dict[str, Entity], known: set[str]) -> Firm:
    if not row["name"]:
        raise RowError("name", gettext("the name is empty"))
    region = _region(row, regions)
    if row["sector"].lower() not in known:
        raise RowError(
            "sector",
            gettext("unknown sector %(name)s: give a sector slug such as steel")
            % {"name": repr(row["sector"])},
        )
    wrong = [m for m in row["markets"].lower().replace(",", " ").split() if m not in markets()]
    if wrong:
        raise RowError(
            "markets",
            gettext("unknown market %(name)s: markets are %(known)s")
            % {"name": repr(wrong[0]), "known": ", ".join(markets())},
        )
    return Firm(
        name=row["name"][:300],
        region=region,
        sector=row["sector"].lower(),
        size=int(_number(row, "size", what=gettext("the number of employees"), example="250", whole=True)),
        exports=_number(
            row, "exports", what=gettext("exports in US dollars a year"), example="2500000 or 2,500,000"
        ),
        markets=" ".join(row["markets"].lower().replace(",", " ").split())[:200],
    )


def firms_rows(*, data: bytes, name: str) -> list[Firm]:
    """Every row of a firms file checked and turned into an unsaved Firm; the first bad row raises
    ImportError_ with `line N: column: reason`."""
    regions, known, batch = _regions(), sectors(), []
    for line, row in _records(data, name, FIRM_COLUMNS):
        try:
            batch.append(_firm(row, regions, known))
        except RowError as exc:
            raise ImportError_(gettext("line %(line)s: %(reason)s") % {"line": line, "reason": exc}) from exc
    return batch


@transaction.atomic
def firms_import(*, data: bytes, name: str) -> int:
    """Columns: name, region (ISO code), sector (slug), size (employees), exports (USD a year),
    markets (market slugs, space-separated). Returns how many firms the file holds."""
    return len(firms_import_listed(data=data, name=name))


@transaction.atomic
def firms_import_listed(*, data: bytes, name: str) -> list[Firm]:
    """As firms_import, returning the stored firms with their numbers, in the order of the file."""
    batch = firms_rows(data=data, name=name)
    _upsert(Firm, batch, unique=("region", "name"), update=("sector", "size", "exports", "markets"))
    stored = {
        (f.region_id, f.name): f
        for f in Firm.objects.filter(name__in={f.name for f in batch}).select_related("region")
    }
    listed = {(f.region_id, f.name): stored[(f.region_id, f.name)] for f in batch}
    return list(listed.values())


def _partner(row: dict[str, str], partners: set[str]) -> str:
    code = row["partner"].upper() or "WLD"
    if code not in partners:
        raise RowError(
            "partner",
            gettext("unknown partner %(name)s: an ISO country code (CN), a region code (RU-NGR) or WLD")
            % {"name": repr(row["partner"])},
        )
    return code


def _trade(row: dict[str, str], regions: dict[str, Entity], partners: set[str]) -> TradeFlow:
    region = _region(row, regions)
    partner = _partner(row, partners)
    if not row["hs"].isdecimal() or not 2 <= len(row["hs"]) <= 10:
        raise RowError(
            "hs", gettext("an HS code is 2 to 10 digits, not %(value)s") % {"value": repr(row["hs"])}
        )
    if not (row["year"].isdecimal() and 1990 <= int(row["year"]) <= 2100):
        raise RowError("year", gettext("a year like 2024, not %(value)s") % {"value": repr(row["year"])})
    period = row["period"].upper() or "Y"
    if period not in PERIODS:
        raise RowError(
            "period",
            gettext("%(value)s is not Y, H1, H2, Q1 to Q4 or M01 to M12") % {"value": repr(row["period"])},
        )
    if row["flow"].lower() not in ("export", "import"):
        raise RowError("flow", gettext("export or import, not %(value)s") % {"value": repr(row["flow"])})
    if not row["value"]:
        raise RowError("value", gettext("the value is empty"))
    return TradeFlow(
        region=region,
        partner=partner,
        hs=row["hs"],
        year=int(row["year"]),
        period=period,
        flow=row["flow"].lower(),
        value=_number(row, "value", what=gettext("the value in US dollars"), example="1200000 or 1,200,000"),
    )


@transaction.atomic
def trade_import(*, data: bytes, name: str) -> int:
    """Columns: region (ISO code), partner (ISO country code, region code or WLD), hs, year, period
    (Y, H1, H2, Q1 … Q4, M01 … M12; empty is Y), flow (export or import), value (USD)."""
    regions = _regions()
    partners = {"WLD", *regions, *(e.ref for e in Entity.objects.filter(type="country") if e.ref)}
    batch = []
    for line, row in _records(data, name, TRADE_COLUMNS):
        try:
            batch.append(_trade(row, regions, partners))
        except RowError as exc:
            raise ImportError_(gettext("line %(line)s: %(reason)s") % {"line": line, "reason": exc}) from exc
    return _upsert(
        TradeFlow, batch, unique=("region", "partner", "hs", "year", "period", "flow"), update=("value",)
    )


def _regions() -> dict[str, Entity]:
    return {e.ref: e for e in Entity.objects.filter(type="region") if e.ref}


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
    *, region: Entity, field: str, value: str, source: str = "", user: User | None
) -> ReferenceOverride | None:
    """An editor's value for one reference field of a region (sectors: slugs in rank order,
    space-separated; ports, hubs, crossings: names, comma-separated). An empty value removes the
    override, so that the published value is in force again."""
    value, source = value.strip(), source.strip()
    if field not in REFERENCE_FIELDS:
        raise ImportError_(
            gettext("field is one of %(known)s, not %(field)s")
            % {"known": ", ".join(REFERENCE_FIELDS), "field": repr(field)}
        )
    if source and not source.startswith(("https://", "http://")):
        raise ImportError_(gettext("the source must be an http(s) address"))
    if not value:
        ReferenceOverride.objects.filter(region=region, field=field).delete()
        return None
    if field in ("population", "grp") and not value.replace(".", "", 1).isdecimal():
        raise ImportError_(
            gettext("%(field)s must be a number, not %(value)s") % {"field": field, "value": repr(value)}
        )
    if field == "sectors":
        unknown = [s for s in value.split() if s not in sectors()]
        if unknown or len(value.split()) > 10:
            raise ImportError_(
                gettext("give up to 10 known sector slugs; unknown: %(unknown)s")
                % {"unknown": ", ".join(unknown) or "-"}
            )
    override, _ = ReferenceOverride.objects.update_or_create(
        region=region,
        field=field,
        defaults={"value": value[:500], "source": source[:1000], "entered_by": user},
    )
    return override
