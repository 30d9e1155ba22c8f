"""The engine against our held-out articles and the shared scorer: `tests/extraction/heldout`
(12, written blind to the rules on 2026-12-04), `tests/extraction/heldout2` (15, written
blind on 2026-12-05) and `tests/extraction/heldout3` (15, written blind by another helper on
2026-12-05; seen since its classes 1, 8, 9 and 10 were fixed). Each floor sits a little under
the figure last measured on its set; a change that loses ground there fails. Skips without
`../shared` (the scorer), fails under CI=true."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest

from hamkari.cli import main

HERE = Path(__file__).parent
# set folder -> micro-F1 floor (the README of each set gives the measured figure and the command)
FLOORS = {"heldout": 0.95, "heldout2": 0.96, "heldout3": 0.93}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(
    request: pytest.FixtureRequest, shared: Path, tmp_path_factory: pytest.TempPathFactory
) -> subprocess.CompletedProcess[str]:
    folder = HERE / request.param
    out = tmp_path_factory.mktemp(request.param) / "predictions.jsonl"
    texts = sorted(str(p) for p in (folder / "texts").glob("*.txt"))
    with out.open("w", encoding="utf-8") as handle, contextlib.redirect_stdout(handle):
        assert main(["extract", "--json", *texts]) == 0
    return subprocess.run(
        [
            sys.executable,
            str(shared / "tools" / "score_extraction.py"),
            str(folder / "gold.json"),
            str(out),
            "--texts",
            str(folder / "texts"),
            "--min-f1",
            str(FLOORS[request.param]),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_heldout_articles_keep_their_micro_f1(scored: subprocess.CompletedProcess[str]) -> None:
    assert scored.returncode == 0, scored.stdout + scored.stderr


def test_every_heldout_span_lies_inside_its_text(scored: subprocess.CompletedProcess[str]) -> None:
    assert "bad span" not in scored.stdout
