"""Components that prepare the text: folding, language, sentences, tokens, header."""

from __future__ import annotations

import functools
import re

from hamkari.extraction.dates import find_dates
from hamkari.extraction.document import Document, Provenance, Sentence, Span, Token
from hamkari.extraction.languages import profile
from hamkari.extraction.lexicon import word_set
from hamkari.extraction.morphology import lemma
from hamkari.extraction.normalize import WORD, fold
from hamkari.extraction.pipeline import Component, registered


@registered
class Normalizer(Component):
    name = "normalize"
    requires = ("text",)
    provides = ("folded",)

    def __call__(self, doc: Document) -> None:
        if doc.folded is None:  # the caller may have folded the text already (kb ingest does)
            doc.folded = fold(doc.text)


# Letters are counted in the UTF-8 bytes of the text: a character of U+0600–U+06FF (Arabic
# script) begins with one of the bytes D8–DB, one of U+0400–U+04FF (Cyrillic) with D0–D3, and
# a–z are the bytes 61–7A; counting bytes is a tenth of the time of counting regex matches.
_ARABIC_LEADS = (b"\xd8", b"\xd9", b"\xda", b"\xdb")
_CYRILLIC_LEADS = (b"\xd0", b"\xd1", b"\xd2", b"\xd3")
_NOT_LATIN = bytes(b for b in range(256) if not 0x61 <= b <= 0x7A)


@registered
class LanguageDetector(Component):
    """The script with most letters decides: Arabic script → fa, Cyrillic → ru, Latin → en.
    A language given by the caller (`--lang`) is kept."""

    name = "language"
    requires = ("folded",)
    provides = ("language",)

    def __call__(self, doc: Document) -> None:
        if doc.language:
            return
        assert doc.folded is not None
        # the script of the first pages decides (a lone surrogate is no letter: surrogatepass)
        t = doc.folded.text[:3000].encode("utf-8", "surrogatepass")
        counts = {
            "fa": sum(t.count(lead) for lead in _ARABIC_LEADS),
            "ru": sum(t.count(lead) for lead in _CYRILLIC_LEADS),
            "en": len(t.translate(None, _NOT_LATIN)),
        }
        doc.language = max(counts, key=lambda k: counts[k]) if any(counts.values()) else "en"


_TERMINAL = ".!?؟…"
_SPLIT = re.compile(r"(?<=[.!?؟…])[\"'»”)]*\s+")
_ABBREVIATIONS = frozenset(
    [
        "г",
        "гг",
        "тыс",
        "млн",
        "млрд",
        "руб",
        "ул",
        "им",
        "т",
        "д",
        "п",
        "см",
        "др",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "vs",
        "inc",
        "ltd",
        "jr",
        "co",
        "corp",
    ]
)
# A line shorter than this that stands alone (blank line after it) is a heading.
_HEADING_MAX = 160


@registered
class SentenceSplitter(Component):
    """Sentences as spans of the original text.

    A line break ends a sentence only after terminal punctuation or after a short line that a
    blank line follows (a heading): news sites often break lines, even with blank lines, in the
    middle of a sentence."""

    name = "sentences"
    requires = ("text", "language")
    provides = ("sentences",)

    def __call__(self, doc: Document) -> None:
        doc.sentences = [Sentence(s) for s in split_sentences(doc.text, doc.language or "en")]


def _blocks(text: str) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    pos = 0
    for part in text.split("\n"):
        lines.append((pos, pos + len(part)))
        pos += len(part) + 1
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    index = 0
    while index < len(lines):
        a, b = lines[index]
        content = text[a:b].strip()
        if content:
            current = (current[0], b) if current else (a, b)
            blank_follows = index + 1 >= len(lines) or not text[slice(*lines[index + 1])].strip()
            if content[-1] in _TERMINAL + ":" or (len(content) <= _HEADING_MAX and blank_follows):
                spans.append(current)
                current = None
        index += 1
    if current:
        spans.append(current)
    return spans


def split_sentences(text: str, language: str) -> list[Span]:
    out: list[Span] = []
    for a, b in _blocks(text):
        pos = a
        for m in _SPLIT.finditer(text, a, b):
            before = text[pos : m.start()].rstrip(_TERMINAL + "\"'»”)")
            last_word = re.split(r"\W+", before)[-1].lower() if before else ""
            nxt = text[m.end() : m.end() + 1]
            if language != "fa" and (
                last_word in _ABBREVIATIONS or len(last_word) == 1 or (nxt.isalpha() and nxt.islower())
            ):
                continue
            _append(out, text, pos, m.start())
            pos = m.end()
        _append(out, text, pos, b)
    return out


def _append(out: list[Span], text: str, a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        out.append(Span(a, b))


@registered
class Tokenizer(Component):
    name = "tokens"
    requires = ("folded", "language")
    provides = ("tokens",)

    def __call__(self, doc: Document) -> None:
        assert doc.folded is not None
        tokens = []
        lemmas = profile(doc.language).morphology
        for m in WORD.finditer(doc.folded.text):
            word = m.group()
            start, end = m.span()
            tokens.append(Token(word, lemma(word) if lemmas else word, start, end))
        doc.tokens = tokens


@functools.cache
def _noise() -> re.Pattern[str]:
    terms = sorted(word_set("noise", "header"), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")(?!\w)")


@registered
class HeaderReader(Component):
    """Publication date from the top of the article (the title is TitleWriter's); page furniture there
    («date 2025-12-03 پخش زنده», «Поделиться») is marked as ignored."""

    name = "header"
    requires = ("text", "folded")
    provides = ("published", "ignored", "dates")

    HEADER_CHARS = 300

    def __call__(self, doc: Document) -> None:
        assert doc.folded is not None
        folded = doc.folded
        limit = min(len(folded.text), folded.to_folded(0, self._header_end(doc.text))[1])
        head = folded.text[:limit]
        doc.dates = find_dates(folded.text)
        for d in (d for d in doc.dates if d.end <= limit):
            span = folded.to_original(d.start, d.end)
            if doc.published is None:
                doc.published = d.date
                doc.published_provenance = Provenance(self.name, d.rule)
            if self._on_own_line(doc.text, span):
                # «date 2025-12-03», «۷ خرداد ۱۴۰۳ - ۱۱:۲۰»: the whole short dateline is furniture
                doc.ignored.append(self._line_of(doc.text, span))
            break
        for m in _noise().finditer(head):
            span = folded.to_original(m.start(), m.end())
            # «کد خبر: 731058»: on a short header line the furniture takes the whole line
            doc.ignored.append(self._line_of(doc.text, span) if self._on_own_line(doc.text, span) else span)

    def _header_end(self, text: str) -> int:
        """The header is the first lines up to HEADER_CHARS characters."""
        end = min(len(text), self.HEADER_CHARS)
        nl = text.find("\n", end)
        return len(text) if nl == -1 else nl

    @staticmethod
    def _line_of(text: str, span: Span) -> Span:
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.end)
        return Span(line_start, len(text) if line_end == -1 else line_end)

    def _on_own_line(self, text: str, span: Span) -> bool:
        line = self._line_of(text, span)
        return len(text[line.start : line.end].strip()) < 60
