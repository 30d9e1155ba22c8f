"""Word-level views of a document shared by the components that read context around a match."""

from __future__ import annotations

import itertools
import operator
import re
from bisect import bisect_left, bisect_right
from collections.abc import Container, Iterable

from hamkari.extraction.document import Document, Match, Span
from hamkari.extraction.lexicon import word_set

PUNCTUATION = re.compile(r"[.,،;؛:!?؟()\[\]{}\n|/\\…]")


class Words:
    """Tokens of a document with fast lookups from folded offsets and lexicon matches."""

    def __init__(self, doc: Document, tables: Iterable[str] = ()) -> None:
        assert doc.folded is not None
        self.doc = doc
        self.text = doc.folded.text
        self.tokens = doc.tokens
        self.n = len(doc.tokens)
        if len(doc.token_starts) != self.n:
            doc.token_starts = [t.start for t in doc.tokens]
            doc.token_ends = [t.end for t in doc.tokens]
        if len(doc.token_texts) != self.n:
            doc.token_texts = [t.text for t in doc.tokens]
            doc.token_lemmas = [t.lemma for t in doc.tokens]
        # every token's word and lemma, made once per document for the components' passes
        self.texts = doc.token_texts
        self.lemmas = doc.token_lemmas
        self._starts = doc.token_starts
        self._ends = doc.token_ends
        self._original_starts = doc.folded.starts
        self.covered: dict[int, Match] = {}
        wanted = frozenset(tables)
        if not wanted:
            return
        cover = self.covered.setdefault
        for m, first, end in doc.matches_over_tokens():
            if m.table in wanted:
                for i in range(first, end):  # every token the match touches
                    cover(i, m)

    def among(self, words: Container[str], lemmas: bool = True) -> list[int]:
        """The indexes of the tokens whose word (or lemma) is one of `words`, in order: the set
        is asked about every token in C (`map`, `compress`) rather than in a Python loop."""
        found = map(words.__contains__, self.texts)
        if lemmas:
            found = map(operator.or_, found, map(words.__contains__, self.lemmas))
        return list(itertools.compress(range(self.n), found))

    def first_at(self, fpos: int) -> int:
        """Index of the first token starting at or after folded `fpos`."""
        return bisect_left(self._starts, fpos)

    def last_before(self, fpos: int) -> int:
        """Index of the last token ending at or before folded `fpos`."""
        return bisect_right(self._ends, fpos) - 1

    def word(self, i: int) -> str:
        return self.tokens[i].text

    def gap(self, i: int, j: int) -> str:
        """Folded text between token i and token j (i < j)."""
        return self.text[self.tokens[i].end : self.tokens[j].start]

    def broken(self, i: int, j: int) -> bool:
        """Whether punctuation separates token i from token j."""
        return bool(PUNCTUATION.search(self.gap(i, j)))

    def span(self, i: int, j: int) -> Span:
        """Original span of tokens i..j inclusive."""
        return self.doc.span_of(self.tokens[i].start, self.tokens[j].end)

    def capitalised(self, i: int) -> bool:
        """Whether token i starts with a capital letter in the original text."""
        start = self._original_starts[self.tokens[i].start]  # = self.span(i, i).start
        return self.doc.text[start : start + 1].isupper()

    def stop(self, i: int, *kinds: str) -> bool:
        """Whether token i is a stopword (of the given kinds; all kinds by default)."""
        t = self.tokens[i]
        words = word_set("stopwords", *kinds)
        return t.text in words or t.lemma in words


def place_of(m: Match) -> tuple[str | None, str | None]:
    """The (region, country) a place match names: a region its code, a city its region."""
    if m.table == "regions":
        return m.key, None
    if m.table == "cities":
        return m.attrs[0], None
    if m.table == "countries":
        return None, m.key
    return None, None
