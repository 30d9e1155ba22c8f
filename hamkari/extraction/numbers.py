"""Numbers written with digits («۱۰۰», «1,5», «1.500») or words («بیست و پنج», «двадцать»,
«twenty-five»), with scale words («هزار», «млн», «million»), read from tokens."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from hamkari.extraction.document import Token
from hamkari.extraction.languages import PROFILES
from hamkari.extraction.lexicon import entries
from hamkari.extraction.morphology import grammemes
from hamkari.extraction.normalize import fold_term

_AND = frozenset({"و", "и", "and"})
_DIGITS = re.compile(r"\d+")
_GLUED = re.compile(r"(\d+)(\D+)")
# Bounds of a figure: a longer run of digits is a code or an identifier, and a larger value (a
# quintillion) is no economic figure; both would also overflow the knowledge base's float and
# Python's int-to-string limit (4,300 digits) when written out.
MAX_DIGITS = 18
MAX_VALUE = 10**18


@dataclass(frozen=True, slots=True)
class Number:
    value: int | float
    first: int  # token indexes, inclusive
    last: int
    worded: bool  # written only in words, with no scale word
    rule: str
    scale: int = 1  # the scale words' product: «۳ میلیون» → 1000000
    # scaled by a one-letter abbreviation glued to the digits («4.3m», «250k»): a figure only
    # with a unit or a currency (alone, «100m» is as often metres and «4k» a screen)
    needs_unit: bool = False


@dataclass(frozen=True, slots=True)
class Glued:
    """A scale glued to a number's digits («12bn», «5млн», «۳میلیارد», «4.3m»)."""

    digits: str
    scale: int
    abbreviation: bool  # a `glued_scale` entry: read only glued, and only with a unit
    rule: str


@functools.cache
def number_words() -> dict[str, tuple[int | float, str, str]]:
    out: dict[str, tuple[int | float, str, str]] = {}
    for e in entries("numbers"):
        if e.attrs[0] in ("ordinal", "glued_scale", "half"):
            # whole ordinal words are no number (see ordinal_words); glued scales see glued;
            continue  # halves are phrases
        value = float(e.key) if "." in e.key else int(e.key)  # «полтора» is 1.5
        for t in e.terms:
            out.setdefault(fold_term(t).rstrip("."), (value, e.attrs[0], e.rule))
    return out


@functools.cache
def half_phrases() -> tuple[tuple[tuple[str, ...], int, str], ...]:
    """The words after a whole number that add a half («و نیم», «and a half», «с половиной»), as
    folded words, with the denominator (2) and the lexicon rule; longest first."""
    found = {
        (tuple(fold_term(t).split()), int(e.key), e.rule)
        for e in entries("numbers")
        if e.attrs[0] == "half"
        for t in e.terms
    }
    return tuple(sorted(found, key=lambda h: -len(h[0])))


@functools.cache
def ordinal_words() -> frozenset[str]:
    """Ordinal words that are not a number word and an ending («سوم», «سومین» of «سه»)."""
    return frozenset(fold_term(t) for e in entries("numbers") if e.attrs[0] == "ordinal" for t in e.terms)


@functools.cache
def _glued_scales() -> dict[str, tuple[int, bool, str]]:
    """Scale words and `glued_scale` abbreviations that may stand glued to digits, by folded
    spelling: (scale, abbreviation only, rule)."""
    out: dict[str, tuple[int, bool, str]] = {}
    for e in entries("numbers"):
        if e.attrs[0] in ("scale", "glued_scale") and int(e.key) >= 1000:
            for t in e.terms:
                out.setdefault(fold_term(t).rstrip("."), (int(e.key), e.attrs[0] == "glued_scale", e.rule))
    return out


def glued(word: str) -> Glued | None:
    """«12bn» → 12 and a billion, «5млн» → 5 and a million: digits with a scale glued to them
    (a folded token); None for any other word («46th», «5g», «2030»)."""
    if not word[:1].isdigit():
        return None
    found = _GLUED.fullmatch(word)
    scale = _glued_scales().get(found.group(2)) if found is not None else None
    if found is None or scale is None or len(found.group(1)) > MAX_DIGITS:
        return None
    return Glued(found.group(1), *scale)


def _word(tok: Token) -> tuple[int | float, str, str] | None:
    words = number_words()
    return words.get(tok.text) or words.get(tok.lemma)


@functools.cache
def _ordinal_endings() -> tuple[str, ...]:
    endings = {e for p in PROFILES.values() for e in p.ordinal_endings}
    return tuple(sorted(endings, key=len, reverse=True))


def is_ordinal(tok: Token) -> bool:
    """An ordinal number word: «ششمین», «بیست و یکم» (a number word and an ordinal ending),
    «шестой» (pymorphy3's Anum)."""
    if tok.text in ordinal_words():
        return True
    for ending in _ordinal_endings():
        if tok.text.endswith(ending) and len(tok.text) > len(ending):
            stem = number_words().get(tok.text[: -len(ending)])
            if stem is not None and stem[1] != "scale":
                return True
    return "Anum" in grammemes(tok.text)


