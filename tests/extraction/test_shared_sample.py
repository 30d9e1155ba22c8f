"""The Russian report of the Volgograd webinar in `../shared/samples`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hamkari.extraction import extract, to_json


@pytest.fixture(scope="module")
def volgograd(shared: Path) -> dict[str, Any]:
    text = (shared / "samples" / "ru_volgograd_webinar.txt").read_text(encoding="utf-8")
    return to_json(extract(text, source="ru_volgograd_webinar.txt"))


def test_it_reads_the_sample_as_russian(volgograd: dict[str, Any]) -> None:
    assert volgograd["document"]["language"] == "ru"


def test_it_finds_volgograd_and_the_three_caspian_provinces(volgograd: dict[str, Any]) -> None:
    regions = {e["ref"] for e in volgograd["entities"] if e["type"] == "region"}
    assert {"RU-VGG", "IR-01", "IR-02", "IR-27"} <= regions


def test_it_finds_the_consul_general_and_the_committee_chair(volgograd: dict[str, Any]) -> None:
    people = {e["name"]: e for e in volgograd["entities"] if e["type"] == "person"}
    consul = next(p for n, p in people.items() if "Хейдариан" in n)
    assert "consul_general" in {r["role"] for r in consul["roles"]}
    assert any("Быкадорова" in n for n in people)


def test_it_finds_the_eastern_rail_route(volgograd: dict[str, Any]) -> None:
    assert "instc_east" in {e["ref"] for e in volgograd["entities"] if e["type"] == "route"}


def test_it_finds_the_agreed_action_plan(volgograd: dict[str, Any]) -> None:
    plans = [i for i in volgograd["instruments"] if i["kind"] == "action_plan"]
    assert [p["status"] for p in plans] == ["agreed"]
