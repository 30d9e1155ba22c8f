"""Stories: reports of one event in two languages become one story; other days stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamkari.kb import services
from hamkari.kb.models import Story
from tests.kb.factories import GOVERNOR_LATER, GOVERNOR_MONDAY

pytestmark = pytest.mark.django_db


def test_the_persian_and_russian_reports_of_the_volgograd_webinar_are_one_story(shared: Path) -> None:
    persian = services.article_ingest(
        text=(shared / "seeds" / "001_d954c839941529c2.txt").read_text(encoding="utf-8"), source="001"
    ).article
    russian = services.article_ingest(
        text=(shared / "samples" / "ru_volgograd_webinar.txt").read_text(encoding="utf-8"), source="ru"
    ).article
    assert persian.story is not None and persian.story == russian.story
    story = Story.objects.get(pk=persian.story.pk)
    assert story.articles.count() == 2
    assert {s.article.language for s in story.sources.all()} == {"fa", "ru"}


def test_meetings_of_the_same_governor_on_other_days_are_other_stories() -> None:
    first = services.article_ingest(text=GOVERNOR_MONDAY, source="a").article
    later = services.article_ingest(text=GOVERNOR_LATER, source="b").article
    assert first.story is not None and later.story is not None
    assert first.story != later.story


def test_an_unrelated_article_on_the_same_day_is_another_story(shared: Path) -> None:
    webinar = services.article_ingest(
        text=(shared / "seeds" / "001_d954c839941529c2.txt").read_text(encoding="utf-8"), source="001"
    ).article
    other = (
        "date 2025-12-03\nبه گزارش ایرنا، استاندار سمنان در دیدار با سفیر روسیه "
        "بر توسعه صادرات پتروشیمی تأکید کرد."
    )
    semnan = services.article_ingest(text=other, source="x").article
    assert semnan.story is not None and semnan.story != webinar.story
