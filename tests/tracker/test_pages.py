"""Tracker pages, permissions and the PDF brief."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils.html import strip_tags

from hamkari.accounts.services import user_create
from hamkari.kb import services as kb
from hamkari.kb.models import Entity, Instrument
from hamkari.tracker import services
from hamkari.tracker.models import WorkingGroup
from hamkari.web.i18n import compile_messages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def catalogues() -> None:
    compile_messages()


@pytest.fixture
def regions() -> dict[str, Entity]:
    kb.reference_load()
    return {code: Entity.objects.get(type="region", ref=code) for code in ("IR-20", "IR-10", "RU-AST")}


def client_for(user: Any, language: str = "fa") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def test_an_editor_of_semnan_cannot_edit_isfahans_plan(regions: dict[str, Entity]) -> None:
    semnan = services.group_create(name="Semnan WG", regions=[regions["IR-20"]], user=None)
    isfahan = services.group_create(name="Isfahan WG", regions=[regions["IR-10"]], user=None)
    editor = client_for(
        user_create(username="ed", password="pw-editor-123", role="editor", scope=[regions["IR-20"]])
    )
    assert (
        editor.post(f"/tracker/groups/{semnan.pk}/item/", {"title": "Draft", "due": "1404/09/26"}).status_code
        == 302
    )
    assert editor.post(f"/tracker/groups/{isfahan.pk}/item/", {"title": "Draft"}).status_code == 403
    assert semnan.items.count() == 1 and isfahan.items.count() == 0
    page = editor.get(f"/tracker/groups/{isfahan.pk}/").content.decode()
    assert 'name="title"' not in page
    viewer = client_for(user_create(username="v", password="pw-viewer-123", role="viewer"))
    assert viewer.post(f"/tracker/groups/{semnan.pk}/baseline/").status_code == 403


def test_an_editor_cannot_create_a_group_of_a_region_outside_their_scope(regions: dict[str, Entity]) -> None:
    editor = client_for(
        user_create(username="ed", password="pw-editor-123", role="editor", scope=[regions["IR-20"]])
    )
    refused = editor.post("/tracker/groups/", {"name": "Isfahan WG", "regions": "IR-10"})
    accepted = editor.post("/tracker/groups/", {"name": "Semnan WG", "regions": "IR-20"})
    assert (refused.status_code, accepted.status_code) == (
        400,
        302,
    )  # refused: the form again, with the reason
    assert list(WorkingGroup.objects.values_list("name", flat=True)) == ["Semnan WG"]


def test_group_page_shows_jalali_dates_timeline_and_baseline(regions: dict[str, Entity]) -> None:
    group = services.group_create(name="Semnan WG", regions=[regions["IR-20"]], user=None)
    analyst = client_for(user_create(username="a", password="pw-analyst-123", role="analyst"))
    analyst.post(
        f"/tracker/groups/{group.pk}/item/", {"title": "Draft", "start": "1404/09/20", "due": "1404/09/26"}
    )
    analyst.post(f"/tracker/groups/{group.pk}/baseline/")
    page = analyst.get(f"/tracker/groups/{group.pk}/").content.decode()
    assert "۲۶ آذر ۱۴۰۴ (\u20662025-12-17\u2069)" in strip_tags(page) and '<svg class="gantt"' in page
    bad = analyst.post(f"/tracker/groups/{group.pk}/item/", {"title": "x", "due": "1404/13/40"}, follow=True)
    assert "چنین روزی نیست" in bad.content.decode()  # the service's reason, in Persian
    for path in (
        f"/tracker/groups/{group.pk}/plan.csv",
        f"/tracker/groups/{group.pk}/plan.xlsx",
        f"/tracker/groups/{group.pk}/calendar.ics",
        "/tracker/calendar.ics",
        "/tracker/deadlines/?region=IR-20",
        "/tracker/events/",
        "/tracker/groups/",
        f"/tracker/briefs/group/{group.pk}/",
    ):
        assert analyst.get(path).status_code == 200, path


def test_instrument_status_changes_need_a_reason_to_skip(regions: dict[str, Entity]) -> None:
    instrument = Instrument.objects.create(kind="memorandum", status="proposed")
    analyst = client_for(user_create(username="a", password="pw-analyst-123", role="analyst"), "en")
    response = analyst.post(f"/tracker/instruments/{instrument.pk}/", {"status": "signed"}, follow=True)
    assert "give a reason" in response.content.decode()
    analyst.post(f"/tracker/instruments/{instrument.pk}/", {"status": "discussed"})
    instrument.refresh_from_db()
    assert instrument.status == "discussed"
    viewer = client_for(user_create(username="v", password="pw-viewer-123", role="viewer"))
    assert viewer.post(f"/tracker/instruments/{instrument.pk}/", {"status": "agreed"}).status_code == 403


@pytest.mark.skipif(
    shutil.which("pdftotext") is None and __import__("os").environ.get("CI") != "true",
    reason="needs poppler-utils (scripts/system-packages installs it)",
)
def test_the_brief_of_the_semnan_working_group_is_a_readable_pdf(
    shared: Path, regions: dict[str, Entity], tmp_path: Path
) -> None:
    from hamkari.tracker import brief, selectors

    kb.article_ingest(
        text=(shared / "seeds" / "003_25666bbb06b08970.txt").read_text(encoding="utf-8"),
        source="003",
        published=__import__("datetime").date(2025, 12, 3),
    )
    instrument = Instrument.objects.get(kind="working_group")
    group = services.group_create(
        name="Semnan-Russia WG", regions=[regions["IR-20"]], user=None, instrument=instrument
    )
    services.item_add(group=group, title="Alpha export list", due="1404/09/10", user=None)
    services.item_add(group=group, title="Bravo delegation to Moscow", due="1407/02/01", user=None)
    pdf = brief.render_pdf(brief.render_html(selectors.group_brief(group), language="fa"))
    target = tmp_path / "brief.pdf"
    target.write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(target), str(tmp_path / "page")],
        check=True,
    )
    assert (tmp_path / "page-1.png").stat().st_size > 5000
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout
    assert "Noto-Sans-Arabic" in fonts  # the packaged font, embedded
    text = subprocess.run(
        ["pdftotext", "-raw", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Persian glyphs do not always extract back to letters (shaped forms), so the order is checked, in
    # the content stream's order (-raw), on what does: the title, the parties, then the plan items
    # with the Gregorian date beside each Jalali one, overdue items first and in date order.
    markers = [
        "Semnan-Russia WG",
        "سمنان",  # the party, by its name (no code)
        "Alpha export list",
        "2025-12-01",
        "2025-12-17",
        "Bravo delegation to Moscow",
        "2028-04-20",
    ]
    positions = [text.find(m) for m in markers]
    assert -1 not in positions and positions == sorted(positions), (positions, text[:600])


def test_a_second_group_from_one_instrument_is_a_form_error_not_a_server_error(
    regions: dict[str, Entity],
) -> None:
    instrument = Instrument.objects.create(kind="working_group", status="established")
    services.group_create(name="First", regions=[regions["IR-20"]], user=None, instrument=instrument)
    analyst = client_for(user_create(username="an", password="pw-analyst-123", role="analyst"), "en")
    response = analyst.post(
        "/tracker/groups/",
        {"name": "Second", "regions": "IR-20", "instrument": instrument.pk},
    )
    assert response.status_code == 400  # the form again, with the reason beside it
    assert "this instrument already has a working group: First" in response.content.decode()
    assert WorkingGroup.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "offered"),
    [("proposed", "discussed"), ("agreed", "signed"), ("completed", "completed"), ("lapsed", "lapsed")],
)
def test_the_status_form_offers_the_next_step_never_a_backward_one(status: str, offered: str) -> None:
    instrument = Instrument.objects.create(kind="memorandum", status=status)
    analyst = client_for(user_create(username="an", password="pw-analyst-123", role="analyst"))
    page = analyst.get(f"/tracker/instruments/{instrument.pk}/").content.decode()
    selected = re.findall(r'<option value="(\w+)" selected>', page)
    assert selected == [offered]


SHIPPING = (
    "date 2025-11-20\nGilan and Astrakhan agreed to open a direct shipping line within two months, "
    "the governor of Gilan said."
)


def test_the_deadlines_board_lists_commitments_from_the_news(regions: dict[str, Entity]) -> None:
    import datetime as dt

    from django.utils import timezone

    from hamkari.kb.models import Commitment
    from hamkari.tracker import selectors

    kb.article_ingest(text=SHIPPING, source="shipping")
    commitment = Commitment.objects.get()
    assert commitment.due == dt.date(2026, 1, 20)
    gilan, semnan = Entity.objects.get(ref="IR-01"), regions["IR-20"]
    board = selectors.deadline_board(today=dt.date(2026, 1, 10), region=gilan)
    assert board["news_due_soon"] == [commitment] and board["news_overdue"] == []
    assert selectors.deadline_board(today=dt.date(2026, 2, 1), region=gilan)["news_overdue"] == [commitment]
    assert selectors.deadline_board(today=dt.date(2026, 1, 10), region=semnan)["news_due_soon"] == []
    # on the page, with a due date an analyst set three days from now; a rejected one is left out
    analyst = user_create(username="an", password="pw-analyst-123", role="analyst")
    due = timezone.localdate() + dt.timedelta(days=3)
    kb.fact_review(
        kind="commitment",
        fact_id=commitment.pk,
        state="accepted",
        user=analyst,
        changes={"due": due.isoformat()},
    )
    page = client_for(analyst, "en").get("/tracker/deadlines/?region=IR-01").content.decode()
    assert "direct shipping line" in page and f"#f-commitment-{commitment.pk}" in page
    kb.fact_review(kind="commitment", fact_id=commitment.pk, state="rejected", user=analyst)
    assert (
        "direct shipping line"
        not in client_for(analyst, "en").get("/tracker/deadlines/?region=IR-01").content.decode()
    )


def _jalali() -> Entity:
    from tests.kb.factories import FA_JALALI_FULL, RU_JALALI

    kb.article_ingest(text=FA_JALALI_FULL, source="fa")
    kb.article_ingest(text=RU_JALALI, source="ru")
    return Entity.objects.get(type="person", merged_into=None, aliases__name__contains="Джалали")


def test_members_and_participants_are_given_by_name_in_any_language(regions: dict[str, Entity]) -> None:
    jalali = _jalali()
    analyst = client_for(user_create(username="an", password="pw-analyst-123", role="analyst"))
    instrument = Instrument.objects.create(kind="memorandum", status="agreed")
    response = analyst.post(f"/tracker/instruments/{instrument.pk}/", {"member_q": "Джалали"})
    assert response.status_code == 302 and [m.entity for m in instrument.members.all()] == [jalali]
    group = services.group_create(name="Caspian WG", regions=[regions["IR-10"]], user=None)
    response = analyst.post(f"/tracker/groups/{group.pk}/member/", {"entity_q": "جلالی", "side": "IR"})
    assert response.status_code == 302 and [m.entity for m in group.members.all()] == [jalali]
    response = analyst.post(  # chosen from the suggestions: the record's number, not a name
        "/tracker/events/",
        {"date": "1404/09/12", "type": "meeting", "title": "Caspian forum", "participants": [jalali.pk]},
    )
    assert response.status_code == 302
    from hamkari.tracker.models import EventEntry

    assert list(EventEntry.objects.get(title="Caspian forum").participants.all()) == [jalali]


def test_a_refused_name_comes_back_in_place_with_what_was_typed(regions: dict[str, Entity]) -> None:
    jalali = _jalali()
    analyst = client_for(user_create(username="an", password="pw-analyst-123", role="analyst"))
    response = analyst.post(
        "/tracker/events/",
        {
            "date": "1404/09/12",
            "type": "meeting",
            "title": "نشست دریای خزر",
            "participants": [jalali.pk],
            "participants_q": "شخص ناشناخته",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400 and 'id="event-error"' in page and "شخص ناشناخته" in page
    assert 'value="نشست دریای خزر"' in page  # the title typed is kept
    assert f'<input type="hidden" name="participants" value="{jalali.pk}">' in page  # and the one chosen
    instrument = Instrument.objects.create(kind="memorandum", status="agreed")
    response = analyst.post(f"/tracker/instruments/{instrument.pk}/", {"member_q": "Nobody Known"})
    assert response.status_code == 400 and 'id="member-error"' in response.content.decode()
    assert 'value="Nobody Known"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "kind", "name"),
    [("fa", "تفاهم‌نامه", "سمنان"), ("ru", "Меморандум", "Семнан"), ("en", "Memorandum", "Semnan")],
)
def test_an_instruments_region_parties_are_named_in_the_pages_language(
    regions: dict[str, Entity], language: str, kind: str, name: str
) -> None:
    """Its heading begins with its kind, with a capital letter in Russian and English."""
    instrument = Instrument.objects.create(kind="memorandum", status="proposed")
    instrument.parties.add(regions["IR-20"])
    viewer = client_for(user_create(username="v", password="pw-viewer-1234", role="viewer"), language)
    page = viewer.get(f"/tracker/instruments/{instrument.pk}/").content.decode()
    heading = page[page.index("<h1>") : page.index("</h1>")]  # titled by its kind and parties
    assert heading.startswith(f"<h1>{kind}") and f">{name}</bdi>" in heading, heading


@pytest.mark.parametrize("group", ["abc", "²", "99999999999999999999999", "987654"])
def test_a_brief_of_a_group_that_is_no_group_is_a_404_not_a_server_error(group: str) -> None:
    analyst = client_for(user_create(username="a", password="pw-analyst-123", role="analyst"))
    assert analyst.get(f"/tracker/briefs/group/{group}/").status_code == 404


def _words(html: str) -> str:
    return " ".join(strip_tags(html).split())


@pytest.mark.parametrize("language", ["fa", "ru", "en"])
def test_the_brief_page_is_in_the_sites_layout_with_the_body_of_the_printed_brief(
    regions: dict[str, Entity], language: str
) -> None:
    """The page has the site's header (skip link, navigation, language switch), links to what it is
    the brief of and to its PDF; its body is the printed document's body, word for word."""
    from hamkari.tracker import brief, selectors

    group = services.group_create(name="Semnan WG", regions=[regions["IR-20"]], user=None)
    services.item_add(group=group, title="Draft the list", due="1404/09/26", user=None)
    analyst = client_for(user_create(username="a", password="pw-analyst-123", role="analyst"), language)
    briefs = [
        (f"/tracker/briefs/group/{group.pk}/", f"/tracker/groups/{group.pk}/", selectors.group_brief(group)),
        (
            "/tracker/briefs/pair/IR-20/RU-AST/",
            "/regions/IR-20/RU-AST/",
            selectors.pair_brief(regions["IR-20"], regions["RU-AST"]),
        ),
    ]
    for path, back, data in briefs:
        page = analyst.get(path).content.decode()
        assert f'<html lang="{language}"' in page and 'class="skip" href="#main"' in page, path
        assert "<nav>" in page and 'class="languages"' in page, path
        assert f'href="{back}"' in page and f'href="{path}?format=pdf"' in page, path
        shown = page[page.index('<article class="card brief">') : page.index("</article>")]
        shown = re.sub(r'<p class="brief-links">.*?</p>', "", shown)
        printed = brief.render_html(data, language=language)
        assert "<nav>" not in printed and "@page" in printed
        assert _words(shown) == _words(printed[printed.index("<body>") :]), path


