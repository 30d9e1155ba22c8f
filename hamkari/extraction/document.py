"""The one document object that the pipeline's components read and extend, and the typed records
they add to it.

Every record carries the `[start, end)` span of the original text it came from and a
`Provenance`: the component that produced it and the lexicon entry or rule behind it.
"""

from __future__ import annotations

import datetime as dt
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from hamkari.extraction.errors import ExtractionError

if TYPE_CHECKING:
    from hamkari.extraction.dates import FoundDate
    from hamkari.extraction.normalize import Folded
    from hamkari.extraction.when import When


@dataclass(frozen=True, slots=True, init=False)
class Span:
    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        # Hundreds of spans are made per article: the slots are written through their
        # descriptors, which costs about half of the frozen dataclass's `object.__setattr__`
        # (benchmarks/bench_extract.py); the span stays frozen for everyone else.
        if not 0 <= start < end:
            raise ValueError(f"empty or reversed span [{start}, {end})")
        _SET_START(self, start)
        _SET_END(self, end)

    def as_list(self) -> list[int]:
        return [self.start, self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


# the slot descriptors' setters (a frozen class's own __setattr__ refuses)
_SET_START: Callable[[Span, int], None] = Span.__dict__["start"].__set__
_SET_END: Callable[[Span, int], None] = Span.__dict__["end"].__set__


@dataclass(frozen=True, slots=True)
class Provenance:
    component: str
    rule: str  # a lexicon entry ("fa/regions.tsv:12") or a named rule ("people.title_after_name")

    def as_dict(self) -> dict[str, str]:
        return {"component": self.component, "rule": self.rule}


@dataclass(slots=True)
class Match:
    """A lexicon term found in the text."""

    span: Span
    table: str  # "regions", "titles" …
    key: str  # the entry's key: "IR-01", "head_of_region" …
    attrs: tuple[str, ...]  # the entry's other columns
    provenance: Provenance
    fstart: int = 0  # folded offsets
    fend: int = 0


@dataclass(slots=True)
class Token:
    """A word of the folded text; `lemma` is the Russian dictionary form, else the word."""

    text: str
    lemma: str
    start: int  # folded offsets
    end: int


@dataclass(slots=True)
class Sentence:
    span: Span


@dataclass(slots=True)
class Mention:
    span: Span
    provenance: Provenance


@dataclass(slots=True)
class Role:
    title: str
    role: str
    span: Span
    provenance: Provenance
    region: str | None = None
    organization: str | None = None
    country: str | None = None


@dataclass(slots=True)
class Entity:
    type: str  # region, country, city, person, organization, sector, route, market, place
    name: str
    ref: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    kind: str | None = None  # organisation or place kind
    region: str | None = None
    country: str | None = None
    roles: list[Role] = field(default_factory=list)
    id: str = ""
    key: tuple[str, ...] = ()  # folded words that identify the entity within one document
    aliases: list[str] = field(default_factory=list)  # other spellings in the text (a person's case forms)

    def first(self) -> int:
        return min(m.span.start for m in self.mentions)


@dataclass(slots=True)
class Outlet:
    name: str
    span: Span
    provenance: Provenance
    ref: str | None = None


@dataclass(slots=True)
class StatusStep:
    status: str
    span: Span
    provenance: Provenance


@dataclass(slots=True)
class Event:
    type: str
    evidence: Span
    provenance: Provenance
    date: dt.date | None = None
    participants: list[Entity] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    when: When | None = None  # the words that date the event (component event_dates)


@dataclass(slots=True)
class Instrument:
    kind: str
    status: str
    evidence: Span
    provenance: Provenance
    history: list[StatusStep] = field(default_factory=list)
    parties: list[Entity] = field(default_factory=list)


@dataclass(slots=True)
class Commitment:
    action: str
    evidence: Span
    provenance: Provenance
    actor: Entity | None = None
    due: dt.date | None = None
    due_relative: str | None = None
    due_expression: str | None = None
    # how exact `due` is: day, month, quarter, half or year (the last day of the period named)
    due_precision: str | None = None


@dataclass(slots=True)
class Quantity:
    value: float | int
    unit: str | None
    text: str
    span: Span
    provenance: Provenance
    subject: str | None = None


class MentionIndex:
    """Entities by the spans of their mentions: those mentioned inside a span in O(log n + k),
    each answer remembered."""

    def __init__(self, entities: list[Entity]) -> None:
        self.size = len(entities)
        self._entities = entities
        self._items = [
            (m.span.start, m.span.end, n, k) for n, e in enumerate(entities) for k, m in enumerate(e.mentions)
        ]
        self._items.sort()
        self._starts = [item[0] for item in self._items]
        self._cache: dict[tuple[int, int, tuple[str, ...]], list[Entity]] = {}

    def mentions_inside(self, span: Span, types: tuple[str, ...]) -> list[tuple[Entity, Mention]]:
        """Mentions inside `span` of entities of `types`, in text order."""
        out = []
        i = bisect_left(self._starts, span.start)
        while i < len(self._items) and self._items[i][0] < span.end:
            _, end, n, k = self._items[i]
            if end <= span.end and self._entities[n].type in types:
                out.append((self._entities[n], self._entities[n].mentions[k]))
            i += 1
        return out

    def inside(self, span: Span, types: tuple[str, ...]) -> list[Entity]:
        key = (span.start, span.end, types)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        found: set[int] = set()
        i = bisect_left(self._starts, span.start)
        while i < len(self._items) and self._items[i][0] < span.end:
            _, end, n, _ = self._items[i]
            if end <= span.end and self._entities[n].type in types:
                found.add(n)
            i += 1
        out = [self._entities[n] for n in sorted(found)]
        self._cache[key] = out
        return out


# The lookups (`span_of`, `matches_in`, `sentence_at`) read the clock once every 64 calls
# (CLOCK_MASK): reading it cost more than most lookups, and 64 lookups take microseconds.
CLOCK_MASK = 63  # a lookup whose count has these bits clear reads the clock


class TimeBudgetExceeded(ExtractionError):
    """Extraction of one document took longer than its time budget."""


class ExtraFact(Protocol):
    """A fact of a kind that a component contributes (`Document.more`): its JSON carries a
    readable `summary` and the `evidence` span, so the report and the output need not know it."""

    def as_json(self, ref: Callable[[Entity | None], str | None]) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Budget:
    """The time one document may take, checked between components and by the document's
    lookups (`span_of`, `matches_in`, `sentence_at`), which every component's loops go through."""

    seconds: float
    deadline: float  # time.monotonic() value

    @classmethod
    def starting_now(cls, seconds: float) -> Budget:
        return cls(seconds, time.monotonic() + seconds)

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise TimeBudgetExceeded(
                "extraction took longer than its time budget of %(seconds)s s", seconds=f"{self.seconds:g}"
            )


@dataclass(slots=True)
class Document:
    """What the pipeline works on: the decoded text, its folded form, and everything found."""

    text: str
    source: str = "-"
    language: str | None = None
    published: dt.date | None = None
    published_provenance: Provenance | None = None
    title: str | None = None
    folded: Folded | None = None
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[FoundDate] = field(default_factory=list)  # calendar dates in the folded text
    tokens: list[Token] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list, repr=False)
    token_ends: list[int] = field(default_factory=list, repr=False)
    token_texts: list[str] = field(default_factory=list, repr=False)
    token_lemmas: list[str] = field(default_factory=list, repr=False)
    matches: list[Match] = field(default_factory=list)
    match_starts: list[int] = field(default_factory=list, repr=False)
    match_cache: dict[tuple[int, int, tuple[str, ...], str | None], list[Match]] = field(
        default_factory=dict, repr=False
    )
    outlets: list[Outlet] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    # Facts of the kinds a component adds beyond the ones above, by their name in the JSON
    # ("delegations"); each item has `as_json(ref)` (see `ExtraFact`).
    more: dict[str, list[ExtraFact]] = field(default_factory=dict)
    when: When | None = None  # the words that date what the article reports (its lead)
    # Spans of the original text that components must ignore (page furniture, header dates).
    ignored: list[Span] = field(default_factory=list)
    budget: Budget | None = field(default=None, repr=False)
    lookups: int = field(default=0, repr=False)  # lookups so far; every 64th reads the clock
    sentence_starts: list[int] = field(default_factory=list, repr=False)
    date_starts: list[int] = field(default_factory=list, repr=False)
    mention_index: MentionIndex | None = field(default=None, repr=False)
    table_index: dict[str, tuple[list[int], list[Match], int, int]] = field(default_factory=dict, repr=False)
    by_table: dict[str, list[Match]] = field(default_factory=dict, repr=False)
    token_ranges: list[tuple[Match, int, int]] = field(default_factory=list, repr=False)
    # the `matches` list (and its length) that `by_table` and `token_ranges` were made from
    by_table_of: tuple[list[Match], int] | None = field(default=None, repr=False)
    token_ranges_of: tuple[list[Match], int] | None = field(default=None, repr=False)

    def check_budget(self) -> None:
        """Raise `TimeBudgetExceeded` once the document's time budget is spent."""
        if self.budget is not None:
            self.budget.check()

    def span_of(self, start: int, end: int) -> Span:
        """The original span of folded `[start, end)`."""
        assert self.folded is not None
        if self.budget is not None:
            self.lookups += 1
            if not self.lookups & CLOCK_MASK:
                self.budget.check()
        return self.folded.to_original(start, end)

    def is_ignored(self, span: Span) -> bool:
        return bool(self.ignored) and any(i.overlaps(span) for i in self.ignored)

    def quote(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence that holds original offset `pos` (sentences are sorted and disjoint)."""
        if self.budget is not None:
            self.lookups += 1
            if not self.lookups & CLOCK_MASK:
                self.budget.check()
        if len(self.sentence_starts) != len(self.sentences):
            self.sentence_starts = [s.span.start for s in self.sentences]
        i = bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].span.end:
            return self.sentences[i]
        return None

    def matches_in(self, span: Span, tables: tuple[str, ...] = (), key: str | None = None) -> list[Match]:
        """Matches that lie inside `span`, optionally only those of `tables` (and with `key`);
        each answer is remembered, so asking again for one sentence costs nothing. Callers must
        not change the list."""
        if self.budget is not None:
            self.lookups += 1
            if not self.lookups & CLOCK_MASK:
                self.budget.check()
        if len(self.match_starts) != len(self.matches):
            self.match_starts = [m.span.start for m in self.matches]
            self.match_cache = {}
        cache_key = (span.start, span.end, tables, key)
        cached = self.match_cache.get(cache_key)
        if cached is not None:
            return cached
        if tables:
            inside = self.matches_in(span)
            if key is None:
                out = [m for m in inside if m.table in tables]
            else:
                out = [m for m in inside if m.key == key and m.table in tables]
        else:
            # the matches that start inside the span (they are sorted by start), those that end in it
            i = bisect_left(self.match_starts, span.start)
            j = bisect_left(self.match_starts, span.end, lo=i)
            end = span.end
            out = [m for m in self.matches[i:j] if m.span.end <= end]
        self.match_cache[cache_key] = out
        return out

    def matches_of(self, table: str) -> list[Match]:
        """The matches of one lexicon table, in text order. The components ask for one table
        about fifteen times an article; the matches are grouped by table once (again when
        `matches` is replaced or grows). Callers must not change the list."""
        made = self.by_table_of
        if made is None or made[0] is not self.matches or made[1] != len(self.matches):
            grouped: dict[str, list[Match]] = {}
            for m in self.matches:
                grouped.setdefault(m.table, []).append(m)
            self.by_table = grouped
            self.by_table_of = (self.matches, len(self.matches))
        return self.by_table.get(table, [])

    def matches_over_tokens(self) -> list[tuple[Match, int, int]]:
        """Every match with the tokens it touches, `(match, first, end)` (tokens first..end-1;
        «Region's» is touched by «Saratov Region»), in the order of `matches`: four components
        cover tokens with matches, and the bisections are made once."""
        made = self.token_ranges_of
        if made is None or made[0] is not self.matches or made[1] != len(self.matches):
            if len(self.token_starts) != len(self.tokens):
                self.token_starts = [t.start for t in self.tokens]
                self.token_ends = [t.end for t in self.tokens]
            starts, ends = self.token_starts, self.token_ends
            self.token_ranges = [
                (m, bisect_right(ends, m.fstart), bisect_left(starts, m.fend)) for m in self.matches
            ]
            self.token_ranges_of = (self.matches, len(self.matches))
        return self.token_ranges

    def sentences_holding(self, matches: Iterable[Match]) -> set[int]:
        """The starts of the sentences that hold the start of one of `matches`: a loop over
        sentences that looks for these matches in each can pass over the others."""
        out: set[int] = set()
        for m in matches:
            sentence = self.sentence_at(m.span.start)
            if sentence is not None:
                out.add(sentence.span.start)
        return out

    def sentences_started(self, pos: int) -> int:
        """How many sentences start at or before original offset `pos`."""
        if len(self.sentence_starts) != len(self.sentences):
            self.sentence_starts = [s.span.start for s in self.sentences]
        return bisect_right(self.sentence_starts, pos)

    def date_at(self, fpos: int) -> FoundDate | None:
        """The calendar date whose folded span holds `fpos` (dates are sorted and disjoint)."""
        if len(self.date_starts) != len(self.dates):
            self.date_starts = [d.start for d in self.dates]
        i = bisect_right(self.date_starts, fpos) - 1
        return self.dates[i] if i >= 0 and fpos < self.dates[i].end else None

    def matches_at(self, start: int) -> list[Match]:
        """Matches whose original span starts at `start`."""
        if len(self.match_starts) != len(self.matches):
            self.match_starts = [m.span.start for m in self.matches]
            self.match_cache = {}
        i = bisect_left(self.match_starts, start)
        j = bisect_right(self.match_starts, start, lo=i)
        return self.matches[i:j]

    def matches_near(self, x: Match, reach: int, table: str, within: Span) -> list[Match]:
        """Matches of `table` inside `within` that start or end within `reach` folded characters
        of `x` (|m.fstart - x.fend| ≤ reach or |x.fstart - m.fend| ≤ reach), found by bisection
        rather than by reading every match of the sentence."""
        if len(self.match_starts) != len(self.matches):
            self.match_starts = [m.span.start for m in self.matches]
            self.match_cache = {}
        index = self.table_index.get(table)
        if index is None or index[3] != len(self.matches):
            items = sorted((m for m in self.matches if m.table == table), key=lambda m: m.fstart)
            longest = max((m.fend - m.fstart for m in items), default=0)
            index = ([m.fstart for m in items], items, longest, len(self.matches))
            self.table_index[table] = index
        fstarts, items, longest, _ = index
        i = bisect_left(fstarts, x.fstart - reach - longest)
        j = bisect_right(fstarts, x.fend + reach)
        close = [m for m in items[i:j] if abs(m.fstart - x.fend) <= reach or abs(x.fstart - m.fend) <= reach]
        return [m for m in close if within.contains(m.span)]

    def entities_in(self, span: Span, *types: str) -> list[Entity]:
        """Entities of `types` with a mention inside `span`, in the order of `entities`.

        The index behind it is built on first use and dropped by the pipeline after every
        component that declares it provides or extends `entities` (`forget_indexes`); the
        components that only require them share one index. So a component that adds entities
        or mentions must declare it, and must not rely on the index to read them back in the
        same run."""
        if self.mention_index is None or self.mention_index.size != len(self.entities):
            self.mention_index = MentionIndex(self.entities)
        return self.mention_index.inside(span, types)

    def mentions_in(self, span: Span, *types: str) -> list[tuple[Entity, Mention]]:
        """Mentions inside `span` of entities of `types`, in text order (same index as `entities_in`)."""
        if self.mention_index is None or self.mention_index.size != len(self.entities):
            self.mention_index = MentionIndex(self.entities)
        return self.mention_index.mentions_inside(span, types)

    def forget_indexes(self) -> None:
        """Drop the indexes built from entities; the pipeline calls it after every component that
        provides or extends `entities`."""
        self.mention_index = None

    def entities_of(self, type_: str) -> list[Entity]:
        return [e for e in self.entities if e.type == type_]
