"""Every page kind on a 390-pixel phone in Persian, Russian and English reads without sideways
scrolling: neither the page nor anything inside its main content (a table, a card, a chart) is wider
than the room it has, and every table with a header row labels each of its cells, since on a phone
its rows are stacked into blocks whose lines are headed by the column's name (site.css)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.test_browser import browser  # noqa: F401  (the fixture)
from tests.web.test_browser_review import analyst  # noqa: F401  (the fixture)
from tests.web.test_interface_language import served  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)

# Everything that is shown (closed «where it comes from» toggles are opened first, so their codes and
# quotes are measured too): the page wider than the window; an element of the main content that
# scrolls or clips sideways (its content wider than its box); an element reaching past the window's
# edges; a cell of a table with a header row that has no data-label to head it when stacked.
WIDER_THAN_THE_PHONE = """() => {
  document.querySelectorAll('main details').forEach(d => { d.open = true; });
  const shown = e => e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true});
  const name = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
    ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const found = [];
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) found.push(`page ${page.scrollWidth} > ${page.clientWidth}`);
  for (const e of document.querySelectorAll('main *')) {
    if (!shown(e)) continue;
    const style = getComputedStyle(e);
    // a field scrolling its own long value (a feed address) is the field's nature, not the page's
    if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX) && e.clientWidth > 0
        && !e.matches('input, textarea, select')
        && e.scrollWidth > e.clientWidth + 1)
      found.push(`${name(e)} scrolls sideways: ${e.scrollWidth} > ${e.clientWidth}`);
    const box = e.getBoundingClientRect();
    if (box.width > 0 && (box.left < -1 || box.right > innerWidth + 1))
      found.push(`${name(e)} reaches past the edge: ${Math.round(box.left)}..${Math.round(box.right)}`);
  }
  const cells = 'main table:not(.matrix):has(> thead) > tbody > tr > td:not([colspan])';
  for (const cell of document.querySelectorAll(cells))
    if (!cell.hasAttribute('data-label') && !cell.matches('.number, .title, .actions'))
      found.push(`${name(cell.closest('table'))} has a cell without data-label: `
        + cell.textContent.trim().slice(0, 40));
  return [...new Set(found)].slice(0, 6);
}"""


@pytest.mark.parametrize("language", ["fa", "ru", "en"])
def test_no_page_scrolls_sideways_on_a_390_pixel_phone(
    analyst: Any,  # noqa: F811
    live_server: Any,
    served: dict[str, str],  # noqa: F811
    language: str,
) -> None:
    analyst.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    analyst.set_viewport_size({"width": 390, "height": 844})
    found = {}
    for name, path in served.items():
        analyst.goto(live_server.url + path)
        assert analyst.locator("html").get_attribute("lang") == language, path
        if wide := analyst.evaluate(WIDER_THAN_THE_PHONE):
            found[name] = wide
    assert not found, "\n".join(f"{language} {name}: {items}" for name, items in found.items())


def test_the_finder_sees_a_table_wider_than_the_phone(
    analyst: Any,  # noqa: F811
    live_server: Any,
) -> None:
    """The check above can fail: a card holding a grid of a long unbreakable word, and
    a table whose cell has no label."""
    analyst.set_viewport_size({"width": 390, "height": 844})
    analyst.goto(f"{live_server.url}/upload/")
    analyst.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
        '<section class="card"><table class="matrix"><tbody><tr><td>' + 'x'.repeat(200)
        + '</td></tr></tbody></table>'
        + '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table></section>')"""
    )
    found = analyst.evaluate(WIDER_THAN_THE_PHONE)
    assert any("scrolls sideways" in item for item in found), found
    assert any("without data-label" in item for item in found), found
