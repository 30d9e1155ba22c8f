"""What a watchlist is told about a stored article, kind of target by kind of target, and what
counts as news (hamkari/alerts/matching.py, services.article_match)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hamkari.alerts.models import (
    INSTRUMENT,
    PAIR,
    PERSON,
    REGION,
    SEARCH,
    SECTOR,
    Watchlist,
)
from hamkari.alerts.services import TargetSpec, article_match, watchlist_create, watchlist_run
from hamkari.kb.models import Entity, InstrumentStep, ReviewState
from hamkari.kb.services import article_ingest
from tests.alerts.conftest import FERRY, FISH, KAZAN

pytestmark = pytest.mark.django_db

GOVERNOR = (
    "Governor of Gilan Arash Karimzadeh met business leaders from Astrakhan in Rasht on 2 February 2025."
)
GOVERNOR_AGAIN = "Governor of Gilan Arash Karimzadeh opened a grain terminal in Anzali on 9 February 2025."
PROTOCOL_AGREED = (
    "Officials of Gilan and Astrakhan Region agreed a protocol on fisheries in Rasht on 3 February 2025."
)
PROTOCOL_SIGNED = "Gilan and Astrakhan Region signed the protocol on fisheries in Astrakhan on 10 March 2025."


def watching(owner: Any, *targets: TargetSpec) -> Watchlist:
    return watchlist_create(owner=owner, name="watch", frequency="daily", language="en", targets=targets)


def stored(text: str, day: dt.date = dt.date(2025, 1, 14)) -> int:
    article = article_ingest(text=text, published=day).article
    article_match(article_id=article.pk)
    return article.pk


def kinds(watchlist: Watchlist) -> list[str]:
    return sorted(watchlist.notifications.values_list("kind", flat=True))


@pytest.mark.parametrize(
    ("target", "told"),
    [
        (TargetSpec(REGION, "IR-01"), True),
        (TargetSpec(REGION, "RU-TA"), False),
        (TargetSpec(PAIR, "IR-01 RU-AST"), True),
        (TargetSpec(PAIR, "IR-01 RU-TA"), False),
        (TargetSpec(SECTOR, "agriculture"), True),
        (TargetSpec(SECTOR, "tourism"), False),
        (TargetSpec(INSTRUMENT, "memorandum"), True),
        (TargetSpec(INSTRUMENT, "consortium"), False),
        (TargetSpec(SEARCH, "ferry grain"), True),
        (TargetSpec(SEARCH, "sturgeon"), False),
    ],
)
def test_a_target_is_told_of_an_article_that_names_what_it_follows(
    regions: None, reader: Any, target: TargetSpec, told: bool
) -> None:
    watchlist = watching(reader, target)
    stored(FERRY[1])
    assert watchlist.notifications.exists() is told


def test_a_new_story_a_new_instrument_and_a_new_commitment_are_news(regions: None, reader: Any) -> None:
    watchlist = watching(reader, TargetSpec(REGION, "IR-01"))
    stored(FERRY[1])
    assert kinds(watchlist) == ["commitment", "instrument", "story"]
    commitment = watchlist.notifications.get(kind="commitment")
    assert commitment.detail == {"due": "2025-03-14"}
    assert commitment.summary == "The two sides will open a joint office"
    instrument = watchlist.notifications.get(kind="instrument")
    assert instrument.detail == {"instrument": "memorandum", "status": "signed"}
    assert instrument.url.startswith("/tracker/instruments/")


def test_a_later_status_step_of_a_known_instrument_is_news_and_the_same_step_again_is_not(
    regions: None, reader: Any
) -> None:
    watchlist = watching(reader, TargetSpec(INSTRUMENT, "protocol"))
    first = stored(PROTOCOL_AGREED, dt.date(2025, 2, 3))
    assert "instrument" in kinds(watchlist)
    protocol = InstrumentStep.objects.get(article_id=first).instrument
    # the later article reports a step of the same protocol (as the knowledge base links it)
    later = article_ingest(text=PROTOCOL_SIGNED, published=dt.date(2025, 3, 10)).article
    InstrumentStep.objects.filter(article=later).update(instrument=protocol)
    article_match(article_id=later.pk)
    steps = watchlist.notifications.filter(kind="step")
    assert [n.detail["status"] for n in steps] == ["signed"]
    again = article_ingest(text=PROTOCOL_SIGNED + " The chambers welcomed it.").article
    InstrumentStep.objects.filter(article=again).update(instrument=protocol)
    article_match(article_id=again.pk)
    assert watchlist.notifications.filter(kind__in=("step", "instrument")).count() == 2


def test_matching_the_same_article_twice_tells_nothing_twice(regions: None, reader: Any) -> None:
    watchlist = watching(reader, TargetSpec(REGION, "IR-01"))
    pk = stored(FERRY[1])
    before = watchlist.notifications.count()
    assert article_match(article_id=pk) == 0
    assert watchlist.notifications.count() == before


def test_a_watchlist_made_after_an_article_was_stored_is_not_told_of_it(regions: None, reader: Any) -> None:
    pk = article_ingest(text=FERRY[1]).article.pk
    watchlist = watching(reader, TargetSpec(REGION, "IR-01"))
    assert article_match(article_id=pk) == 0
    assert not watchlist.notifications.exists()


def test_a_person_seen_in_a_new_post_is_news_once(regions: None, reader: Any) -> None:
    watchlist = watching(reader, TargetSpec(REGION, "IR-01"))
    stored(GOVERNOR, dt.date(2025, 2, 2))
    post = watchlist.notifications.get(kind="position")
    assert post.detail["role"] == "head_of_region" and post.detail["region"] == "IR-01"
    stored(GOVERNOR_AGAIN, dt.date(2025, 2, 9))
    assert watchlist.notifications.filter(kind="position").count() == 1  # the same post again


def test_a_person_watchlist_follows_that_person(regions: None, reader: Any) -> None:
    stored(GOVERNOR, dt.date(2025, 2, 2))
    person = Entity.objects.get(type="person")
    watchlist = watching(reader, TargetSpec(PERSON, entity=person))
    stored(GOVERNOR_AGAIN, dt.date(2025, 2, 9))
    stored(KAZAN[1])
    assert kinds(watchlist) == ["story"]
    assert "grain terminal" in watchlist.notifications.get().summary


def test_facts_an_analyst_rejected_are_not_news(regions: None, reader: Any) -> None:
    from hamkari.kb.models import Commitment

    watchlist = watching(reader, TargetSpec(REGION, "IR-01"))
    article = article_ingest(text=FERRY[1], published=dt.date(2025, 1, 14)).article
    Commitment.objects.filter(article=article).update(review_state=ReviewState.REJECTED)
    article_match(article_id=article.pk)
    assert "commitment" not in kinds(watchlist)


def test_a_deadline_coming_due_is_news_at_the_periodic_run(regions: None, reader: Any) -> None:
    watchlist = watching(reader, TargetSpec(REGION, "IR-01"))
    stored(FERRY[1])  # the joint office is due on 14 March 2025
    early = timezone.make_aware(dt.datetime(2025, 3, 1, 9))
    watchlist_run(watchlist=watchlist, now=early)
    assert not watchlist.notifications.filter(kind="deadline").exists()
    week_before = timezone.make_aware(dt.datetime(2025, 3, 8, 9))
    watchlist_run(watchlist=watchlist, now=week_before)
    deadline = watchlist.notifications.get(kind="deadline")
    assert deadline.day == dt.date(2025, 3, 14)
    watchlist_run(watchlist=watchlist, now=week_before + dt.timedelta(days=1))
    assert watchlist.notifications.filter(kind="deadline").count() == 1


def test_an_article_of_other_regions_is_not_news_for_a_region_watchlist(regions: None, reader: Any) -> None:
    watchlist = watching(reader, TargetSpec(REGION, "IR-01"))
    stored(KAZAN[1])
    stored(FISH[1])
    assert kinds(watchlist) == ["story"]


def test_the_periodic_run_does_not_match_again_what_the_job_after_ingest_matched(
    regions: None, reader: Any
) -> None:
    watchlist = watching(reader, TargetSpec(REGION, "IR-01"))
    stored(FERRY[1])  # matched by the job: three pieces of news
    watchlist.notifications.all().delete()  # removed, to see whether the run makes them again
    watchlist_run(watchlist=watchlist, now=timezone.now() + dt.timedelta(days=1))
    assert not watchlist.notifications.exists()
