"""Reasons said in the reader's language (hamkari/kb/reasons.py): a Reason stored as JSON beside its
English text comes back whole (nested, counted), is said in Persian and Russian with the values put
in after translating, and a text stored without a template stays English, marked so on a page."""

from __future__ import annotations

import ast
from pathlib import Path

import polib
import pytest
from django.utils import translation

from hamkari.extraction.document import TimeBudgetExceeded
from hamkari.kb.ingest import Summary
from hamkari.kb.reasons import reason, said, said_html, stored_html, stored_reason
from hamkari.sources.inputs import InputError
from hamkari.sources.reasons import Reason, reason_json, reason_of
from hamkari.web.i18n import compile_messages

ROOT = Path(__file__).resolve().parents[2] / "hamkari"
# the calls whose first string is a reason's template (the msgid of the catalogues)
REASON_CALLS = {
    "Reason",
    "counted",
    "InputError",
    "FetchError",
    "FetchRefused",
    "RobotsDisallowed",
    "PassingError",
    "TableError",
}


@pytest.fixture(autouse=True, scope="module")
def catalogues() -> None:
    compile_messages()


def templates() -> dict[str, str]:
    """Every reason template written in the code, with the file it is in."""
    found: dict[str, str] = {}
    for path in ROOT.glob("**/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in REASON_CALLS:
                for arg in node.args[: 2 if name == "counted" else 1]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.setdefault(arg.value, str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("language", ["fa", "ru"])
def test_every_reason_template_in_the_code_is_translated(language: str) -> None:
    catalogue = polib.pofile(str(ROOT / "web" / "locale" / language / "LC_MESSAGES" / "django.po"))
    translated = {e.msgid for e in catalogue if e.msgstr or all(e.msgstr_plural.values())}
    translated |= {e.msgid_plural for e in catalogue if e.msgid_plural and all(e.msgstr_plural.values())}
    wanted = templates()
    assert len(wanted) > 60
    assert not sorted(set(wanted) - translated), language


def test_a_nested_reason_comes_back_whole_from_its_json() -> None:
    inner = Reason("page is larger than %(limit)s bytes", limit="5,242,880")
    outer = Reason("attempt %(n)s: %(reason)s", n=2, reason=inner)
    back = Reason.from_json(reason_json(outer))
    assert back == outer == "attempt 2: page is larger than 5,242,880 bytes"
    assert isinstance(back, Reason) and back.params["reason"] == inner


def test_a_counted_reason_takes_each_languages_plural_form() -> None:
    three = Reason.counted(
        "%(reason)s; %(n)s item waits for the next poll",
        "%(reason)s; %(n)s items wait for the next poll",
        3,
        reason=Reason("the site asked us to wait"),
    )
    assert three == "the site asked us to wait; 3 items wait for the next poll"
    back = Reason.from_json(reason_json(three))
    assert back is not None
    with translation.override("ru"):
        assert said(back) == "сайт попросил подождать; 3 записи ждут следующего опроса"
    with translation.override("fa"):
        assert said(back) == "وبگاه خواست که صبر کنیم؛ ۳ مدخل منتظر خواندن بعدی‌اند"


def test_an_input_error_is_said_in_persian_with_persian_digits() -> None:
    error = reason_of(
        InputError("file is too large: %(size)s bytes (limit %(limit)s)", size="6,000,000", limit="5,242,880")
    )
    with translation.override("fa"):
        assert said(error) == "پرونده بیش از اندازه بزرگ است: ۶٬۰۰۰٬۰۰۰ بایت (حد ۵٬۲۴۲٬۸۸۰)"
    with translation.override("en"):
        assert said(error) == str(error) == "file is too large: 6,000,000 bytes (limit 5,242,880)"


def test_a_value_from_elsewhere_stays_marked_english_inside_a_persian_sentence() -> None:
    stored = reason_json(Reason("cannot read %(path)s: %(fault)s", path="/feeds/a.rss", fault="No such file"))
    with translation.override("fa"):
        html = str(stored_html("cannot read /feeds/a.rss: No such file", stored))
    path = '<bdi dir="ltr" lang="zxx">/feeds/a.rss</bdi>'
    fault = '<bdi dir="ltr" lang="en">No such file</bdi>'
    assert html == f"خواندن {path} ممکن نشد: {fault}"


def test_an_error_stored_without_its_template_is_shown_in_english_marked_so() -> None:
    assert stored_reason("HTTP 500 Internal Server Error", {}) == "HTTP 500 Internal Server Error"
    assert not isinstance(stored_reason("x", {"template": 5}), Reason)
    with translation.override("fa"):
        assert (
            str(stored_html("<b>HTTP 500</b>", {}))
            == '<bdi dir="ltr" lang="en">&lt;b&gt;HTTP 500&lt;/b&gt;</bdi>'
        )


def test_a_template_the_catalogue_does_not_know_is_marked_english() -> None:
    with translation.override("ru"):
        assert str(said_html(Reason("a sentence no catalogue has"))) == (
            '<bdi dir="ltr" lang="en">a sentence no catalogue has</bdi>'
        )


def test_an_extraction_error_inside_another_is_said_whole_in_persian() -> None:
    spent = TimeBudgetExceeded("extraction took longer than its time budget of %(seconds)s s", seconds="2")
    where = TimeBudgetExceeded("%(reason)s (in component %(component)s)", reason=spent, component="'dates'")
    assert str(where) == "extraction took longer than its time budget of 2 s (in component 'dates')"
    with translation.override("fa"):
        assert reason(where) == "استخراج بیش از بودجهٔ زمانی ۲ ثانیه طول کشید (در جزء 'dates')"


def test_an_ingest_summary_is_in_the_active_language_with_each_failures_reason() -> None:
    summary = Summary(new=1, failed=[("b.txt", Reason("file is empty")), ("c.txt", "an English fault")])
    with translation.override("ru"):
        assert summary.lines() == [
            "новых 1, повторов 0, с ошибкой 2",
            "  не удалось b.txt: файл пуст",
            "  не удалось c.txt: an English fault",
        ]


def test_a_value_stored_beside_a_reason_is_cut_like_the_stored_line() -> None:
    remote = "x" * 70_000  # a reason phrase as long as a server cares to send
    stored = Reason("HTTP %(status)s %(reason)s", status=503, reason=remote).as_json()
    assert stored["params"]["status"] == 503 and len(stored["params"]["reason"]) == 300
    assert stored["params"]["reason"].endswith("…")
