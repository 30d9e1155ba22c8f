"""The article's title: its heading line, or else a short summary of its first sentence.

A heading is the first line of text (page furniture and the dateline left out) that stands
alone, is short and does not end a sentence with a full stop. Without one, the title is the
first sentence without its lead-in — the outlet cue («به گزارش X،», «по сообщению X,»), the
outlet, dateline or desk label before a dash («خبرگزاری X -», «TEHRAN, May 3 (IRNA) –»,
«گروه اقتصادی –») — shortened at a clause boundary."""

from __future__ import annotations

import re

from hamkari.extraction.document import Document, Span
from hamkari.extraction.lexicon import word_set
from hamkari.extraction.normalize import fold
from hamkari.extraction.pipeline import Component, registered

HEADING_MAX = 200  # characters of a heading line
SUMMARY_MAX = 140  # characters of a summary before it is cut
_SENTENCE_END = ".!?؟…"
_DASH = re.compile(r"\s[-–—_]\s")
_CLAUSE = re.compile(r"[,،;؛:]\s")


@registered
class TitleWriter(Component):
    name = "title"
    requires = ("text", "folded", "sentences", "ignored", "matches", "outlets", "dates")
    provides = ("title",)

    def __call__(self, doc: Document) -> None:
        doc.title = self._heading(doc) or self._summary(doc)

    def _heading(self, doc: Document) -> str | None:
        pos = 0
        for raw in doc.text.split("\n"):
            span_start, pos = pos, pos + len(raw) + 1
            line = _visible(doc, span_start, raw)
            if not line:
                continue
            lead = self._lead_in(doc, span_start, line)
            if lead and _masthead(line[lead:]):
                continue  # «Астрахань 24 – Новости», «خبرگزاری ایرنا _ مشهد»: the site's masthead
            alone = pos < len(doc.text)  # a line with text after it
            if alone and len(line) <= HEADING_MAX and line[-1] not in _SENTENCE_END and not lead:
                return line.strip("#").strip()
            return None
        return None

    def _lead_in(self, doc: Document, start: int, line: str) -> int:
        """How many characters of `line` (starting at `start`) are a lead-in: an outlet cue and
        its outlet up to the comma, or an outlet or dateline before a dash."""
        cues = [
            m
            for m in doc.matches_in(Span(start, start + min(len(line), 200)))
            if m.table == "outlet_cues" and m.key in ("before", "source") and m.span.start - start <= 3
        ]
        if cues:
            clause = _CLAUSE.search(line, cues[0].span.end - start)
            if clause and clause.start() <= 120:
                return clause.end()
        dash = _DASH.search(line[:80])
        if dash and self._dateline(doc, start, start + dash.start()):
            return dash.end()
        return 0

    @staticmethod
    def _dateline(doc: Document, start: int, end: int) -> bool:
        """Whether the text before a dash names an outlet, a date or a place (and is short)."""
        if end <= start or len(doc.text[start:end].split()) > 8:
            return False
        before = Span(start, end)
        if any(o.span.overlaps(before) for o in doc.outlets):
            return True
        if fold(doc.text[start:end]).text.strip() in word_set("noise", "desk"):
            return True  # «گروه اقتصادی –»: a newsroom's desk label
        if any(start <= doc.span_of(d.start, d.end).start < end for d in doc.dates):
            return True
        return any(m.table in ("cities", "countries", "months") for m in doc.matches_in(before))

    def _summary(self, doc: Document) -> str | None:
        for sentence in doc.sentences:
            s = sentence.span
            text = _visible(doc, s.start, doc.text[s.start : s.end])
            if not text or (doc.is_ignored(s) and len(text) < 80):
                continue
            start = s.start + len(doc.text[s.start : s.end]) - len(doc.text[s.start : s.end].lstrip())
            lead = self._lead_in(doc, start, text)
            text = text[lead:].strip(" ،,-–—_")
            if lead and text.strip(" .:") in {o.name for o in doc.outlets}:
                continue  # «САМАРА, 14 мая — РИА Новости.»: a dateline and its agency, no summary
            if text and not (lead and _masthead(text)):
                return _shorten(text)
        return None


def _masthead(rest: str) -> bool:
    """What follows an outlet's name on a masthead line: a section or a city, a few words."""
    return len(rest.split()) <= 3 and rest.strip()[-1:] not in _SENTENCE_END


def _visible(doc: Document, start: int, raw: str) -> str:
    """`raw` (which starts at `start`) without ignored spans, with its spaces squeezed."""
    if doc.ignored:
        kept, pos = [], 0  # cut the ignored spans out by slices: a first sentence may be megabytes long
        for i in sorted(doc.ignored, key=lambda span: span.start):
            a, b = max(i.start - start, pos), min(i.end - start, len(raw))
            if a < b:
                kept.append(raw[pos:a])
                pos = b
        kept.append(raw[pos:])
        raw = "".join(kept)
    return " ".join(raw.split())


def _shorten(text: str) -> str:
    """A summary of at most SUMMARY_MAX characters, cut at a clause boundary where one is near."""
    if len(text) <= SUMMARY_MAX:
        return text
    head = text[:SUMMARY_MAX]
    clauses = [m.start() for m in _CLAUSE.finditer(head) if m.start() >= SUMMARY_MAX // 2]
    cut = clauses[-1] if clauses else head.rfind(" ")
    return text[: cut if cut > 0 else SUMMARY_MAX].rstrip(" ،,;؛:") + "…"
