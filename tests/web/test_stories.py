"""The story page: analysts merge a story into another chosen by title and split articles off
it; both are audited, need the analyst role, carry CSRF tokens and read in every language."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from hamkari.kb import services
from hamkari.kb.models import Article, AuditLog, Story

pytestmark = pytest.mark.django_db

# Written for these tests: two meetings of the same officials, months apart, and a second report of
# the first one.
MARCH = (
    "Governor of Semnan Province Bahram Nikzadi and Deputy Governor of Samara Region Timur Vasilyev "
    "held talks on tourism on 3 March 2025. 140 companies of both regions took part."
)
MARCH_AGAIN = (
    "Deputy Governor of Samara Region Timur Vasilyev visited Semnan on 3 March 2025, where 140 "
    "companies of both regions met at a tourism fair."
)
JUNE = (
    "Governor of Semnan Province Bahram Nikzadi and Deputy Governor of Samara Region Timur Vasilyev "
    "held talks on grain exports on 17 June 2025. 260 companies of both regions took part."
)


def _client(user: Any, language: str = "en", *, strict: bool = False) -> Client:
    client = Client(enforce_csrf_checks=strict)
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def reports(db: Any) -> dict[str, Article]:
    return {
        name: services.article_ingest(text=text, source=name, published=dt.date(2025, 3, 3)).article
        for name, text in (("march", MARCH), ("again", MARCH_AGAIN), ("june", JUNE))
    }


def test_an_analyst_finds_a_story_by_title_and_merges_into_it(
    users: dict[str, Any], reports: dict[str, Article]
) -> None:
    march, june = reports["march"], reports["june"]
    assert march.story_id != june.story_id
    Story.objects.filter(pk=june.story_id).update(title="Grain talks in Semnan")
    client = _client(users["analyst"])
    choices = client.get("/suggest/story/", {"q": "grain semnan", "field": "into", "exclude": march.story_id})
    assert f'value="{june.story_id}"' in choices.content.decode()
    assert f'value="{march.story_id}"' not in choices.content.decode()
    response = client.post(f"/stories/{march.story_id}/merge/", {"into": june.story_id})
    assert response.status_code == 302 and response["Location"] == f"/stories/{june.story_id}/"
    assert Article.objects.get(pk=march.pk).story_id == june.story_id
    assert not Story.objects.filter(pk=march.story_id).exists()
    assert AuditLog.objects.filter(
        action="story.merge", object_id=june.story_id, actor=users["analyst"]
    ).exists()


def test_an_analyst_splits_an_article_off_and_re_extraction_keeps_it_there(
    users: dict[str, Any], reports: dict[str, Article]
) -> None:
    march, again = reports["march"], reports["again"]
    assert march.story_id == again.story_id
    response = _client(users["analyst"]).post(f"/stories/{march.story_id}/split/", {"articles": [again.pk]})
    assert response.status_code == 302
    moved = Article.objects.get(pk=again.pk)
    assert moved.story_id != march.story_id and response["Location"] == f"/stories/{moved.story_id}/"
    services.article_reextract(article=moved)
    assert Article.objects.get(pk=again.pk).story_id == moved.story_id
    assert AuditLog.objects.filter(action="story.split", object_id=march.story_id).exists()
    history = _client(users["viewer"]).get(f"/audit/story/{march.story_id}/")
    assert history.status_code == 200 and "story split" in history.content.decode()  # the action, named


def test_a_refused_merge_or_split_says_why_in_the_readers_language(
    users: dict[str, Any], reports: dict[str, Article]
) -> None:
    march, june = reports["march"], reports["june"]
    client = _client(users["analyst"], "fa")
    nothing = client.post(f"/stories/{march.story_id}/merge/", {"q": "x", "into": "abc"})
    assert nothing.status_code == 400 and "عنوانی بنویسید" in nothing.content.decode()
    itself = client.post(f"/stories/{march.story_id}/merge/", {"into": march.story_id})
    assert itself.status_code == 400 and "رویداد دیگری" in itself.content.decode()
    alone = client.post(f"/stories/{june.story_id}/split/", {"articles": [june.pk]})
    assert alone.status_code == 400 and "دست‌کم یک خبر" in alone.content.decode()
    foreign = client.post(f"/stories/{march.story_id}/split/", {"articles": [june.pk, "x"]})
    assert foreign.status_code == 400
    assert Article.objects.get(pk=june.pk).story_id == june.story_id


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_analysts_and_administrators_merge_and_split_stories(
    users: dict[str, Any], reports: dict[str, Article], role: str
) -> None:
    march, again, june = reports["march"], reports["again"], reports["june"]
    client = _client(users[role])
    page = client.get(f"/stories/{march.story_id}/").content.decode()
    assert "story_merge" not in page and f"/stories/{march.story_id}/merge/" not in page
    assert client.post(f"/stories/{march.story_id}/merge/", {"into": june.story_id}).status_code == 403
    assert client.post(f"/stories/{march.story_id}/split/", {"articles": [again.pk]}).status_code == 403
    assert Article.objects.get(pk=march.pk).story_id == Article.objects.get(pk=again.pk).story_id
    admin = _client(users["admin"]).post(f"/stories/{march.story_id}/split/", {"articles": [again.pk]})
    assert admin.status_code == 302


def test_the_story_forms_carry_csrf_tokens_and_posts_without_one_are_refused(
    users: dict[str, Any], reports: dict[str, Article]
) -> None:
    march, june = reports["march"], reports["june"]
    client = _client(users["analyst"], strict=True)
    page = client.get(f"/stories/{march.story_id}/").content.decode()
    assert (
        f'action="/stories/{march.story_id}/merge/"' in page
        and f'action="/stories/{march.story_id}/split/"' in page
    )
    assert page.count("csrfmiddlewaretoken") >= page.count("<form")
    assert client.post(f"/stories/{march.story_id}/merge/", {"into": june.story_id}).status_code == 403
    assert Article.objects.get(pk=march.pk).story_id == march.story_id


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fa", ["ادغام در رویدادی با عنوان", "جدا کردن خبرهای علامت‌خورده"]),
        ("ru", ["Объединить с событием под заголовком", "Выделить отмеченные статьи"]),
        ("en", ["Merge into the story titled", "Split the checked articles into a new story"]),
    ],
)
def test_the_story_page_offers_merge_and_split_in_the_readers_language(
    users: dict[str, Any], reports: dict[str, Article], language: str, words: list[str]
) -> None:
    page = _client(users["analyst"], language).get(f"/stories/{reports['march'].story_id}/").content.decode()
    assert all(w in page for w in words)
