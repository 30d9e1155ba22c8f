"""iCalendar (RFC 5545) feeds of deadlines and meetings, written by hand: the format is small and
the test parses it back with the `icalendar` library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

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
                f"{item.group.name} #{item.number}: {item.title}",
                f"status {item.status}, progress {item.progress}%",
            )
    for meeting in meetings:
        lines += event(
            f"meeting-{meeting.pk}",
            meeting.date,
            f"{meeting.group.name}: {meeting.title}",
            meeting.minutes[:1000],
        )
    for entry in entries:
        lines += event(f"event-{entry.pk}", entry.date, f"{entry.type}: {entry.title}", entry.outcome[:1000])
    lines.append("END:VCALENDAR")
    return "\r\n".join(part for line in lines for part in _fold(line)) + "\r\n"
