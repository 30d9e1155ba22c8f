"""Writes of the tracker: working groups, plan items, baselines, plan import, instrument lifecycle."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

import jdatetime
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from hamkari.extraction.vocabulary import EVENT_TYPES, LIFECYCLE, TRACKER_STATUSES
from hamkari.kb.calendar import latin_digits
from hamkari.kb.models import Commitment, Entity, Instrument, ReviewState
from hamkari.kb.reasons import reason
from hamkari.kb.services import audit_record
from hamkari.spreadsheets import TableError, read_rows
from hamkari.tracker.models import (
    Baseline,
    EventEntry,
    InstrumentMember,
    ItemStatus,
    Meeting,
    Member,
    PlanItem,
    WorkingGroup,
)

STATUSES = TRACKER_STATUSES


class TrackerError(ValueError):
    """A request the tracker refuses, with the reason for the person who made it."""


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """A date typed as Gregorian (2025-12-17) or Jalali (1404/09/26, ۱۴۰۴-۰۹-۲۶): years before
    1700 are Jalali. Empty → None; anything else is an error that says what was expected."""
    if value is None or isinstance(value, dt.date):
        return value
    text = latin_digits(str(value).strip())
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if not m:
        raise TrackerError(
            gettext("not a date: %(value)s (write 2025-12-17 or 1404/09/26)") % {"value": repr(value)}
        )
    year, month, day = (int(x) for x in m.groups())
    try:
        if year < 1700:
            result: dt.date = jdatetime.date(year, month, day).togregorian()
            return result
        return dt.date(year, month, day)
    except ValueError as exc:
        raise TrackerError(gettext("not a date: %(value)s (no such day)") % {"value": repr(value)}) from exc


def _audit(user: User | None, action: str, obj: Any, data: dict[str, Any]) -> None:
    audit_record(user=user, action=action, obj=obj, data=data)


@transaction.atomic
def group_create(
    *, name: str, regions: list[Entity], user: User | None, instrument: Instrument | None = None
) -> WorkingGroup:
    """A working group; created from an extracted instrument, the commitments reported with it
    become proposed plan items with their due dates."""
    if not name.strip():
        raise TrackerError(gettext("a working group needs a name"))
    taken = gettext("this instrument already has a working group: %(name)s")
    if instrument is not None and (existing := WorkingGroup.objects.filter(instrument=instrument).first()):
        raise TrackerError(taken % {"name": existing.name})
    try:
        with transaction.atomic():  # another request may have made its group a moment ago
            group = WorkingGroup.objects.create(
                name=name.strip()[:300], instrument=instrument, created_by=user
            )
    except IntegrityError as exc:
        raise TrackerError(taken % {"name": "…"}) from exc
    group.regions.set(regions)
    if instrument is not None:
        commitments = (
            Commitment.objects.exclude(review_state=ReviewState.REJECTED).filter(
                article__story=instrument.story
            )
            if instrument.story_id
            else Commitment.objects.filter(instrument=instrument)
        )
        for c in commitments.order_by("pk"):
            item_add(
                group=group,
                title=c.action,
                due=c.due,
                status="proposed",
                user=None,
                notes=f"{c.due_expression}".strip(),
                commitment=c,
            )
    _audit(user, "group.create", group, {"name": group.name})
    return group


def item_add(
    *,
    group: WorkingGroup,
    title: str,
    user: User | None,
    owner: Entity | None = None,
    start: Any = None,
    due: Any = None,
    status: str = "planned",
    progress: int = 0,
    notes: str = "",
    commitment: Commitment | None = None,
    number: int | None = None,
) -> PlanItem:
    """A new item of the plan, numbered after the last unless a free `number` is given."""
    if not title.strip():
        raise TrackerError(gettext("an item needs a title"))
    start_date, due_date = parse_date(start), parse_date(due)
    _check(status, progress, start_date, due_date)
    if number is None:
        number = (group.items.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    elif number < 1 or group.items.filter(number=number).exists():
        raise TrackerError(gettext("item %(n)s already exists or is not a positive number") % {"n": number})
    item = PlanItem.objects.create(
        group=group,
        number=number,
        title=title.strip()[:500],
        owner=owner,
        start=start_date,
        due=due_date,
        status=status,
        progress=progress,
        notes=notes,
        commitment=commitment,
    )
    if user is not None:
        _audit(user, "item.add", item, {"group": group.pk, "title": item.title})
    return item


def _check(status: str, progress: int, start: dt.date | None, due: dt.date | None) -> None:
    if status not in ItemStatus.values:
        raise TrackerError(
            gettext("unknown status %(status)s; use one of %(known)s")
            % {"status": repr(status), "known": ", ".join(ItemStatus.values)}
        )
    if not 0 <= progress <= 100:
        raise TrackerError(gettext("progress must be between 0 and 100, not %(n)s") % {"n": progress})
    if start and due and due < start:
        raise TrackerError(gettext("the due date is before the start date"))


@transaction.atomic
def item_update(*, item: PlanItem, user: User | None, **changes: Any) -> PlanItem:
    before = {k: str(getattr(item, k)) for k in changes}
    for key in ("start", "due"):
        if key in changes:
            changes[key] = parse_date(changes[key])
    if changes.get("status") == ItemStatus.DONE and "progress" not in changes:
        changes["progress"] = 100
    for key, value in changes.items():
        if key not in ("title", "owner", "start", "due", "status", "progress", "notes"):
            raise TrackerError(gettext("%(field)s cannot be changed here") % {"field": repr(key)})
        setattr(item, key, value)
    _check(item.status, int(item.progress), item.start, item.due)
    item.save()
    _audit(user, "item.update", item, {"before": before, "after": {k: str(v) for k, v in changes.items()}})
    return item


def dependencies_set(*, item: PlanItem, numbers: list[int]) -> None:
    """The items this one waits for, by their numbers in the same plan."""
    if item.number in numbers:
        raise TrackerError(gettext("an item cannot depend on itself"))
    found = list(item.group.items.filter(number__in=numbers))
    if len(found) != len(set(numbers)):
        missing = sorted(set(numbers) - {i.number for i in found})
        raise TrackerError(gettext("no item %(n)s in this plan") % {"n": missing[0]})
    item.depends_on.set(found)


def parse_numbers(value: str) -> list[int]:
    try:
        return [int(n) for n in re.split(r"[\s;,،]+", latin_digits(value).strip()) if n]
    except ValueError as exc:
        raise TrackerError(gettext("item numbers expected, not %(value)s") % {"value": repr(value)}) from exc


@transaction.atomic
def baseline_freeze(*, group: WorkingGroup, user: User | None) -> Baseline:
    items = [
        {
            "number": i.number,
            "title": i.title,
            "start": i.start.isoformat() if i.start else None,
            "due": i.due.isoformat() if i.due else None,
            "status": i.status,
            "progress": i.progress,
        }
        for i in group.items.all()
    ]
    baseline = Baseline.objects.create(group=group, created_by=user, items=items)
    _audit(user, "baseline.freeze", group, {"baseline": baseline.pk, "items": len(items)})
    return baseline


@dataclass(frozen=True)
class Slip:
    number: int
    title: str
    planned_due: dt.date | None
    actual_due: dt.date | None
    days: int | None  # later (+) or earlier (−) than planned; None when either date is missing
    status: str
    added: bool  # not in the baseline


def plan_compare(*, group: WorkingGroup, baseline: Baseline) -> list[Slip]:
    """Plan (the baseline) against actual (the items now): how far each due date moved."""
    planned = {row["number"]: row for row in baseline.items}
    out = []
    for item in group.items.all():
        row = planned.get(item.number)
        planned_due = dt.date.fromisoformat(row["due"]) if row and row["due"] else None
        days = (item.due - planned_due).days if item.due and planned_due else None
        out.append(Slip(item.number, item.title, planned_due, item.due, days, item.status, row is None))
    return out


@transaction.atomic
def member_add(
    *, group: WorkingGroup, entity: Entity, side: str, chair: bool, since: Any, user: User | None
) -> Member:
    if side not in ("IR", "RU"):
        raise TrackerError(gettext("a member's side is IR or RU"))
    member = Member.objects.create(
        group=group, entity=entity, side=side, chair=chair, since=parse_date(since)
    )
    _audit(user, "member.add", group, {"entity": entity.pk, "side": side, "chair": chair})
    return member


@transaction.atomic
def meeting_add(*, group: WorkingGroup, date: Any, title: str, minutes: str, user: User | None) -> Meeting:
    when = parse_date(date)
    if when is None:
        raise TrackerError(gettext("a meeting needs a date"))
    meeting = Meeting.objects.create(
        group=group, date=when, title=title.strip()[:300] or "—", minutes=minutes
    )
    _audit(user, "meeting.add", group, {"meeting": meeting.pk})
    return meeting


# --- action plans as CSV and XLSX -------------------------------------------------------------

COLUMNS = ("number", "title", "owner", "start", "due", "status", "progress", "notes", "depends_on")


def plan_rows(group: WorkingGroup) -> list[list[Any]]:
    rows: list[list[Any]] = [list(COLUMNS)]
    for i in group.items.select_related("owner").prefetch_related("depends_on"):
        depends = " ".join(str(n) for n in sorted(d.number for d in i.depends_on.all()))
        rows.append(
            [
                i.number,
                i.title,
                i.owner.name if i.owner else "",
                i.start.isoformat() if i.start else "",
                i.due.isoformat() if i.due else "",
                i.status,
                i.progress,
                i.notes,
                depends,
            ]
        )
    return rows


def plan_export_csv(group: WorkingGroup) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(plan_rows(group))
    return out.getvalue()


def plan_export_xlsx(group: WorkingGroup) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "plan"
    for row in plan_rows(group):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@transaction.atomic
def plan_import(*, group: WorkingGroup, data: bytes, fmt: str, user: User | None) -> int:
    """Create or update items from a CSV or XLSX plan (the columns of the export). Every row is
    checked first; a bad row stops the import with its line number and nothing is applied."""
    try:
        rows = read_rows(data, fmt)
    except TableError as exc:
        raise TrackerError(reason(exc)) from exc  # in the reader's language
    if not rows or [c.strip().lower() for c in rows[0][: len(COLUMNS)]] != list(COLUMNS):
        raise TrackerError(gettext("line 1: the header must be %(columns)s") % {"columns": ",".join(COLUMNS)})
    existing = {i.number: i for i in group.items.all()}
    owners = {
        e.name: e for e in Entity.objects.filter(name__in={r[2] for r in rows[1:] if len(r) > 2 and r[2]})
    }
    parsed = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(str(c).strip() for c in row):
            continue
        try:
            row = [*row, *[""] * (len(COLUMNS) - len(row))]
            number = int(float(row[0])) if str(row[0]).strip() else None
            progress = int(float(row[6])) if str(row[6]).strip() else 0
            values: dict[str, Any] = {
                "title": str(row[1]).strip(),
                "owner": owners.get(str(row[2]).strip()),
                "start": parse_date(row[3]),
                "due": parse_date(row[4]),
                "status": str(row[5]).strip() or ItemStatus.PLANNED,
                "progress": progress,
                "notes": str(row[7]),
            }
            depends = parse_numbers(str(row[8]))
            if str(row[2]).strip() and values["owner"] is None:
                raise TrackerError(
                    gettext("no person or organisation named %(name)s") % {"name": repr(row[2])}
                )
            if not values["title"]:
                raise TrackerError(gettext("the title is empty"))
            _check(values["status"], progress, values["start"], values["due"])
        except (TrackerError, ValueError) as exc:
            raise TrackerError(gettext("line %(line)s: %(reason)s") % {"line": line, "reason": exc}) from exc
        parsed.append((line, number, values, depends))
    known = set(existing) | {number for _, number, _, _ in parsed if number is not None}
    for line, number, _, depends in parsed:
        unknown = [n for n in depends if n not in known or n == number]
        if unknown:
            raise TrackerError(
                gettext("line %(line)s: depends on unknown or its own item %(n)s")
                % {"line": line, "n": unknown[0]}
            )
    # numbered rows keep their numbers (so other rows can depend on them) before unnumbered rows
    # take the next free ones; dependencies are set once every item exists
    items = []
    for line, number, values, depends in sorted(parsed, key=lambda p: p[1] is None):
        try:
            if number in existing:
                item = item_update(item=existing[number], user=user, **values)
            else:
                item = item_add(group=group, user=user, number=number, **values)
        except TrackerError as exc:
            raise TrackerError(gettext("line %(line)s: %(reason)s") % {"line": line, "reason": exc}) from exc
        items.append((line, item, depends))
    for line, item, depends in items:
        try:
            dependencies_set(item=item, numbers=depends)
        except TrackerError as exc:
            raise TrackerError(gettext("line %(line)s: %(reason)s") % {"line": line, "reason": exc}) from exc
    _audit(user, "plan.import", group, {"rows": len(items), "format": fmt})
    return len(items)


# --- instrument lifecycle, members, events entered by hand -------------------------------------


@transaction.atomic
def instrument_member_add(
    *, instrument: Instrument, entity: Entity, joined: Any, user: User | None, note: str = ""
) -> InstrumentMember:
    member = InstrumentMember.objects.create(
        instrument=instrument, entity=entity, joined=parse_date(joined), note=note.strip()[:300]
    )
    instrument.parties.add(entity)
    _audit(user, "instrument.member", instrument, {"entity": entity.pk, "joined": str(member.joined or "")})
    return member


@transaction.atomic
def event_add(
    *,
    date: Any,
    type_: str,
    title: str,
    outcome: str,
    participants: list[Entity],
    user: User | None,
) -> EventEntry:
    when = parse_date(date)
    if when is None:
        raise TrackerError(gettext("an event needs a date"))
    if type_ not in EVENT_TYPES:
        raise TrackerError(gettext("unknown kind of event %(kind)s") % {"kind": repr(type_)})
    if not title.strip():
        raise TrackerError(gettext("an event needs a title"))
    event = EventEntry.objects.create(
        date=when, type=type_, title=title.strip()[:300], outcome=outcome, created_by=user
    )
    event.participants.set(participants)
    _audit(user, "event.add", event, {"title": event.title})
    return event


def status_next(status: str) -> str:
    """The step an instrument normally takes next (the one a status form offers first): the
    following step of its lifecycle, or where it is when it has no next step (completed, lapsed)."""
    if status in LIFECYCLE[:-1]:
        return LIFECYCLE[LIFECYCLE.index(status) + 1]
    return status


@transaction.atomic
def instrument_status_change(
    *, instrument: Instrument, status: str, date: Any, user: User | None, reason: str = ""
) -> Instrument:
    """Move an instrument along proposed → discussed → agreed → signed → established → completed,
    or to lapsed. Skipping a step or going back needs a reason, which is kept with the change."""
    if status not in STATUSES:
        raise TrackerError(
            gettext("unknown status %(status)s; use one of %(known)s")
            % {"status": repr(status), "known": ", ".join(STATUSES)}
        )
    current = instrument.status
    legal = (
        status == "lapsed"
        or status == current
        or (current in LIFECYCLE and LIFECYCLE.index(status) == LIFECYCLE.index(current) + 1)
    )
    if not legal and not reason.strip():
        raise TrackerError(
            gettext("from %(current)s to %(status)s skips or reverses steps: give a reason")
            % {"current": gettext(current), "status": gettext(status)}
        )
    when = parse_date(date) or timezone.localdate()
    instrument.status = status
    instrument.status_manual = True
    instrument.save(update_fields=["status", "status_manual"])
    _audit(
        user,
        "instrument.status",
        instrument,
        {"from": current, "to": status, "date": when.isoformat(), "reason": reason.strip()},
    )
    return instrument
