"""Dates and numbers as a reader sees and types them, one golden table per function."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from hamkari.kb.calendar import (
    digits_in,
    due_text,
    jalali_text,
    latin_digits,
    moment_text,
    number_in,
    precision_fits,
    typed_number,
)


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [(2025, "fa", "۲۰۲۵"), (2025, "ru", "2025"), (None, "fa", ""), ("IR-01", "fa-ir", "IR-۰۱")],
)
def test_digits_in_writes_persian_digits_only_in_persian(value: object, language: str, expected: str) -> None:
    assert digits_in(value, language) == expected


@pytest.mark.parametrize(
    ("value", "language", "decimals", "expected"),
    [
        (3012.5, "fa", 1, "۳٬۰۱۲٫۵"),  # Persian separator and decimal sign, not «,» and «.»
        (3012.5, "ru", 1, "3\u00a0012,5"),  # the Russian decimal comma
        (3012.5, "en", 1, "3,012.5"),
        (1234567, "fa", 0, "۱٬۲۳۴٬۵۶۷"),
        (7, None, 0, "۷"),  # no language: the site's first, Persian
    ],
)
def test_number_in_groups_digits_as_the_language_writes_them(
    value: float, language: str | None, decimals: int, expected: str
) -> None:
    assert number_in(value, language, decimals) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("۱۴۰۴/۰۹/۲۶", "1404/09/26"), ("١٤٠٤", "1404"), ("2025", "2025")],
)
def test_latin_digits_reads_persian_and_arabic_indic_digits(typed: str, expected: str) -> None:
    assert latin_digits(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("۶۸۰٬۰۰۰", "680000"), ("۰٫۳۵", "0.35"), ("1,250.5", "1250.5")],
)
def test_typed_number_drops_group_separators_and_reads_the_persian_decimal_sign(
    typed: str, expected: str
) -> None:
    assert typed_number(typed) == expected


def test_jalali_text_names_the_persian_month_with_persian_digits() -> None:
    assert jalali_text(dt.date(2025, 12, 3)) == "۱۲ آذر ۱۴۰۴"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fa", "۱۲ آذر ۱۴۰۴، ۱۴:۳۰"), ("ru", "2025-12-03 14:30"), ("en", "2025-12-03 14:30")],
)
def test_moment_text_is_jalali_in_persian_and_iso_like_otherwise(language: str, expected: str) -> None:
    assert moment_text(dt.datetime(2025, 12, 3, 14, 30), language) == expected


# (due day, precision, language, the deadline as shown; None: the day is shown)
DUE_TEXTS = [
    (dt.date(2027, 4, 30), "month", "en", "April 2027"),
    (dt.date(2027, 4, 30), "month", "fa", "آوریل ۲۰۲۷"),
    (dt.date(2026, 12, 21), "month", "fa", "آذر ۱۴۰۵"),  # a Jalali month's last day: that month
    (dt.date(2026, 12, 21), "month", "en", "Azar 1405 (2026-12-21)"),
    (dt.date(2026, 12, 21), "month", "ru", "азар 1405 (2026-12-21)"),
    (dt.date(2029, 12, 31), "year", "fa", "۲۰۲۹"),
    (dt.date(2029, 12, 31), "year", "ru", "2029"),
    (dt.date(2030, 3, 20), "year", "fa", "۱۴۰۸"),
    (dt.date(2027, 6, 30), "quarter", "en", None),  # a quarter or a half: its last day
    (dt.date(2027, 4, 14), "month", "en", None),  # no month ends then: the day
    (dt.date(2027, 4, 30), "day", "en", None),
]


@pytest.mark.parametrize(("day", "precision", "language", "expected"), DUE_TEXTS)
def test_due_text_shows_a_month_or_a_year_as_such(
    day: dt.date, precision: str, language: str, expected: str | None
) -> None:
    with translation.override(language):
        assert due_text(day, precision, language) == expected


@pytest.mark.parametrize(
    ("day", "precision", "fits"),
    [
        (dt.date(2027, 4, 30), "month", True),
        (dt.date(2026, 12, 21), "month", True),  # Azar's last day
        (dt.date(2027, 4, 29), "month", False),
        (dt.date(2027, 6, 30), "quarter", True),
        (dt.date(2027, 4, 30), "quarter", False),
        (dt.date(2027, 6, 30), "half", True),
        (dt.date(2029, 12, 31), "year", True),
        (dt.date(2029, 11, 30), "year", False),
        (dt.date(2027, 4, 29), "day", True),
        (None, "month", True),
    ],
)
def test_precision_fits_only_the_last_day_of_its_period(
    day: dt.date | None, precision: str, fits: bool
) -> None:
    assert precision_fits(day, precision) is fits
