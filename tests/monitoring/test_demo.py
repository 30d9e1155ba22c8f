"""The demo source (hamkari/monitoring/demo.py): the bundled feed registered once, released a few
items at a time as time passes since it was registered; other local feeds are read whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from hamkari.kb.models import Article
from hamkari.monitoring import demo
from hamkari.monitoring.models import Source
from hamkari.monitoring.services import demo_source_register, source_add, source_poll
from hamkari.sources.items import Item
from tests.monitoring.test_sources import rss

pytestmark = pytest.mark.django_db(transaction=True)

START = dt.datetime(2026, 12, 4, 20, 0, tzinfo=dt.UTC)


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two items at once, then one per step: the same rules over fewer articles to store."""
    monkeypatch.setattr(demo, "FIRST", 2)
    monkeypatch.setattr(demo, "BATCH", 1)


@pytest.mark.parametrize(
    ("seconds", "out"),
    [(0, demo.FIRST), (29, demo.FIRST), (30, demo.FIRST + demo.BATCH), (95, demo.FIRST + 3 * demo.BATCH)],
)
def test_released_lets_the_first_items_out_at_once_then_a_batch_every_step(seconds: int, out: int) -> None:
    assert demo.released(total=100, since=START, now=START + dt.timedelta(seconds=seconds)) == out


def test_released_never_passes_the_end_of_the_feed_nor_goes_below_the_first_batch() -> None:
    assert demo.released(total=40, since=START, now=START + dt.timedelta(days=3)) == 40
    assert demo.released(total=40, since=START, now=START - dt.timedelta(minutes=5)) == demo.FIRST


def test_registering_the_demo_twice_keeps_one_source() -> None:
    first, added = demo_source_register()
    again, added_again = demo_source_register()
    assert (added, added_again) == (True, False)
    assert first.pk == again.pk and Source.objects.count() == 1
    assert first.location == str(demo.DEMO_FEED) and first.next_poll_at is not None


def test_a_poll_stores_only_the_released_samples_and_asks_back_when_the_next_batch_is_due(
    small_batches: None,
) -> None:
    source, _ = demo_source_register()
    fetch = source_poll(source=source)
    assert (fetch.outcome, fetch.items, fetch.new) == ("new", 2, 2)
    assert all(article.is_sample for article in Article.objects.all())
    source.refresh_from_db()
    assert source.next_poll_at == source.created + demo.STEP


def test_later_polls_bring_one_batch_per_step_that_passed_and_nothing_twice(small_batches: None) -> None:
    source, _ = demo_source_register()
    source_poll(source=source)
    Source.objects.filter(pk=source.pk).update(
        created=timezone.now() - 2 * demo.STEP - dt.timedelta(seconds=1)
    )
    fetch = source_poll(source=source)
    assert (fetch.items, fetch.new) == (4, 2)
    assert Article.objects.count() == 4
    again = source_poll(source=source)
    assert (again.items, again.new) == (4, 0)


def test_when_everything_is_out_the_usual_schedule_applies() -> None:
    source, _ = demo_source_register()
    items = [Item(f"demo#{n}", text="-") for n in range(demo.FIRST + demo.BATCH)]
    assert demo.release(source, items, now=source.created)[1] == source.created + demo.STEP
    found, again = demo.release(source, items, now=source.created + demo.STEP)
    assert (len(found), again) == (len(items), None)


def test_another_local_feed_is_read_whole_at_the_first_poll(small_batches: None, tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_bytes(rss(["", ""]))
    source = source_add(location=str(feed))
    fetch = source_poll(source=source)
    assert (fetch.items, fetch.new) == (2, 2)
    source.refresh_from_db()
    assert source.next_poll_at is not None and source.next_poll_at > timezone.now() + dt.timedelta(minutes=20)
    assert not any(article.is_sample for article in Article.objects.all())
