"""Numbers written with digits («۱۰۰», «1,5», «1.500») or words («بیست و پنج», «двадцать»,
«twenty-five»), with scale words («هزار», «млн», «million»), read from tokens."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from hamkari.extraction.document import Token
from hamkari.extraction.lexicon import entries
from hamkari.extraction.normalize import fold_term

_AND = frozenset({"و", "и", "and"})
_DIGITS = re.compile(r"\d+")
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


@functools.cache
def number_words() -> dict[str, tuple[int, str, str]]:
    out: dict[str, tuple[int, str, str]] = {}
    for e in entries("numbers"):
        for t in e.terms:
            out.setdefault(fold_term(t).rstrip("."), (int(e.key), e.attrs[0], e.rule))
    return out


def _word(tok: Token) -> tuple[int, str, str] | None:
    words = number_words()
    return words.get(tok.text) or words.get(tok.lemma)


def read_number(tokens: list[Token], text: str, i: int) -> Number | None:
    """The number starting at token i, if any."""
    tok = tokens[i]
    value: int | float
    last = i
    rule = ""
    worded = False
    if _DIGITS.fullmatch(tok.text):
        if len(tok.text) > MAX_DIGITS:
            return None
        value = int(tok.text)
        rule = "numbers.digits"
        # «1.5», «1,5» (decimal) and «1,500», «1.500.000» (thousands) join digit tokens.
        while last + 1 < len(tokens):
            sep = text[tokens[last].end : tokens[last + 1].start]
            nxt = tokens[last + 1].text
            if sep in (",", ".") and _DIGITS.fullmatch(nxt) and len(nxt) <= MAX_DIGITS:
                if len(nxt) == 3 and isinstance(value, int):
                    value = value * 1000 + int(nxt)
                    if value > MAX_VALUE:
                        return None  # «1,000,000,…»: thousands groups beyond any figure
                elif isinstance(value, int) and last == i:
                    value = float(f"{value}.{nxt}")
                else:
                    break
                last += 1
            else:
                break
    else:
        parsed = _parse_words(tokens, i)
        if parsed is None:
            return None
        value, last, rule = parsed
        worded = True
    scaled = False
    while last + 1 < len(tokens):
        w = _word(tokens[last + 1])
        sep = text[tokens[last].end : tokens[last + 1].start].strip()
        if w is None or w[1] != "scale" or sep not in ("", ".") or value * w[0] > MAX_VALUE:
            break
        value = value * w[0]
        scaled = True
        last += 1
        rule = f"{rule}+{w[2]}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return Number(value, i, last, worded and not scaled, rule)


def _parse_words(tokens: list[Token], i: int) -> tuple[int, int, str] | None:
    current = 0
    last = -1
    rules: list[str] = []
    j = i
    while j < len(tokens):
        w = _word(tokens[j])
        if w is None or w[1] == "scale":
            break
        current += w[0]
        rules.append(w[2])
        last = j
        # «بیست و پنج», «twenty-five»: a connector may join the next number word.
        if (
            j + 1 < len(tokens)
            and tokens[j + 1].text in _AND
            and j + 2 < len(tokens)
            and _word(tokens[j + 2])
        ):
            j += 2
        else:
            j += 1
    if last < 0:
        return None
    return current, last, rules[0] if len(rules) == 1 else f"{rules[0]}…"
