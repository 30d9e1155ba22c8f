"""The gazetteer: a dateline's city in capitals is where the story was filed, not a place it is
about. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from hamkari.extraction import extract, to_json


def _regions(text: str) -> set[str]:
    return {e["ref"] for e in to_json(extract(text))["entities"] if e["type"] == "region"}


# (text, a region that must not be found, a region that must)
DATELINES = [
    ("TEHRAN, March 3, 2026 (IRNA) – Gilan and Astrakhan signed a shipping memorandum.", "IR-23", "IR-01"),
    ("МОСКВА, 3 марта. /ТАСС/. Гилян и Астраханская область подписали меморандум.", "RU-MOW", "RU-AST"),
    # a dateline without a date: the city, then a dash or the agency's bracket
    ("TEHRAN – Gilan and Astrakhan signed a shipping memorandum, the daily reported.", "IR-23", "IR-01"),
    ("MOSCOW (Interfax) – Gilan and Astrakhan Region signed a shipping memorandum.", "RU-MOW", "RU-AST"),
]


@pytest.mark.parametrize(("text", "absent", "present"), DATELINES)
def test_a_datelines_city_names_no_region(text: str, absent: str, present: str) -> None:
    regions = _regions(text)
    assert absent not in regions
    assert present in regions


def test_the_same_city_named_in_the_story_still_names_its_region() -> None:
    text = "TEHRAN, March 3, 2026 (IRNA) – The governor of Tehran met the consul of Russia in Tehran."
    assert "IR-23" in _regions(text)


def _sectors(text: str) -> set[str]:
    return {e["ref"] for e in to_json(extract(text))["entities"] if e["type"] == "sector"}


# (text, the sectors found): «آموزش» and its forms are education; a longer word that only starts
# with it («آموزشگاه») is no lexicon term
EDUCATION = [
    ("دو استان در زمینه آموزش زبان روسی همکاری می‌کنند.", {"higher_education"}),
    ("برگزاری دوره‌های آموزشی برای کارشناسان دو کشور در دستور کار است.", {"higher_education"}),
    ("معاون وزیر آموزش و پرورش از مدرسه‌ای در کرمان بازدید کرد.", {"higher_education"}),
    ("همکاری‌های آموزشی و فرهنگی دو شهر گسترش می‌یابد.", {"higher_education", "culture"}),
    ("نخستین آموزشگاه زبان روسی در این شهر باز شد.", set()),
]


@pytest.mark.parametrize(("text", "sectors"), EDUCATION)
def test_persian_education_words_name_the_education_sector(text: str, sectors: set[str]) -> None:
    assert _sectors(text) == sectors


# (text, a sector that must be found): fruit named by its kinds is farming
SECTORS = [
    ("Gilan sent 900 tonnes of citrus and apples to Kazan.", "agriculture"),
    ("Dried fruit from Lorestan was shown at the Kazan fair.", "agriculture"),
]


@pytest.mark.parametrize(("text", "sector"), SECTORS)
def test_farm_produce_names_the_agriculture_sector(text: str, sector: str) -> None:
    sectors = {e["ref"] for e in to_json(extract(text))["entities"] if e["type"] == "sector"}
    assert sector in sectors


# A broad industry word heading a narrower sector's word names that sector, not industry as well.
# (text, the sectors found)
NARROWER = [
    ("هیئت روسی از کارخانه کشتی‌سازی بندر انزلی بازدید کرد.", {"shipbuilding"}),
    ("کارخانه‌های پتروشیمی و خودروسازی استان آماده همکاری هستند.", {"petrochemicals", "automotive"}),
    ("The delegation toured factories of petrochemicals near Kazan.", {"petrochemicals"}),
    # industry named by itself stays
    ("همکاری دو استان در صنعت و کشاورزی افزایش یافت.", {"industry", "agriculture"}),
]


@pytest.mark.parametrize(("text", "sectors"), NARROWER)
def test_a_broad_industry_word_before_a_narrower_sector_names_only_that(text: str, sectors: set[str]) -> None:
    assert _sectors(text) == sectors
