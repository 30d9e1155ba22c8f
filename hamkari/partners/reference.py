"""Reference profiles of the 114 regions (`data/region_profiles.tsv`): leading sectors, population,
gross regional product, ports, rail hubs and border crossings, every value with the address and
year of the published page it comes from. Plain Python: the finder and the pages read it; an
editor's correction is kept apart in the database (`ReferenceOverride`) and shown as such."""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

FIELDS = ("population", "grp", "sector", "port", "rail_hub", "crossing")
NUMERIC = ("population", "grp")
# Strength of the n-th leading sector named by the source (n = rank where published, else the
# position in the source's list): the first counts fully, each further one 15 % less.
RANK_DECAY = 0.85


@dataclass(frozen=True)
class Value:
    region: str
    field: str
    value: str
    rank: int | None
    year: int | None
    source: str
    note: str
    line: int


@dataclass
class Reference:
    code: str
    sectors: list[tuple[str, int]] = field(default_factory=list)  # (slug, rank or position)
    values: list[Value] = field(default_factory=list)

    def first(self, name: str) -> Value | None:
        return next((v for v in self.values if v.field == name), None)

    def sector_strength(self) -> dict[str, float]:
        return {slug: RANK_DECAY ** (rank - 1) for slug, rank in self.sectors}


def _int(text: str) -> int | None:
    return int(text) if text.strip().isdecimal() else None


def read(text: str) -> list[Value]:
    """Rows of a profile file; comment and blank lines are skipped, line numbers kept."""
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1)]
    kept = [(n, line) for n, line in numbered if line.strip() and not line.startswith("#")]
    if not kept:
        return []
    header = kept[0][1].split("\t")
    out = []
    for n, line in kept[1:]:
        row = dict(zip(header, next(csv.reader([line], delimiter="\t")), strict=False))
        out.append(
            Value(
                region=row.get("region", "").strip(),
                field=row.get("field", "").strip(),
                value=row.get("value", "").strip(),
                rank=_int(row.get("rank", "")),
                year=_int(row.get("year", "")),
                source=row.get("source", "").strip(),
                note=row.get("note", "").strip(),
                line=n,
            )
        )
    return out


@functools.cache
def values() -> tuple[Value, ...]:
    text = (resources.files("hamkari.partners") / "data" / "region_profiles.tsv").read_text(encoding="utf-8")
    return tuple(read(text))


def _problem(v: Value, regions: set[str], sectors: set[str]) -> str | None:
    if v.region not in regions:
        return f"unknown region {v.region!r}"
    if v.field not in FIELDS:
        return f"unknown field {v.field!r}"
    if not v.value:
        return "empty value (leave the row out instead)"
    if v.field == "sector" and v.value not in sectors:
        return f"unknown sector {v.value!r}"
    if v.field in NUMERIC and not v.value.replace(".", "", 1).isdecimal():
        return f"{v.field} must be a number, not {v.value!r}"
    if not v.source.startswith(("https://", "http://")):
        return "no source address"
    if v.year is None or not 1990 <= v.year <= 2100:
        return "no year"
    return None


def validate(rows: Iterable[Value], *, regions: set[str], sectors: set[str]) -> list[str]:
    """Every problem as `line N: reason`: a value without a source address or a year, an unknown
    region, field or sector, a number that is not one, a sector named twice for one region."""
    problems, seen = [], set()
    for v in rows:
        reason = _problem(v, regions, sectors)
        if reason is None and v.field in ("sector", *NUMERIC):
            key = (v.region, v.field, v.value if v.field == "sector" else "")
            reason = "repeated" if key in seen else None
            seen.add(key)
        if reason:
            problems.append(f"line {v.line}: {reason}")
    return problems


@functools.cache
def references() -> dict[str, Reference]:
    """Region code → its reference profile; sectors in rank order (published rank, else position)."""
    out: dict[str, Reference] = {}
    for v in values():
        ref = out.setdefault(v.region, Reference(v.region))
        ref.values.append(v)
        if v.field == "sector":
            ref.sectors.append((v.value, v.rank or len(ref.sectors) + 1))
    for ref in out.values():
        ref.sectors.sort(key=lambda pair: pair[1])
    return out
