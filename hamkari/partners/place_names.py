"""The ports, rail hubs and border crossings of the reference profiles by their names in the page's
language (`data/reference_places.tsv`). A place that is a node of the transit graph takes the graph's
names (`transit_nodes.tsv`, the one home of its names); the others have theirs in the table. An
English page, and a name the table does not know, show the name as published, in English, and say so
(`PlaceName.language`), so that the page marks it."""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from hamkari.partners import reference, routes
from hamkari.partners.names import language_of

FIELDS = ("port", "rail_hub", "crossing")
SCRIPTS = {
    "fa": re.compile(r"^[\u0600-\u06FF\u200c\s\-/()]+$"),
    "ru": re.compile(r"^[\u0400-\u04FF\s\-()]+$"),
}


@dataclass(frozen=True)
class PlaceName:
    text: str
    language: str  # the language `text` is written in: the page's, or "en" when it has no name


@dataclass(frozen=True)
class Row:
    field: str
    name_en: str
    node: str
    name_fa: str
    name_ru: str
    line: int

    def names(self) -> dict[str, str]:
        """Persian and Russian names: the transit graph's for a node, else the row's own."""
        if self.node:
            graph = routes.network().nodes
            return dict(graph[self.node]["names"]) if self.node in graph else {}
        return {"fa": self.name_fa, "ru": self.name_ru}


def read(text: str) -> list[Row]:
    """Rows of a names file; comment and blank lines skipped, line numbers kept."""
    kept = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip() and line[0] != "#"]
    if not kept:
        return []
    header = kept[0][1].split("\t")
    rows = []
    for n, line in kept[1:]:
        cells = dict(zip(header, next(csv.reader([line], delimiter="\t")), strict=False))
        field, name_en, node, name_fa, name_ru = (
            cells.get(column, "").strip() for column in ("field", "name_en", "node", "name_fa", "name_ru")
        )
        rows.append(Row(field, name_en, node, name_fa, name_ru, line=n))
    return rows


@functools.cache
def table() -> dict[tuple[str, str], Row]:
    """(field, name as published) → its row, from `data/reference_places.tsv`."""
    text = (resources.files("hamkari.partners") / "data" / "reference_places.tsv").read_text(encoding="utf-8")
    return {(row.field, row.name_en): row for row in read(text)}


def place_name(field: str, published: str, language: str | None) -> PlaceName:
    """«بندر انزلی» (fa), «порт Энзели» (ru), «Bandar Anzali» (en) for the port published as
    «Bandar Anzali»; a name without a translation stays as published, in English."""
    lang = language_of(language)
    row = table().get((field, published))
    local = row.names().get(lang, "") if row and lang != "en" else ""
    return PlaceName(local, lang) if local else PlaceName(published, "en")


def _row_problem(row: Row) -> str | None:
    graph = routes.network().nodes
    if row.field not in FIELDS:
        return f"unknown field {row.field!r}"
    if row.node and row.node not in graph:
        return f"unknown node {row.node!r}"
    if row.node and graph[row.node]["kind"] == "centre":
        return f"{row.node!r} is a regional centre (the graph names it by its region): name the city here"
    if row.node and (row.name_fa or row.name_ru):
        return f"names given here and in transit_nodes.tsv ({row.node}): keep them in one place"
    for language, pattern in SCRIPTS.items():
        name = row.names().get(language, "")
        if not name:
            return f"no {language} name"
        if not pattern.match(name):
            return f"the {language} name {name!r} is not in the {language} script"
    return None


def validate(rows: Iterable[Row], published: Iterable[reference.Value]) -> list[str]:
    """Every problem as `line N: reason`: a row with an unknown field or node, a row that names a
    node of the graph again, a missing name or one in another script, a place named twice; and a
    port, hub or crossing of the profiles (`region_profiles.tsv line N`) that has no row."""
    problems, seen = [], set()
    for row in rows:
        key = (row.field, row.name_en)
        reason = "named twice" if key in seen else _row_problem(row)
        seen.add(key)
        if reason:
            problems.append(f"line {row.line}: {reason}")
    for value in published:
        if value.field in FIELDS and (value.field, value.value) not in seen:
            problems.append(
                f"region_profiles.tsv line {value.line}: no names for {value.field} {value.value!r}"
            )
    return problems
