"""Dates in a real browser (Playwright, Debian's chromium): every page kind that shows a date beside
another one («2025-06-24 (1404-04-03)», the `jdate` filter) in Persian, Russian and English, on a
390-pixel phone, at 920 pixels (two columns of cards about 430 pixels wide, tables not stacked) and
at 1366: no date is broken across two lines, the pair may wrap between its two dates, and nothing
is wider than its room (the finder of tests/web/test_browser_phone.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.web.test_browser import browser  # noqa: F401  (the fixture)
from tests.web.test_browser_phone import WIDER_THAN_THE_PHONE
from tests.web.test_browser_review import analyst  # noqa: F401  (the fixture)
from tests.web.test_interface_language import served  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [(390, 844), (920, 900), (1366, 768)]

# Each shown date of the main content whose boxes lie on more than one line (an inline element
# broken across lines has one client rect per line, each a line lower; a
# right-to-left line may give several rects on one line, one per direction run, all at the same
# top. The rects are taller than the line's step with the Arabic font's ascent, so their tops are
# compared, not whether they overlap); and how many dates and pairs were measured, and how many pairs
# wrapped between their two dates.
BROKEN_DATES = """() => {
  document.querySelectorAll('main details').forEach(d => { d.open = true; });
  const shown = e => e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true});
  const lines = e => { const tops = [...e.getClientRects()].filter(r => r.width > 0).map(r => r.top);
    return tops.length && Math.max(...tops) - Math.min(...tops) > 4 ? 2 : 1; };
  const broken = [];
  let dates = 0, pairs = 0, wrapped = 0;
  for (const e of document.querySelectorAll('main .date')) {
    if (!shown(e)) continue;
    dates++;
    if (lines(e) > 1) broken.push(`date broken across lines: ${e.textContent.trim()}`);
  }
  for (const e of document.querySelectorAll('main .dates')) {
    if (!shown(e)) continue;
    pairs++;
    const [first, second] = e.querySelectorAll('.date');
    if (second.getBoundingClientRect().top - first.getBoundingClientRect().top > 4) wrapped++;
  }
  return {broken: [...new Set(broken)].slice(0, 6), dates, pairs, wrapped};
}"""


def _dated(client: Client, pages: dict[str, str]) -> dict[str, str]:
    """The pages that show a pair of dates."""
    return {name: path for name, path in pages.items() if b'class="dates"' in client.get(path).content}


@pytest.mark.parametrize("language", ["fa", "ru", "en"])
def test_no_date_breaks_across_lines_and_no_dated_page_overflows(
    analyst: Any,  # noqa: F811
    live_server: Any,
    served: dict[str, str],  # noqa: F811
    users: dict[str, Any],
    language: str,
) -> None:
    client = Client()
    client.force_login(users["analyst"])
    client.cookies["django_language"] = language
    pages = _dated(client, served)
    # a test over none proves nothing
    assert {"person", "group", "brief", "brief_pair", "deadlines"} <= set(pages), pages
    analyst.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    found: dict[str, list[str]] = {}
    for width, height in WIDTHS:
        analyst.set_viewport_size({"width": width, "height": height})
        for name, path in pages.items():
            analyst.goto(live_server.url + path)
            assert analyst.locator("html").get_attribute("lang") == language, path
            dates = analyst.evaluate(BROKEN_DATES)
            assert dates["dates"] >= 2 * dates["pairs"] > 0, (width, path)
            if bad := dates["broken"] + analyst.evaluate(WIDER_THAN_THE_PHONE):
                found[f"{width} {name}"] = bad
    assert not found, "\n".join(f"{language} {page}: {items}" for page, items in found.items())


# A card `width` pixels wide at the end of the main content holding `markup` in a table's cell
NARROW_CARD = """([markup, width]) => document.querySelector('main').insertAdjacentHTML('beforeend',
  `<section class="card" style="width:${width}px">`
  + `<table><tbody><tr><td>${markup}</td></tr></tbody></table></section>`)"""


def test_the_finders_see_a_broken_date_and_a_date_pair_wider_than_its_card(
    analyst: Any,  # noqa: F811
    live_server: Any,
    served: dict[str, str],  # noqa: F811
) -> None:
    """The checks above can fail: a date allowed to wrap in a box narrower than itself is broken, and
    the two dates held on one line (as they were) in a cell narrower than them make the card scroll.
    The filter's real markup in the same narrow cell wraps between the dates and passes."""
    analyst.context.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])
    analyst.set_viewport_size({"width": 390, "height": 844})
    analyst.goto(f"{live_server.url}{served['group']}")
    pair = analyst.eval_on_selector("main .dates", "e => e.outerHTML")
    analyst.evaluate(NARROW_CARD, [pair, 150])
    real = analyst.evaluate(BROKEN_DATES)
    assert real["broken"] == [] and real["wrapped"] >= 1, real
    assert analyst.evaluate(WIDER_THAN_THE_PHONE) == []
    broken = '<span class="date" style="white-space:normal; overflow-wrap:anywhere">2025-06-24</span>'
    analyst.evaluate(NARROW_CARD, [broken, 40])
    assert analyst.evaluate(BROKEN_DATES)["broken"] == ["date broken across lines: 2025-06-24"]
    analyst.evaluate(NARROW_CARD, ['<span class="date">2025-06-24 (1404-04-03)</span>', 150])
    assert any("scrolls sideways" in item for item in analyst.evaluate(WIDER_THAN_THE_PHONE))


# (language, typed, the field's hint: the two dates as the pages show them)
HINTS = [
    ("fa", "۱۴۰۴/۹/۲۶", "۲۶ آذر ۱۴۰۴ (\u20662025-12-17\u2069)"),
    ("ru", "2025-12-17", "2025-12-17 (1404-09-26)"),
]


@pytest.mark.parametrize(("language", "typed", "hint"), HINTS)
def test_a_date_fields_hint_keeps_each_date_whole_and_its_complaint_fits_a_phone(
    analyst: Any,  # noqa: F811
    live_server: Any,
    served: dict[str, str],  # noqa: F811
    language: str,
    typed: str,
    hint: str,
) -> None:
    """Beside a date field the date typed shows in both calendars like the pages show dates (two
    dates, each whole, never Persian words on a Russian page); a date that is none is complained
    about in a sentence that wraps instead of running past the phone's edge."""
    analyst.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    analyst.set_viewport_size({"width": 390, "height": 844})
    analyst.goto(f"{live_server.url}{served['group']}")
    field = analyst.locator("form.new-item input[name=due]")
    shown = analyst.locator("form.new-item input[name=due] ~ .jdate-hint")
    field.fill(typed)
    assert shown.text_content() == hint and shown.locator(".dates > .date").count() == 2
    assert analyst.evaluate(BROKEN_DATES)["broken"] == [] and analyst.evaluate(WIDER_THAN_THE_PHONE) == []
    field.fill("1404/13/40")
    assert shown.text_content() == analyst.locator("html").get_attribute("data-date-bad")
    assert analyst.evaluate(WIDER_THAN_THE_PHONE) == []
