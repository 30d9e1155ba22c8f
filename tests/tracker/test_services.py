"""The tracker: lifecycle, plan items with Jalali dates, baselines, CSV/XLSX, digests, iCalendar."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.utils import translation

from hamkari.accounts.services import user_create
from hamkari.extraction.dates import to_jalali
from hamkari.kb import services as kb
from hamkari.kb.models import Entity, Instrument
from hamkari.tracker import ical, services
from hamkari.tracker.models import PlanItem, WorkingGroup
from hamkari.tracker.remind import send_digests

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The services' reasons are checked in English (the site's default language is Persian;
    tests/tracker/test_pages.py sees them in Persian)."""
    with translation.override("en"):
        yield


WG_TEXT = (
    "date 2025-12-01\nبه گزارش ایرنا، استاندار سمنان در نشست وبیناری با سفیر ایران در روسیه گفت: مصوب می‌کنیم "
    "که کارگروه مشترک تشکیل شود. هدف ما این است که ظرف دو هفته آینده گزارش جامع این کارگروه ارائه شود."
)


@pytest.fixture
def regions() -> dict[str, Entity]:
    kb.reference_load()
    return {code: Entity.objects.get(type="region", ref=code) for code in ("IR-20", "IR-10", "RU-AST")}


@pytest.fixture
def group(regions: dict[str, Entity]) -> Any:
    return services.group_create(
        name="Semnan–Astrakhan", regions=[regions["IR-20"], regions["RU-AST"]], user=None
    )


def test_dates_are_entered_in_jalali_or_gregorian() -> None:
    assert services.parse_date("1404/09/26") == dt.date(2025, 12, 17)
    assert services.parse_date("۱۴۰۴-۰۹-۲۶") == dt.date(2025, 12, 17)
    assert services.parse_date("2025-12-17") == dt.date(2025, 12, 17)
    assert to_jalali(dt.date(2025, 12, 17)) == "1404-09-26"
    with pytest.raises(services.TrackerError, match="not a date"):
        services.parse_date("1404/13/01")
    with pytest.raises(services.TrackerError, match="not a date"):
        services.parse_date("next week")


def test_an_extracted_working_group_brings_its_commitments_as_proposed_items(
    regions: dict[str, Entity],
) -> None:
    article = kb.article_ingest(text=WG_TEXT, source="wg").article
    instrument = Instrument.objects.get(kind="working_group")
    group = services.group_create(name="WG", regions=[regions["IR-20"]], user=None, instrument=instrument)
    items = list(group.items.all())
    assert [(i.status, i.due) for i in items] == [("proposed", dt.date(2025, 12, 15))]
    assert "گزارش جامع" in items[0].title and items[0].commitment.article == article


def test_a_second_group_from_the_same_instrument_is_refused(regions: dict[str, Entity]) -> None:
    kb.article_ingest(text=WG_TEXT, source="wg")
    instrument = Instrument.objects.get(kind="working_group")
    services.group_create(name="WG", regions=[regions["IR-20"]], user=None, instrument=instrument)
    with (
        translation.override("en"),
        pytest.raises(services.TrackerError, match="already has a working group: WG"),
    ):
        services.group_create(name="WG 2", regions=[regions["IR-20"]], user=None, instrument=instrument)
    assert WorkingGroup.objects.count() == 1


def test_the_lifecycle_refuses_jumps_without_a_reason(group: Any) -> None:
    instrument = Instrument.objects.create(kind="memorandum", status="proposed")
    services.instrument_status_change(instrument=instrument, status="discussed", date="1404/09/01", user=None)
    with pytest.raises(services.TrackerError, match="from discussed to signed skips or reverses steps"):
        services.instrument_status_change(instrument=instrument, status="signed", date=None, user=None)
    with pytest.raises(services.TrackerError, match="give a reason"):
        services.instrument_status_change(instrument=instrument, status="proposed", date=None, user=None)
    services.instrument_status_change(
        instrument=instrument,
        status="signed",
        date=None,
        user=None,
        reason="signed at the joint commission without a separate agreement",
    )
    services.instrument_status_change(instrument=instrument, status="lapsed", date=None, user=None)
    instrument.refresh_from_db()
    assert instrument.status == "lapsed"
    kb.instrument_status_update(instrument=instrument)  # re-extraction does not undo a hand-set status
    instrument.refresh_from_db()
    assert instrument.status == "lapsed"
    with pytest.raises(services.TrackerError, match="unknown status"):
        services.instrument_status_change(instrument=instrument, status="forgotten", date=None, user=None)


