"""`hamkari export KIND --format jsonl|csv`."""

from __future__ import annotations

import csv
import importlib
import io
import json

import pytest

from hamkari.kb import services
from hamkari.kb.exports import KINDS, write_export
from hamkari.kb.facts import FACT_KINDS
from tests.kb.factories import EN_JALALI, FA_JALALI_FULL, RU_JALALI

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def loaded() -> None:
    plan = (
        "date 2024-05-01\nبه گزارش ایرنا، استانداران گیلان و آستاراخان توافق کردند "
        "کارگروه مشترک شیلات ظرف دو هفته "
        "آینده برنامه اقدام مشترک را تدوین کند."
    )
    # every kind of export has rows: the kinds the registry exports bring their own example
    for text in (FA_JALALI_FULL, RU_JALALI, EN_JALALI, plan, *_examples_of_registered_kinds()):
        services.article_ingest(text=text, source="t")


def _examples_of_registered_kinds() -> list[str]:
    """The `EXAMPLE` article of each fact kind with an export of its own (`FactKind.export`), from
    the kind's own test module, `tests/kb/test_<kind>s.py`: a new kind's export has rows here
    without a line in this file, and a kind without that example fails here."""
    exported = [name for name, entry in FACT_KINDS.items() if entry.export is not None]
    return [importlib.import_module(f"tests.kb.test_{name}s").EXAMPLE for name in exported]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_exports_as_json_lines_and_csv_with_the_same_rows(kind: str) -> None:
    jsonl, table = io.StringIO(), io.StringIO()
    count = write_export(kind, "jsonl", jsonl)
    assert write_export(kind, "csv", table) == count
    rows = [json.loads(line) for line in jsonl.getvalue().splitlines()]
    assert len(rows) == count and count > 0
    parsed = list(csv.DictReader(io.StringIO(table.getvalue())))
    assert [r["id" if "id" in r else "code"] for r in parsed] == [
        str(r.get("id", r.get("code"))) for r in rows
    ]


def test_people_export_lists_every_spelling_and_post() -> None:
    out = io.StringIO()
    write_export("people", "jsonl", out)
    jalali = next(json.loads(line) for line in out.getvalue().splitlines() if "Jalali" in line)
    assert "Казем Джалали" in jalali["spellings"] and jalali["posts"].startswith("ambassador")


def test_the_cli_writes_a_csv_file_with_a_bom(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    from hamkari.cli import main

    target = Path(str(tmp_path)) / "regions.csv"
    assert main(["export", "regions", "--format", "csv", "--output", str(target)]) == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"code,name,articles" in data


def test_the_cli_writes_the_bom_to_standard_output_too(capsys: pytest.CaptureFixture[str]) -> None:
    from hamkari.cli import main

    assert main(["export", "regions", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("\ufeffcode,name,articles")
