"""Event dates from the words of the text: (text, publication date, expected day, kind) per
language. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from hamkari.extraction import extract

D = dt.date
# 2025-03-14 is a Friday
PUBLISHED = D(2025, 3, 14)

CASES = [
    # a Jalali month written with «ماه» joined to it
    (
        "fa",
        "استاندار گیلان امروز (۲۰ اسفندماه) با سرکنسول روسیه دیدار کرد.",
        PUBLISHED,
        D(2025, 3, 10),
        "day_month",
    ),
    # Persian
    (
        "fa",
        "استاندار گیلان روز سه شنبه با سرکنسول روسیه در رشت دیدار کرد.",
        PUBLISHED,
        D(2025, 3, 11),
        "weekday",
    ),
    ("fa", "استاندار گیلان دیروز با سرکنسول روسیه در رشت دیدار کرد.", PUBLISHED, D(2025, 3, 13), "relative"),
    (
        "fa",
        "استاندار گیلان امروز (۲۰ اسفند) با سرکنسول روسیه دیدار کرد.",
        PUBLISHED,
        D(2025, 3, 10),
        "day_month",
    ),
    (
        "fa",
        "همکاری گیلان و آستراخان\n"
        "استاندار گیلان ۲۰ اسفند ۱۴۰۳ با سرکنسول روسیه در محل استانداری دیدار و گفتگو کرد.",
        None,
        D(2025, 3, 10),
        "absolute",
    ),
    # Russian
    (
        "ru",
        "Губернатор Астраханской области вчера провёл встречу с консулом Ирана.",
        PUBLISHED,
        D(2025, 3, 13),
        "relative",
    ),
    (
        "ru",
        "Во вторник губернатор Астраханской области провёл встречу с консулом Ирана.",
        PUBLISHED,
        D(2025, 3, 11),
        "weekday",
    ),
    (
        "ru",
        "12 марта губернатор Астраханской области провёл встречу с консулом Ирана.",
        PUBLISHED,
        D(2025, 3, 12),
        "day_month",
    ),
    # a day and month after the publication date is of the year before
    (
        "ru",
        "20 декабря губернатор Астраханской области провёл встречу с консулом Ирана.",
        PUBLISHED,
        D(2024, 12, 20),
        "day_month",
    ),
    # English
    (
        "en",
        "The governor of Gilan met the Russian consul in Rasht on Wednesday.",
        PUBLISHED,
        D(2025, 3, 12),
        "weekday",
    ),
    (
        "en",
        "The governor of Gilan met the Russian consul in Rasht yesterday.",
        PUBLISHED,
        D(2025, 3, 13),
        "relative",
    ),
    (
        "en",
        "RASHT, Mar. 10 – The governor of Gilan met the Russian consul in Rasht.",
        PUBLISHED,
        D(2025, 3, 10),
        "day_month",
    ),
]


@pytest.mark.parametrize(("language", "text", "published", "expected", "kind"), CASES)
def test_it_dates_the_event_from_the_words_of_the_text(
    language: str, text: str, published: dt.date | None, expected: dt.date, kind: str
) -> None:
    doc = extract(text, language=language, published=published)
    assert doc.events, "the sentence reports a meeting"
    event = doc.events[0]
    assert event.when is not None and event.when.kind == kind
    assert event.date == expected
    words = doc.quote(event.when.span)
    assert words.strip() and event.when.provenance.component == "event_dates"


def test_it_keeps_the_words_when_no_publication_date_resolves_them() -> None:
    doc = extract("Губернатор Астраханской области вчера провёл встречу с консулом Ирана.")
    assert doc.events[0].when is not None and doc.events[0].when.kind == "relative"
    assert doc.events[0].date is None
    assert doc.events[0].when.resolve(D(2025, 5, 2)) == D(2025, 5, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Экологическая среда региона требует внимания, сообщили на встрече в Астрахани.",
        "نماز جمعه در رشت برگزار شد و استاندار گیلان با سفیر روسیه دیدار کرد.",
    ],
)
def test_it_reads_no_weekday_from_an_ordinary_word(text: str) -> None:
    doc = extract(text, published=PUBLISHED)
    assert all(e.when is None or e.when.kind != "weekday" for e in doc.events)


# A dateline without a year: the year is not in the text, so there is no publication date; the
# day and month stay as the lead's date words, which a caller that knows a reference day (the
# knowledge base: the ingest day) resolves to the nearest such day not after it.
DATELINES_WITHOUT_YEAR = [
    (
        "KAZAN, Nov. 14 (IRNA) – The governor of Gilan met the mayor of Kazan.",
        D(2026, 11, 20),
        D(2026, 11, 14),
    ),
    ("САМАРА, 14 ноября. /ТАСС/. Губернатор встретился с консулом Ирана.", D(2026, 11, 10), D(2025, 11, 14)),
    (
        "رشت – ایرنا – استاندار گیلان روز شنبه (۲۴ آبان‌ماه) با سرکنسول روسیه دیدار کرد.",
        D(2026, 11, 20),
        D(2026, 11, 15),
    ),
]


@pytest.mark.parametrize(("text", "reference", "expected"), DATELINES_WITHOUT_YEAR)
def test_a_dateline_without_a_year_gives_no_publication_date_but_keeps_its_day(
    text: str, reference: dt.date, expected: dt.date
) -> None:
    doc = extract(text)
    assert doc.published is None
    assert doc.when is not None and doc.when.kind == "day_month"
    assert doc.when.resolve(reference) == expected
