"""Filters for Persian digits, Jalali dates beside Gregorian ones, facts highlighted in place and
bar charts drawn as SVG on the server (no script, no CDN)."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from typing import Any

import jdatetime
from django import template
from django.utils.dates import MONTHS, MONTHS_AP
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from hamkari.extraction.lexicon import load_table

register = template.Library()

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
JALALI_MONTHS = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)


def _persian() -> bool:
    return (get_language() or "fa").startswith("fa")


@register.filter
def digits(value: Any) -> str:
    """Persian digits when the page is in Persian."""
    text = "" if value is None else str(value)
    return text.translate(_PERSIAN_DIGITS) if _persian() else text


@register.filter
def jdate(value: dt.date | None) -> str:
    """«۱۲ آذر ۱۴۰۴ (2025-12-03)» in Persian; «2025-12-03 (1404-09-12)» in the other languages."""
    if not value:
        return "—"
    j = jdatetime.date.fromgregorian(date=value)
    if _persian():
        return (
            f"{j.day} {JALALI_MONTHS[j.month - 1]} {j.year}".translate(_PERSIAN_DIGITS)
            # the Gregorian date is isolated left-to-right, or right-to-left text would show it reversed
            + f" (\u2066{value.isoformat()}\u2069)"
        )
    return f"{value.isoformat()} ({j.year:04d}-{j.month:02d}-{j.day:02d})"


@register.simple_tag
def highlighted(text: str, spans: list[dict[str, Any]]) -> SafeString:
    """The article text, escaped, with each fact's words in a <mark> that the side list links to.
    `spans` are in order and do not overlap (`selectors.highlights`). Article text is hostile
    input: every piece goes through escape()."""
    out: list[str] = []
    last = 0
    for span in spans:
        start, end = span["start"], span["end"]
        out.append(str(escape(text[last:start])))
        out.append(
            str(
                format_html(
                    '<mark id="{}" class="fact fact-{}" title="{}">{}</mark>',
                    span["anchor"],
                    span["kind"],
                    span["label"],
                    text[start:end],
                )
            )
        )
        last = end
    out.append(str(escape(text[last:])))
    return mark_safe("".join(out))  # every piece above went through escape() or format_html()


@register.inclusion_tag("web/_bars.html")
def bars(rows: list[tuple[str, int]], width: int = 520) -> dict[str, Any]:
    """A horizontal bar chart: one row per (label, value)."""
    top = max((v for _, v in rows), default=0) or 1
    height = 22
    items = [
        {"label": label, "value": value, "y": i * height, "w": round(value / top * (width - 200))}
        for i, (label, value) in enumerate(rows)
    ]
    return {"items": items, "width": width, "height": max(height, height * len(items)), "row": height}


def _month_key(day: dt.date, persian: bool) -> tuple[int, int]:
    if persian:
        j = jdatetime.date.fromgregorian(date=day)
        return (j.year, j.month)
    return (day.year, day.month)


def _month_name(year: int, month: int, persian: bool) -> tuple[str, str]:
    """(short, full) name of a month in the page's calendar: «آذر», «آذر ۱۴۰۴»; «дек.», «декабрь 2025»."""
    if persian:
        name = JALALI_MONTHS[month - 1]
        return name, f"{name} {year}".translate(_PERSIAN_DIGITS)
    return str(MONTHS_AP[month]), f"{MONTHS[month]} {year}"


def month_buckets(daily: list[tuple[dt.date, int]], limit: int = 24) -> list[dict[str, Any]]:
    """Counts per day grouped into the months of the page's calendar (Jalali in Persian), the empty
    months between included, the last `limit` months."""
    persian = _persian()
    counts: Counter[tuple[int, int]] = Counter()
    for day, n in daily:
        counts[_month_key(day, persian)] += n
    if not counts:
        return []
    (year, month), last = min(counts), max(counts)
    out = []
    while (year, month) <= last:
        short, full = _month_name(year, month, persian)
        out.append({"short": short, "full": full, "value": counts[(year, month)], "first": month == 1})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out[-limit:]


@register.inclusion_tag("web/_columns.html")
def columns(daily: list[tuple[dt.date, int]], height: int = 170) -> dict[str, Any]:
    """Articles per month as columns over an axis: month names of the page's calendar under the
    columns (every third one when there are many, and the year at its first month), the scale at
    the side, empty months as gaps of zero height."""
    months = month_buckets(daily)
    top = max((m["value"] for m in months), default=0) or 1
    step, axis, base = 26, 34, height - 34
    every = 1 if len(months) <= 12 else 3
    for i, m in enumerate(months):
        m["h"] = round(m["value"] / top * (base - 10))
        m["x"] = axis + i * step
        m["top"] = base - m["h"]
        m["labelled"] = i % every == 0 or m["first"]
        m["value_text"] = digits(m["value"])
    ticks = [
        {"y": base - round(v / top * (base - 10)), "text": digits(v)}
        for v in sorted({0, (top + 1) // 2, top})
    ]
    width = axis + step * max(len(months), 1) + 4
    return {"items": months, "width": width, "height": height, "base": base, "axis": axis, "ticks": ticks}


@functools.cache
def _place_names(language: str) -> dict[str, str]:

    names: dict[str, str] = {}
    for table in ("countries", "regions"):
        for entry in load_table(language, table):
            names.setdefault(entry.key, entry.terms[0])
    return names


@register.filter
def place(value: Any) -> str:
    """A region's or country's name in the language of the page («گیلان», «Гилян», «Gilan»), from
    an entity or an ISO code; other entities keep their name."""
    code = value if isinstance(value, str) else getattr(value, "ref", None)
    language = (get_language() or "fa")[:2]
    if code and code in _place_names(language):
        return _place_names(language)[code]
    return str(getattr(value, "name", value))


@functools.cache
def _sector_names(language: str) -> dict[str, str]:

    return {entry.key: entry.terms[0] for entry in load_table(language, "sectors")}


@register.filter
def named(value: Any) -> str:
    """A sector slug, a region or a country code as a name in the language of the page; anything
    else (an HS code, a number) unchanged."""
    text = str(value)
    language = (get_language() or "fa")[:2]
    if text in _sector_names(language):
        return _sector_names(language)[text]
    return place(text)
