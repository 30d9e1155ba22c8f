"""The e-mail digest in the watchlist's language (hamkari/alerts/digest.py, present.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone, translation

from hamkari.alerts import present
from hamkari.alerts.models import REGION
from hamkari.alerts.services import TargetSpec, article_match, digests_run, watchlist_create
from hamkari.kb.services import article_ingest
from tests.alerts.conftest import FERRY

pytestmark = pytest.mark.django_db

HOSTILE = (
    "Gilan <script>alert(1)</script> traders met partners from Astrakhan Region in Rasht on "
    "16 January 2025 to talk about grain."
)


def digest_of(owner: Any, language: str, *texts: str) -> mail.EmailMultiAlternatives:
    watchlist_create(
        owner=owner, name="گیلان", frequency="daily", language=language, targets=[TargetSpec(REGION, "IR-01")]
    )
    for text in texts:
        article_match(article_id=article_ingest(text=text, published=dt.date(2025, 1, 14)).article.pk)
    digests_run(now=timezone.now() + dt.timedelta(days=1, minutes=1))
    assert len(mail.outbox) == 1
    return mail.outbox[0]


def test_a_persian_digest_is_right_to_left_with_jalali_dates_and_persian_digits(
    regions: None, reader: Any
) -> None:
    message = digest_of(reader, "fa", FERRY[1])
    assert message.subject == "همکاری: گیلان — ۳ خبر تازه"
    # the joint office is due on 14 March 2025: 24 Esfand 1403
    assert "تعهد تازه، با موعد ۲۴ اسفند ۱۴۰۳" in message.body
    assert "پیگیری: گیلان" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert '<html lang="fa" dir="rtl">' in html
    assert '<bdi lang="en" dir="auto">' in html  # an English article's words in a Persian mail


def test_a_russian_digest_reads_in_russian(regions: None, reader: Any) -> None:
    message = digest_of(reader, "ru", FERRY[1])
    assert message.subject == "Hamkari: گیلان — 3 новости"
    assert "Новое обязательство, срок 14 марта 2025" in message.body
    assert "Отслеживает: Гилян" in message.body
    assert 'dir="ltr"' in message.alternatives[0][0]


def test_an_english_digest_names_regions_and_kinds_not_codes(regions: None, reader: Any) -> None:
    message = digest_of(reader, "en", FERRY[1])
    assert "Follows: Gilan" in message.body
    assert "New instrument: memorandum (signed)" in message.body
    assert "IR-01" not in message.body


def test_article_words_are_escaped_in_the_html_digest(regions: None, reader: Any) -> None:
    html = digest_of(reader, "en", HOSTILE).alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fa", "۲۴ اسفند ۱۴۰۳"), ("ru", "14 марта 2025 г."), ("en", "March 14, 2025")],
)
def test_a_day_reads_in_the_language_jalali_in_persian(language: str, expected: str) -> None:
    with translation.override(language):
        assert present.day_text(dt.date(2025, 3, 14)) == expected