def read_number(tokens: list[Token], text: str, i: int) -> Number | None:
    """The number starting at token i, if any: digits or words, a decimal fraction in words
    («دو و ۵ دهم»), scale words, and smaller parts joined by «و / и / and» («۲۴۰ میلیون و ۷۵
    هزار و ۳۰۰»). A number that is part of an ordinal («سی و دومین») is none."""
    worded = not _DIGITS.fullmatch(tokens[i].text) and glued(tokens[i].text) is None
    base = _parse_words(tokens, i) if worded else _digits(tokens, text, i)
    if base is None:
        return None
    value, last, rule = _half(tokens, *_fraction(tokens, *base))
    scale = 1
    stuck = None if worded else glued(tokens[last].text)
    if stuck is not None:
        if value * stuck.scale > MAX_VALUE:
            return None  # «999999999999999999bn»: past the cap, as scale words written apart are
        value, scale, rule = value * stuck.scale, stuck.scale, f"{rule}+glued {stuck.rule}"
    while last + 1 < len(tokens):
        w = _word(tokens[last + 1])
        sep = text[tokens[last].end : tokens[last + 1].start].strip()
        if w is None or w[1] != "scale" or sep not in ("", ".") or value * w[0] > MAX_VALUE:
            break
        value = value * w[0]
        scale *= int(w[0])  # scale words are whole numbers
        last += 1
        rule = f"{rule}+{w[2]}"
    if scale > 1:
        # «یک میلیارد و نیم», «a million and a half»: half of the scale
        with_half, after_half, half_rule = _half(tokens, 0, last, rule)
        if after_half > last:
            value, last, rule = value + with_half * scale, after_half, half_rule
    if scale > 1 and last + 1 < len(tokens):
        # «۲۴۰ میلیون و ۷۵ هزار», and without «и» when the part has its own scale: «3 млн 200 тыс.»
        joined = tokens[last + 1].text in _AND
        part = read_number(tokens, text, last + 2) if joined and last + 2 < len(tokens) else None
        if not joined and (tokens[last + 1].text[:1].isdigit() or _word(tokens[last + 1])):
            part = read_number(tokens, text, last + 1)
            part = part if part is not None and part.scale > 1 else None
        if part is not None and part.value < scale and value + part.value <= MAX_VALUE:
            value, last, rule = value + part.value, part.last, f"{rule}+and"
    if isinstance(value, float):
        value = round(value, 6)
        if value.is_integer():
            value = int(value)
    abbreviated = stuck is not None and stuck.abbreviation
    return Number(value, i, last, worded and scale == 1, rule, scale, abbreviated)


def _digits(tokens: list[Token], text: str, i: int) -> tuple[int | float, int, str] | None:
    tok = tokens[i]
    stuck = glued(tok.text)
    first = stuck.digits if stuck is not None else tok.text
    if len(first) > MAX_DIGITS:
        return None
    value: int | float = int(first)
    last = i
    # «1.5», «1,5» (decimal) and «1,500», «1.500.000» (thousands) join digit tokens; a scale glued
    # to the last group ends the number («4.3m», «1,5млрд»).
    while stuck is None and last + 1 < len(tokens):
        sep = text[tokens[last].end : tokens[last + 1].start]
        nxt = tokens[last + 1].text
        stuck = glued(nxt)
        nxt = stuck.digits if stuck is not None else nxt
        if not (sep in (",", ".") and _DIGITS.fullmatch(nxt) and len(nxt) <= MAX_DIGITS):
            break
        if len(nxt) == 3 and isinstance(value, int):
            value = value * 1000 + int(nxt)
            if value > MAX_VALUE:
                return None  # «1,000,000,…»: thousands groups beyond any figure
        elif isinstance(value, int) and last == i:
            value = float(f"{value}.{nxt}")
        else:
            break
        last += 1
    return value, last, "numbers.digits"


def _fraction(tokens: list[Token], value: int | float, last: int, rule: str) -> tuple[int | float, int, str]:
    """«دو و ۵ دهم» (one and two tenths): a whole number, a connector, a count and a fraction word."""
    if last + 3 >= len(tokens) or tokens[last + 1].text not in _AND:
        return value, last, rule
    count, denominator = tokens[last + 2], _word(tokens[last + 3])
    if denominator is None or denominator[1] != "fraction":
        return value, last, rule
    numerator = int(count.text) if _DIGITS.fullmatch(count.text) and len(count.text) < 4 else _word(count)
    if numerator is None:
        return value, last, rule
    n = numerator if isinstance(numerator, int) else numerator[0]
    return value + n / denominator[0], last + 3, f"{rule}+{denominator[2]}"


def _half(tokens: list[Token], value: int | float, last: int, rule: str) -> tuple[int | float, int, str]:
    """«یک و نیم», «two and a half», «два с половиной»: a whole number and a half."""
    for words, denominator, half_rule in half_phrases():
        end = last + len(words)
        if end < len(tokens) and all(tokens[last + 1 + k].text == w for k, w in enumerate(words)):
            return value + 1 / denominator, end, f"{rule}+{half_rule}"
    return value, last, rule


def _parse_words(tokens: list[Token], i: int) -> tuple[int | float, int, str] | None:
    current: int | float = 0
    last = -1
    rules: list[str] = []
    j = i
    while j < len(tokens):
        w = _word(tokens[j])
        if w is None or w[1] in ("scale", "fraction"):
            break
        current += w[0]
        rules.append(w[2])
        last = j
        # «بیست و پنج», «twenty-five»: a connector may join the next number word.
        if j + 2 < len(tokens) and tokens[j + 1].text in _AND:
            if is_ordinal(tokens[j + 2]):
                return None  # «سی و دومین» is the forty-sixth, not forty
            if _word(tokens[j + 2]):
                j += 2
                continue
        if j + 1 < len(tokens) and is_ordinal(tokens[j + 1]) and not _word(tokens[j + 1]):
            return None  # «сорок шестой»
        j += 1
    if last < 0:
        return None
    return current, last, rules[0] if len(rules) == 1 else f"{rules[0]}…"
