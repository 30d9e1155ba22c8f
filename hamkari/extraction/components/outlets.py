"""News outlets: «به گزارش X», «به نقل از X», «X - » at the top, «сообщает X», «according to X»."""

from __future__ import annotations

import re

from hamkari.extraction.components.context import PUNCTUATION, Words
from hamkari.extraction.document import Document, Match, Outlet, Provenance, Span
from hamkari.extraction.pipeline import Component

MAX_WORDS = 8
_DASHLINE = re.compile(r"^\s*([^\n\-–—:]{2,60}?)\s+[-–—]\s+\S")


class OutletFinder(Component):
    name = "outlets"
    requires = ("matches", "tokens")
    provides = ("outlets",)

    def __call__(self, doc: Document) -> None:
        words = Words(doc)
        known = [m for m in doc.matches if m.table == "outlets"]
        cues = [m for m in doc.matches if m.table == "outlet_cues"]
        for cue in cues:
            if cue.key == "before":
                self._after_cue(doc, words, cue, known, cues)
            else:
                self._before_cue(doc, words, cue, known)
        self._dash_line(doc, known)

    def _after_cue(
        self, doc: Document, words: Words, cue: Match, known: list[Match], cues: list[Match]
    ) -> None:
        first = words.first_at(cue.fend)
        if first >= words.n or words.broken(words.last_before(cue.fend), first):
            return
        last = first
        next_cue = min((c.fstart for c in cues if c.fstart >= cue.fend), default=len(words.text))
        while (
            last + 1 < words.n
            and last + 1 - first < MAX_WORDS
            and words.tokens[last + 1].start < next_cue
            and not words.broken(last, last + 1)
            and words.word(last + 1) not in ("از", "from", "из")
        ):
            last += 1
        extent = words.span(first, last)
        titled = any(m.table == "titles" and extent.contains(m.span) for m in doc.matches)
        unnamed = titled or not (
            words.capitalised(first) or doc.text[extent.start - 1 : extent.start] in '«"'
        )
        if doc.language != "fa" and unnamed and not any(extent.contains(k.span) for k in known):
            return  # «по данным организаторов», «citing Deputy Minister …»: a source, not an outlet
        # «به گزارش خبرگزاری X»: when the cue ends in the outlet's own head word, the name starts there.
        heads = [
            m
            for m in doc.matches
            if m.table == "organizations" and m.key == "media" and m.span.start < cue.span.end <= m.span.end
        ]
        if heads:
            extent = Span(heads[0].span.start, extent.end)
        self._add(doc, extent, known, cue, "outlets.after_cue")

    def _before_cue(self, doc: Document, words: Words, cue: Match, known: list[Match]) -> None:
        # «… ТАСС сообщает»: the name sits just before the verb; only a known outlet counts, since
        # the subject before «сообщает» is as often a ministry as a newspaper.
        for k in known:
            if 0 <= cue.fstart - k.fend <= 2:
                self._add(doc, k.span, [k], cue, "outlets.before_cue")
        # «сообщает ТАСС»: verb first, then a known outlet.
        for k in known:
            if 0 <= k.fstart - cue.fend <= 2:
                self._add(doc, k.span, [k], cue, "outlets.cue_then_name")

    def _dash_line(self, doc: Document, known: list[Match]) -> None:
        m = _DASHLINE.match(doc.text)
        if not m or PUNCTUATION.search(m.group(1)):
            return
        span = Span(m.start(1), m.end(1))
        inside = [k for k in known if span.contains(k.span)]
        if inside or len(m.group(1).split()) <= 4:
            self._add(doc, span, inside, None, "outlets.dash_line")

    def _add(self, doc: Document, extent: Span, known: list[Match], cue: Match | None, rule: str) -> None:
        inside = [k for k in known if extent.contains(k.span)]
        span = inside[0].span if inside else extent
        ref = inside[0].key if inside else None
        detail = inside[0].provenance.rule if inside else (cue.provenance.rule if cue else "")
        name = doc.quote(span).strip(" \"'«»")
        if not name or any(o.span.overlaps(span) for o in doc.outlets):
            return
        doc.outlets.append(Outlet(name, span, Provenance(self.name, f"{rule} ({detail})"), ref))
