"""Delegations: a group of officials or business people that travels or is received
(«هیئتی ۴۰ نفره از استان …», «делегация из 30 человек во главе с …», «a 25-member delegation
led by …»): its size, leader, members with their posts, where it comes from and where it goes,
its purpose and its date.

The words are data, `lexicons/<lang>/delegations.tsv`: the delegation words (`cue`, matched as
a word start so that «هیئتی», «делегацию», «delegations» count) and the words that mark its
size, leader, members, origin, destination and purpose. One delegation per sentence, kept only
when the sentence says more than the word (a size, a leader or a place), so that «the
delegation then visited the port» does not count a second one."""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hamkari.extraction.document import Document, Entity, ExtraFact, Provenance, Sentence, Span
from hamkari.extraction.lexicon import Entry, load_table, register_table
from hamkari.extraction.normalize import fold_term
from hamkari.extraction.pipeline import Component, registered

TABLE = "delegations"
register_table(TABLE, 1)
REACH = 80  # folded characters from a cue to the size, leader or purpose it governs


@dataclass(slots=True)
class Delegation:
    evidence: Span
    provenance: Provenance
    size: int | None = None
    leader: Entity | None = None
    members: list[Entity] = field(default_factory=list)
    origin: str | None = None  # region or country code
    destination: str | None = None
    purpose: str = ""
    date: dt.date | None = None

    def as_json(self, ref: Callable[[Entity | None], str | None]) -> dict[str, Any]:
        return {
            "size": self.size,
            "leader": ref(self.leader),
            "members": [ref(m) for m in self.members],
            "origin": self.origin,
            "destination": self.destination,
            "purpose": self.purpose,
            "date": self.date.isoformat() if self.date else None,
            "evidence": self.evidence.as_list(),
            "provenance": self.provenance.as_dict(),
            "summary": self.summary(),
        }

    def summary(self) -> str:
        parts = [f"{self.size}" if self.size else "", self.leader.name if self.leader else ""]
        parts.append(f"{self.origin or '?'} → {self.destination or '?'}")
        return " · ".join(p for p in parts if p)


@dataclass(frozen=True)
class Words:
    """The compiled word lists of one language."""

    cue: re.Pattern[str]
    cue_entries: tuple[tuple[str, Entry], ...]  # folded term → its entry, for provenance
    not_cue: re.Pattern[str] | None
    size: re.Pattern[str] | None
    leader: re.Pattern[str] | None
    members: re.Pattern[str] | None
    origin: re.Pattern[str] | None
    destination: re.Pattern[str] | None
    purpose: re.Pattern[str] | None


def _alternatives(terms: list[str]) -> str:
    return "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))


def _word_start_alternatives(terms: list[str]) -> str:
    r"""`(?<!\w)(?:…)` of `terms` with the lookbehind moved after each term's first letter
    («x(?<!\wx)…» is «(?<!\w)x…»): the regex engine then skips to those letters instead of
    trying the lookbehind at every position (the cue pattern reads every sentence)."""
    return "|".join(
        re.escape(t[0]) + r"(?<!\w" + re.escape(t[0]) + ")" + re.escape(t[1:])
        for t in sorted(set(terms), key=len, reverse=True)
    )


def _pattern(terms: list[str], template: str) -> re.Pattern[str] | None:
    return re.compile(template.format(_alternatives(terms))) if terms else None


@functools.cache
def words_of(lang: str) -> Words | None:
    by_key: dict[str, list[str]] = {}
    cue_entries = []
    for entry in load_table(lang, TABLE):
        folded = [fold_term(t) for t in entry.terms]
        by_key.setdefault(entry.key, []).extend(folded)
        if entry.key == "cue":
            cue_entries += [(t, entry) for t in folded]
    if not by_key.get("cue"):
        return None
    place = _alternatives(by_key.get("place_noun", [])) or "(?!)"
    # a place word and up to two place nouns before it: «from the Republic of», «به استان»
    before_place = r"(?<!\w)(?:{})(?:\s+(?:" + place + r"))*\s*$"
    return Words(
        cue=re.compile(r"(?:" + _word_start_alternatives(by_key["cue"]) + r")\w*"),
        cue_entries=tuple(sorted(cue_entries, key=lambda te: -len(te[0]))),
        not_cue=_pattern(by_key.get("not_cue", []), r"(?<!\w)(?:{})(?!\w)"),
        # «40-member», «40 человек», «۴۰ نفره»: a number and a word for people
        size=_pattern(by_key.get("size", []), r"(?<![\w.,])(\d{{1,4}})\s?-?\s?(?:{})(?!\w)"),
        leader=_pattern(by_key.get("leader", []), r"(?<!\w)(?:{})(?!\w)"),
        members=_pattern(by_key.get("members", []), r"(?<!\w)(?:{})(?!\w)"),
        origin=_pattern(by_key.get("from", []), before_place),
        destination=_pattern(by_key.get("to", []), before_place),
        purpose=_pattern(by_key.get("purpose", []), r"(?<!\w)(?:{})(?!\w)"),
    )


