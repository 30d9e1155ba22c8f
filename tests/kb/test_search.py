"""Entity search across scripts: a query that names a region, country, person or organisation
in any language finds the articles that mention it in every language. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from hamkari.kb import search, selectors, services

pytestmark = pytest.mark.django_db

ARTICLES = {
    "fa": "استاندار ولگاگراد با هیئت تجاری گیلان در رشت درباره صادرات غلات گفتگو کرد.",
    "ru": "В Волгограде губернатор Волгоградской области встретился с делегацией провинции Гилян.",
    "en": "A trade mission from Gilan visited Volgograd to discuss grain exports.",
    "other": "The governor of Isfahan met business people from Tatarstan in Kazan.",
}


@pytest.fixture
def ingested() -> dict[str, int]:
    return {k: services.article_ingest(text=t, source=k).article.pk for k, t in ARTICLES.items()}


@pytest.mark.parametrize("query", ["Волгоград", "ولگاگراد", "Volgograd", "Волгоградская область"])
def test_a_region_named_in_any_script_finds_its_articles_in_every_language(
    ingested: dict[str, int], query: str
) -> None:
    found = {a.pk for a in selectors.article_list(q=query)}
    assert found == {ingested["fa"], ingested["ru"], ingested["en"]}
    named = selectors.named_entities(query)
    assert named and named[0].type == "region" and named[0].ref == "RU-VGG"


def test_a_person_is_found_by_a_spelling_in_another_script_and_case() -> None:
    persian = services.article_ingest(
        text="پاول سوموف، معاون استاندار سامارا، با استاندار گیلان در رشت دیدار کرد.", source="fa"
    ).article
    russian = services.article_ingest(
        text="Заместитель губернатора Самарской области Павел Сомов провёл встречу в Реште.", source="ru"
    ).article
    for query in ("Pavel Somov", "Павла Сомова", "پاول سوموف"):
        named = [e for e in search.named_entities(query) if e.type == "person"]
        assert named, query
        found = {a.pk for a in selectors.article_list(q=query)}
        assert {persian.pk, russian.pk} <= found, query


def test_plain_words_are_still_searched_as_text(ingested: dict[str, int]) -> None:
    assert {a.pk for a in selectors.article_list(q="grain")} == {ingested["en"]}
    assert search.named_entities("grain exports") == []


def test_a_saved_search_is_tried_on_the_given_articles_only() -> None:
    text = "A ferry line for grain will link two Caspian ports next spring."
    ferry = services.article_ingest(text=text).article
    fair = services.article_ingest(
        text="Machine parts makers met at a trade fair in Kazan last week."
    ).article
    ids = [ferry.pk, fair.pk]
    assert search.article_ids_among("ferry grain", ids) == {ferry.pk}
    assert search.article_ids_among("gra", ids) == {ferry.pk}  # the last word as a prefix
    assert search.article_ids_among("ferry", [fair.pk]) == set()
    assert search.article_ids_among("!!", ids) == set() and search.article_ids_among("ferry", []) == set()
