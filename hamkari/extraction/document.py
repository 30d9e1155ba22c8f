"""The one document object that the pipeline's components read and extend, and the typed records
they add to it.

Every record carries the `[start, end)` span of the original text it came from and a
`Provenance`: the component that produced it and the lexicon entry or rule behind it.
"""

from __future__ import annotations

import datetime as dt
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from hamkari.extraction.errors import ExtractionError

if TYPE_CHECKING:
    from hamkari.extraction.dates import FoundDate
    from hamkari.extraction.normalize import Folded
    from hamkari.extraction.when import When


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"empty or reversed span [{self.start}, {self.end})")

    def as_list(self) -> list[int]:
        return [self.start, self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


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


@dataclass(slots=True)
class Quantity:
    value: float | int
    unit: str | None
    text: str
    span: Span
    provenance: Provenance
    subject: str | None = None


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
            raise TimeBudgetExceeded(f"extraction took longer than its time budget of {self.seconds:g} s")


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
    matches: list[Match] = field(default_factory=list)
    match_starts: list[int] = field(default_factory=list, repr=False)
    match_cache: dict[tuple[int, int], list[Match]] = field(default_factory=dict, repr=False)
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
    sentence_starts: list[int] = field(default_factory=list, repr=False)

    def check_budget(self) -> None:
        """Raise `TimeBudgetExceeded` once the document's time budget is spent."""
        if self.budget is not None:
            self.budget.check()

    def span_of(self, start: int, end: int) -> Span:
        """The original span of folded `[start, end)`."""
        assert self.folded is not None
        if self.budget is not None:
            self.budget.check()
        return self.folded.to_original(start, end)

    def is_ignored(self, span: Span) -> bool:
        return bool(self.ignored) and any(i.overlaps(span) for i in self.ignored)

    def quote(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence that holds original offset `pos` (sentences are sorted and disjoint)."""
        if self.budget is not None:
            self.budget.check()
        if len(self.sentence_starts) != len(self.sentences):
            self.sentence_starts = [s.span.start for s in self.sentences]
        i = bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].span.end:
            return self.sentences[i]
        return None

    def matches_in(self, span: Span) -> list[Match]:
        """Matches that lie inside `span` (matches are kept sorted by start)."""
        if self.budget is not None:
            self.budget.check()
        if len(self.match_starts) != len(self.matches):
            self.match_starts = [m.span.start for m in self.matches]
            self.match_cache = {}
        cached = self.match_cache.get((span.start, span.end))
        if cached is not None:
            return cached
        i = bisect_left(self.match_starts, span.start)
        out = []
        while i < len(self.matches) and self.matches[i].span.start < span.end:
            if self.matches[i].span.end <= span.end:
                out.append(self.matches[i])
            i += 1
        self.match_cache[(span.start, span.end)] = out
        return out

    def entities_of(self, type_: str) -> list[Entity]:
        return [e for e in self.entities if e.type == type_]
