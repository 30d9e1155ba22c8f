"""The one loader of the lexicon files in `lexicons/{fa,ru,en}/` (format in lexicons/README.md)
and the matcher built from them."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

import ahocorasick

from hamkari.extraction.morphology import foreign_oblique_lemmas, lemma
from hamkari.extraction.normalize import WORD, fold_term

LANGUAGES = ("fa", "ru", "en")

# Number of key/attribute columns before the terms column, per table.
COLUMNS: dict[str, int] = {
    "regions": 1,
    "cities": 2,
    "countries": 1,
    "places": 3,
    "routes": 2,
    "markets": 1,
    "sectors": 1,
    "titles": 2,
    "honorifics": 1,
    "given_names": 1,
    "organizations": 2,
    "outlets": 1,
    "outlet_cues": 1,
    "events": 1,
    "instruments": 1,
    "statuses": 1,
    "modality": 1,
    "numbers": 2,
    "units": 1,
    "durations": 1,
    "deadline_cues": 1,
    "months": 2,
    "days": 2,
    "stopwords": 1,
    "noise": 1,
    "suffixes": 1,
    "cues": 1,
}


def register_table(table: str, columns: int) -> None:
    """A component that brings a fact kind of its own declares its table here (one file per
    language, `lexicons/<lang>/<table>.tsv`, `columns` cells before the terms)."""
    if COLUMNS.setdefault(table, columns) != columns:
        raise LexiconError(f"lexicon table {table!r} is already declared with {COLUMNS[table]} columns")


# Tables whose terms are searched in running text. The others are looked up word by word.
MATCHED_TABLES = (
    "regions",
    "cities",
    "countries",
    "places",
    "routes",
    "markets",
    "sectors",
    "titles",
    "honorifics",
    "organizations",
    "outlets",
    "outlet_cues",
    "events",
    "instruments",
    "statuses",
    "modality",
    "units",
    "durations",
    "deadline_cues",
    "months",
    "cues",
)


class LexiconError(ValueError):
    """A lexicon file breaks the format; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Entry:
    lang: str
    table: str
    line: int
    key: str
    attrs: tuple[str, ...]
    terms: tuple[str, ...]
    rule: str  # where the entry is written: "fa/regions.tsv:12"


def _read(lang: str, table: str) -> str | None:
    path = resources.files("hamkari.extraction") / "lexicons" / lang / f"{table}.tsv"
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8")


