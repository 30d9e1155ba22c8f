"""The argument types of the command line (hamkari/cli/values.py): dates as a Persian, Russian or
English user types them."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest
from django.utils import translation

from hamkari.cli.values import publication_date, region_typed, release

# (typed, the day it means): Gregorian year first, a Jalali year (1300–1699) as the site's date
# fields read it, Latin, Persian or Arabic-Indic digits
DATES = [
    ("2025-12-03", dt.date(2025, 12, 3)),
    ("2025-1-5", dt.date(2025, 1, 5)),
    ("2025/12/03", dt.date(2025, 12, 3)),
    (" 2025-12-03 ", dt.date(2025, 12, 3)),
    ("1404-09-12", dt.date(2025, 12, 3)),
    ("1404/09/12", dt.date(2025, 12, 3)),
    ("۱۴۰۴/۰۹/۱۲", dt.date(2025, 12, 3)),
    ("۲۰۲۵-۱۲-۰۳", dt.date(2025, 12, 3)),
    ("٢٠٢٥-١٢-٠٣", dt.date(2025, 12, 3)),
    ("1403/12/30", dt.date(2025, 3, 20)),
    ("1699-01-01", dt.date(2320, 3, 21)),
    ("1700-01-01", dt.date(1700, 1, 1)),
]

# (typed, what the one line says)
REFUSED = [
    ("03/12/2025", "not a date in YYYY-MM-DD form: '03/12/2025'"),
    ("tomorrow", "not a date in YYYY-MM-DD form: 'tomorrow'"),
    ("2025-12/03", "not a date in YYYY-MM-DD form: '2025-12/03'"),
    ("2025-02-30", "not a date in YYYY-MM-DD form: '2025-02-30'"),
    ("1404/13/01", "not a date in YYYY-MM-DD form: '1404/13/01'"),
    ("۱۴۰۳/۱۲/۳۱", "not a date in YYYY-MM-DD form: '۱۴۰۳/۱۲/۳۱'"),
    ("0100-01-01", "publication date 0100-01-01 is before the Jalali calendar"),
]


@pytest.mark.parametrize(("typed", "day"), DATES)
def test_a_publication_date_is_read_in_either_calendar_and_any_digits(typed: str, day: dt.date) -> None:
    assert publication_date(typed) == day


@pytest.mark.parametrize(("typed", "message"), REFUSED)
def test_it_rejects_what_is_no_day_with_the_value_as_typed(typed: str, message: str) -> None:
    with translation.override("en"), pytest.raises(argparse.ArgumentTypeError) as refused:
        publication_date(typed)
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "read"), [("IR-۰۱", "IR-01"), ("ir-٠٢", "ir-02"), ("RU-AST", "RU-AST"), ("گیلان", "گیلان")]
)
def test_a_region_typed_with_persian_or_arabic_indic_digits_is_read_with_latin_ones(
    typed: str, read: str
) -> None:
    assert region_typed(typed) == read


def test_a_release_typed_with_persian_digits_and_commas_is_read() -> None:
    assert release("۱۲،۳،۳۰") == (12, 3, 30)
