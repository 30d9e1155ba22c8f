"""The reference profiles: every value sourced and dated, every region covered."""

from __future__ import annotations

import pytest

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


def test_every_iranian_province_has_its_census_population() -> None:
    refs = reference.references()
    missing = sorted(c for c in REGIONS if c.startswith("IR-") and refs[c].first("population") is None)
    assert missing == []


def test_every_population_is_a_census_figure_with_its_year() -> None:
    for v in reference.values():
        if v.field == "population":
            assert (v.region[:2], v.year) in {("IR", 2016), ("RU", 2021)}, v


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
