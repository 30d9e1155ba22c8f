"""Offset-preserving folding: (text, folded) tables and span round trips."""

from __future__ import annotations

import pytest

from hamkari.extraction.normalize import fold

FOLDS = [
    ("همكاري", "همکاری"),  # Arabic kaf and yeh
    ("همکاری‌های", "همکاریهای"),  # zero-width non-joiner
    ("مؤسسه إسلامي أوّل", "موسسه اسلامی اول"),  # hamza forms and shadda
    ("كارگروه مشتركـــــ", "کارگروه مشترک"),  # tatweel
    ("تَشکیلِ کارگروهٍ", "تشکیل کارگروه"),  # diacritics
    ("۱۴۰۳ و ١٤٠٣", "1403 و 1403"),  # Persian and Arabic-Indic digits
    ("تهران &ndash; مسکو&nbsp;امروز", "تهران - مسکو امروز"),  # HTML entities
    ("پیشنهاد داد که دو\n\nکشور", "پیشنهاد داد که دو کشور"),  # hard line breaks in a sentence
    ("Объём её", "объем ее"),  # ё and case
    ("Türkiye CÔTE", "turkiye cote"),  # Latin accents
]


@pytest.mark.parametrize(("text", "folded"), FOLDS)
def test_it_folds_variants_to_one_spelling(text: str, folded: str) -> None:
    assert fold(text).text == folded


@pytest.mark.parametrize(("text", "_"), FOLDS)
def test_every_folded_character_maps_back_into_the_original(text: str, _: str) -> None:
    f = fold(text)
    assert len(f.starts) == len(f.ends) == len(f.text)
    for i in range(len(f.text)):
        assert 0 <= f.starts[i] < f.ends[i] <= len(text)
        assert f.starts[i] >= (f.ends[i - 1] if i else 0)


def test_a_word_found_in_folded_text_quotes_the_original_words() -> None:
    text = "سفر به همكاري‌هاي &laquo;دوجانبه&raquo; در\n\nاستان‌ها"
    f = fold(text)
    start = f.text.index("همکاریهای")
    span = f.to_original(start, start + len("همکاریهای"))
    assert text[span.start : span.end] == "همكاري‌هاي"
    start = f.text.index('"دوجانبه"')
    span = f.to_original(start, start + len('"دوجانبه"'))
    assert text[span.start : span.end] == "&laquo;دوجانبه&raquo;"


def test_an_original_span_maps_to_the_folded_characters_inside_it() -> None:
    text = "الف   ب\u200cپ"
    f = fold(text)
    assert f.to_folded(0, len(text)) == (0, len(f.text))


BLANKS_AND_DASHES = [
    ("شمال ـ جنوب", "شمال - جنوب"),  # a tatweel alone between blanks is a dash
    ("شمالـ جنوب", "شمال جنوب"),  # a tatweel inside a word is dropped
    ("a\tb\u00a0c", "a b c"),  # a single blank other than a space becomes a space
    ("a  \n b", "a b"),  # a run of blanks becomes one space
    ("a &amp;b &bogus; &#1740;", "a &b &bogus; ی"),  # entities decoded, unknown ones kept
]


@pytest.mark.parametrize(("text", "folded"), BLANKS_AND_DASHES)
def test_it_folds_blanks_dashes_and_entities(text: str, folded: str) -> None:
    assert fold(text).text == folded


@pytest.mark.parametrize("length", [65_535, 65_536, 65_537, 200_003])
def test_offsets_of_a_long_text_map_every_character_back(length: int) -> None:
    # texts longer than the kept block of offsets get theirs made block by block
    text = ("ab\u200cc " * (length // 5 + 1))[:length]
    f = fold(text)
    assert len(f.starts) == len(f.ends) == len(f.text)
    plain = [i for i, c in enumerate(text) if c != "\u200c"]
    assert list(f.starts) == plain[: len(f.text)]
    assert list(f.ends) == [i + 1 for i in plain[: len(f.text)]]
