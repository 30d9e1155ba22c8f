"""Calendar dates written in folded text: ISO and numeric forms, «۷ خرداد ۱۳۸۸»,
«3 декабря 2025 года», «May 3, 2025». Years below 1500 are Jalali (the Iranian solar calendar)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import jdatetime

from hamkari.extraction.lexicon import entries
from hamkari.extraction.normalize import fold_term


@dataclass(frozen=True, slots=True)
class FoundDate:
    start: int  # folded offsets
    end: int
    date: dt.date
    rule: str


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """A Gregorian date from a Gregorian or (year < 1500) Jalali triple; None when invalid."""
    try:
        if year < 1500:
            if not year >= 1200:
                return None
            result: dt.date = jdatetime.date(year, month, day).togregorian()
            return result
        if not 1900 <= year <= 2200:
            return None
        return dt.date(year, month, day)
    except ValueError:
        return None


# The days the Jalali calendar can show: 1 Farvardin of year 1 to the last day of jdatetime's last year
# (Esfand 29 exists in every year). A publication date outside them is refused where it is typed.
JALALI_START = dt.date(622, 3, 21)
JALALI_END: dt.date = jdatetime.date(jdatetime.MAXYEAR, 12, 29).togregorian()


def to_jalali(day: dt.date) -> str:
    j = jdatetime.date.fromgregorian(date=day)
    return f"{j.year:04d}-{j.month:02d}-{j.day:02d}"


@functools.cache
def month_names() -> dict[str, tuple[str, int, str]]:
    """Folded month names of every language → (calendar, month number, lexicon rule)."""
    table: dict[str, tuple[str, int, str]] = {}
    for e in entries("months"):
        for t in e.terms:
            table.setdefault(fold_term(t), (e.key, int(e.attrs[0]), e.rule))
    return table


_WORD_BEFORE = re.compile(r"(?<!\w)([^\W\d_]+\.?) $")
# Patterns start with a digit so the regex engine can skip ahead; boundaries are checked after.
_NUMERIC = re.compile(r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})")
_SEPARATOR = re.compile(r"[-/.]")
_DIGIT_OR_DOT = frozenset("0123456789.")


@functools.cache
def _worded() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # A month is one word; the regex takes any word there and the month table decides, which is
    # much faster than an alternation of every month name.
    m = r"[^\W\d_]+\.?"
    # (\d(?<!\w\d)\d?) is (?<!\w)(\d{1,2}) opening with the digit, so that the regex engine
    # skips to digits instead of trying the lookbehind at every position
    day_month_year = re.compile(
        rf"(\d(?<!\w\d)\d?) ?(?:ام |-?го )?({m}) (?:ماه |месяца )?(\d{{4}})"
        rf"(?: (?:года|г\.|год|م\.|ه\.ش\.))?"
    )
    # «May 3, 2025» is found from its digits, then the word before them is looked up
    month_day_year = re.compile(r"(\d{1,2}),? (\d{4})(?!\d)")
    return day_month_year, month_day_year


def find_dates(folded: str) -> list[FoundDate]:
    found: list[FoundDate] = []
    taken = bytearray(len(folded))  # 1 at every character of a date already found

    def add(start: int, end: int, value: dt.date | None, rule: str) -> None:
        if value is None or taken.find(1, start, end) != -1:
            return
        taken[start:end] = b"\x01" * (end - start)
        found.append(FoundDate(start, end, value, rule))

    months = month_names()
    dmy_words, mdy_words = _worded()
    for m in dmy_words.finditer(folded):
        month_entry = months.get(m.group(2)) or months.get(m.group(2).rstrip("."))
        if month_entry is None:
            continue
        calendar, month, rule = month_entry
        year = int(m.group(3))
        if (calendar == "jalali") != (year < 1500):
            continue
        add(m.start(), m.end(), make_date(year, month, int(m.group(1))), f"dates.day_month_year ({rule})")
    for m in mdy_words.finditer(folded):
        if m.start() and folded[m.start() - 1].isdigit():
            continue
        before = _WORD_BEFORE.search(folded, max(0, m.start() - 16), m.start())
        if before is None:
            continue
        month_entry = months.get(before.group(1)) or months.get(before.group(1).rstrip("."))
        if month_entry is None:
            continue
        calendar, month, rule = month_entry
        year = int(m.group(2))
        if calendar != "gregorian" or year < 1500:
            continue
        add(
            before.start(), m.end(), make_date(year, month, int(m.group(1))), f"dates.month_day_year ({rule})"
        )
    for m in _NUMERIC.finditer(folded):
        start, end = m.span()
        if (start and folded[start - 1] in _DIGIT_OR_DOT) or (end < len(folded) and folded[end].isdigit()):
            continue
        first, second, third = (int(x) for x in _SEPARATOR.split(m.group()))
        if len(m.group(1)) == 4:
            add(start, end, make_date(first, second, third), "dates.numeric_ymd")
        elif len(m.group(3)) == 4:
            add(start, end, make_date(third, second, first), "dates.numeric_dmy")
    return sorted(found, key=lambda d: d.start)
