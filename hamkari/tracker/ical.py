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
    for item in items:
        if item.due is None:
            continue
        lines += [
            "BEGIN:VEVENT",
            f"UID:item-{item.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{item.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{item.due + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(f'{item.group.name} #{item.number}: {item.title}')}",
            f"DESCRIPTION:{_escape(f'status {item.status}, progress {item.progress}%')}",
            "END:VEVENT",
        ]
    for meeting in meetings:
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{meeting.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{meeting.date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(f'{meeting.group.name}: {meeting.title}')}",
            f"DESCRIPTION:{_escape(meeting.minutes[:1000])}",
            "END:VEVENT",
        ]
    for entry in entries:
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{entry.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{entry.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{entry.date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(f'{entry.type}: {entry.title}')}",
            f"DESCRIPTION:{_escape(entry.outcome[:1000])}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(part for line in lines for part in _fold(line)) + "\r\n"
