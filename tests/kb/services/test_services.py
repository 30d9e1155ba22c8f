"""Ingest, idempotence, linking across scripts, review surviving re-extraction, merge and split."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from hamkari.kb import services
from hamkari.kb.models import (
    Article,
    AuditLog,
    Commitment,
    Entity,
    ExtractionRun,
    Instrument,
    Mention,
    Position,
    Quantity,
)
from tests.kb.factories import EN_JALALI, FA_JALALI_FULL, FA_JALALI_SHORT, RU_JALALI

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The services' reasons are checked in English (the site's default language is Persian;
    tests/tracker/test_pages.py sees them in Persian)."""
    with translation.override("en"):
        yield


def person(name_part: str) -> Entity:
    found = Entity.objects.filter(
        type="person", merged_into=None, aliases__name__contains=name_part
    ).distinct()
    assert found.count() == 1, list(found)
    return found.get()


def test_it_stores_an_article_with_its_facts_and_jalali_date() -> None:
    outcome = services.article_ingest(text=FA_JALALI_FULL, source="a.txt")
    article = outcome.article
    assert outcome.status == "new"
    assert (article.language, article.published, article.published_jalali) == (
        "fa",
        dt.date(2024, 3, 1),
        "1402-12-11",
    )
    assert article.outlet is not None and article.outlet.name == "ایرنا"
    assert ExtractionRun.objects.filter(article=article).count() == 1
    regions = set(
        Mention.objects.filter(article=article, entity__type="region").values_list("entity__ref", flat=True)
    )
    assert "IR-01" in regions


def test_the_same_text_twice_changes_nothing_even_re_spaced_or_with_arabic_letters() -> None:
    services.article_ingest(text=FA_JALALI_FULL, source="a.txt")
    counts = (Article.objects.count(), Mention.objects.count(), Position.objects.count())
    variant = FA_JALALI_FULL.replace(" ", "  ").replace("ی", "ي").replace("ک", "ك") + "\n\n"
    outcome = services.article_ingest(text=variant, source="b.txt")
    assert outcome.status == "duplicate"
    assert (Article.objects.count(), Mention.objects.count(), Position.objects.count()) == counts


def test_one_person_across_persian_russian_and_english_and_a_surname_only_mention() -> None:
    for text in (FA_JALALI_FULL, FA_JALALI_SHORT, RU_JALALI, EN_JALALI):
        services.article_ingest(text=text, source="x")
    people = Entity.objects.filter(type="person", merged_into=None)
    jalali = person("جلالی")
    assert {a.name for a in jalali.aliases.all()} >= {"کاظم جلالی", "جلالی", "Казем Джалали", "Kazem Jalali"}
    assert people.count() == 1 + people.exclude(pk=jalali.pk).count()
    links = (
        Mention.objects.filter(entity=jalali)
        .exclude(link_rule="")
        .values_list("link_rule", "link_confidence")
    )
    assert links and all(0.5 <= confidence <= 1 for _, confidence in links)
    assert {p.role for p in jalali.positions.all()} == {"ambassador"}


def test_posts_accumulate_with_the_dates_they_were_seen() -> None:
    from hamkari.kb.selectors import positions_of

    services.article_ingest(text=FA_JALALI_FULL, source="a")
    services.article_ingest(text=FA_JALALI_SHORT, source="b")
    posts = positions_of(person("جلالی"))
    assert [(p["role"], p["first_seen"], p["last_seen"]) for p in posts] == [
        ("ambassador", dt.date(2024, 3, 1), dt.date(2024, 6, 10))
    ]


def test_a_review_survives_re_extraction(analyst: Any) -> None:
    article = services.article_ingest(text=FA_JALALI_FULL, source="a").article
    rejected = Mention.objects.filter(article=article, entity__type="sector").first()
    assert rejected is not None
    services.fact_review(kind="mention", fact_id=rejected.pk, state="rejected", user=analyst)
    position = Position.objects.get(article=article)
    services.fact_review(
        kind="position",
        fact_id=position.pk,
        state="accepted",
        user=analyst,
        changes={"title": "سفیر ایران در مسکو"},
    )
    before = Mention.objects.filter(article=article).count()
    services.article_reextract(article=article)
    rejected.refresh_from_db()
    position.refresh_from_db()
    assert rejected.review_state == "rejected" and rejected.reviewed_by == analyst
    assert (position.title, position.edited, position.review_state) == (
        "سفیر ایران در مسکو",
        True,
        "accepted",
    )
    assert Mention.objects.filter(article=article).count() == before
    assert Position.objects.filter(article=article).count() == 1
    assert ExtractionRun.objects.filter(article=article).count() == 2
    assert AuditLog.objects.filter(actor=analyst).count() == 2


