"""When an event happened, as the text says it: a full date («3 декабря 2025 года»), a day and a
month without the year («13 марта», «۱۱ آبان», «Apr. 9»), a weekday («روز سه‌شنبه», «в среду»,
«on Wednesday») or a day relative to publication («دیروز», «вчера», «yesterday»).

Only a full date is a date by itself; the others are resolved against a reference day — the
publication date when the article has one, else whatever date the caller knows (a feed's date,
the day it was ingested). A `When` keeps the words it was read from and the rule."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import jdatetime

from hamkari.extraction.dates import month_names
from hamkari.extraction.document import Provenance, Span
from hamkari.extraction.lexicon import entries
from hamkari.extraction.morphology import lemma
from hamkari.extraction.normalize import fold_term

# A day-and-month date is at most this many days after its reference (time zones, late
# publication); otherwise it is the same day and month of the year before.
FUTURE_SLACK = dt.timedelta(days=1)
# Words that make a weekday a day of the calendar: «روز جمعه», «صبح سه شنبه» (morning), «(جمعه …»,
# «в среду», «on Friday».
_WEEKDAY_CUES = frozenset(
    {"روز", "امروز", "دیروز", "صبح", "عصر", "ظهر", "شب", "بامداد", "в", "во", "утром", "on", "last", "this"}
)


@dataclass(frozen=True, slots=True)
class When:
    kind: str  # absolute | day_month | relative | weekday
    span: Span  # original offsets of the words
    provenance: Provenance
    date: dt.date | None = None  # absolute dates only
    month: int = 0
    day: int = 0
    calendar: str = "gregorian"
    weekday: int = -1
    offset: int = 0

    def resolve(self, reference: dt.date | None) -> dt.date | None:
        """The calendar day meant, given the day the text was written (None when unknowable)."""
        if self.kind == "absolute":
            return self.date
        if reference is None:
            return None
        if self.kind == "relative":
            return reference + dt.timedelta(days=self.offset)
        if self.kind == "weekday":
            return reference - dt.timedelta(days=(reference.weekday() - self.weekday) % 7)
        return self._day_month(reference)

    def _day_month(self, reference: dt.date) -> dt.date | None:
        if self.calendar == "jalali":
            year = jdatetime.date.fromgregorian(date=reference).year
            candidates = [_jalali(y, self.month, self.day) for y in (year, year - 1)]
        else:
            candidates = [_gregorian(y, self.month, self.day) for y in (reference.year, reference.year - 1)]
        for day in candidates:
            if day is not None and day <= reference + FUTURE_SLACK:
                return day
        return None


def _jalali(year: int, month: int, day: int) -> dt.date | None:
    try:
        result: dt.date = jdatetime.date(year, month, day).togregorian()
        return result
    except ValueError:
        return None


def _gregorian(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@functools.cache
def _days() -> dict[str, tuple[str, int, str]]:
    """Folded day word (Russian: lemma) → (kind, value, lexicon rule)."""
    table: dict[str, tuple[str, int, str]] = {}
    for e in entries("days"):
        for t in e.terms:
            table.setdefault(fold_term(t), (e.key, int(e.attrs[0]), e.rule))
    return table


@functools.cache
def _day_pattern() -> re.Pattern[str]:
    terms = sorted(_days(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)")


# (?<![\w.])(\d{1,2})…, opening with the digit so that the regex engine skips to digits
_DAY_MONTH = re.compile(r"(\d(?<![\w.]\d)\d?)(?:-?го|ام)? ([^\W\d_]+)\.?(?! ?\d)")
_MONTH_DAY = re.compile(r"(?<!\w)([^\W\d_]+)\.? (\d{1,2})(?![\w.]|,? ?\d)")
_RUSSIAN_WORD = re.compile(r"(?<!\w)[а-я]+(?!\w)")


def partial_dates(folded: str, start: int, end: int) -> Iterator[tuple[int, int, str, dict[str, int | str]]]:
    """Day-and-month dates, relative days and weekdays in folded `[start, end)`, as folded
    offsets, the lexicon rule and the fields of a `When` (kind and values)."""
    months = month_names()
    text = folded[start:end]
    for m in _DAY_MONTH.finditer(text):
        entry = months.get(m.group(2))
        if entry:
            cal, month, rule = entry
            fields: dict[str, int | str] = {"kind": "day_month", "calendar": cal, "month": month}
            yield (
                start + m.start(),
                start + m.end(),
                f"when.day_month ({rule})",
                fields | {"day": int(m.group(1))},
            )
    for m in _MONTH_DAY.finditer(text):
        entry = months.get(m.group(1))
        if entry and entry[0] == "gregorian":
            fields = {"kind": "day_month", "calendar": "gregorian", "month": entry[1], "day": int(m.group(2))}
            yield start + m.start(), start + m.end(), f"when.month_day ({entry[2]})", fields
    yield from _day_words(folded, start, end)


def _day_words(folded: str, start: int, end: int) -> Iterator[tuple[int, int, str, dict[str, int | str]]]:
    days = _days()
    text = folded[start:end]
    found: list[tuple[int, int, str]] = [
        (m.start(), m.end(), m.group(1)) for m in _day_pattern().finditer(text)
    ]
    # Russian weekdays in any case: «в среду», «во вторник» through the lemma
    found += [
        (m.start(), m.end(), lemma(m.group()))
        for m in _RUSSIAN_WORD.finditer(text)
        if m.group() not in days and lemma(m.group()) in days
    ]
    for s, e, word in found:
        kind, value, rule = days[word]
        if kind == "weekday" and not _weekday_context(text, s):
            continue
        fields: dict[str, int | str] = {"kind": kind}
        fields |= {"weekday": value} if kind == "weekday" else {"offset": value}
        yield start + s, start + e, f"when.{kind} ({rule})", fields


def _weekday_context(text: str, at: int) -> bool:
    """A weekday word names a day after a day cue or an opening bracket: «روز سه شنبه»,
    «(جمعه», «в среду», «on Wednesday»; «среда» alone is also «environment»."""
    before = text[max(0, at - 12) : at].rstrip()
    if before.endswith("("):
        return True
    words = before.split()
    return bool(words) and words[-1] in _WEEKDAY_CUES
