"""File fields in a browser (Debian's chromium): the browser's own file field speaks the browser's
language («Choose File», «No file chosen» on a Persian page in an English browser), so the pages
show their own, in the page's language, and name the chosen files beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.web.test_browser import browser  # noqa: F401  (the fixture)

STATIC = Path(__file__).resolve().parents[2] / "hamkari" / "web" / "static" / "hamkari"
SHOWN = {
    "fa": ("انتخاب پرونده‌ها", "پرونده‌ای انتخاب نشده است", "الف.txt، b.txt"),
    "ru": ("Выбрать файлы", "Файл не выбран", "الف.txt, b.txt"),
}


def _upload_field(language: str) -> str:
    with translation.override(language):
        field = Template(
            '{% include "web/_file_pick.html" with name="files" multiple=True label="…" %}'
        ).render(Context())
    return (
        f'<html lang="{language}" dir="{"rtl" if language == "fa" else "ltr"}">'
        f"<style>{(STATIC / 'site.css').read_text(encoding='utf-8')}</style><body><form>{field}</form>"
        f"<script>{(STATIC / 'site.js').read_text(encoding='utf-8')}</script></body></html>"
    )


@pytest.mark.parametrize("language", sorted(SHOWN))
def test_a_file_field_speaks_the_pages_language_and_names_the_chosen_files(
    browser: Any,  # noqa: F811
    language: str,
    tmp_path: Path,
) -> None:
    context = browser.new_context(locale="en-US")  # an English browser
    page = context.new_page()
    page.set_content(_upload_field(language))
    native = page.eval_on_selector("input[type=file]", "i => i.getBoundingClientRect().width")
    before = page.inner_text("label.file-pick")
    files = [tmp_path / "الف.txt", tmp_path / "b.txt"]
    for f in files:
        f.write_text("متن", encoding="utf-8")
    page.set_input_files("input[type=file]", [str(f) for f in files])
    after = page.inner_text(".file-names")
    context.close()
    button, none, chosen = SHOWN[language]
    assert native <= 1  # the browser's own field, in the browser's language, is not shown
    assert button in before and none in before
    assert after == chosen
