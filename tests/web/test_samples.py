"""Sample articles (the bundled demo feed) are marked as samples on the pages that show them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hamkari.kb import services as kb
from hamkari.kb.ingest import item_ingest
from hamkari.monitoring.demo import DEMO_FEED
from hamkari.sources.items import feed_items

pytestmark = pytest.mark.django_db

MARK = '<span class="tag sample"'


@pytest.fixture
def sample(db: Any) -> Any:
    kb.reference_load()
    first = next(iter(feed_items(str(DEMO_FEED), DEMO_FEED.read_bytes())))
    return item_ingest(first).article


def logged_in(user: Any, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize(("language", "word"), [("fa", "نمونه"), ("ru", "пример"), ("en", "sample")])
def test_a_sample_article_is_marked_in_the_pages_language_and_links_nowhere(
    users: dict[str, Any], sample: Any, language: str, word: str
) -> None:
    page = logged_in(users["viewer"], language).get(f"/articles/{sample.pk}/").content.decode()
    assert f"{MARK}" in page and f">{word}</span>" in page
    assert "urn:hamkari:sample" not in page  # no «Original» link to an address that is none


def test_a_real_article_carries_no_sample_mark(users: dict[str, Any], articles: list[Any]) -> None:
    client = logged_in(users["viewer"], "fa")
    assert MARK not in client.get(f"/articles/{articles[0].pk}/").content.decode()
    assert 'class="notice sample"' not in client.get("/").content.decode()


def test_the_story_and_the_dashboard_say_the_samples_are_not_real_news(
    users: dict[str, Any], sample: Any
) -> None:
    client = logged_in(users["viewer"], "fa")
    assert MARK in client.get(f"/stories/{sample.story_id}/").content.decode()
    dashboard = client.get("/").content.decode()
    assert 'class="notice sample"' in dashboard and "خبر واقعی نیستند" in dashboard
