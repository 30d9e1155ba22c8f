"""The engine against the shared seeds, their gold answers and the shared scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hamkari.cli import main

GOLD_F1 = 0.90


@pytest.fixture(scope="module")
def seed_output(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "seeds.jsonl"
    seeds = sorted(str(p) for p in (shared / "seeds").glob("*.txt"))
    with out.open("w", encoding="utf-8") as handle:
        code = _run(["extract", "--json", *seeds], handle)
    assert code == 0
    return out


def _run(argv: list[str], handle: Any) -> int:
    import contextlib

    with contextlib.redirect_stdout(handle):
        return main(argv)


def _documents(path: Path) -> dict[str, dict[str, Any]]:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {Path(d["document"]["source"]).name: d for d in docs}


def test_the_shared_scorer_passes_at_the_required_f1(shared: Path, seed_output: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(shared / "tools" / "score_extraction.py"),
            str(shared / "gold" / "seeds.json"),
            str(seed_output),
            "--texts",
            str(shared / "seeds"),
            "--min-f1",
            str(GOLD_F1),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "bad span" not in result.stdout


def test_every_gold_person_is_found_with_a_gold_role(shared: Path, seed_output: Path) -> None:
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))["documents"]
    docs = _documents(seed_output)
    for name, expected in gold.items():
        people = [e for e in docs[name]["entities"] if e["type"] == "person"]
        for person in expected["people"]["must"]:
            found = [p for p in people if _fold(person["name"]) in _fold(p["name"])]
            assert found, f"{name}: {person['name']} not found"
            roles = {r["role"] for r in found[0]["roles"]}
            assert roles & set(person["roles"]), f"{name}: {person['name']} has roles {roles}"


def test_the_semnan_working_group_report_is_due_in_two_weeks(seed_output: Path) -> None:
    doc = _documents(seed_output)["003_25666bbb06b08970.txt"]
    due = [c for c in doc["commitments"] if c["due_relative"]]
    assert [c["due_relative"] for c in due] == ["P14D"]
    assert "گزارش جامع" in due[0]["action"]


def test_every_span_quotes_the_original_text(shared: Path, seed_output: Path) -> None:
    for name, doc in _documents(seed_output).items():
        text = (shared / "seeds" / name).read_text(encoding="utf-8")
        for span in _spans(doc):
            assert 0 <= span[0] < span[1] <= len(text), (name, span)
            quoted = text[span[0] : span[1]]
            assert not quoted[0].isspace() and not quoted[-1].isspace(), (name, span, quoted)


def _spans(doc: dict[str, Any]) -> list[list[int]]:
    spans = [m for e in doc["entities"] for m in e["mentions"]]
    spans += [r["span"] for e in doc["entities"] for r in e.get("roles", [])]
    spans += [x["evidence"] for k in ("events", "instruments", "commitments") for x in doc[k]]
    spans += [q["span"] for q in doc["quantities"]] + [o["span"] for o in doc["document"]["outlets"]]
    return spans


def _fold(s: str) -> str:
    from hamkari.extraction.normalize import fold

    return fold(s).text.replace(" ", "")
