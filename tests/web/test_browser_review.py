"""Browser tests of the work an analyst does in Persian: a Jalali due date typed and saved,
facts reviewed with the keyboard only, two people merged by name, a working group made from
Persian region names, the dashboard on a phone, the longest sample's key facts above the fold,
and screenshots of every page in fa, ru and en at 1366 and 390 pixels (artifacts/screenshots/):
every page kind the interface-leak test opens (tests/web/test_interface_language.py `served`),
and the login page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import jdatetime
import pytest

from hamkari.monitoring import demo
from hamkari.sources.items import feed_items
from tests.web.test_browser import SHOTS, browser  # noqa: F401  (the fixture)
from tests.web.test_interface_language import SAMPLES, served  # noqa: F401  (the fixture)

ALL_SAMPLES = list(feed_items(str(demo.DEMO_FEED), demo.DEMO_FEED.read_bytes()))
SAMPLE_URL = "urn:hamkari:sample:"

pytestmark = pytest.mark.django_db(transaction=True)
WIDTHS = {"desktop": (1366, 768), "phone": (390, 844)}


@pytest.fixture
def analyst(browser: Any, live_server: Any, users: dict[str, Any]) -> Iterator[Any]:  # noqa: F811
    """A logged-in analyst's page at 1366 × 768, in Persian."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fa-IR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "analyst")
    page.fill("input[name=password]", "pw-analyst-1")
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    yield page
    context.close()


def _article_with_a_commitment() -> Any:
    from hamkari.kb.models import Commitment

    commitment = Commitment.objects.order_by("pk").first()
    assert commitment is not None
    return commitment.article


@pytest.mark.parametrize("typed", ["۱۴۰۵/۰۲/۱۰", "1405/2/10"])
def test_a_jalali_due_date_typed_in_persian_or_latin_digits_is_saved(
    analyst: Any,
    live_server: Any,
    served: dict[str, str],  # noqa: F811
    typed: str,
) -> None:
    from hamkari.kb.models import Commitment

    commitment = Commitment.objects.order_by("pk").first()
    assert commitment is not None
    analyst.goto(f"{live_server.url}/articles/{commitment.article_id}/")
    row = analyst.locator(f"#row-f-commitment-{commitment.pk}")
    row.locator("input.jdate").fill(typed)
    assert "2026-04-30" in row.locator(".jdate-hint").inner_text()  # the widget shows the Gregorian date
    row.locator("button.accept").click()
    analyst.wait_for_selector(f"#row-f-commitment-{commitment.pk}.state-accepted")
    commitment.refresh_from_db()
    assert commitment.due == jdatetime.date(1405, 2, 10).togregorian() == dt.date(2026, 4, 30)
    assert "۱۰ اردیبهشت ۱۴۰۵" in analyst.inner_text(f"#row-f-commitment-{commitment.pk}")


def test_a_due_date_that_is_no_date_is_refused_in_place_with_the_reason(
    analyst: Any,
    live_server: Any,
    served: dict[str, str],  # noqa: F811
) -> None:
    """htmx swaps nothing for a 400: the reason is shown beside the form, the row stays as typed."""
    from hamkari.kb.models import Commitment

    commitment = Commitment.objects.order_by("pk").first()
    assert commitment is not None
    before = commitment.due
    analyst.goto(f"{live_server.url}/articles/{commitment.article_id}/")
    row = analyst.locator(f"#row-f-commitment-{commitment.pk}")
    row.locator("input.jdate").fill("۱۴۰۵/۱۳/۴۰")
    row.locator("button.accept").click()
    alert = row.locator(".htmx-error[role=alert]")
    alert.wait_for()
    assert "تاریخ نیست" in alert.inner_text()
    assert row.locator("input.jdate").input_value() == "۱۴۰۵/۱۳/۴۰"
    commitment.refresh_from_db()
    assert commitment.due == before and commitment.review_state != "accepted"


def test_three_facts_reviewed_with_the_keyboard_only(
    analyst: Any,
    live_server: Any,
    served: dict[str, str],  # noqa: F811
) -> None:
    from hamkari.kb.facts import FACT_KINDS

    article = _article_with_a_commitment()
    analyst.goto(f"{live_server.url}/articles/{article.pk}/")
    ids = analyst.eval_on_selector_all("li.fact-row", "rows => rows.slice(0, 3).map(r => r.id)")
    for key, state in zip("ara", ("accepted", "rejected", "accepted"), strict=True):
        analyst.keyboard.press("j")
        focused = analyst.evaluate("document.activeElement.id")
        analyst.keyboard.press(key)
        analyst.wait_for_selector(f"#{focused}.state-{state}")
        # the row was replaced in place; the focus is on it again, not lost to the page
        assert analyst.evaluate("document.activeElement.id") == focused
    for row_id, state in zip(ids, ("accepted", "rejected", "accepted"), strict=True):
        kind, pk = row_id.removeprefix("row-f-").rsplit("-", 1)
        assert FACT_KINDS[kind].model.objects.get(pk=int(pk)).review_state == state


