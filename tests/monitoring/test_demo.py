"""The demo source (hamkari/monitoring/demo.py): the bundled feed registered once with a release
(Source.release_*, polling.released), a few items at a time as time passes since it was
registered; a release is any source's setting (`sources add --release`), other sources are read
whole."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path

import pytest
from django.utils import timezone, translation

from hamkari.cli import main
from hamkari.kb.models import Article
from hamkari.monitoring import demo, polling
from hamkari.monitoring.models import Source
from hamkari.monitoring.services import SourceError, demo_source_register, source_add, source_poll
from tests.monitoring.test_sources import STORIES, rss, run

pytestmark = pytest.mark.django_db(transaction=True)

START = dt.datetime(2026, 12, 4, 20, 0, tzinfo=dt.UTC)


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two items at once, then one per step: the same rules over fewer articles to store."""
    monkeypatch.setattr(demo, "FIRST", 2)
    monkeypatch.setattr(demo, "BATCH", 1)


def released(seconds: int, total: int = 100) -> int:
    return polling.released(
        total=total,
        since=START,
        now=START + dt.timedelta(seconds=seconds),
        first=demo.FIRST,
        batch=demo.BATCH,
        every=demo.STEP,
    )


@pytest.mark.parametrize(
    ("seconds", "out"),
    [(0, demo.FIRST), (29, demo.FIRST), (30, demo.FIRST + demo.BATCH), (95, demo.FIRST + 3 * demo.BATCH)],
)
def test_released_lets_the_first_items_out_at_once_then_a_batch_every_step(seconds: int, out: int) -> None:
    assert released(seconds) == out


def test_released_never_passes_the_end_of_the_feed_nor_goes_below_the_first_batch() -> None:
    assert released(3 * 24 * 3600, total=40) == 40
    assert released(-300, total=40) == demo.FIRST


def test_registering_the_demo_twice_keeps_one_source() -> None:
    first, added = demo_source_register()
    again, added_again = demo_source_register()
    assert (added, added_again) == (True, False)
    assert first.pk == again.pk and Source.objects.count() == 1
    assert first.location == str(demo.DEMO_FEED) and first.next_poll_at is not None
    assert (first.release_first, first.release_batch, first.release_every) == (demo.FIRST, demo.BATCH, 30)


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


def test_when_everything_is_out_the_usual_schedule_applies(small_batches: None) -> None:
    source, _ = demo_source_register()
    Source.objects.filter(pk=source.pk).update(created=timezone.now() - dt.timedelta(days=1))
    fetch = source_poll(source=source)
    assert fetch.items == demo.total()
    source.refresh_from_db()
    assert source.next_poll_at is not None and source.next_poll_at > timezone.now() + dt.timedelta(minutes=20)


def test_any_source_may_be_given_a_release(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_bytes(rss(["", ""]))
    code, _, _ = run(["sources", "add", str(feed), "--release", "1,1,600"])
    source = Source.objects.get()
    assert code == 0 and (source.release_first, source.release_batch, source.release_every) == (1, 1, 600)
    fetch = source_poll(source=source)
    assert (fetch.items, fetch.new) == (1, 1)
    assert Article.objects.get().title == STORIES[0][0]
    source.refresh_from_db()
    assert source.next_poll_at == source.created + dt.timedelta(seconds=600)
    assert "\treleases 1, then 1 every 600 s" in run(["sources", "list"])[1]


@pytest.mark.parametrize("value", ["12,3", "0,3,30", "a,b,c"])
def test_it_refuses_a_release_that_is_not_three_whole_numbers(tmp_path: Path, value: str) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_bytes(rss(["", ""]))
    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exit_info:
        main(["sources", "add", str(feed), "--release", value])
    assert exit_info.value.code == 2
    assert "--release: must be FIRST,BATCH,SECONDS, three whole numbers of at least 1" in err.getvalue()
    assert Source.objects.count() == 0
    with translation.override("en"), pytest.raises(SourceError, match="--release needs three whole numbers"):
        source_add(location=str(feed), release=(1, 0, 30))
    with translation.override("fa"), pytest.raises(SourceError, match="--release سه عدد صحیح"):
        source_add(location=str(feed), release=(1, 0, 30))  # said in the active language


def test_another_local_feed_is_read_whole_at_the_first_poll(small_batches: None, tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_bytes(rss(["", ""]))
    source = source_add(location=str(feed))
    fetch = source_poll(source=source)
    assert (fetch.items, fetch.new) == (2, 2)
    source.refresh_from_db()
    assert source.next_poll_at is not None and source.next_poll_at > timezone.now() + dt.timedelta(minutes=20)
    assert not any(article.is_sample for article in Article.objects.all())
