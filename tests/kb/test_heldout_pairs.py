"""The blind cross-language set (benchmarks/bench_pairs.py) stays consistent: pairs.json names
every text once, and it holds two events of each language pair (fa+ru, ru+en, fa+en)."""

from __future__ import annotations

import json
from pathlib import Path

SET = Path(__file__).parent / "heldout_pairs"


def _events() -> dict[str, dict[str, object]]:
    spec = json.loads((SET / "pairs.json").read_text(encoding="utf-8"))
    events: dict[str, dict[str, object]] = spec["events"]
    return events


def test_pairs_json_names_every_text_exactly_once() -> None:
    named = [name for entry in _events().values() for name in entry["files"]]  # type: ignore[attr-defined]
    assert sorted(named) == sorted(p.name for p in (SET / "texts").glob("*.txt"))
    assert len(named) == len(set(named)) == 16


def test_it_declares_two_events_for_each_language_pair() -> None:
    paired = {k: v for k, v in _events().items() if not v.get("distractor")}
    assert len(paired) == 6
    assert sorted(str(v["languages"]) for v in paired.values()) == sorted(
        ["fa+ru"] * 2 + ["ru+en"] * 2 + ["fa+en"] * 2
    )
