"""The sentence the review queue shows around a fact's words (hamkari/web/views/articles.py)."""

from __future__ import annotations

import pytest

from hamkari.web.views.articles import CONTEXT_CHARS, sentence_of

LONG = "پیش " * 60 + "هدف " + "پس " * 60
CONTEXTS = [  # (text, the fact's words, (before, after))
    (
        "نشست پایان یافت. بندر انزلی حدود 1.5 میلیون تن بار جابه‌جا کرد. سپس",
        "انزلی",
        ("بندر", " حدود 1.5 میلیون تن بار جابه‌جا کرد."),
    ),
    ("Порт вырос на 2.5 процента? Да.", "Порт", ("", " вырос на 2.5 процента?")),
    ("The port grew.\nThe ferry line opened", "ferry", ("The", " line opened")),
]


@pytest.mark.parametrize(("text", "words", "expected"), CONTEXTS)
def test_the_sentence_around_the_words_is_not_cut_at_a_decimal_point(
    text: str, words: str, expected: tuple[str, str]
) -> None:
    start = text.index(words)
    before, shown, after = sentence_of(text, start, start + len(words))
    assert (before.strip(), after) == (expected[0], expected[1]) and shown == words


def test_a_sentence_longer_than_the_context_is_cut_between_words_with_an_ellipsis() -> None:
    start = LONG.index("هدف")
    before, _, after = sentence_of(LONG, start, start + 3)
    assert before.startswith("…پیش ") and after.endswith("پس…")
    assert len(before) <= CONTEXT_CHARS + 1 and len(after) <= CONTEXT_CHARS + 1
