"""Browser tests: Playwright for Python driving Debian's /usr/bin/chromium (installed by
scripts/system-packages, never by `playwright install`). Screenshots of every page in Persian and
English are saved under artifacts/screenshots/{fa,en}/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but /usr/bin/chromium is missing; scripts/system-packages installs it")
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (scripts/system-packages installs it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make meanwhile
    # are ordinary synchronous calls. Set only while the browser runs, never for other processes.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield from _launch(sync_playwright)
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _launch(sync_playwright: Any) -> Iterator[Any]:
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any, users: dict[str, Any], articles: list[Any]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fa-IR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "analyst")
    page.fill("input[name=password]", "pw-analyst-1")
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    yield page
    context.close()


def shot(page: Any, language: str, name: str) -> None:
    target = SHOTS / language / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 1000


def switch(page: Any, language: str) -> None:
    page.click(f"form.languages button[data-lang={language}]")
    page.wait_for_selector(f"html[lang={language}]")


@pytest.mark.django_db(transaction=True)
def test_log_in_switch_language_and_screenshot_every_page(
    page: Any, live_server: Any, articles: list[Any]
) -> None:
    from hamkari.kb.models import Entity

    person = Entity.objects.filter(type="person").first()
    assert person is not None
    paths = {
        "dashboard": "/",
        "region": "/regions/IR-01/",
        "region_pair": "/regions/IR-01/RU-AST/",
        "person": f"/people/{person.pk}/",
        "story": f"/stories/{articles[0].story_id}/",
        "article": f"/articles/{articles[0].pk}/",
        "search": "/search/?q=همکاری",
        "review": "/review/",
        "upload": "/upload/",
    }
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "پیشخوان" in page.inner_text("nav")
    for name, path in paths.items():
        page.goto(live_server.url + path)
        shot(page, "fa", name)
    switch(page, "en")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert "Dashboard" in page.inner_text("nav")
    for name, path in paths.items():
        page.goto(live_server.url + path)
        shot(page, "en", name)


@pytest.mark.django_db(transaction=True)
def test_review_a_fact_on_the_article_page(page: Any, live_server: Any, articles: list[Any]) -> None:
    from hamkari.kb.models import Mention

    page.goto(f"{live_server.url}/articles/{articles[0].pk}/")
    row = page.locator("li.fact-row[id^='row-f-mention-']").first
    anchor = row.get_attribute("id").removeprefix("row-")
    row.locator("button.reject").click()
    page.wait_for_selector(f"#row-{anchor}.state-rejected")
    kind, pk = anchor.removeprefix("f-").rsplit("-", 1)
    assert kind == "mention"
    assert Mention.objects.get(pk=int(pk)).review_state == "rejected"
    page.locator("a.jump").nth(1).click()
    assert page.evaluate("location.hash").startswith("#f-")


@pytest.mark.django_db(transaction=True)
def test_search_in_persian_with_and_without_the_zero_width_non_joiner(page: Any, live_server: Any) -> None:
    from hamkari.kb import services

    services.article_ingest(
        text="date 2024-08-01\nبه گزارش ایرنا، همکاری‌های بندری گیلان و آستاراخان در نشست مشترک بررسی شد.",
        source="zwnj",
    )
    counts = []
    for query in ("همکاری‌ها", "همکاریها", "همكاريها"):
        page.goto(f"{live_server.url}/search/")
        page.fill("input[name=q]", query)
        page.click("form.search-form button[type=submit]")
        page.wait_for_selector("section.results")
        counts.append(page.locator("section.results li a[href^='/articles/']").count())
    assert counts[0] == counts[1] == counts[2] > 0


@pytest.mark.django_db(transaction=True)
def test_open_a_region_page_with_its_chart(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/regions/IR-01/")
    assert page.inner_text("h1") == "گیلان"  # the name, not the code
    assert page.locator("svg.chart.bars rect.bar").count() > 0


@pytest.mark.django_db(transaction=True)
def test_create_a_working_group_add_items_finish_one_and_see_the_overdue_board(
    page: Any, live_server: Any
) -> None:
    from hamkari.kb.services import reference_load

    reference_load()
    page.goto(f"{live_server.url}/tracker/groups/")
    page.fill("form.new-group input[name=name]", "Gilan–Astrakhan fisheries")
    page.fill("form.new-group input[name=regions_q]", "IR-01, RU-AST")
    page.click("form.new-group button[type=submit]")
    page.wait_for_selector("table.plan")
    for title, due in (
        ("Draft the plan", "1404/01/15"),
        ("Exchange delegations", "1404/02/20"),
        ("Report to the governors", "2099-01-01"),
    ):
        page.fill("form.new-item input[name=title]", title)
        page.fill("form.new-item input[name=due]", due)
        page.click("form.new-item button[type=submit]")
        page.wait_for_selector(f"tr.item:has-text('{title}')")
    assert page.locator("tr.item").count() == 3
    first = page.locator("tr.item").first
    first.locator("select[name=status]").select_option("done")
    first.locator("form.item-status button").click()
    page.wait_for_selector("tr.item.status-done")
    shot(page, "fa", "working_group")
    page.goto(f"{live_server.url}/tracker/deadlines/?region=IR-01")
    board = page.inner_text("section.overdue-board")
    assert (
        "Exchange delegations" in board
        and "Draft the plan" not in board
        and "Report to the governors" not in board
    )
    shot(page, "fa", "deadlines")


# the fields, buttons and charts of a page whose box reaches past the window's edges
CUT_AT_THE_EDGE = """() => [...document.querySelectorAll(
    'input:not([type=hidden]), select, textarea, button, svg')]
  .filter(e => { const r = e.getBoundingClientRect();
    return r.width > 0 && (r.left < -1 || r.right > innerWidth + 1); })
  .map(e => `${e.tagName} ${e.getAttribute('name') || ''}`)"""


@pytest.mark.parametrize("language", ["fa", "ru"])
def test_the_forms_fields_fit_a_390_pixel_phone(page: Any, live_server: Any, language: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/search/?q=Gilan", "/upload/", "/tracker/groups/", "/regions/IR-01/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate(CUT_AT_THE_EDGE) == [], path
