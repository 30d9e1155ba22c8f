"""Offset-preserving normalisation.

Matching runs on a folded copy of the text: Arabic letter forms become Persian ones, digits
become ASCII, case and Latin accents are folded, ё becomes е, zero-width joiners, tatweel, diacritics and
direction marks disappear, HTML entities are decoded and every run of whitespace (including
hard line breaks inside sentences) becomes one space. `Folded` keeps, for every folded
character, the `[start, end)` of the original characters it came from, so any span found on
the folded text maps back to the exact words of the original.
"""

from __future__ import annotations

import functools
import html
import re
import sys
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from hamkari.extraction.document import Span

_ONE_TO_ONE = {
    "ي": "ی",
    "ى": "ی",
    "ئ": "ی",
    "ك": "ک",
    "ة": "ه",
    "ۀ": "ه",
    "ہ": "ه",
    "أ": "ا",
    "إ": "ا",
    "ٱ": "ا",
    "آ": "ا",
    "ؤ": "و",
    "ё": "е",
    "Ё": "е",
    "٫": ".",
    "٬": ",",
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "−": "-",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
}
for _i, (_fa, _ar) in enumerate(zip("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩", strict=True)):
    _ONE_TO_ONE[_fa] = str(_i)
    _ONE_TO_ONE[_ar] = str(_i)
# One regex substitution rather than `str.translate`: translate looks every character up in a
# dict, while the regex engine skips to the few that change (36 in an article of 3,600).
_FOLDABLE = re.compile("[" + "".join(re.escape(c) for c in _ONE_TO_ONE) + "]")


def _one_to_one(m: re.Match[str]) -> str:
    return _ONE_TO_ONE[m.group()]


# Characters that carry no letter: joiners, tatweel, Arabic diacritics, bidi marks, soft hyphen.
_DELETABLE = "\u200c\u200d\u0640\u064b-\u065f\u0670\u200e\u200f\u00ad\u2066-\u2069\u202a-\u202e\ufeff"
# What folding changes, each kind a named (empty) group at the end of its branch. Every kind
# starts with one character of the leading class, which lets the regex engine skip straight to
# those characters instead of trying four branches at every position (3 × faster on articles;
# the branches and their order are those of the plain alternation
# `entity | \s{2,}|[^\S ] | (?<=\s)\u0640+(?=\s) | [deletable]+`).
_SPECIAL = re.compile(
    rf"[&\s{_DELETABLE}]"
    rf"(?:(?<=&)(?:#\d{{1,7}}|#[xX][0-9a-fA-F]{{1,6}}|[a-zA-Z]{{2,10}});(?P<entity>)"
    # a single plain space needs no work; longer runs and other blanks collapse to one space
    rf"|(?<=\s)(?:\s+|(?<=[^\S ]))(?P<space>)"
    # a tatweel standing alone between blanks is a dash: «شمال ـ جنوب» is «شمال - جنوب»
    rf"|(?<=\s\u0640)\u0640*(?=\s)(?P<dash>)"
    rf"|(?<=[{_DELETABLE}])[{_DELETABLE}]*(?P<delete>))"
)


_PERSIAN_HYPHEN = re.compile(r"(?<=[\u0600-\u06ff])-(?=[\u0600-\u06ff])")
_ACCENTED = re.compile(r"[\u00c0-\u024f]")


@functools.lru_cache(maxsize=1024)
def _unaccent(c: str) -> str:
    base = "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x))
    return base if len(base) == 1 else c


def fold_chars(segment: str) -> str:
    """Fold a piece of text character by character; the result has the same length."""
    out = _FOLDABLE.sub(_one_to_one, segment)
    lowered = out.lower()
    if len(lowered) != len(out):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in out)
    if _ACCENTED.search(lowered):
        lowered = _ACCENTED.sub(lambda m: _unaccent(m.group()), lowered)
    return lowered


