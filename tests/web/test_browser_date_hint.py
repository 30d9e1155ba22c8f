"""The date field's hint (static/hamkari/jdate.js) in a browser (Debian's chromium): beside what is typed
it says the date as the page writes dates — Jalali with Persian digits on Persian pages, the
Gregorian date with the Jalali one in Latin digits on Russian and English ones (no Persian month
name on a Russian page)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.test_browser import browser  # noqa: F401  (the fixture)

SCRIPT = Path(__file__).resolve().parents[2] / "hamkari" / "web" / "static" / "hamkari" / "jdate.js"


@pytest.mark.parametrize(
    ("language", "typed", "hint"),
    [
        ("fa", "1405/2/10", "۱۰ اردیبهشت ۱۴۰۵ (\u20662026-04-30\u2069)"),
        ("ru", "2026-04-30", "2026-04-30 (1405-02-10)"),
        ("en", "2026-04-30", "2026-04-30 (1405-02-10)"),
    ],
)
def test_the_hint_beside_a_typed_date_is_written_as_the_page_writes_dates(
    browser: Any,  # noqa: F811
    language: str,
    typed: str,
    hint: str,
) -> None:
    page = browser.new_page()
    page.set_content(
        f'<html lang="{language}"><body><input class="jdate" name="due">'
        f"<script>{SCRIPT.read_text(encoding='utf-8')}</script></body></html>"
    )
    page.fill("input.jdate", typed)
    shown = page.inner_text(".jdate-hint")
    page.close()
    assert shown == hint