@registered
class DelegationFinder(Component):
    name = "delegations"
    requires = ("text", "folded", "language", "ignored", "sentences", "dates", "published", "entities")
    provides = ("delegations",)

    def __call__(self, doc: Document) -> None:
        words = words_of(doc.language or "")
        if words is None or doc.folded is None:
            return
        found: list[ExtraFact] = []
        index = _Index(doc)
        for sentence in doc.sentences:
            delegation = self._in_sentence(doc, words, sentence, index)
            if delegation is not None:
                found.append(delegation)
        if found:
            doc.more[TABLE] = found

    def _in_sentence(
        self, doc: Document, words: Words, sentence: Sentence, index: _Index
    ) -> Delegation | None:
        assert doc.folded is not None
        start, end = doc.folded.to_folded(sentence.span.start, sentence.span.end)
        text = doc.folded.text
        cue = next(
            (c for c in words.cue.finditer(text, start, end) if not self._excluded(words, text, c)), None
        )
        if cue is None or doc.is_ignored(doc.span_of(cue.start(), cue.end())):
            return None
        near = (max(start, cue.start() - REACH), min(end, cue.end() + REACH))
        people = index.people(start, end)
        spans = [(cue.start(), cue.end())]
        delegation = Delegation(
            evidence=doc.span_of(*spans[0]), provenance=self._provenance(words, cue.group())
        )
        size = words.size.search(text, *near) if words.size else None
        if size is not None:
            delegation.size = int(size.group(1))
            spans.append(size.span())
        delegation.leader = self._after(words.leader, text, cue.end(), end, people)
        members_cue = words.members.search(text, cue.start(), end) if words.members else None
        if members_cue is not None:
            delegation.members = [
                p for s, p in people if s > members_cue.end() and p is not delegation.leader
            ]
        spans += self._places(doc, words, delegation, index.places(start, end), start)
        if not (delegation.size or delegation.leader or delegation.origin or delegation.destination):
            return None
        delegation.purpose = self._purpose(doc, words, cue.end(), end)
        spans += index.mention_spans([delegation.leader, *delegation.members], start, end)
        delegation.evidence = doc.span_of(min(s for s, _ in spans), max(e for _, e in spans))
        date = index.first_date(start, end)
        delegation.date = date if date is not None else doc.published
        return delegation

    @staticmethod
    def _excluded(words: Words, text: str, cue: re.Match[str]) -> bool:
        """«هیئت مدیره» (a board), «هیئت دولت» (the cabinet) start like a delegation."""
        return words.not_cue is not None and words.not_cue.match(text, cue.start()) is not None

    @staticmethod
    def _provenance(words: Words, matched: str) -> Provenance:
        entry = next(e for t, e in words.cue_entries if matched.startswith(t))
        return Provenance("delegations", entry.rule)

    @staticmethod
    def _after(
        pattern: re.Pattern[str] | None, text: str, start: int, end: int, people: list[tuple[int, Entity]]
    ) -> Entity | None:
        """The first person named within reach after a leader word: «led by», «во главе с»."""
        cue = pattern.search(text, start, end) if pattern else None
        if cue is None:
            return None
        return next((p for s, p in people if cue.end() <= s <= cue.end() + REACH), None)

    def _places(
        self,
        doc: Document,
        words: Words,
        delegation: Delegation,
        places: list[tuple[int, int, str]],
        start: int,
    ) -> list[tuple[int, int]]:
        """Origin and destination from the word before a region or country («from», «в», «به»);
        else the leader's region is the origin and another place of the sentence the other end.
        `places` are the sentence's (see `_Index.places`). Returns the folded spans of the places
        it took."""
        assert doc.folded is not None
        text = doc.folded.text
        for fstart, _, ref in places:
            before = text[max(start, fstart - 40) : fstart]
            if delegation.origin is None and words.origin and words.origin.search(before):
                delegation.origin = ref
            elif delegation.destination is None and words.destination and words.destination.search(before):
                delegation.destination = ref
        leader_regions = [
            r.region for r in (delegation.leader.roles if delegation.leader else []) if r.region
        ]
        if delegation.origin is None and leader_regions and leader_regions[0] != delegation.destination:
            delegation.origin = leader_regions[0]
        others = [ref for _, _, ref in places if ref not in (delegation.origin, delegation.destination)]
        if others and delegation.origin is not None and delegation.destination is None:
            delegation.destination = others[0]
        elif others and delegation.destination is not None and delegation.origin is None:
            delegation.origin = others[0]
        return [(s, e) for s, e, ref in places if ref in (delegation.origin, delegation.destination)]

    @staticmethod
    def _purpose(doc: Document, words: Words, start: int, end: int) -> str:
        """The words after «to discuss», «для обсуждения», «به منظور», up to the clause's end."""
        assert doc.folded is not None
        cue = words.purpose.search(doc.folded.text, start, end) if words.purpose else None
        if cue is None:
            return ""
        stop = re.compile(r"[,;:.!?،؛]").search(doc.folded.text, cue.start(), end)
        span = doc.span_of(cue.start(), min(stop.start() if stop else end, cue.start() + 120))
        return doc.quote(span).strip()