def test_two_people_merged_by_choosing_a_name(analyst: Any, live_server: Any, served: dict[str, str]) -> None:  # noqa: F811
    from hamkari.kb.models import Entity

    source, target = Entity.objects.filter(type="person", merged_into=None).order_by("pk")[:2]
    analyst.goto(f"{live_server.url}/people/{source.pk}/")
    analyst.fill("form.merge input[name=q]", target.name.split()[-1])
    choice = analyst.locator(f"#merge-choices input[name=into][value='{target.pk}']")
    choice.check()
    analyst.click("form.merge button[type=submit]")
    analyst.wait_for_url(f"{live_server.url}/people/{target.pk}/")
    source.refresh_from_db()
    assert source.merged_into_id == target.pk


def test_a_working_group_made_from_persian_region_names(analyst: Any, live_server: Any) -> None:
    from hamkari.kb.services import reference_load
    from hamkari.tracker.models import WorkingGroup

    reference_load()
    analyst.goto(f"{live_server.url}/tracker/groups/")
    analyst.fill("form.new-group input[name=name]", "کارگروه صنایع")
    analyst.fill("form.new-group input[name=regions_q]", "اصفهان، شهر خیالی")
    analyst.click("form.new-group button[type=submit]")
    # refused in place: the reason beside the form, and what was typed kept
    assert "شهر خیالی" in analyst.inner_text("#group-error")
    assert analyst.input_value("form.new-group input[name=name]") == "کارگروه صنایع"
    analyst.fill("form.new-group input[name=regions_q]", "اصفهان، تاتارستان")
    analyst.click("form.new-group button[type=submit]")
    analyst.wait_for_selector("table.plan")
    group = WorkingGroup.objects.get(name="کارگروه صنایع")
    assert sorted(r.ref for r in group.regions.all()) == ["IR-10", "RU-TA"]


def test_the_dashboard_on_a_phone_does_not_scroll_sideways(
    analyst: Any,
    live_server: Any,
    served: dict[str, str],  # noqa: F811
) -> None:
    analyst.set_viewport_size({"width": 390, "height": 844})
    analyst.goto(f"{live_server.url}/")
    assert analyst.evaluate("document.documentElement.scrollWidth") <= 390


KEY_KINDS = ("event_source", "instrument_step", "commitment")


def test_the_longest_samples_key_facts_are_above_the_fold(
    analyst: Any,
    live_server: Any,
    served: dict[str, str],  # noqa: F811
) -> None:
    """The longest of all the bundled samples (not only the first batch), and the longest of those that
    have events, instruments and commitments all three: one row per entity, and the first row of each
    of those kinds the article has inside the first 1366 × 768 screen."""
    from hamkari.kb.ingest import item_ingest
    from hamkari.kb.models import Article, Mention

    for item in ALL_SAMPLES[len(SAMPLES) :]:
        item_ingest(item)
    samples = sorted(Article.objects.filter(url__startswith=SAMPLE_URL), key=lambda a: -len(a.text))
    assert len(samples) == len(ALL_SAMPLES)
    every_kind = next(a for a in samples if all(_count(a, kind) for kind in KEY_KINDS))
    for article in (samples[0], every_kind):
        analyst.goto(f"{live_server.url}/articles/{article.pk}/")
        mention_rows = analyst.locator("ul.mentions li.fact-row")
        entities = set(Mention.objects.filter(article=article).values_list("entity_id", flat=True))
        assert mention_rows.count() == len(entities)  # at most one row per entity
        kinds = [kind for kind in KEY_KINDS if _count(article, kind)]
        assert kinds, article.pk
        for kind in kinds:
            rows = analyst.locator(f"li.fact-row.kind-{kind}")
            assert rows.count() == _count(article, kind), (article.pk, kind)
            box = rows.first.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 768, (article.pk, kind, box)


def _count(article: Any, kind: str) -> int:
    from hamkari.kb.facts import FACT_KINDS

    return int(FACT_KINDS[kind].model.objects.filter(article=article).count())


def test_screenshots_of_every_page_in_three_languages_at_two_widths(
    analyst: Any,
    live_server: Any,
    served: dict[str, str],  # noqa: F811
) -> None:
    for language in ("fa", "ru", "en"):
        analyst.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        for width_name, (width, height) in WIDTHS.items():
            analyst.set_viewport_size({"width": width, "height": height})
            for name, path in served.items():
                analyst.goto(live_server.url + path)
                assert analyst.locator("html").get_attribute("lang") == language, (language, path)
                target = SHOTS / language / width_name / f"{name}.png"
                target.parent.mkdir(parents=True, exist_ok=True)
                analyst.screenshot(path=str(target), full_page=True)
                assert target.stat().st_size > 1000
            _login_page_shot(analyst.context.browser, live_server.url, language, width_name, width, height)


