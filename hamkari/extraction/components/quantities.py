"""Figures: a number, its scale and what it counts («۱۰۰ هزار شرکت» → 100000 company).

Not figures: numbers inside dates (and the other day of a date range: «۱۲ تا ۱۴ آبان»), a day or
year after a month name («March 14», «آبان ۹۵»), years («с 2019 года»), ordinals («سی و
دومین», «46-й»), phone numbers, numbers inside a quoted name, and small counts (below ten) that
count nothing listed: «سه استان», «две стороны» name participants, «غرب ۳» is a name. A
small count of units or instruments is a figure: «четыре совместные комиссии».
A number inside a proper name is no figure either: after a capitalised word («телеканал Регион 24»,
«Boeing 737») or a word that names by number («شبکه ۳», «модели 150»; `name_number` cues).
A range takes the scale and unit of its upper end: «from 20 to 45 million tons» is two figures,
20000000 and 45000000 tonnes; so is a range written as one token with a dash («50–70 МВт»,
«۲۰-۳۰ درصد»). A currency sign before a number is its unit: «$12 million» is 12000000 usd; so is
one right after it («1,5 млрд ₽»). A scale glued to the digits is read as if spaced («€12bn»,
«5млн», «$4.3m»); a one-letter abbreviation glued («m», «k») only with a unit or a currency."""

from __future__ import annotations

import functools
import itertools
import operator
import re

from hamkari.extraction.components.context import Words
from hamkari.extraction.document import Document, Match, Provenance, Quantity, Span
from hamkari.extraction.languages import profile
from hamkari.extraction.lexicon import entries, word_set
from hamkari.extraction.morphology import grammemes
from hamkari.extraction.numbers import Number, number_words, read_number
from hamkari.extraction.pipeline import Component, registered

SMALL = 10
COUNTED_IN_WORDS = frozenset({"company"})  # units whose small counts in words are figures
# The patterns below open with the character class of their first character and check what
# stands before it once it is read («\d(?<!\d\d)» is «(?<!\d)\d»): the regex engine then skips
# to those characters instead of trying a lookbehind at every position (3 × faster).
_TIME = re.compile(r"\d(?<!\d\d)\d?:\d{2}(?::\d{2})?(?!\d)")  # (?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)
# «+7 (8512) 22-33-44», «021-88776655», «8 800 555 35 35»: a leading plus or zero, brackets, or
# digit groups joined by hyphens.
# That is (?<![\w.,])(?:\+\d[\d\s()-]{6,}\d|\(\d{2,5}\)[\s-]?\d[\d\s-]{4,}\d
# |\d{2,4}-\d{2,3}-\d{2}-\d{2}|0\d{2,3}-\d{6,8})(?![\w]) with the first character of each
# branch read by the leading class:
_PHONE = re.compile(
    r"[+(\d](?<![\w.,][+(\d])"
    r"(?:(?<=\+)\d[\d\s()-]{6,}\d|(?<=\()\d{2,5}\)[\s-]?\d[\d\s-]{4,}\d|(?<=\d)\d{1,3}-\d{2,3}-\d{2}-\d{2}"
    r"|(?<=0)\d{2,3}-\d{6,8})(?![\w])"
)
_CLOSING_QUOTES = frozenset("\"»”'")
_DASHES = frozenset({"-", "–", "—"})
# «50-70», «۲۰-۳۰» (folded: one token, the dash a hyphen); «2-1» (a score) falls to low < high
_JOINED_RANGE = re.compile(r"(\d{1,4})-(\d{1,4})")
# «162-kilometer»: digits, a hyphen, then (at the match's end) the unit word
_JOINED_UNIT = re.compile(r"(\d{1,9})-")
PERCENT = Match(Span(0, 1), "units", "percent", (), Provenance("quantities", "quantities.percent_sign"))


_FIRST_CHARACTER = operator.itemgetter(0)


