"""People are named as spelled in the page's script wherever a page names them (region
officials, an article's posts and mentions, the review queue), not by the spelling their record
was first stored under. Sentences and names written for this test."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hamkari.kb import services as kb
from hamkari.kb.models import Alias, Entity, Position

pytestmark = pytest.mark.django_db

RUSSIAN = "date 2025-06-02\nГубернатор провинции Гилян Бахрам Азади посетил порт Оля в Астрахани."
SPELLING = {"fa": "بهرام آزادی", "ru": "Бахрам Азади"}


@pytest.fixture
def official(db: Any) -> Entity:
    """A governor first stored from a Russian article, whom a Persian article spells too."""
    kb.reference_load()
    article = kb.article_ingest(text=RUSSIAN, source="ru.txt").article
    person = Position.objects.get(article=article).person
    Alias.objects.create(entity=person, name=SPELLING["fa"], key="bahram azadi fa", language="fa")
    return person


def _pages(users: dict[str, Any], official: Entity, language: str) -> dict[str, str]:
    client = Client()
    client.force_login(users["analyst"])
    client.cookies["django_language"] = language
    article = official.positions.get().article_id
    pages = {"region": "/regions/IR-01/", "article": f"/articles/{article}/", "review": "/review/"}
    return {name: client.get(path).content.decode() for name, path in pages.items()}


def test_a_person_stored_from_russian_is_named_in_persian_on_persian_pages(
    users: dict[str, Any], official: Entity
) -> None:
    """The article is Russian: the Persian spelling on its page, the region's and the review
    queue is the name of the person, not the article's words."""
    pages = _pages(users, official, "fa")
    assert {name: SPELLING["fa"] in page for name, page in pages.items()} == dict.fromkeys(pages, True)
    assert f">{SPELLING['ru']}<" not in pages["region"]


def test_the_same_person_is_named_in_russian_on_russian_pages(
    users: dict[str, Any], official: Entity
) -> None:
    region = _pages(users, official, "ru")["region"]
    assert f">{SPELLING['ru']}<" in region and SPELLING["fa"] not in region
