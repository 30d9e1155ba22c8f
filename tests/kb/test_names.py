"""Names in the reader's language. Names invented for these tests."""

from __future__ import annotations

import re
from typing import Any

import pytest

from hamkari.extraction.lexicon import load_table
from hamkari.kb import names, selectors, services
from hamkari.kb.models import Alias, Article, Entity, Story

pytestmark = pytest.mark.django_db


def _person(*spellings: str) -> Entity:
    person = Entity.objects.create(type="person", name=spellings[0], key="sm")
    for s in spellings:
        Alias.objects.create(entity=person, name=s, key=s.lower(), language=names.script_of(s))
    return person


@pytest.mark.parametrize(
    ("language", "expected", "transliterated"),
    [("ru", "Павел Сомов", False), ("fa", "پاول سوموف", False), ("en", "Pavel Somov", True)],
)
def test_a_person_is_named_as_seen_in_the_readers_script_else_transliterated(
    language: str, expected: str, transliterated: bool
) -> None:
    person = _person("Павлом Сомовым", "Павла Сомова", "پاول سوموف")
    shown = names.entity_name(person, language)
    assert (shown.text, shown.transliterated) == (expected, transliterated)


def test_a_person_named_in_one_script_only_is_transliterated_into_the_others() -> None:
    person = _person("Pavel Somov")
    ru, fa = names.entity_name(person, "ru"), names.entity_name(person, "fa")
    assert ru.transliterated and ru.text == "Павел Сомов"
    assert fa.transliterated and fa.text


def test_a_region_is_named_from_the_gazetteer_whatever_an_article_called_its_record() -> None:
    region = Entity.objects.create(type="region", ref="RU-AST", name="Some zone or company")
    assert [names.entity_name(region, lang).text for lang in ("fa", "ru", "en")] == [
        names.place_name("RU-AST", "fa"),
        "Астраханская область",
        "Astrakhan Region",
    ]


def test_an_organisation_is_named_by_its_most_frequent_name_in_the_language() -> None:
    for n, text in enumerate(
        [
            "Торгово-промышленная палата Астраханской области провела встречу с делегацией Гиляна.",
            "Торгово-промышленная палата Астраханской области подписала соглашение с Гиляном.",
        ]
    ):
        services.article_ingest(text=text, source=str(n))
    chambers = [e for e in Entity.objects.filter(type="organization") if e.mentions.exists()]
    assert chambers
    shown = names.entity_name(chambers[0], "ru").text
    assert "палат" in shown.lower()


# (slug, language, name): the sector's name, written as it is written (half-spaces in Persian), not
# a lexicon's form to match («سرمایه گذاری», «نفت» for oil and gas); an unknown slug has none
SECTOR_NAMES = [
    ("investment", "fa", "سرمایه‌گذاری"),
    ("machinery", "fa", "ماشین‌آلات"),
    ("oil_gas", "fa", "نفت و گاز"),
    ("oil_gas", "ru", "нефть и газ"),
    ("oil_gas", "en", "oil and gas"),
    ("power_equipment", "en", "power equipment"),
    ("youth_sports", "ru", "молодёжь и спорт"),
    ("agriculture", "fa", "کشاورزی"),
    ("agriculture", "ru", "сельское хозяйство"),
    ("no_such_sector", "fa", None),
]


@pytest.mark.parametrize(("slug", "language", "name"), SECTOR_NAMES)
def test_a_sector_is_named_as_its_language_writes_it(slug: str, language: str, name: str | None) -> None:
    assert names.sector_name(slug, language) == name


@pytest.mark.parametrize("language", ["fa", "ru", "en"])
def test_every_sector_has_a_name(language: str) -> None:
    slugs = [entry.key for entry in load_table("fa", "sectors")]
    shown = {slug: names.sector_name(slug, language) for slug in slugs}
    assert len(shown) == 40 and all(shown.values())


def test_no_persian_sector_name_splits_a_compound_with_a_space() -> None:
    """None with the spaced forms the lexicon keeps for matching (a word then «گذاری», «آلات»,
    «سازی», «داری», «پروری», «افزار» alone)."""
    shown = [names.sector_name(entry.key, "fa") for entry in load_table("fa", "sectors")]
    split = re.compile(r" (?:گذاری|آلات|سازی|داری|پروری|افزار|غیر)\b|غیر ")
    assert [name for name in shown if name and split.search(name)] == []


def test_a_story_is_titled_in_the_readers_language_when_one_of_its_articles_is() -> None:
    """Told first in Russian, then in Persian: Persian pages title it in Persian, Russian ones in
    Russian; English ones, with no English telling, keep its own title."""
    services.reference_load()
    russian = services.article_ingest(
        text="Гилян и Астрахань обсудили паромную линию\n\nДелегация Гиляна провела переговоры в Астрахани.",
        source="ru",
    ).article
    persian = services.article_ingest(
        text="هیئت گیلان در آستاراخان گفت‌وگو کرد\n\nهیئت گیلان دربارهٔ خط کشتیرانی در آستاراخان گفت‌وگو کرد.",
        source="fa",
    ).article
    story = Story.objects.create(type="meeting", title=russian.title)
    Article.objects.filter(pk__in=[russian.pk, persian.pk]).update(story=story)
    titles = {language: names.story_title(story, language) for language in ("fa", "ru", "en")}
    assert titles == {"fa": persian.title, "ru": russian.title, "en": russian.title}
    assert persian.title.startswith("هیئت گیلان")


@pytest.mark.parametrize("count", [2, 6])
def test_a_list_of_stories_is_titled_in_the_readers_language_in_one_query_more(
    count: int, django_assert_num_queries: Any
) -> None:
    """The selectors' lists prefetch the titled articles: the titles cost no query per story."""
    for n in range(count):
        story = Story.objects.create(type="meeting", title=f"Делегация {n} провела переговоры")
        title = f"هیئت {n} گفت‌وگو کرد"
        Article.objects.create(text=title, content_hash=str(n), title=title, language="fa", story=story)
    with django_assert_num_queries(2):  # the stories, their titled articles
        titles = [names.story_title(s, "fa") for s in selectors.story_list()]
    assert sorted(titles) == sorted(f"هیئت {n} گفت‌وگو کرد" for n in range(count))


@pytest.mark.parametrize("language", ["fa", "ru", "en"])
def test_every_sector_is_named_in_its_languages_script(language: str) -> None:
    """(Russian pages fall back to the Persian catalogue for a name the Russian one lacks.)"""
    slugs = [entry.key for entry in load_table("fa", "sectors")]
    assert [s for s in slugs if names.script_of(names.sector_name(s, language) or "") != language] == []


@pytest.mark.parametrize(("code", "name"), [("IR", "Iran"), ("RU", "Russia"), ("IR-01", "Gilan")])
def test_the_two_countries_are_named_as_english_readers_name_them(code: str, name: str) -> None:
    """Not the ISO forms «Iran, Islamic Republic of», «Russian Federation» (a working group
    member's side, a person's country)."""
    assert names.place_name(code, "en") == name