def test_baseline_against_actual(group: Any) -> None:
    first = services.item_add(group=group, title="Draft the plan", due="1404/09/26", user=None)
    services.item_add(group=group, title="Exchange delegations", due="2026-01-20", user=None)
    baseline = services.baseline_freeze(group=group, user=None)
    services.item_update(item=first, user=None, due="1404/10/06")
    services.item_add(group=group, title="Report to the governors", due="2026-02-01", user=None)
    slips = {s.number: s for s in services.plan_compare(group=group, baseline=baseline)}
    assert (slips[1].planned_due, slips[1].actual_due, slips[1].days) == (
        dt.date(2025, 12, 17),
        dt.date(2025, 12, 27),
        10,
    )
    assert slips[2].days == 0 and not slips[2].added
    assert slips[3].added and slips[3].planned_due is None


def test_items_refuse_wrong_values(group: Any) -> None:
    with pytest.raises(services.TrackerError, match="before the start"):
        services.item_add(group=group, title="x", start="2026-01-10", due="2026-01-01", user=None)
    with pytest.raises(services.TrackerError, match="between 0 and 100"):
        services.item_add(group=group, title="x", progress=120, user=None)
    item = services.item_add(group=group, title="x", user=None)
    done = services.item_update(item=item, user=None, status="done")
    assert done.progress == 100


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_plan_round_trips_and_a_bad_row_changes_nothing(group: Any, fmt: str) -> None:
    services.item_add(group=group, title="Draft the plan", due="2025-12-17", user=None)
    services.item_add(group=group, title="Exchange delegations", due="2026-01-20", user=None)
    exported = services.plan_export_csv(group) if fmt == "csv" else services.plan_export_xlsx(group)
    rows = _rows(exported, fmt)
    rows[1][5], rows[1][6] = "in_progress", "40"
    rows[2][8] = "1"  # delegations wait for the plan
    rows.append(["", "Report to the governors", "", "1404/11/01", "1404/11/15", "planned", "0", "new", "1 2"])
    assert services.plan_import(group=group, data=_write(rows, fmt), fmt=fmt, user=None) == 3
    assert [d.number for d in group.items.get(number=2).depends_on.all()] == [1]
    assert sorted(d.number for d in group.items.get(number=3).depends_on.all()) == [1, 2]
    circular = [row[:] for row in rows]
    circular[1][8] = "7"
    with pytest.raises(services.TrackerError, match="line 2: depends on unknown or its own item 7"):
        services.plan_import(group=group, data=_write(circular, fmt), fmt=fmt, user=None)
    assert [(i.number, i.status, i.progress) for i in group.items.all()] == [
        (1, "in_progress", 40),
        (2, "planned", 0),
        (3, "planned", 0),
    ]
    assert group.items.get(number=3).due == dt.date(2026, 2, 4)
    bad = [*rows, ["", "Broken", "", "2026-02-30", "", "planned", "0", ""]]
    bad[2][5] = "done"
    with pytest.raises(services.TrackerError, match=r"^line 5: not a date: '2026-02-30'"):
        services.plan_import(group=group, data=_write(bad, fmt), fmt=fmt, user=None)
    assert group.items.get(number=2).status == "planned" and group.items.count() == 3


def test_an_imported_plan_keeps_its_numbers_and_may_depend_on_later_rows(group: Any) -> None:
    header = services.COLUMNS
    rows = [
        list(header),
        ["10", "Open the office", "", "", "", "planned", "0", "", "11"],
        ["", "Write the report", "", "", "", "planned", "0", "", "10 11"],
        ["11", "Rent the office", "", "", "", "planned", "0", "", ""],
    ]
    assert services.plan_import(group=group, data=_write(rows, "csv"), fmt="csv", user=None) == 3
    plan = {i.title: (i.number, sorted(d.number for d in i.depends_on.all())) for i in group.items.all()}
    assert plan == {
        "Open the office": (10, [11]),
        "Rent the office": (11, []),
        "Write the report": (12, [10, 11]),
    }


