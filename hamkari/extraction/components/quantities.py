"""Figures: a number, its scale and what it counts («۱۰۰ هزار شرکت» → 100000 company).

Not figures: numbers inside dates, years («с 2019 года»), and small counts written in words
(«سه استان», «две стороны»), which name participants rather than report a figure."""

from __future__ import annotations

import re

from hamkari.extraction.components.context import Words
from hamkari.extraction.document import Document, Match, Provenance, Quantity, Span
from hamkari.extraction.morphology import grammemes
from hamkari.extraction.numbers import number_words, read_number
from hamkari.extraction.pipeline import Component

SMALL_WORDED = 10
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
PERCENT = Match(Span(0, 1), "units", "percent", (), Provenance("quantities", "quantities.percent_sign"))


class QuantityFinder(Component):
    name = "quantities"
    requires = ("matches", "tokens", "sentences", "entities", "dates")
    provides = ("quantities",)

    def __call__(self, doc: Document) -> None:
        assert doc.folded is not None
        words = Words(doc, tables=("units", "durations", "months"))
        text = doc.folded.text
        dates = [(d.start, d.end) for d in doc.dates] + [m.span() for m in _TIME.finditer(text)]
        units = {m.fstart: m for m in doc.matches if m.table == "units"}
        words_of_numbers = number_words()
        i = 0
        while i < words.n:
            tok = words.tokens[i]
            if not (tok.text[0].isdigit() or tok.text in words_of_numbers or tok.lemma in words_of_numbers):
                i += 1
                continue
            if any(a <= tok.start < b for a, b in dates):
                i += 1
                continue
            number = read_number(words.tokens, text, i)
            if number is None:
                i += 1
                continue
            i = number.last + 1
            if number.worded and number.value < SMALL_WORDED:
                continue
            unit = self._unit(words, units, number.last)
            if unit is None and self._is_year(number.value):
                continue
            if (
                unit is None
                and i < words.n
                and words.tokens[i].start - words.tokens[number.last].end <= 1
                and words.covered.get(i) is not None
                and words.covered[i].table in ("durations", "months")
            ):
                continue  # «دو هفته», «5 دسامبر»: a duration or a date, not a figure
            last = number.last if unit is None else words.last_before(unit.fend)
            span = words.span(number.first, last)
            if (
                unit is None
                and text[words.tokens[number.last].end : words.tokens[number.last].end + 1] == "%"
            ):
                span = doc.span_of(words.tokens[number.first].start, words.tokens[number.last].end + 1)
                unit = PERCENT
            if doc.is_ignored(span) or any(
                q.value == number.value and q.unit == (unit.key if unit else None) for q in doc.quantities
            ):
                continue  # a figure repeated in one article is one fact
            doc.quantities.append(
                Quantity(
                    value=number.value,
                    unit=unit.key if unit else None,
                    text=doc.quote(span),
                    span=span,
                    provenance=Provenance(
                        self.name, number.rule + (f" {unit.provenance.rule}" if unit else "")
                    ),
                    subject=self._subject(doc, span.start),
                )
            )

    @staticmethod
    def _unit(words: Words, units: dict[int, Match], last: int) -> Match | None:
        if last + 1 >= words.n:
            return None
        nxt = words.tokens[last + 1]
        gap = words.gap(last, last + 1).strip()
        if gap not in ("", ".") or (gap == "." and words.word(last) not in number_words()):
            return None  # only an abbreviated scale word may stand before its dot: «150 тыс. тонн»
        found = units.get(nxt.start)
        # «двадцать иранских компаний», «15 agricultural companies»: adjectives may stand between.
        k = last + 1
        while found is None and k + 1 < words.n and k - last <= 2 and not words.broken(k, k + 1):
            tok = words.tokens[k]
            if words.stop(k) or not (
                {"ADJF", "PRTF"} & grammemes(tok.text) or (tok.text.isascii() and tok.text.isalpha())
            ):
                break
            k += 1
            found = units.get(words.tokens[k].start)
        return found

    @staticmethod
    def _is_year(value: float) -> bool:
        if not isinstance(value, int):
            return False
        return 1900 <= value <= 2100 or 1300 <= value <= 1499

    @staticmethod
    def _subject(doc: Document, pos: int) -> str | None:
        sentence = doc.sentence_at(pos)
        if sentence is None:
            return None
        regions = [
            (abs(m.span.start - pos), e.ref)
            for e in doc.entities_of("region")
            for m in e.mentions
            if sentence.span.contains(m.span)
        ]
        return min(regions)[1] if regions else None
