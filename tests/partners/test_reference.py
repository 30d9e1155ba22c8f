"""The reference profiles: every value sourced and dated, every region covered."""

from __future__ import annotations

import csv
import importlib.metadata
import re

import pytest
import yaml

from hamkari.extraction.lexicon import load_table
from hamkari.partners import reference

REGIONS = {e.key for e in load_table("en", "regions")}
SECTORS = {e.key for e in load_table("en", "sectors")}


def test_the_bundled_profiles_pass_the_validator() -> None:
    assert reference.validate(reference.values(), regions=REGIONS, sectors=SECTORS) == []


def test_every_region_has_leading_sectors() -> None:
    missing = sorted(
        code for code in REGIONS if not reference.references().get(code, reference.Reference(code)).sectors
    )
    assert missing == []


def test_every_region_has_its_population() -> None:
    refs = reference.references()
    missing = sorted(c for c in REGIONS if refs[c].first("population") is None)
    assert missing == []


PACKAGE_SOURCE = "https://github.com/tochno-st/reg_normalizer/blob/v1.7.0/"


def test_every_population_is_a_census_figure_or_a_figure_of_the_package_with_its_year() -> None:
    kinds = {
        (v.region[:2], v.year, v.source.startswith(PACKAGE_SOURCE))
        for v in reference.values()
        if v.field == "population"
    }
    assert kinds == {("IR", 2016, False), ("RU", 2021, False), ("RU", 2025, True)}


def _package_table() -> tuple[dict[tuple[str, int], int], dict[str, set[str]]]:
    """reg_normalizer's own files, read where pip installed them: (row name, year) → pop_total, and
    row name → the ISO codes its reference list gives that name."""
    dist = importlib.metadata.distribution("reg_normalizer")
    assert dist.version == "1.7.0"
    base = "reg_normalizer/data/interim/"
    with open(str(dist.locate_file(base + "normalizers.csv")), encoding="utf-8") as f:
        table = {
            (r["object_name"], int(r["year"])): int(float(r["pop_total"]))
            for r in csv.DictReader(f, delimiter=";")
            if r["pop_total"]
        }
    with open(str(dist.locate_file(base + "regions_etalon_v2.0.yaml")), encoding="utf-8") as f:
        entries = yaml.safe_load(f)["dict"].values()
    codes: dict[str, set[str]] = {}
    for e in entries:
        codes.setdefault(e["name_rus"], set()).add(str(e["iso_code"]))
    return table, codes


def test_every_population_taken_from_the_package_is_its_figure_for_that_region_and_year() -> None:
    table, codes = _package_table()
    rows = [v for v in reference.values() if v.source.startswith(PACKAGE_SOURCE)]
    named = [(v, re.search("row «(.+)»", v.note)) for v in rows]
    found = [(v.region, int(v.value)) for v, m in named if m and v.region in codes.get(m[1], set())]
    expected = [(v.region, table.get((m[1], v.year or 0), -1)) for v, m in named if m]
    assert len(rows) == 50
    assert found == expected


def test_the_census_populations_agree_with_the_package_s_1_january_2022_figures() -> None:
    table, codes = _package_table()
    by_code = {next(iter(c)): name for name, c in codes.items() if len(c) == 1}
    census = [
        v for v in reference.values() if v.field == "population" and (v.region[:2], v.year) == ("RU", 2021)
    ]
    off = [
        (v.region, v.value) for v in census if abs(int(v.value) / table[(by_code[v.region], 2022)] - 1) > 0.01
    ]
    assert len(census) == 33
    assert off == []


HEADER = "region\tfield\tvalue\trank\tyear\tsource\tnote\n"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("IR-01\tsector\tfisheries\t\t2024\t\t", "no source address"),
        ("IR-01\tsector\tfisheries\t\t\thttps://example.org/a\t", "no year"),
        ("IR-99\tsector\tfisheries\t\t2024\thttps://example.org/a\t", "unknown region 'IR-99'"),
        ("IR-01\tsector\tcaviar\t\t2024\thttps://example.org/a\t", "unknown sector 'caviar'"),
        (
            "IR-01\tpopulation\tmany\t\t2016\thttps://example.org/a\t",
            "population must be a number, not 'many'",
        ),
        ("IR-01\tcolour\tgreen\t\t2016\thttps://example.org/a\t", "unknown field 'colour'"),
    ],
)
def test_the_validator_rejects_a_bad_row(row: str, reason: str) -> None:
    rows = reference.read(HEADER + row + "\n")
    assert reference.validate(rows, regions=REGIONS, sectors=SECTORS) == [f"line 2: {reason}"]


def test_the_validator_rejects_a_sector_named_twice() -> None:
    row = "IR-01\tsector\tfisheries\t\t2024\thttps://example.org/a\t\n"
    rows = reference.read(HEADER + row + row)
    assert reference.validate(rows, regions=REGIONS, sectors=SECTORS) == ["line 3: repeated"]


def test_a_published_rank_orders_the_sectors_and_sets_their_strength() -> None:
    text = HEADER + "".join(
        f"IR-01\tsector\t{slug}\t{rank}\t2024\thttps://example.org/a\t\n"
        for slug, rank in (("tourism", "2"), ("fisheries", "1"))
    )
    ref = reference.Reference("IR-01")
    for v in reference.read(text):
        ref.sectors.append((v.value, v.rank or 0))
    assert ref.sector_strength() == {"tourism": pytest.approx(0.85), "fisheries": 1.0}
