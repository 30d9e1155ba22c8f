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


def to_jalali(day: dt.date) -> str:
    j = jdatetime.date.fromgregorian(date=day)
    return f"{j.year:04d}-{j.month:02d}-{j.day:02d}"


@functools.cache
def _months() -> tuple[dict[str, tuple[str, int, str]], re.Pattern[str]]:
    table: dict[str, tuple[str, int, str]] = {}
    for e in entries("months"):
        for t in e.terms:
            table.setdefault(fold_term(t), (e.key, int(e.attrs[0]), e.rule))
    names = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return table, re.compile(names) if names else re.compile(r"(?!x)x")


_ISO = re.compile(r"(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
_DMY = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4})(?![\d])")


@functools.cache
def _worded() -> tuple[re.Pattern[str], re.Pattern[str]]:
    _, months = _months()
    m = months.pattern
    day_month_year = re.compile(
        rf"(?<![\w])(\d{{1,2}}) ?(?:ام |-?го )?({m}) (?:ماه |месяца )?(\d{{4}})"
        rf"(?: (?:года|г\.|год|م\.|ه\.ش\.))?"
    )
    month_day_year = re.compile(rf"(?<![\w])({m}) (\d{{1,2}}),? (\d{{4}})(?!\d)")
    return day_month_year, month_day_year


def find_dates(folded: str) -> list[FoundDate]:
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: dt.date | None, rule: str) -> None:
        if value is None or any(a < end and start < b for a, b in taken):
            return
        taken.append((start, end))
        found.append(FoundDate(start, end, value, rule))

    months, _ = _months()
    dmy_words, mdy_words = _worded()
    for m in dmy_words.finditer(folded):
        calendar, month, rule = months[m.group(2)]
        year = int(m.group(3))
        if (calendar == "jalali") != (year < 1500):
            continue
        add(m.start(), m.end(), make_date(year, month, int(m.group(1))), f"dates.day_month_year ({rule})")
    for m in mdy_words.finditer(folded):
        calendar, month, rule = months[m.group(1)]
        year = int(m.group(3))
        if calendar != "gregorian" or year < 1500:
            continue
        add(m.start(), m.end(), make_date(year, month, int(m.group(2))), f"dates.month_day_year ({rule})")
    for m in _ISO.finditer(folded):
        add(
            m.start(),
            m.end(),
            make_date(int(m.group(1)), int(m.group(2)), int(m.group(3))),
            "dates.numeric_ymd",
        )
    for m in _DMY.finditer(folded):
        add(
            m.start(),
            m.end(),
            make_date(int(m.group(3)), int(m.group(2)), int(m.group(1))),
            "dates.numeric_dmy",
        )
    return sorted(found, key=lambda d: d.start)
