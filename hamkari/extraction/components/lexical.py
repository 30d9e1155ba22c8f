"""Lexicon matching and the entities that come straight from it: regions, countries, cities,
places (economic zones, ports, border crossings), sectors, routes and third markets."""

from __future__ import annotations

import functools
import itertools
import operator
import re
from bisect import bisect_left

from hamkari.extraction.document import CLOCK_MASK, Document, Entity, Match, Mention, Provenance, Span
from hamkari.extraction.languages import profile
from hamkari.extraction.lexicon import (
    Pattern,
    lemma_automaton,
    persian_suffixes,
    surface_automaton,
    word_set,
)
from hamkari.extraction.overlap import resolve_keyed
from hamkari.extraction.pipeline import Component, registered

# Tables that compete for the same words; the longest match wins, then the lower rank.
# Sectors and organisation heads share a rank so that «دانشگاه» stays both a sector word and
# the head of a university's name.
ENTITY_LAYER = {
    "regions": 0,
    "countries": 0,
    "cities": 1,
    "places": 2,
    "markets": 3,
    "sectors": 4,
    "organizations": 4,
    "outlets": 4,
}
_ENGLISH_ENDINGS = ("'s", "’s", "es", "s")


@functools.cache
def _endings() -> dict[str, re.Pattern[str]]:
    def pattern(endings: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile("(?:" + "|".join(re.escape(e) for e in endings) + r")(?![^\W_])")

    return {"fa": pattern(persian_suffixes()), "en": pattern(_ENGLISH_ENDINGS)}


@registered
class LexiconMatcher(Component):
    """Finds every lexicon term in the folded text (and, for Russian, in the lemmas), keeps those
    at word boundaries and outside ignored spans, and resolves overlaps within each layer."""

    name = "lexicon"
    requires = ("folded", "language", "tokens", "ignored")
    provides = ("matches",)

    def __call__(self, doc: Document) -> None:
        # The hottest loop of the extractor (hundreds of occurrences per article): one span and
        # one ignored-check per occurrence, one Match per (occurrence, entry).
        # The spans are mapped here rather than through `doc.span_of` (same mapping, the budget
        # checked once per candidate batch below), and most candidates carry one pattern.
        assert doc.folded is not None
        starts, ends = doc.folded.starts, doc.folded.ends
        found: dict[tuple[int, int, str], Match] = {}
        ignored = bool(doc.ignored)
        provenances = _provenances(self.name)
        for n, (start, end, patterns) in enumerate(self._candidates(doc)):
            if not n & CLOCK_MASK:
                doc.check_budget()
            span = Span(starts[start], ends[end - 1])
            if ignored and doc.is_ignored(span):
                continue
            for pattern in patterns:
                entry = pattern.entry
                key = (start, end, entry.rule)
                if key not in found:
                    provenance = provenances.get(entry.rule)
                    if provenance is None:
                        provenance = provenances[entry.rule] = Provenance(self.name, entry.rule)
                    found[key] = Match(span, entry.table, entry.key, entry.attrs, provenance, start, end)
        doc.matches = _resolve(list(found.values()))

    def _candidates(self, doc: Document) -> list[tuple[int, int, tuple[Pattern, ...]]]:
        assert doc.folded is not None
        text = doc.folded.text
        size = len(text)
        endings = _endings()
        out = []
        for last, (before, patterns) in surface_automaton().occurrences(text):
            # a term must start at a word start and end at a word end, or (Persian, English)
            # before an ending the language allows: «استانهای», «همکاری‌ها», «Governors»; all
            # spellings of one key share its script, so one test serves them all
            start = last - before
            if start > 0 and text[start - 1].isalnum():
                continue
            end = last + 1
            if end < size and text[end].isalnum():
                ending = endings.get(patterns[0].script)
                if ending is None or ending.match(text, end) is None:
                    continue
            out.append((start, end, patterns))
        if profile(doc.language).morphology and doc.tokens:
            out += _lemma_candidates(doc)
        return out


@functools.cache
def _provenances(component: str) -> dict[str, Provenance]:
    """One Provenance object per (component, rule), shared by every match of the entry: the
    component's table, by rule."""
    return {}


_ONE_MORE = (1).__add__  # a lemma's length and the space after it


def _lemma_candidates(doc: Document) -> list[tuple[int, int, tuple[Pattern, ...]]]:
    lemmas = [tok.lemma for tok in doc.tokens]
    line = " ".join(lemmas)
    # where each token's lemma starts and ends in the line (one space between lemmas), by
    # position, summed in C: the token's index at its start and at its end
    lengths = list(map(len, lemmas))
    opening = list(itertools.accumulate(map(_ONE_MORE, lengths), initial=0))
    starts = dict(zip(opening, range(len(lemmas)), strict=False))
    ends = dict(zip(map(operator.add, opening, lengths), range(len(lemmas)), strict=False))
    out = []
    for start, end, patterns in lemma_automaton().find(line):
        if start in starts and end in ends:
            out.append((doc.tokens[starts[start]].start, doc.tokens[ends[end]].end, patterns))
    return out


_SPAN_ORDER = operator.attrgetter("span.start", "span.end")


def _resolve(matches: list[Match]) -> list[Match]:
    by_layer: dict[str, list[tuple[int, int, int, int, Match]]] = {}
    for n, m in enumerate(matches):
        table = m.table
        rank = ENTITY_LAYER.get(table)
        if rank is None:  # a table of its own: no ranks within it
            by_layer.setdefault(table, []).append((m.span.start, m.span.end, 0, n, m))
        else:
            by_layer.setdefault("entity", []).append((m.span.start, m.span.end, rank, n, m))
    kept: list[Match] = []
    for keyed in by_layer.values():
        kept += resolve_keyed(keyed)
    kept.sort(key=_SPAN_ORDER)
    return kept


class _EntityTable:
    """The document's entities by (type, ref), with the spans each is already mentioned at, so
    that adding a mention costs O(1) rather than a scan of every entity."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.by_ref: dict[tuple[str, str | None], tuple[Entity, set[Span]]] = {}
        for e in doc.entities:
            self.by_ref.setdefault((e.type, e.ref), (e, {m.span for m in e.mentions}))

    def add(
        self,
        type_: str,
        ref: str,
        match: Match,
        *,
        kind: str | None = None,
        region: str | None = None,
        country: str | None = None,
    ) -> None:
        known = self.by_ref.get((type_, ref))
        if known is not None:
            entity, spans = known
            if match.span not in spans:
                spans.add(match.span)
                entity.mentions.append(Mention(match.span, match.provenance))
            return
        entity = Entity(
            type=type_,
            name=self.doc.quote(match.span),
            ref=ref,
            kind=kind,
            region=region,
            country=country,
            mentions=[Mention(match.span, match.provenance)],
        )
        self.doc.entities.append(entity)
        self.by_ref[(type_, ref)] = (entity, {match.span})


def _sentence_has(doc: Document, match: Match, table: str, key: str) -> bool:
    sentence = doc.sentence_at(match.span.start)
    bounds = sentence.span if sentence else Span(0, len(doc.text))
    return bool(doc.matches_in(bounds, (table,), key))


def _waypoint_named(doc: Document, m: Match) -> bool:
    """A waypoint names its route beside a route word in its sentence; a `rail_waypoint` (the
    eastern branch's countries, which also own Caspian ports) beside a rail word."""
    return _sentence_has(doc, m, "cues", "rail" if m.attrs[0] == "rail_waypoint" else "route")


def _directional(doc: Document, m: Match) -> bool:
    """«East Africa», «Восточную Африку», «شرق آفریقا», «Central Asia»: a region of the world named
    with a direction (a `direction` cue inside the market's words) is a market without a market
    word in its sentence; a bare continent («Asia», «آسیا») is also a word of names and needs one."""
    directions = word_set("cues", "direction")
    tokens = doc.tokens
    i = bisect_left(tokens, m.fstart, key=lambda t: t.start)
    # the market's own tokens only (a slice to the end copied the rest of the text per market)
    while i < len(tokens) and tokens[i].start < m.fend:
        if tokens[i].text in directions or tokens[i].lemma in directions:
            return True
        i += 1
    return False


def _surname(doc: Document, m: Match) -> bool:
    """«حسن تبریزی»: a city with the adjective ending «ی» right after a given name is a surname
    made from the city, not the city."""
    assert doc.folded is not None
    text = doc.folded.text
    if text[m.fend : m.fend + 1] != "ی" or text[m.fend + 1 : m.fend + 2].isalnum():
        return False
    before = text[max(0, m.fstart - 30) : m.fstart].split()
    return bool(before) and before[-1] in word_set("given_names")


# The broad sector whose words («کارخانه», «factory», «промышленный») head a narrower sector's word
# right after them («کارخانه کشتی‌سازی», «factories of petrochemicals»): then the narrower one is meant.
_BROAD = "industry"
# what may stand between them: a Persian plural or ezafe ending, «of (the)», spaces
_HEAD_GAP = re.compile(r"(?:‌?(?:های|ها|ی))?\s+(?:(?:of|the)\s+)*")


def _heads_narrower(doc: Document, m: Match, sector_starts: set[int]) -> bool:
    """«کارخانه کشتی‌سازی», «کارخانه‌های پتروشیمی و خودروسازی», «factories of petrochemicals»: the
    broad industry word names the narrower sector right after it, not a sector of its own."""
    if m.key != _BROAD:
        return False
    assert doc.folded is not None
    gap = _HEAD_GAP.match(doc.folded.text, m.fend)
    return gap is not None and gap.end() in sector_starts


_DATELINE_CITY = 200  # characters at the top where a dateline's city may stand


def _dateline(doc: Document, m: Match) -> bool:
    """«TEHRAN, Nov. 20 (…) –», «САМАРА, 12 ноября», «TEHRAN –», «TEHRAN (Tasnim) –»: a city in
    capitals opening one of the first lines, before a comma, a dash or the agency's bracket, is
    where the story was filed, not a place it is about; it implies no region (the region counts
    when the story names it)."""
    if m.span.start > _DATELINE_CITY:
        return False
    text = doc.text
    line_start = text.rfind("\n", 0, m.span.start) + 1
    word = text[m.span.start : m.span.end]
    return (
        not text[line_start : m.span.start].strip()
        and word.isupper()
        and len(word) > 2
        and _AFTER_DATELINE_CITY.match(text, m.span.end) is not None
    )


_AFTER_DATELINE_CITY = re.compile(r",|[ \t]+[-–—(]")


@registered
class Gazetteer(Component):
    name = "gazetteer"
    requires = ("text", "folded", "tokens", "sentences", "matches")
    provides = ("entities",)

    def __call__(self, doc: Document) -> None:
        table = _EntityTable(doc)
        sector_starts = {m.fstart for m in doc.matches_of("sectors")}
        for m in doc.matches:
            if m.table == "regions":
                if not _dateline(doc, m):  # «TEHRAN, Nov. 20 –»: the province's name as a dateline
                    table.add("region", m.key, m, country=m.key[:2])
            elif m.table == "countries":
                table.add("country", m.key, m)
            elif m.table == "cities":
                if _surname(doc, m):
                    continue
                region = m.attrs[0]
                table.add("city", m.key, m, region=region, country=region[:2])
                if not _dateline(doc, m):
                    table.add("region", region, self._implied(m, "city"), country=region[:2])
            elif m.table == "places":
                kind, region = m.attrs
                if kind in ("free_zone", "special_economic_zone"):
                    table.add(
                        "organization",
                        m.key,
                        m,
                        kind="economic_zone",
                        region=region if region != "-" else None,
                        country=region[:2] if region != "-" else None,
                    )
                else:
                    table.add("place", m.key, m, kind=kind, region=region if region != "-" else None)
                if region != "-":
                    table.add("region", region, self._implied(m, "place"), country=region[:2])
            elif m.table == "sectors" and not _heads_narrower(doc, m, sector_starts):
                table.add("sector", m.key, m)
            elif m.table == "routes" and m.attrs[0] == "name":
                table.add("route", m.key, m)
            elif m.table == "routes" and _waypoint_named(doc, m):
                table.add("route", m.key, self._implied(m, "waypoint"))
            elif m.table == "markets" and (_directional(doc, m) or _sentence_has(doc, m, "cues", "market")):
                table.add("market", m.key, m)

    def _implied(self, m: Match, how: str) -> Match:
        return Match(
            m.span,
            m.table,
            m.key,
            m.attrs,
            Provenance(self.name, f"{how}→{m.provenance.rule}"),
            m.fstart,
            m.fend,
        )
