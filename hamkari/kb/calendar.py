"""Dates and numbers as a reader sees them: Persian digits and the Jalali calendar in Persian,
Django's date format in Russian and English. One home for the pages (web's template filters), the
alerts' digests and feeds, and the tracker's deadline e-mail."""

from __future__ import annotations

import datetime as dt

import jdatetime
from django.utils import formats, timezone

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# what a reader types: Persian and Arabic-Indic digits
LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
JALALI_MONTHS: tuple[str, ...] = tuple(jdatetime.date.j_months_fa)


def digits_in(value: object, language: str) -> str:
    """`value` as text, with Persian digits when `language` is Persian."""
    text = "" if value is None else str(value)
    return text.translate(PERSIAN_DIGITS) if language.startswith("fa") else text


def number_in(value: float, language: str | None, decimals: int = 0) -> str:
    """A number with its groups as the language writes them: «۳٬۰۱۲٫۵» in Persian (Persian digits,
    separator and decimal sign), «3 012,5»-style groups with a no-break space in Russian, «3,012.5»
    in English."""
    text = f"{value:,.{decimals}f}"
    code = (language or "fa")[:2]
    if code == "fa":
        return text.replace(",", "٬").replace(".", "٫").translate(PERSIAN_DIGITS)
    # Russian: the decimal comma after the groups are spaced («4,8 сут.», never «4.8»)
    return text.replace(",", "\u00a0").replace(".", ",") if code == "ru" else text


def latin_digits(text: str) -> str:
    """Text typed with Persian or Arabic-Indic digits in Latin digits («۱۴۰۴/۰۹/۲۶» → «1404/09/26»)."""
    return text.translate(LATIN_DIGITS)


def typed_number(text: str) -> str:
    """A number as typed, in Latin digits: the Persian decimal sign a point, group separators
    (Persian «٬», Latin «,») dropped («۶۸۰٬۰۰۰» → «680000», «۰٫۳۵» → «0.35»)."""
    return latin_digits(text).replace("٫", ".").replace("٬", "").replace(",", "")


def jalali_text(day: dt.date) -> str:
    """«۱۲ آذر ۱۴۰۴»"""
    j = jdatetime.date.fromgregorian(date=day)
    return f"{j.day} {JALALI_MONTHS[j.month - 1]} {j.year}".translate(PERSIAN_DIGITS)


def moment_text(value: dt.datetime, language: str) -> str:
    """A moment in the server's time zone: «۱۲ آذر ۱۴۰۴، ۱۴:۳۰» in Persian, «2025-12-03 14:30»
    in Russian and English."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if language.startswith("fa"):
        return f"{jalali_text(local.date())}، {local:%H:%M}".translate(PERSIAN_DIGITS)
    return f"{local:%Y-%m-%d %H:%M}"


def day_text(day: dt.date, language: str) -> str:
    """«۲۶ آذر ۱۴۰۴» in Persian, «17 декабря 2025 г.» in Russian, «Dec. 17, 2025» in English (the
    active translation's date format)."""
    if language.startswith("fa"):
        return jalali_text(day)
    return str(formats.date_format(day, "DATE_FORMAT"))


# The Jalali months as Russian and English write them (the Persian names are jdatetime's).
_JALALI_MONTHS_LATIN = {
    "ru": (
        "фарвардин",
        "ордибехешт",
        "хордад",
        "тир",
        "мордад",
        "шахривар",
        "мехр",
        "абан",
        "азар",
        "дей",
        "бахман",
        "эсфанд",
    ),
    "en": tuple(jdatetime.date.j_months_en),
}
# The last month of each part of a year a deadline may name (the same in both calendars)
_PART_ENDS = {"quarter": (3, 6, 9, 12), "half": (6, 12), "year": (12,)}


def _ends(day: dt.date) -> dict[str, int]:
    """The calendars in which `day` is a month's last day, each with that month's number."""
    ends = {}
    if (day + dt.timedelta(days=1)).day == 1:
        ends["gregorian"] = day.month
    j = jdatetime.date.fromgregorian(date=day)
    if jdatetime.date.fromgregorian(date=day + dt.timedelta(days=1)).day == 1:
        ends["jalali"] = j.month
    return ends


def precision_fits(day: dt.date | None, precision: str) -> bool:
    """Whether `day` can be due with `precision`: the last day of a month, a quarter, a half or a
    year of either calendar (a month's last day never falls on the other calendar's)."""
    if day is None or precision in ("", "day"):
        return True
    months = _ends(day).values()
    if precision == "month":
        return bool(months)
    return any(m in _PART_ENDS.get(precision, ()) for m in months)


def due_parts(day: dt.date, precision: str, language: str) -> tuple[str, str] | None:
    """A deadline as exact as the text gave it, in two parts: a month as the month («آبان ۱۴۰۵»,
    «March 2027», «март 2027 г.»), a year as the year («۱۴۱۰», «2030»), in the calendar the month or
    year was named in (told by which calendar's month `day` ends); beside it, in Russian and English
    for a Jalali month or year, its last day in brackets («(2026-12-21)»), else "". None for the
    other precisions: show the day."""
    ends = _ends(day)
    if precision not in ("month", "year") or not precision_fits(day, precision):
        return None
    code = language[:2]
    if "jalali" in ends:
        j = jdatetime.date.fromgregorian(date=day)
        if code == "fa":
            named = f"{JALALI_MONTHS[j.month - 1]} {j.year}" if precision == "month" else str(j.year)
            return named.translate(PERSIAN_DIGITS), ""
        months = _JALALI_MONTHS_LATIN.get(code, _JALALI_MONTHS_LATIN["en"])
        named = f"{months[j.month - 1]} {j.year}" if precision == "month" else str(j.year)
        return named, f"({day.isoformat()})"
    if precision == "year":
        return digits_in(day.year, language), ""
    return digits_in(formats.date_format(day, "YEAR_MONTH_FORMAT"), language), ""


def due_text(day: dt.date, precision: str, language: str) -> str | None:
    """`due_parts` as one line of text: «آبان ۱۴۰۵», «азар 1405 (2026-12-21)»; None for a day."""
    parts = due_parts(day, precision, language)
    return None if parts is None else " ".join(part for part in parts if part)