@dataclass(slots=True)
class Folded:
    text: str
    # Original start and end of each folded character, as machine integers: two Python lists of
    # int objects took 72 bytes a character (72 MB for 1 MB of text), and the larger heap slowed
    # every later step of a long text.
    starts: array[int]
    ends: array[int]

    def to_original(self, start: int, end: int) -> Span:
        """Map a folded `[start, end)` to the original text."""
        return Span(self.starts[start], self.ends[end - 1])

    def to_folded(self, start: int, end: int) -> tuple[int, int]:
        """Map an original `[start, end)` to the folded characters that lie inside it."""
        return bisect_left(self.starts, start), bisect_right(self.ends, end)


_BLOCK = 1 << 16  # positions are made in blocks of 65,536


@functools.cache
def _first_block() -> array[int]:
    """0..65535: every article up to that length takes its positions from here (512 KB, kept)."""
    return array("q", range(_BLOCK))


def _positions(size: int) -> array[int]:
    """An array that holds 0..size-1 at those indexes (it may be longer): making one an integer
    at a time costs more than folding the text. Past the first block, block h is the first
    block's bytes with h·65536 written into the bytes of each number that are zero there (the
    low two bytes hold the offset within the block), one strided memory write per byte."""
    first = _first_block()
    if size <= _BLOCK:
        return first
    block = first.tobytes()
    raw = bytearray()
    for high in range((size + _BLOCK - 1) // _BLOCK):
        chunk = bytearray(block)
        for i, byte in enumerate((high * _BLOCK).to_bytes(first.itemsize, sys.byteorder)):
            if byte:
                chunk[i :: first.itemsize] = bytes((byte,)) * _BLOCK
        raw += chunk
    out = array("q")
    out.frombytes(raw)
    return out


def fold(text: str) -> Folded:
    pieces: list[str] = []
    # the offsets of plain stretches are copied from an array of 0..len(text) (a memory copy),
    # not made one integer at a time
    positions = _positions(len(text) + 1)
    starts = array("q")
    ends = array("q")
    last_space = True  # no leading space

    def emit_plain(a: int, b: int) -> None:
        nonlocal last_space
        if a >= b:
            return
        pieces.append(fold_chars(text[a:b]))
        starts.extend(positions[a:b])
        ends.extend(positions[a + 1 : b + 1])
        last_space = False

    def emit_space(a: int, b: int) -> None:
        nonlocal last_space
        if last_space:
            if pieces and pieces[-1] == " ":
                ends[-1] = b  # one space covers the whole run of blanks
            return
        pieces.append(" ")
        starts.append(a)
        ends.append(b)
        last_space = True

    pos = 0
    for m in _SPECIAL.finditer(text):
        emit_plain(pos, m.start())
        pos = m.end()
        kind = m.lastgroup
        if kind == "space":
            emit_space(m.start(), m.end())
        elif kind == "entity":
            decoded = html.unescape(m.group())
            if decoded == m.group():
                emit_plain(m.start(), m.end())
            elif decoded.isspace() or not decoded:
                emit_space(m.start(), m.end())
            else:
                folded = fold_chars(decoded)
                pieces.append(folded)
                starts.extend([m.start()] * len(folded))
                ends.extend([m.end()] * len(folded))
                last_space = False
        elif kind == "dash":
            pieces.append("-")
            starts.append(m.start())
            ends.append(m.end())
            last_space = False
        # deletable characters emit nothing
    emit_plain(pos, len(text))
    folded_text = "".join(pieces)
    if "-" in folded_text:
        # Persian never hyphenates inside a word: «شمال–جنوب» is two words (same length, same offsets)
        folded_text = _PERSIAN_HYPHEN.sub(" ", folded_text)
    if folded_text.endswith(" "):
        folded_text = folded_text[:-1]
        starts.pop()
        ends.pop()
    return Folded(folded_text, starts, ends)


# A word of folded text; the tokenizer and the lemma keys of lexicon terms must cut words alike.
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def fold_term(term: str) -> str:
    """Fold a lexicon term exactly as document text is folded."""
    return fold(term.strip()).text