class _Index:
    """The folded starts of every person's, place's and date's mentions, sorted once per
    document (when the first delegation word asks), so that each sentence with a delegation
    word reads only its own: a scan of every mention per such sentence made long texts
    quadratic."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._people: list[tuple[int, Entity]] | None = None
        self._people_starts: list[int] = []
        self._places: list[tuple[int, int, str]] | None = None
        self._place_starts: list[int] = []
        self._date_starts: list[int] | None = None
        self._mentions: dict[int, list[tuple[int, int]]] = {}  # id(person) → folded spans, sorted

    def people(self, start: int, end: int) -> list[tuple[int, Entity]]:
        """The people named in folded [start, end), by the folded start of each mention, in order."""
        if self._people is None:
            assert self.doc.folded is not None
            to_folded = self.doc.folded.to_folded
            # the order of `entities`, then of mentions, breaks ties (a stable sort keeps it)
            people = [
                (to_folded(m.span.start, m.span.end)[0], person)
                for person in self.doc.entities_of("person")
                for m in person.mentions
            ]
            people.sort(key=lambda sp: sp[0])
            self._people, self._people_starts = people, [s for s, _ in people]
        starts = self._people_starts
        return self._people[bisect_left(starts, start) : bisect_left(starts, end)]

    def places(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(folded start, end, region or country code) of the places named in folded [start, end)."""
        if self._places is None:
            assert self.doc.folded is not None
            to_folded = self.doc.folded.to_folded
            doc = self.doc
            places = []
            for place in doc.entities_of("region") + doc.entities_of("country") + doc.entities_of("city"):
                code = place.region if place.type == "city" else place.ref  # a city stands for its region
                if code:
                    places += [(*to_folded(m.span.start, m.span.end), code) for m in place.mentions]
            places.sort(key=lambda p: p[0])
            self._places, self._place_starts = places, [p[0] for p in places]
        starts = self._place_starts
        return self._places[bisect_left(starts, start) : bisect_left(starts, end)]

    def mention_spans(self, people: list[Entity | None], start: int, end: int) -> list[tuple[int, int]]:
        """The folded spans of the mentions of `people` that start in folded [start, end), for
        the evidence (a person's mentions are read once, not once per sentence)."""
        out: list[tuple[int, int]] = []
        for person in people:
            if person is None:
                continue
            spans = self._mentions.get(id(person))
            if spans is None:
                assert self.doc.folded is not None
                to_folded = self.doc.folded.to_folded
                spans = self._mentions[id(person)] = sorted(
                    to_folded(m.span.start, m.span.end) for m in person.mentions
                )
            out += spans[bisect_left(spans, (start,)) : bisect_left(spans, (end,))]
        return out

    def first_date(self, start: int, end: int) -> dt.date | None:
        """The first calendar date that starts in folded [start, end) (dates are sorted)."""
        if self._date_starts is None:
            self._date_starts = [d.start for d in self.doc.dates]
        i = bisect_left(self._date_starts, start)
        return self.doc.dates[i].date if i < len(self.doc.dates) and self.doc.dates[i].start < end else None
