"""The first run of `hamkari serve` registers the bundled demo feed (hamkari/cli/server.py)."""

from __future__ import annotations

import io

import pytest

from hamkari.cli.server import _samples
from hamkari.kb.models import Article
from hamkari.monitoring import demo
from hamkari.monitoring.models import Source

pytestmark = pytest.mark.django_db(transaction=True)


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