def _login_page_shot(
    chromium: Any, url: str, language: str, width_name: str, width: int, height: int
) -> None:
    """The one page of those not logged in, in a context of its own."""
    context = chromium.new_context(viewport={"width": width, "height": height})
    context.add_cookies([{"name": "django_language", "value": language, "url": url}])
    page = context.new_page()
    page.goto(f"{url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == language
    target = SHOTS / language / width_name / "login.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 1000
    context.close()


def test_no_page_has_serious_or_critical_accessibility_violations(
    analyst: Any,
    live_server: Any,
    served: dict[str, str],  # noqa: F811
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found: dict[str, list[str]] = {}
    for language in ("fa", "ru", "en"):
        analyst.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        for name, path in served.items():
            analyst.goto(live_server.url + path)
            results = axe.run(analyst)
            bad = [
                f"{v['id']}: {', '.join(n['target'][0] for n in v['nodes'][:3])}"
                for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            if bad:
                found[f"{language} {name}"] = bad
    assert not found, "\n".join(f"{page}: {items}" for page, items in found.items())


def test_the_review_queue_shows_each_item_in_its_sentence_and_reviews_in_place(
    analyst: Any,
    live_server: Any,
    served: dict[str, str],  # noqa: F811
) -> None:
    from hamkari.kb.models import Commitment

    commitment = Commitment.objects.order_by("pk").first()
    assert commitment is not None
    analyst.goto(f"{live_server.url}/review/")
    row = analyst.locator(f"#row-f-commitment-{commitment.pk}")
    words = commitment.article.text[commitment.start : commitment.end]
    assert row.locator("p.context mark").inner_text() == words
    link = row.locator("a.jump").get_attribute("href")
    assert link == f"/articles/{commitment.article_id}/#f-commitment-{commitment.pk}"
    row.locator("button.accept").click()
    analyst.wait_for_selector(f"#row-f-commitment-{commitment.pk}.state-accepted p.context mark")
    analyst.goto(live_server.url + link)  # the link lands on the item
    assert analyst.locator(f"#f-commitment-{commitment.pk}").count() == 1


def test_the_region_pair_matrix_fits_a_phone_and_a_desktop_in_every_language(
    analyst: Any,
    live_server: Any,
    served: dict[str, str],  # noqa: F811
) -> None:
    clipped = []
    for language in ("fa", "ru", "en"):
        analyst.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        for width, height in WIDTHS.values():
            analyst.set_viewport_size({"width": width, "height": height})
            analyst.goto(f"{live_server.url}/")
            sizes = analyst.eval_on_selector(
                "table.matrix",
                """t => ({page: document.documentElement.scrollWidth, table: t.scrollWidth,
                        box: t.parentElement.clientWidth, cells: t.querySelectorAll('td a').length})""",
            )
            assert sizes["cells"] > 0
            target = SHOTS / language / f"matrix-{width}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            analyst.locator("table.matrix").screenshot(path=str(target))
            # no sideways scroll of the page, and the whole table inside its card (nothing cut off)
            if sizes["page"] > width or sizes["table"] > sizes["box"]:
                clipped.append((language, width, sizes))
    assert not clipped, clipped


def test_a_working_group_member_and_event_participants_chosen_by_name(
    analyst: Any,
    live_server: Any,
    served: dict[str, str],  # noqa: F811
) -> None:
    from hamkari.kb.models import Entity
    from hamkari.tracker.models import EventEntry, WorkingGroup

    first, second = Entity.objects.filter(type="person", merged_into=None).order_by("pk")[:2]
    group = WorkingGroup.objects.get(name="گروه کاری نمونه")
    analyst.goto(f"{live_server.url}/tracker/groups/{group.pk}/")
    form = analyst.locator("form.new-member")
    form.locator("input[name=entity_q]").fill(first.name.split()[-1])
    form.locator(f"button.pick[data-pk='{first.pk}']").click()
    assert form.locator("input[name=entity_q]").input_value() == ""  # the typed name became the choice
    with analyst.expect_navigation():
        form.locator("button[type=submit]").click()
    assert [m.entity_id for m in group.members.all()] == [first.pk]
    # two participants, one after the other; the first stays chosen while the second is looked up
    analyst.goto(f"{live_server.url}/tracker/events/")
    form = analyst.locator("form.new-event")
    form.locator("input[name=date]").fill("1404/09/12")
    form.locator("input[name=title]").fill("نشست کارگروه")
    for person in (first, second):
        form.locator("input[name=participants_q]").fill(person.name.split()[-1])
        form.locator(f"button.pick[data-pk='{person.pk}']").click()
    assert form.locator("ul.picked input[name=participants]").count() == 2
    with analyst.expect_navigation():
        form.locator("button[type=submit]").click()
    entry = EventEntry.objects.get(title="نشست کارگروه")
    assert sorted(p.pk for p in entry.participants.all()) == sorted([first.pk, second.pk])