@functools.cache
def load_table(lang: str, table: str) -> tuple[Entry, ...]:
    if table not in COLUMNS:
        raise LexiconError(f"unknown lexicon table {table!r}")
    content = _read(lang, table)
    if content is None:
        return ()
    width = COLUMNS[table]
    entries = []
    for number, raw in enumerate(content.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != width + 1:
            raise LexiconError(
                f"{lang}/{table}.tsv:{number}: expected {width + 1} tab-separated columns, got {len(cells)}"
            )
        terms = tuple(t.strip() for t in cells[-1].split(" | ") if t.strip())
        if not terms:
            raise LexiconError(f"{lang}/{table}.tsv:{number}: no terms")
        key, *attrs = (c.strip() for c in cells[:-1])
        entries.append(Entry(lang, table, number, key, tuple(attrs), terms, f"{lang}/{table}.tsv:{number}"))
    return tuple(entries)


def entries(table: str, langs: Iterable[str] = LANGUAGES) -> Iterator[Entry]:
    for lang in langs:
        yield from load_table(lang, table)


@functools.cache
def word_set(table: str, *keys: str) -> frozenset[str]:
    """Folded single terms of a table (optionally only the given keys), for word lookups."""
    return frozenset(fold_term(t) for e in entries(table) if not keys or e.key in keys for t in e.terms)


@functools.cache
def persian_suffixes() -> tuple[str, ...]:
    found = {fold_term(t) for e in load_table("fa", "suffixes") for t in e.terms}
    return tuple(sorted(found, key=len, reverse=True))


def script_of(text: str) -> str:
    """The language of the first letter's script (Arabic → fa, Cyrillic → ru, other → en); "" without one."""
    for c in text:
        if "\u0600" <= c <= "\u06ff":
            return "fa"
        if "\u0400" <= c <= "\u04ff":
            return "ru"
        if c.isalpha():
            return "en"
    return ""


def persian_variants(folded: str) -> set[str]:
    """Joined and spaced spellings of a multi-word Persian term: «حمل و نقل» → «حملونقل» …"""
    parts = folded.split(" ")
    if len(parts) == 1 or len(parts) > 6:
        return {folded}
    out = set()
    for joins in itertools.product((" ", ""), repeat=len(parts) - 1):
        out.add("".join(p + j for p, j in zip(parts, (*joins, ""), strict=True)))
    return out


# Tables of place names whose foreign one-word names are also found in the oblique cases.
_DECLINED_PLACES = frozenset({"cities", "regions"})


def lemma_key(term: str) -> str:
    return " ".join(lemma(t) for t in WORD.findall(fold_term(term)))


@dataclass(frozen=True, slots=True)
class Pattern:
    entry: Entry
    script: str
    length: int


class Automaton:
    """Aho–Corasick over folded terms; values are the entries that spell that term."""

    def __init__(self, items: Iterable[tuple[str, Entry]]) -> None:
        self._a = ahocorasick.Automaton()
        table: dict[str, list[Pattern]] = {}
        for key, entry in items:
            if key:
                table.setdefault(key, []).append(Pattern(entry, script_of(key) or "en", len(key)))
        for key, patterns in table.items():
            self._a.add_word(key, (len(key) - 1, tuple(patterns)))
        self.size = len(table)
        if self.size:
            self._a.make_automaton()

    def iter(self, text: str) -> Iterator[tuple[int, int, tuple[Pattern, ...]]]:
        """Yield `(start, end, patterns)` for every occurrence, overlapping ones included."""
        yield from self.find(text)

    def occurrences(self, text: str) -> Iterator[tuple[int, tuple[int, tuple[Pattern, ...]]]]:
        """The automaton's own `(last index, (length - 1, patterns))` of every occurrence, for the
        one caller that reads every occurrence of every document and filters most away as it goes."""
        found: Iterator[tuple[int, tuple[int, tuple[Pattern, ...]]]] = (
            self._a.iter(text) if self.size else iter(())
        )
        return found

    def find(self, text: str) -> list[tuple[int, int, tuple[Pattern, ...]]]:
        """`(start, end, patterns)` of every occurrence, overlapping ones included, in the order
        of their ends (one list: the matcher reads every occurrence of every document)."""
        if not self.size:
            return []
        return [(end - before, end + 1, patterns) for end, (before, patterns) in self._a.iter(text)]


@functools.cache
def surface_automaton() -> Automaton:
    def items() -> Iterator[tuple[str, Entry]]:
        for table in MATCHED_TABLES:
            for entry in entries(table):
                for term in entry.terms:
                    folded = fold_term(term)
                    keys = persian_variants(folded) if script_of(folded) == "fa" else {folded}
                    for k in keys:
                        yield k, entry

    return Automaton(items())


@functools.cache
def lemma_automaton() -> Automaton:
    """Russian terms by lemma, so that «Волгоградской области» finds «Волгоградская область»; a
    one-word place name that pymorphy3 cannot decline also by the lemmas of its oblique cases
    («Торгово-промышленной палаты Решта» finds «Решт»)."""

    def items() -> Iterator[tuple[str, Entry]]:
        for table in MATCHED_TABLES:
            for entry in load_table("ru", table):
                for term in entry.terms:
                    key = lemma_key(term)
                    yield key, entry
                    if table in _DECLINED_PLACES:
                        for oblique in foreign_oblique_lemmas(key):
                            yield oblique, entry

    return Automaton(items())
