"""The lexicon files: they load, they are complete, and they stay general."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry
import pytest

from hamkari.extraction import vocabulary
from hamkari.extraction.lexicon import COLUMNS, LANGUAGES, LexiconError, load_table
from hamkari.extraction.normalize import fold

LEXICONS = Path(__file__).resolve().parents[2] / "hamkari" / "extraction" / "lexicons"
ROLES = set(vocabulary.ROLES)
ORG_KINDS = set(vocabulary.ORGANIZATION_KINDS)
EVENT_TYPES = set(vocabulary.EVENT_TYPES)
INSTRUMENTS = set(vocabulary.INSTRUMENT_KINDS)
STATUSES = set(vocabulary.LIFECYCLE)
ROUTES = set(vocabulary.ROUTES)
MARKETS = set(vocabulary.MARKETS)
IR_RU = {s.code for s in pycountry.subdivisions if s.country_code in ("IR", "RU")}


def keys(lang: str, table: str) -> set[str]:
    return {e.key for e in load_table(lang, table)}


@pytest.mark.parametrize(
    ("lang", "table"),
    [(lang, table) for lang in LANGUAGES for table in sorted(COLUMNS) if table != "suffixes" or lang == "fa"],
)
def test_every_table_loads(lang: str, table: str) -> None:
    assert load_table(lang, table), f"{lang}/{table}.tsv is empty or missing"


def test_a_malformed_line_names_its_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hamkari.extraction import lexicon

    monkeypatch.setattr(lexicon, "_read", lambda lang, table: "IR-01\tگیلان\n# note\nIR-02 مازندران\n")
    load_table.cache_clear()
    try:
        with pytest.raises(LexiconError, match=r"fa/regions.tsv:3: expected 2 tab-separated columns, got 1"):
            load_table("fa", "regions")
    finally:
        load_table.cache_clear()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_all_114_regions_of_both_countries_are_named(lang: str) -> None:
    assert keys(lang, "regions") == IR_RU
    assert len([k for k in IR_RU if k.startswith("IR-")]) == 31
    assert len([k for k in IR_RU if k.startswith("RU-")]) == 83


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_country_is_named(lang: str) -> None:
    assert keys(lang, "countries") == {c.alpha_2 for c in pycountry.countries}


@pytest.mark.parametrize("table", ["cities", "places"])
def test_cities_and_places_share_ids_and_regions_across_languages(table: str) -> None:
    tables = {lang: {e.key: e.attrs for e in load_table(lang, table)} for lang in LANGUAGES}
    assert tables["fa"] == tables["ru"] == tables["en"]
    for attrs in tables["fa"].values():
        region = attrs[-1] if table == "places" else attrs[0]
        assert region in IR_RU or region == "-", attrs


def test_every_region_has_its_administrative_centre_or_shares_its_name() -> None:
    covered = {e.attrs[0] for e in load_table("en", "cities")}
    named_like_their_region = 13 + 2  # Iranian centres named as their province, Moscow and St Petersburg
    assert len(IR_RU - covered) <= named_like_their_region


@pytest.mark.parametrize("lang", LANGUAGES)
def test_value_columns_use_the_spec_vocabulary(lang: str) -> None:
    assert {e.key for e in load_table(lang, "titles")} <= ROLES | {"deputy", "not_a_title"}
    assert {e.key for e in load_table(lang, "organizations")} <= ORG_KINDS
    assert {e.key for e in load_table(lang, "events")} <= EVENT_TYPES | {"generic"}
    assert {e.key for e in load_table(lang, "instruments")} <= INSTRUMENTS
    assert {e.key for e in load_table(lang, "statuses")} <= STATUSES
    assert {e.key for e in load_table(lang, "routes")} <= ROUTES
    assert {e.key for e in load_table(lang, "markets")} == MARKETS


def test_the_three_languages_cover_the_same_sectors() -> None:
    assert keys("fa", "sectors") == keys("ru", "sectors") == keys("en", "sectors")
    assert len(keys("fa", "sectors")) == 40


def test_sectors_are_the_slugs_of_the_shared_list(shared: Path) -> None:
    lines = (shared / "spec" / "sectors.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert keys("en", "sectors") == {line.split("\t")[0] for line in lines if line.strip()}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text).text)


def test_no_lexicon_or_code_names_a_seed_person(shared: Path) -> None:
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))["documents"]
    names = {_squash(p["name"]) for doc in gold.values() for p in doc["people"]["must"]}
    # the people of the shared Russian sample, in the spellings its text uses
    names |= {_squash(n) for n in ("Хейдариан", "Быкадорова", "Быкадоров", "Heydarian")}
    root = LEXICONS.parents[1]
    corpus = _squash(
        " ".join(p.read_text(encoding="utf-8") for p in root.rglob("*") if p.suffix in (".tsv", ".py"))
    )
    found = [n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", corpus)]
    assert not found


def test_no_lexicon_or_code_repeats_a_seed_sentence(shared: Path) -> None:
    root = LEXICONS.parents[1]
    corpus = _squash(
        " ".join(p.read_text(encoding="utf-8") for p in root.rglob("*") if p.suffix in (".tsv", ".py"))
    )
    for seed in sorted((shared / "seeds").glob("*.txt")):
        words = _squash(seed.read_text(encoding="utf-8")).split()
        windows = {" ".join(words[i : i + 9]) for i in range(len(words) - 8)}
        assert not [w for w in windows if w in corpus], seed.name
