"""`hamkari worker` and `hamkari sources` (hamkari/cli/monitoring.py) in the command line's language."""

from __future__ import annotations

import io
import re
import sys

import pytest

from hamkari.cli import main

pytestmark = pytest.mark.django_db


def run(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_the_worker_help_names_every_kind_of_background_job_in_persian(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    code, out, _ = run(["--help"], monkeypatch)
    summary = " ".join(out.split("    worker ")[1].split("\n    sources ")[0].split())  # wrapped
    assert code == 0 and "بررسی منبع‌ها" in summary and "یادآوری‌ها" in summary
    code, out, _ = run(["worker", "--help"], monkeypatch)
    assert code == 0 and "فهرست‌های پیگیری" in out and "(ingest)" not in out


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("fa", "باید FIRST,BATCH,SECONDS باشد، سه عدد صحیح دست‌کم ۱ (12,3,30)، نه '12,3'"),
        ("ru", "должно быть FIRST,BATCH,SECONDS — три целых числа не меньше 1 (12,3,30), а не '12,3'"),
        ("en", "must be FIRST,BATCH,SECONDS, three whole numbers of at least 1 (12,3,30), not '12,3'"),
    ],
)
def test_a_wrong_release_is_said_in_the_command_lines_language(
    language: str, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMKARI_LANGUAGE", language)
    code, _, err = run(["sources", "add", "https://example.org/feed", "--release", "12,3"], monkeypatch)
    assert code == 2 and said in err and len(err.splitlines()) == 1


def test_sources_add_reads_a_region_code_typed_with_persian_digits(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["sources", "add", "https://example.org/feed", "--region", "IR-۰۱"], monkeypatch)
    assert code == 0, out
    code, out, _ = run(["sources", "list"], monkeypatch)
    assert code == 0 and re.search(r"\bregion Gilan\b", out)
