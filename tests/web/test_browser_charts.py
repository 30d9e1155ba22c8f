"""The bar charts of the region pages in a browser (Debian's chromium): in a card of the page's
grid no label is cut at the chart's edge, and the labels are drawn at a readable size, in Russian
(the longest sector names) and Persian."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.web.test_browser import browser  # noqa: F401  (the fixture)

CSS = Path(__file__).resolve().parents[2] / "hamkari" / "web" / "static" / "hamkari" / "site.css"
# the longest sector names of each language among those a region's chart shows
ROWS = [("food_industry", 9), ("software_it", 4), ("transport_logistics", 3), ("agriculture", 1)]
CARDS = {"a third of 1366 pixels": 400, "a 390-pixel phone": 320}  # the card's inner width


def _chart(language: str, width: int) -> str:
    with translation.override(language):
        svg = Template("{% load hamkari %}{% bars rows %}").render(Context({"rows": ROWS}))
    direction = "rtl" if language == "fa" else "ltr"
    return (
        f'<html lang="{language}" dir="{direction}"><style>{CSS.read_text(encoding="utf-8")}</style>'
        f'<body><div class="card" style="width:{width + 34}px">{svg}</div></body></html>'
    )


@pytest.mark.parametrize("language", ["ru", "fa", "en"])
@pytest.mark.parametrize("card", sorted(CARDS))
def test_no_bar_label_is_cut_and_none_is_drawn_tiny(browser: Any, language: str, card: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1366, "height": 600})
    page.set_content(_chart(language, CARDS[card]))
    found = page.eval_on_selector(
        "svg.bars",
        """svg => { const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
                    return [...svg.querySelectorAll('text.label')].map(t => {
                      const r = t.getBoundingClientRect(), px = parseFloat(getComputedStyle(t).fontSize);
                      return {text: t.textContent, cut: r.left < box.left - 0.5, size: px * scale}; }); }""",
    )
    page.close()
    assert len(found) == len(ROWS)
    assert [f["text"] for f in found if f["cut"]] == []
    assert min(f["size"] for f in found) >= (11.5 if CARDS[card] >= 400 else 9)  # pixels on the screen
