"""Fuzzing the extractor: random Unicode, our articles with random edits and random bytes
never escape as anything but the documented errors (bounded: a few hundred inputs, a fixed
seed; `benchmarks/fuzz_extract.py` runs as many as asked for)."""

from __future__ import annotations

import pytest

from tests.extraction.fuzzing import KINDS, Case, cases, check

COUNT = 240
SEED = 20261204


def test_the_generator_gives_the_same_inputs_for_the_same_seed() -> None:
    assert list(cases(SEED, 30)) == list(cases(SEED, 30))
    assert {c.kind for c in cases(SEED, 30)} == set(KINDS)


def test_the_check_reports_an_escaping_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("escaped")

    monkeypatch.setattr("tests.extraction.fuzzing.extract", broken)
    assert check(Case(0, "unicode", "text")) == "RuntimeError: escaped"


@pytest.mark.parametrize("start", range(0, COUNT, COUNT // 4))
def test_no_fuzzed_input_crashes_the_extractor(start: int) -> None:
    batch = list(cases(SEED, COUNT))[start : start + COUNT // 4]
    crashes = [(c.number, c.kind, found) for c in batch if (found := check(c)) is not None]
    assert crashes == []