def _rows(data: Any, fmt: str) -> list[list[str]]:
    if fmt == "csv":
        import csv

        return [list(r) for r in csv.reader(io.StringIO(data))]
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _write(rows: list[list[str]], fmt: str) -> bytes:
    if fmt == "csv":
        import csv

        out = io.StringIO()
        csv.writer(out).writerows(rows)
        return out.getvalue().encode("utf-8")
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_digest_is_sent_only_when_something_is_due(
    group: Any, regions: dict[str, Entity], settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    editor = user_create(username="semnan", password="pw-semnan-12", role="editor", scope=[regions["IR-20"]])
    editor.email = "semnan@example.org"
    editor.save()
    other = user_create(username="isfahan", password="pw-isfahan-12", role="editor", scope=[regions["IR-10"]])
    other.email = "isfahan@example.org"
    other.save()
    today = dt.date(2025, 12, 20)
    services.item_add(group=group, title="Far away", due="2026-06-01", user=None)
    assert send_digests(today=today, lead_days=7, language="en") == [] and mail.outbox == []
    services.item_add(group=group, title="Late report", due="2025-12-17", user=None)
    sent = send_digests(today=today, lead_days=7, language="en")
    assert [address for address, _ in sent] == ["semnan@example.org"]
    assert (
        len(mail.outbox) == 1
        and "OVERDUE Dec. 17, 2025" in mail.outbox[0].body
        and "Far away" not in mail.outbox[0].body
    )


def test_the_digest_is_in_persian_with_jalali_dates_by_default(
    group: Any, regions: dict[str, Entity], settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    editor = user_create(username="semnan", password="pw-semnan-12", role="editor", scope=[regions["IR-20"]])
    editor.email = "semnan@example.org"
    editor.save()
    services.item_add(group=group, title="گزارش دیرکرد", due="2025-12-17", user=None)
    send_digests(today=dt.date(2025, 12, 20), lead_days=7)
    (message,) = mail.outbox
    assert "دیرکرد ۲۶ آذر ۱۴۰۴" in message.body and "۲۹ آذر ۱۴۰۴" in message.subject
    assert "OVERDUE" not in message.body and "2025" not in message.body


def test_members_join_instruments_over_time_and_events_are_entered_by_hand(
    regions: dict[str, Entity],
) -> None:
    association = Instrument.objects.create(kind="association", status="established")
    services.instrument_member_add(
        instrument=association, entity=regions["IR-20"], joined="1403/05/01", user=None
    )
    services.instrument_member_add(
        instrument=association, entity=regions["RU-AST"], joined="2025-03-10", user=None
    )
    assert [(m.entity.ref, m.joined) for m in association.members.order_by("joined")] == [
        ("IR-20", dt.date(2024, 7, 22)),
        ("RU-AST", dt.date(2025, 3, 10)),
    ]
    assert set(association.parties.values_list("ref", flat=True)) == {"IR-20", "RU-AST"}
    event = services.event_add(
        date="1404/09/12",
        type_="virtual_meeting",
        title="Webinar on grain transit",
        outcome="Agreed to draft a plan",
        participants=[regions["IR-20"]],
        user=None,
    )
    assert (event.date, list(event.participants.all())) == (dt.date(2025, 12, 3), [regions["IR-20"]])
    with pytest.raises(services.TrackerError, match="unknown kind of event"):
        services.event_add(
            date="2025-12-03", type_="party", title="x", outcome="", participants=[], user=None
        )


def test_the_icalendar_feed_parses_back(group: Any) -> None:
    from icalendar import Calendar

    services.item_add(group=group, title="Report, with commas; and semicolons", due="2025-12-17", user=None)
    services.meeting_add(
        group=group, date="1404/09/20", title="Second session", minutes="Minutes\nline two", user=None
    )
    parsed = Calendar.from_ical(
        ical.calendar(group.name, PlanItem.objects.filter(group=group), group.meetings.all())
    )
    events = {str(e["SUMMARY"]): e for e in parsed.walk("VEVENT")}
    assert events[f"{group.name} #1: Report, with commas; and semicolons"].decoded("DTSTART") == dt.date(
        2025, 12, 17
    )
    assert events[f"{group.name}: Second session"].decoded("DTSTART") == dt.date(2025, 12, 11)
    assert str(events[f"{group.name}: Second session"]["DESCRIPTION"]) == "Minutes\nline two"


@pytest.mark.parametrize(
    ("language", "summary", "description"),
    [
        ("fa", "#۱: گزارش", "وضعیت: برنامه‌ریزی‌شده، پیشرفت: ۴۰٪"),
        ("ru", "#1: گزارش", "статус: запланировано, выполнено: 40%"),
        ("en", "#1: گزارش", "status planned, progress 40%"),
    ],
)
def test_the_icalendar_feed_says_an_items_status_in_the_language_asked_for(
    group: Any, language: str, summary: str, description: str
) -> None:
    """A calendar app shows the feed's words as they are: no status code («status planned») in a
    Persian calendar, Persian digits there."""
    from icalendar import Calendar

    services.item_add(group=group, title="گزارش", due="2025-12-17", progress=40, user=None)
    items = PlanItem.objects.filter(group=group)
    parsed = Calendar.from_ical(ical.calendar(group.name, items, group.meetings.all(), language=language))
    (event,) = parsed.walk("VEVENT")
    assert str(event["SUMMARY"]).endswith(summary)
    assert str(event["DESCRIPTION"]) == description