@registered
class QuantityFinder(Component):
    name = "quantities"
    requires = (
        "text",
        "folded",
        "language",
        "tokens",
        "ignored",
        "sentences",
        "matches",
        "dates",
        "entities",
    )
    provides = ("quantities",)

    def __call__(self, doc: Document) -> None:
        assert doc.folded is not None
        words = Words(doc, tables=("units", "durations", "months", "instruments"))
        text = doc.folded.text
        excluded = bytearray(len(text))  # 1 at every folded character of a date, time or phone number
        for a, b in [(d.start, d.end) for d in doc.dates] + [m.span() for m in _TIME.finditer(text)]:
            excluded[a:b] = b"\x01" * (b - a)
        for m in _PHONE.finditer(text):
            excluded[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        seen = {(q.value, q.unit) for q in doc.quantities}  # a figure repeated in one article is one fact
        units = {m.fstart: m for m in doc.matches_of("units")}
        words_of_numbers = number_words()
        # the tokens a number can start at, found in one pass
        digits = itertools.compress(range(words.n), map(str.isdigit, map(_FIRST_CHARACTER, words.texts)))
        starts = sorted({*digits, *words.among(words_of_numbers)})
        i = 0  # the first token not yet read
        for k in starts:
            if k < i or excluded[words.tokens[k].start]:
                continue
            number = read_number(words.tokens, text, k)
            if number is None:
                for low_or_high, unit in self._joined_range(words, units, k) or self._joined_unit(
                    words, units, k
                ):
                    if self._is_figure(words, low_or_high, unit):
                        self._add(doc, words, low_or_high, unit, seen)
                continue
            i = number.last + 1
            unit = (
                self._unit(words, units, number.last)
                or self._percent_sign(words, number.last)
                or (self._currency_sign(doc, words, number.first) if self._whole(words, number) else None)
                or self._currency_sign_after(doc, words, number.last)
            )
            upper = self._range_end(doc, words, units, number)
            if isinstance(upper, str):
                continue  # «۱۲ تا ۱۴ آبان»: the first day of a date range
            if upper is not None:
                number, unit = upper
            if not self._is_figure(words, number, unit):
                continue
            self._add(doc, words, number, unit, seen)

    def _is_figure(self, words: Words, number: Number, unit: Match | None) -> bool:
        if number.needs_unit and unit is None:
            return False  # «a 100m bridge», «4k screens»: a glued letter alone is no scale
        if number.worded and number.value == 1 and number.scale == 1:
            return False  # «یک کارگروه ویژه», «one of the ports»: the word «one» is an article
        if number.value < SMALL and number.scale == 1 and (unit is None or number.worded):
            # «سه شرکت فولادی», «five companies»: a small count of firms in words is a figure
            # (of sides, provinces or delegations it names participants: «دو طرف», «две стороны»)
            counted = (
                unit is not None
                and unit.key in COUNTED_IN_WORDS
                and words.tokens[number.first].text not in word_set("cues", "ambiguous_number")
            )
            return counted or self._counts_instruments(words, number.last)
        if unit is not None:
            return True
        if self._is_year(number.value) or self._after_month(words, number.first):
            return False
        if self._ordinal_or_name(words, number.last, number.worded) or (
            number.scale == 1 and not number.worded and self._in_a_name(words, number.first)
        ):
            return False
        nxt = number.last + 1
        # «دو هفته», «5 دسامبر»: a duration or a date, not a figure
        return not (
            nxt < words.n
            and words.tokens[nxt].start - words.tokens[number.last].end <= 1
            and words.covered.get(nxt) is not None
            and words.covered[nxt].table in ("durations", "months")
        )

    def _add(
        self,
        doc: Document,
        words: Words,
        number: Number,
        unit: Match | None,
        seen: set[tuple[int | float, str | None]],
    ) -> None:
        if unit is PERCENT:
            span = doc.span_of(words.tokens[number.first].start, words.tokens[number.last].end + 1)
        elif unit is not None and unit.fend <= words.tokens[number.first].start:
            span = doc.span_of(unit.fstart, words.tokens[number.last].end)  # «$12 million»
        elif unit is not None and unit.provenance.component == self.name:
            span = doc.span_of(words.tokens[number.first].start, unit.fend)  # «1,5 млрд ₽»
        else:
            last = number.last if unit is None else words.last_before(unit.fend)
            span = words.span(number.first, last)
        key = (number.value, unit.key if unit else None)
        if doc.is_ignored(span) or key in seen:
            return  # a figure repeated in one article is one fact
        seen.add(key)
        doc.quantities.append(
            Quantity(
                value=number.value,
                unit=unit.key if unit else None,
                text=doc.quote(span),
                span=span,
                provenance=Provenance(self.name, number.rule + (f" {unit.provenance.rule}" if unit else "")),
                subject=self._subject(doc, span.start),
            )
        )

    def _range_end(
        self, doc: Document, words: Words, units: dict[int, Match], number: Number
    ) -> tuple[Number, Match | None] | str | None:
        """The first number of a range («20 to 45 million tons», «۱۲ تا ۱۴ آبان»): with the
        scale and unit of the upper end, or "date" when the range is of days."""
        k = number.last + 1
        if number.scale > 1 or k >= words.n:
            return None
        gap = words.gap(number.last, k).strip()
        if gap in _DASHES:
            j = k
        elif not gap and words.word(k) in profile(doc.language).range_words and k + 1 < words.n:
            j = k + 1
        else:
            return None
        if not words.tokens[j].text[0].isdigit() and words.word(j) not in number_words():
            return None
        upper = read_number(words.tokens, words.text, j)
        if upper is None:
            return None
        after = words.covered.get(upper.last + 1)
        if after is not None and after.table == "months":
            return "date"
        if upper.scale == 1:
            # «۲۰ تا ۳۰ درصد», «50 – 70 МВт»: the lower end takes the unit of the upper end
            unit = self._unit(words, units, upper.last) or self._percent_sign(words, upper.last)
            return (number, unit) if unit is not None else None
        rule = f"{number.rule}+range"
        scaled = Number(number.value * upper.scale, number.first, number.last, False, rule, upper.scale)
        return scaled, self._unit(words, units, upper.last) or self._percent_sign(words, upper.last)

    def _joined_range(
        self, words: Words, units: dict[int, Match], i: int
    ) -> list[tuple[Number, Match | None]]:
        """«50–70 МВт», «۲۰-۳۰ درصد», «3-5 млн тонн»: a range written as one token is two figures
        with the scale and unit after it. Without either it is no figure («2-3» is a score or pages)."""
        found = _JOINED_RANGE.fullmatch(words.word(i))
        if found is None or int(found.group(1)) >= int(found.group(2)):
            return []
        scale, last = 1, i
        while last + 1 < words.n and words.gap(last, last + 1).strip() in ("", "."):
            word = number_words().get(words.word(last + 1)) or number_words().get(
                words.tokens[last + 1].lemma
            )
            if word is None or word[1] != "scale":
                break
            scale, last = scale * int(word[0]), last + 1
        unit = self._unit(words, units, last) or self._percent_sign(words, last)
        if unit is None and scale == 1:
            return []
        rule = "numbers.digits+joined_range"
        return [(Number(int(found.group(n)) * scale, i, last, False, rule, scale), unit) for n in (1, 2)]

    @staticmethod
    def _joined_unit(words: Words, units: dict[int, Match], i: int) -> list[tuple[Number, Match | None]]:
        """«the 162-kilometer railway», «a 40-tonne load»: a number joined to its unit by a hyphen."""
        found = _JOINED_UNIT.match(words.word(i))
        unit = units.get(words.tokens[i].start + found.end()) if found is not None else None
        if found is None or unit is None:
            return []
        return [(Number(int(found.group(1)), i, i, False, "numbers.digits+joined_unit"), unit)]

    @staticmethod
    def _currency_sign(doc: Document, words: Words, first: int) -> Match | None:
        """«$12 million», «€3,5 млн»: a currency sign of units.tsv right before the number."""
        start = words.tokens[first].start
        sign = words.text[start - 1 : start] if start else ""
        found = _signs().get(sign)
        if found is not None:
            key, rule = found
            span = doc.span_of(start - 1, start)
            return Match(span, "units", key, (), Provenance("quantities", rule), start - 1, start)
        # «USD 5 million», «EUR 3 млн»: a currency's unit word right before the number
        before = words.covered.get(first - 1) if first else None
        if before is None or before.table != "units" or before.key not in _currencies():
            return None
        return before if not words.gap(first - 1, first).strip() else None

    @staticmethod
    def _currency_sign_after(doc: Document, words: Words, last: int) -> Match | None:
        """«1,5 млрд ₽», «12 €»: a currency sign of units.tsv right after the number (a space or
        none between), at the end of a sentence or before punctuation or a space."""
        end = words.tokens[last].end
        at = end + 1 if words.text[end : end + 1] in (" ", "\u00a0", "\u202f") else end
        found = _signs().get(words.text[at : at + 1])
        if found is None or words.text[at + 1 : at + 2].isalnum():
            return None
        key, rule = found
        return Match(doc.span_of(at, at + 1), "units", key, (), Provenance("quantities", rule), at, at + 1)

    @staticmethod
    def _whole(words: Words, number: Number) -> bool:
        """Whether the number was read to its end: «$1.2tn» stops at «1» («2tn» is no number)."""
        end = words.tokens[number.last].end
        return not (words.text[end : end + 1] in ".," and words.text[end + 1 : end + 2].isalnum())

    @staticmethod
    def _in_a_name(words: Words, first: int) -> bool:
        """«телеканал Регион 24», «Boeing 737», «شبکه ۳», «модели 150»: a number in digits right after a
        capitalised word (not a function word: «В 15 регионах») or after a word that names by
        number is part of a proper name."""
        k = first - 1
        if k < 0 or words.gap(k, first).strip():
            return False
        tok = words.tokens[k]
        naming = word_set("cues", "name_number")
        if tok.text in naming or tok.lemma in naming:
            return True
        # a capitalised word, even a place («Россия 24»): a figure of a place has a unit or a scale
        return words.capitalised(k) and tok.text.isalpha() and not words.stop(k) and not words.covered.get(k)

    @staticmethod
    def _percent_sign(words: Words, last: int) -> Match | None:
        end = words.tokens[last].end
        return PERCENT if words.text[end : end + 1] == "%" else None

    @staticmethod
    def _counts_instruments(words: Words, last: int) -> bool:
        """«پنج کارگروه», «четыре совместные комиссии»: a small count of instruments."""
        for k in range(last + 1, min(last + 4, words.n)):
            found = words.covered.get(k)
            if found is not None:
                return found.table == "instruments"
            if not {"ADJF", "PRTF"} & grammemes(words.tokens[k].text):
                return False
        return False

    @staticmethod
    def _after_month(words: Words, first: int) -> bool:
        """«March 14», «Oct. 3», «مهر ماه ۹۸»: a day or a year after a month name."""
        k = first - 1
        if k >= 0 and words.word(k) in ("ماه", "месяца"):
            k -= 1
        found = words.covered.get(k) if k >= 0 else None
        return found is not None and found.table == "months" and words.gap(k, k + 1).strip() in ("", ".")

    @staticmethod
    def _ordinal_or_name(words: Words, last: int, worded: bool = False) -> bool:
        """«46-й» and «46th» are one token and never read; «۴۶ امین» and a number in digits that
        closes a quoted name («Высота 57») are not figures (a number in words that closes a quote
        closes someone's words: «… выйти на полмиллиона»)."""
        end = words.tokens[last].end
        if not worded and end < len(words.text) and words.text[end] in _CLOSING_QUOTES:
            return True
        return last + 1 < words.n and words.word(last + 1) in ("امین", "ام", "ом", "th", "st", "nd", "rd")

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
        regions = [(abs(m.span.start - pos), e.ref) for e, m in doc.mentions_in(sentence.span, "region")]
        return min(regions)[1] if regions else None


@functools.cache
def _signs() -> dict[str, tuple[str, str]]:
    """Currency signs ($, €, ₽) of units.tsv: one-character terms that are not letters; the
    percent sign stands after its number and is read there."""
    return {
        t: (e.key, e.rule)
        for e in entries("units")
        for t in e.terms
        if len(t) == 1 and not t.isalnum() and e.key != "percent"
    }


@functools.cache
def _currencies() -> frozenset[str]:
    """Units that are currencies: those with a sign («usd» of «$»)."""
    return frozenset(key for key, _ in _signs().values())