def test_a_review_refuses_unknown_states_and_fields(analyst: Any) -> None:
    article = services.article_ingest(text=FA_JALALI_FULL, source="a").article
    mention = Mention.objects.filter(article=article).first()
    assert mention is not None
    with pytest.raises(services.ReviewError, match="unknown review state"):
        services.fact_review(kind="mention", fact_id=mention.pk, state="maybe", user=analyst)
    with pytest.raises(services.ReviewError, match="cannot be edited"):
        services.fact_review(
            kind="mention", fact_id=mention.pk, state="accepted", user=analyst, changes={"start": 0}
        )


def test_facts_of_one_row_are_reviewed_in_one_call_all_or_none(analyst: Any) -> None:
    article = services.article_ingest(text=FA_JALALI_FULL, source="a").article
    first, second = Mention.objects.filter(article=article).order_by("pk")[:2]
    reviewed = services.facts_review(
        kind="mention", fact_ids=[first.pk, second.pk], state="accepted", user=analyst
    )
    assert [f.review_state for f in reviewed] == ["accepted", "accepted"]
    assert AuditLog.objects.filter(action="review.accepted").count() == 2
    with pytest.raises(Mention.DoesNotExist):  # one fact missing: nothing changes
        services.facts_review(kind="mention", fact_ids=[first.pk, 999_999], state="rejected", user=analyst)
    first.refresh_from_db()
    assert first.review_state == "accepted"


def test_a_due_date_given_as_a_date_is_reviewed_and_audited(analyst: Any) -> None:
    services.article_ingest(
        text="date 2025-11-20\nGilan and Astrakhan agreed to open a direct shipping line within two months.",
        source="s",
    )
    commitment = Commitment.objects.get()
    services.fact_review(
        kind="commitment",
        fact_id=commitment.pk,
        state="accepted",
        user=analyst,
        changes={"due": dt.date(2026, 3, 1)},
    )
    commitment.refresh_from_db()
    assert commitment.due == dt.date(2026, 3, 1)
    assert AuditLog.objects.get(action="review.accepted").data["changes"] == {"due": "2026-03-01"}


def test_merge_and_split_people(analyst: Any) -> None:
    services.article_ingest(text=FA_JALALI_FULL, source="a")
    services.article_ingest(text=EN_JALALI, source="b")
    jalali = person("جلالی")
    english = list(Mention.objects.filter(entity=jalali, article__language="en").values_list("pk", flat=True))
    other = services.person_split(person=jalali, mention_ids=english, user=analyst)
    assert Mention.objects.filter(entity=other).count() == len(english)
    assert other.positions.count() == 1
    services.person_merge(source=other, target=jalali, user=analyst)
    other.refresh_from_db()
    assert other.merged_into == jalali
    assert Mention.objects.filter(entity=jalali, article__language="en").count() == len(english)
    assert list(AuditLog.objects.values_list("action", flat=True)) == ["person.split", "person.merge"]


def test_quantities_keep_their_region() -> None:
    text = "date 2024-03-01\nبه گزارش ایرنا، استاندار گیلان گفت ۱۲۰ هزار شرکت در استان گیلان فعال هستند."
    services.article_ingest(text=text, source="a")
    quantity = Quantity.objects.get()
    assert (quantity.value, quantity.unit, quantity.subject.ref if quantity.subject else None) == (
        120000,
        "company",
        "IR-01",
    )


def test_the_reextract_command_keeps_reviews(analyst: Any, capsys: Any) -> None:
    from hamkari.cli import main

    article = kb_ingest(FA_JALALI_FULL)
    mention = Mention.objects.filter(article=article).first()
    assert mention is not None
    services.fact_review(kind="mention", fact_id=mention.pk, state="rejected", user=analyst)
    assert main(["reextract", str(article.pk), "999999"]) == 1
    assert "no article 999999" in capsys.readouterr().err
    mention.refresh_from_db()
    assert mention.review_state == "rejected"
    assert ExtractionRun.objects.filter(article=article).count() == 2
    assert main(["reextract"]) == 2


def kb_ingest(text: str) -> Article:
    return services.article_ingest(text=text, source="t").article


@pytest.mark.parametrize(
    "text",
    [
        # written for this test: a memorandum with no event, so the article starts no story
        "The draft memorandum between Gilan and Astrakhan on fisheries trade was discussed.",
        "On 12 March 2025 the governors of Astrakhan Region and Gilan met in Rasht and signed a "
        "memorandum of understanding on shipping.",
    ],
)
def test_re_extraction_leaves_no_empty_instruments(text: str) -> None:
    article = services.article_ingest(text=text, source="a").article
    before = sorted(Instrument.objects.values_list("pk", flat=True))
    services.article_reextract(article=article)
    services.article_reextract(article=article)
    assert before and sorted(Instrument.objects.values_list("pk", flat=True)) == before
    assert not Instrument.objects.filter(steps__isnull=True).exists()
