"""Commitments: deadlines given as a calendar date, and months counted from when the sentence
says the commitment was made. Golden tables of (text, published, expected due) per language;
every sentence is written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from hamkari.extraction import extract, to_json


def _dues(text: str, published: str) -> list[tuple[str | None, str | None]]:
    doc = to_json(extract(text, published=dt.date.fromisoformat(published)))
    return [(c["due"], c["due_expression"]) for c in doc["commitments"]]


# An absolute deadline: the day itself (a day and month without a year: its next occurrence).
ABSOLUTE = [
    (
        "Стороны договорились, что до 1 марта 2027 года министерство должно подготовить дорожную карту.",
        "2026-11-01",
        ("2027-03-01", "до 1 марта 2027 года"),
    ),
    (
        "Министерство промышленности должно к 15 февраля подготовить проект соглашения с Ираном.",
        "2026-11-01",
        ("2027-02-15", "к 15 февраля"),
    ),
    (
        "بر اساس این تفاهم‌نامه، اتاق بازرگانی باید تا ۱۵ بهمن ۱۴۰۵ فهرست شرکت‌ها را ارسال کند.",
        "2026-11-01",
        ("2027-02-04", "تا ۱۵ بهمن ۱۴۰۵"),
    ),
    (
        "طرفین متعهد شدند تا پایان اسفند ۱۴۰۵ نخستین محموله را به روسیه ارسال کنند.",
        "2026-11-01",
        ("2027-03-20", "تا پایان اسفند ۱۴۰۵"),
    ),
    (
        "The two sides must set up a joint working group by 1 March 2027, the governor said.",
        "2026-11-01",
        ("2027-03-01", "by 1 March 2027"),
    ),
    (
        "The chamber of commerce must submit the list of exporters no later than March 15, 2027, "
        "the governor said.",
        "2026-11-01",
        ("2027-03-15", "no later than March 15, 2027"),
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), ABSOLUTE)
def test_an_absolute_deadline_gives_its_own_day(text: str, published: str, expected: tuple[str, str]) -> None:
    assert expected in _dues(text, published)


# «до», «к», «by», «تا» are deadlines only before a date: figures and ranges of days are not.
NOT_A_DEADLINE = [
    ("Товарооборот с Ираном вырос до 1,5 млн тонн, сообщил губернатор.", "2026-11-01"),
    ("Выставка пройдет с 12 до 15 марта, в ней примут участие иранские компании.", "2026-11-01"),
    ("نمایشگاه از ۱۲ تا ۱۵ بهمن ۱۴۰۵ با حضور شرکت‌های روسی برگزار می‌شود.", "2026-11-01"),
    ("Exports to Iran rose by 20 percent, the governor said.", "2026-11-01"),
]


@pytest.mark.parametrize(("text", "published"), NOT_A_DEADLINE)
def test_a_date_word_before_a_figure_or_a_range_sets_no_deadline(text: str, published: str) -> None:
    assert not [due for due, _ in _dues(text, published) if due is not None]


# A month without a year: counted from the month the sentence says it was agreed in, and in the
# past when its verb is in the past tense; otherwise the next such month from publication.
MONTHS = [
    (
        "В марте стороны договорились к концу июня запустить регулярную паромную линию.",
        "2026-09-18",
        "2026-06-30",
    ),
    (
        "Министерство завершило к концу июня подготовку соглашения с иранской палатой.",
        "2026-09-18",
        "2026-06-30",
    ),
    ("Стороны договорились к концу июня запустить регулярную паромную линию.", "2026-09-18", "2027-06-30"),
    (
        "در فروردین طرفین توافق کردند تا پایان خرداد خط کشتیرانی را راه‌اندازی کنند.",
        "2026-09-18",
        "2026-06-21",
    ),
    ("طرفین توافق کردند تا پایان خرداد خط کشتیرانی را راه‌اندازی کنند.", "2026-09-18", "2027-06-21"),
    (
        "In March the two sides agreed to launch the ferry line by the end of June.",
        "2026-09-18",
        "2026-06-30",
    ),
    # a step told as taken beside the deadline, in languages read without a tagger
    ("خط کشتیرانی انزلی با همکاری روسیه تا پایان خرداد راه‌اندازی شد.", "2026-09-18", "2026-06-21"),
    ("The ferry line of Gilan and Astrakhan was launched by the end of June.", "2026-09-18", "2026-06-30"),
    (
        "The ferry line of Gilan and Astrakhan will be launched by the end of June.",
        "2026-09-18",
        "2027-06-30",
    ),
]


@pytest.mark.parametrize(("text", "published", "due"), MONTHS)
def test_a_month_deadline_is_counted_from_when_it_was_set(text: str, published: str, due: str) -> None:
    assert due in [d for d, _ in _dues(text, published)]


@pytest.mark.parametrize(
    "text",
    [
        "Министерство должно до 31 февраля 2027 года подготовить проект соглашения с Ираном.",
        "بر اساس تفاهم‌نامه، اتاق بازرگانی باید تا ۳۱ اسفند ۱۴۰۵ فهرست را به روسیه ارسال کند.",
    ],
)
def test_a_day_the_calendar_lacks_gives_no_due_date_and_no_error(text: str) -> None:
    assert [due for due, _ in _dues(text, "2026-11-01")] == [None]


def test_a_month_ahead_named_before_the_deadline_does_not_move_it_back() -> None:
    text = "В ноябре пройдет форум, и к концу декабря министерство должно подготовить проект с Ираном."
    assert "2026-12-31" in [d for d, _ in _dues(text, "2026-10-05")]
