"""The readable report of `hamkari extract` (hamkari/cli/report.py) in the command line's language."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from hamkari.cli import main

TEXT = (
    "The governor of Mazandaran met the head of Tatarstan in Kazan on 3 March 2026 and they signed a "
    "memorandum on river shipping. Both sides will open a trade house by the end of May 2026."
)


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        (
            "fa",
            ["زبان انگلیسی  منتشرشده ", "عنوان ", "منطقه ", "سند ", "تفاهم‌نامه → امضاشده", "تعهد ", "(ماه)"],
        ),
        (
            "ru",
            ["язык Английский  опубликовано ", "заголовок ", "регион ", "меморандум → подписано", "(месяц)"],
        ),
        ("en", ["language English  published ", "title ", "region ", "memorandum → signed", "(month)"]),
    ],
)
def test_the_extract_report_labels_speak_the_command_lines_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, labels: list[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    monkeypatch.setenv("HAMKARI_LANGUAGE", language)
    code, out, _ = run(["extract", str(article)])
    assert code == 0 and all(label in out for label in labels), out


@pytest.mark.parametrize("language", ["fa", "ru"])
def test_the_extract_report_has_no_english_label_in_persian_or_russian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """Outside the quoted text, names and the rules behind facts: no English label."""
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    monkeypatch.setenv("HAMKARI_LANGUAGE", language)
    out = run(["extract", str(article)])[1]
    said = re.sub(r"«[^»]*»|\[[^\]]*\]|\S+\.tsv:\d+|[A-Z]{2}-\w+|\S*_\S*", "", out.split("\n", 1)[1])
    assert not re.search(r"\b(language|published|title|region|instrument|commitment|month)\b", said)


# (language, the publication date and a figure as the report writes them)
FIGURES = [
    ("fa", ["منتشرشده ۱۴ اسفند ۱۴۰۴ (2026-03-05)", "۱٬۲۰۰٬۰۰۰ تن"]),
    ("ru", ["опубликовано 2026-03-05 (1404-12-14)", "1\u00a0200\u00a0000 тонн"]),  # no-break spaces
    ("en", ["published 2026-03-05 (1404-12-14)", "1,200,000 tonnes"]),
]


@pytest.mark.parametrize(("language", "shown"), FIGURES)
def test_the_extract_report_writes_dates_and_figures_as_the_pages_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, shown: list[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "The port of Astrakhan handled 1.2 million tonnes of grain for Gilan.", encoding="utf-8"
    )
    monkeypatch.setenv("HAMKARI_LANGUAGE", language)
    code, out, _ = run(["extract", str(article), "--published", "2026-03-05"])
    assert code == 0 and all(s in out for s in shown), out
