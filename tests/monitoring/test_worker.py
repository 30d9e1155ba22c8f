"""Periodic polls driven by the next poll times on the rows, and the worker beside `hamkari serve`
(hamkari/monitoring/worker.py, tasks.due_polls_enqueue, hamkari/cli/server.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import time
from pathlib import Path

import pytest
from django.utils import timezone

from hamkari.cli import main
from hamkari.cli.server import _worker
from hamkari.kb.models import Article
from hamkari.monitoring.models import Source
from hamkari.monitoring.services import source_add
from hamkari.monitoring.tasks import due_polls_enqueue
from tests.monitoring.test_sources import rss

pytestmark = pytest.mark.django_db(transaction=True)


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def a_feed_file(folder: Path) -> str:
    feed = folder / "wire.rss"
    feed.write_bytes(rss(["", ""]))
    return str(feed)


def test_the_worker_polls_the_sources_that_are_due_and_only_those(tmp_path: Path) -> None:
    due = source_add(location=a_feed_file(tmp_path), every=30)
    later = tmp_path / "later.rss"
    later.write_bytes(b"<?xml version")
    Source.objects.filter(pk=source_add(location=str(later)).pk).update(
        next_poll_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert run(["worker", "--batch"])[1] == "hamkari: worker ran 3 jobs\n"  # the poll, one job per item
    assert Article.objects.count() == 2
    due.refresh_from_db()
    assert due.next_poll_at > timezone.now() + dt.timedelta(minutes=10)
    assert due.fetches.count() == 1
    assert run(["worker", "--batch"])[1] == "hamkari: worker ran 0 jobs\n"  # nothing due any more


def test_a_due_source_is_queued_once_however_often_the_scheduler_looks(tmp_path: Path) -> None:
    source_add(location=a_feed_file(tmp_path))
    now = timezone.now() + dt.timedelta(seconds=1)
    assert due_polls_enqueue(now=now) == 1
    assert due_polls_enqueue(now=now) == 0


def test_a_disabled_source_is_not_polled(tmp_path: Path) -> None:
    source = source_add(location=a_feed_file(tmp_path))
    Source.objects.filter(pk=source.pk).update(state="disabled")
    assert due_polls_enqueue(now=timezone.now() + dt.timedelta(seconds=1)) == 0


def test_the_worker_beside_the_web_server_polls_a_due_source_until_stopped(tmp_path: Path) -> None:
    source_add(location=a_feed_file(tmp_path))
    pool = _worker()
    assert pool is not None
    try:
        for _ in range(600):  # a generous bound on a loaded machine, not a measure of speed
            if Article.objects.count() == 2:
                break
            time.sleep(0.1)
    finally:
        pool.stop()
        pool.wait()
    assert Article.objects.count() == 2
    assert not any(thread.is_alive() for thread in pool.threads)
