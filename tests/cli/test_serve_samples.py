"""The first run of `hamkari serve` registers the bundled demo feed and gives the administrator a
watchlist that the next samples alert (hamkari/cli/server.py)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.utils import timezone, translation

from hamkari.accounts.services import administrator_ensure
from hamkari.alerts.models import Notification
from hamkari.cli.monitoring import PERIODIC
from hamkari.cli.server import _demo_watchlist, _samples
from hamkari.kb.models import Article
from hamkari.kb.services import reference_load
from hamkari.monitoring import demo
from hamkari.monitoring.models import Source
from hamkari.monitoring.services import source_poll
from hamkari.monitoring.worker import workers_run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """These tests call the command's helpers directly, not through `run`, which sets its language."""
    with translation.override("en"):
        yield


def test_the_first_run_stores_the_first_samples_and_says_that_more_arrive(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(demo, "FIRST", 2)
    out = io.StringIO()
    _samples(out, worker=True)
    assert Article.objects.count() == 2
    assert out.getvalue().splitlines() == [
        "hamkari: sample articles (invented for the demo, marked «sample»): 2 now",
        f"hamkari: {demo.total() - 2} more arrive {demo.BATCH} at a time every 30 s while it runs"
        f" (source {Source.objects.get().pk}, a local feed: 'hamkari sources list')",
    ]


def test_registering_again_adds_no_source_and_no_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "FIRST", 2)
    _samples(io.StringIO(), worker=False)
    out = io.StringIO()
    _samples(out, worker=False)
    assert (Source.objects.count(), Article.objects.count()) == (1, 2)
    assert out.getvalue().startswith(
        "hamkari: sample articles (invented for the demo, marked «sample»): 0 now\n"
    )
    assert "when 'hamkari worker' runs" in out.getvalue()


def test_the_admins_demo_watchlist_is_made_once_and_alerts_on_the_samples_that_arrive_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(demo, "FIRST", 1)  # Gilan and Astrakhan in the first sample …
    monkeypatch.setattr(demo, "BATCH", 1)  # … and in the second (a ferry line Olya–Anzali)
    reference_load()
    _samples(io.StringIO(), worker=True)
    administrator_ensure()
    out = io.StringIO()
    _demo_watchlist(out)
    _demo_watchlist(out)
    assert out.getvalue().count("'admin' follows Gilan and Astrakhan") == 1
    workers_run(batch=True, interval=0, periodic=PERIODIC)
    assert not Notification.objects.exists()  # stored before the watchlist was made: not news
    Source.objects.update(created=timezone.now() - demo.STEP)
    assert source_poll(source=Source.objects.get()).new == 1
    workers_run(batch=True, interval=0, periodic=PERIODIC)
    assert Notification.objects.filter(watchlist__owner__username="admin").exists()
