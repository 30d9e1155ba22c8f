"""iCalendar (RFC 5545) feeds of deadlines and meetings, written by hand: the format is small and
the test parses it back with the `icalendar` library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext

from hamkari.kb.calendar import digits_in
from hamkari.tracker.models import EventEntry, Meeting, PlanItem


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > 75:
            out.append(current)
            current = " " + ch
        else:
            current += ch
    out.append(current)
    return out


def calendar(
    name: str,
    items: Iterable[PlanItem],
    meetings: Iterable[Meeting],
    host: str = "hamkari",
    entries: Iterable[EventEntry] = (),
    language: str = "en",
) -> str:
    """The feed with its words in `language` (the page's that asked for it): an item's status, an
    event's type and the numbers, never their codes («status proposed» in a Persian calendar)."""
    with translation.override(language):
        return _calendar(name, items, meetings, host, entries, language)


def _calendar(
    name: str,
    items: Iterable[PlanItem],
    meetings: Iterable[Meeting],
    host: str,
    entries: Iterable[EventEntry],
    language: str,
) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Hamkari//tracker//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]

    def event(uid: str, day: dt.date, summary: str, description: str) -> list[str]:
        # all-day events: DTEND is the day after, exclusive
        return [
            "BEGIN:VEVENT",
            f"UID:{uid}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            "END:VEVENT",
        ]

    for item in items:
        if item.due is not None:
            lines += event(
                f"item-{item.pk}",
                item.due,
                f"{item.group.name} #{digits_in(item.number, language)}: {item.title}",
                gettext("status %(status)s, progress %(progress)s")
                % {"status": gettext(item.status), "progress": _percent(item.progress, language)},
            )
    for meeting in meetings:
        lines += event(
            f"meeting-{meeting.pk}",
            meeting.date,
            f"{meeting.group.name}: {meeting.title}",
            meeting.minutes[:1000],
        )
    for entry in entries:
        summary = f"{gettext(entry.type)}: {entry.title}"
        lines += event(f"event-{entry.pk}", entry.date, summary, entry.outcome[:1000])
    lines.append("END:VCALENDAR")
    return "\r\n".join(part for line in lines for part in _fold(line)) + "\r\n"


def _percent(value: int, language: str) -> str:
    return f"{digits_in(value, language)}٪" if language.startswith("fa") else f"{value}%"