def test_the_brief_as_pdf_is_a_pdf_file_not_the_page(regions: dict[str, Entity]) -> None:
    group = services.group_create(name="Semnan WG", regions=[regions["IR-20"]], user=None)
    analyst = client_for(user_create(username="a", password="pw-analyst-123", role="analyst"))
    response = analyst.get(f"/tracker/briefs/group/{group.pk}/?format=pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert 'filename="brief.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("owner", "status"),
    [("abc", 200), ("²", 200), ("۱۲", 404), ("99999999999999999999999", 404), ("9" * 5000, 404)],
)
def test_the_deadlines_board_filtered_by_an_owner_that_is_no_person_is_no_server_error(
    owner: str, status: int
) -> None:
    """«²» passes str.isdigit but not int(): a number typed in an address is read with isdecimal
    (Persian digits are a number: of nobody here, so a 404)."""
    analyst = client_for(user_create(username="a", password="pw-analyst-123", role="analyst"))
    assert analyst.get("/tracker/deadlines/", {"owner": owner}).status_code == status


@pytest.mark.parametrize("language", ["fa", "ru", "en"])
def test_the_pair_brief_names_its_regions_without_their_codes(
    regions: dict[str, Entity], language: str
) -> None:
    """Codes are shown only where an analyst asks for them: the brief names the two regions."""
    analyst = client_for(user_create(username="a", password="pw-analyst-123", role="analyst"), language)
    page = analyst.get("/tracker/briefs/pair/IR-20/RU-AST/").content.decode()
    shown = _words(page[page.index('<article class="card brief">') : page.index("</article>")])
    assert "IR-20" not in shown and "RU-AST" not in shown
