"""Argument types shared by the commands: each refuses a wrong value with a message saying what
is allowed (argparse prints it in one line and exits 2)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable

import jdatetime
from django.utils.translation import gettext as _

from hamkari.kb.calendar import latin_digits
from hamkari.kb.reasons import reason
from hamkari.kb.services.store import publication_check
from hamkari.sources.inputs import InputError

# a year from 1300 to 1699 is a Jalali year (1300 began in March 1921), as the site's date fields
# read it (tracker.services.parse_date); earlier years stay Gregorian here, so that a date before
# the Jalali calendar is still said to be one
JALALI_YEARS = range(1300, 1700)


def date(value: str) -> dt.date:
    """YYYY-MM-DD (or YYYY/MM/DD), or a Jalali date (1404-09-12, 1404/09/12) as a Persian reader
    types it; Latin, Persian or Arabic-Indic digits."""
    m = re.fullmatch(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})", latin_digits(value.strip()), re.ASCII)
    try:
        if m is None:
            raise ValueError(value)
        year, month, day = int(m[1]), int(m[3]), int(m[4])
        if year in JALALI_YEARS:
            gregorian: dt.date = jdatetime.date(year, month, day).togregorian()
            return gregorian
        return dt.date(year, month, day)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("not a date in YYYY-MM-DD form: %(value)s") % {"value": repr(value)}
        ) from exc


def publication_date(value: str) -> dt.date:
    """A date (`date`) the Jalali calendar can show: an article's publication date."""
    day = date(value)
    try:
        publication_check(day)
    except InputError as exc:
        raise argparse.ArgumentTypeError(reason(exc)) from exc
    return day


def whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """A whole number from `low` (to `high`)."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or number < low or (high is not None and number > high):
            limits = {"low": low, "high": high, "value": repr(value)}
            if high is None:
                raise argparse.ArgumentTypeError(
                    _("must be a whole number of %(low)s or more, not %(value)s") % limits
                )
            raise argparse.ArgumentTypeError(
                _("must be a whole number from %(low)s to %(high)s, not %(value)s") % limits
            )
        return number

    parse.__name__ = "whole number"
    return parse


PORT = whole(1, 65535)


def release(value: str) -> tuple[int, int, int]:
    """FIRST,BATCH,SECONDS: three whole numbers of at least 1 (`sources add --release`)."""
    parts = latin_digits(value).replace("،", ",").split(",")
    try:
        numbers = tuple(int(p) for p in parts)
    except ValueError:
        numbers = ()
    if len(numbers) != 3 or min(numbers) < 1:
        raise argparse.ArgumentTypeError(
            _("must be FIRST,BATCH,SECONDS, three whole numbers of at least 1 (12,3,30), not %(value)s")
            % {"value": repr(value)}
        )
    return numbers[0], numbers[1], numbers[2]


def region_typed(value: str) -> str:
    """A region as typed on the command line, its ISO code's digits made Latin: «IR-۰۱» (Persian
    digits) and «IR-٠١» (Arabic-Indic) are IR-01; a name has no digits and stays as typed."""
    return latin_digits(value)
