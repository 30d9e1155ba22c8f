"""Jobs users start (hamkari/monitoring/jobs.py), their items' outcomes (tasks.py), and jobs lost
with their worker queued again (worker.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone, translation
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from hamkari.accounts.services import user_create
from hamkari.kb.models import Article
from hamkari.monitoring import jobs, models
from hamkari.monitoring.models import JobItem, WorkerBeat
from hamkari.monitoring.selectors import job_progress
from hamkari.monitoring.tasks import MAX_ATTEMPTS
from hamkari.monitoring.worker import jobs_lost_requeue, jobs_run_waiting, workers_beat
from hamkari.sources.inputs import InputError
from hamkari.sources.items import Item
from tests.monitoring.conftest import FeedServer

pytestmark = pytest.mark.django_db

TEXT = "Kazan and Tabriz agreed to open a trade house for carpets and machine parts next year."


@pytest.fixture
def analyst() -> Any:
    return user_create(username="analyst", password="pw-analyst-1", role="analyst")


def rss(server: FeedServer, n: int) -> bytes:
    items = "".join(
        f"<item><title>Report {i}</title><link>{server.url(f'/a{i}')}</link>"
        f"<description>{TEXT} Report number {i} of the commission.</description></item>"
        for i in range(n)
    )
    channel = f"<channel><title>Wire</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def test_an_upload_job_records_each_item_and_stays_queued_until_a_worker_runs(analyst: Any) -> None:
    job = jobs.job_upload_start(
        creator=analyst, read=[Item("a.txt", text=TEXT), Item("b.txt", error="file is empty")], addresses=[]
    )
    before = job_progress(job=job)
    assert (before.state, before.counts) == ("running", {"queued": 1, "failed": 1})
    assert jobs_run_waiting() == 1
    after = job_progress(job=job)
    assert (after.state, after.counts) == ("failed", {"new": 1, "failed": 1})
    assert [(i.source, i.error) for i in after.failed] == [("b.txt", "file is empty")]
    assert after.done[0].article == Article.objects.get()


def test_a_feed_address_becomes_one_item_per_article(analyst: Any, feed_server: FeedServer) -> None:
    feed_server.routes["/news.rss"] = lambda h: (
        200,
        {"Content-Type": "application/rss+xml"},
        rss(feed_server, 3),
    )
    job = jobs.job_upload_start(creator=analyst, read=[], addresses=[feed_server.url("/news.rss")])
    assert feed_server.hits == []  # read by the job, not while the request waits
    assert jobs_run_waiting() == 4  # the address, then its three articles
    progress = job_progress(job=job)
    assert (progress.state, progress.counts) == ("done", {"read": 1, "new": 3})
    assert Article.objects.count() == 3


def test_an_address_that_cannot_be_read_fails_with_its_reason(analyst: Any, feed_server: FeedServer) -> None:
    job = jobs.job_upload_start(creator=analyst, read=[], addresses=[feed_server.url("/missing")])
    jobs_run_waiting()
    progress = job_progress(job=job)
    assert progress.state == "failed" and "404" in progress.failed[0].error


def test_an_api_ingest_refuses_what_is_no_text_at_once_and_queues_nothing(analyst: Any) -> None:
    with pytest.raises(InputError, match="only blanks"):
        jobs.job_ingest_start(creator=analyst, text=" \t ")
    with translation.override("en"), pytest.raises(InputError, match="before the Jalali calendar"):
        jobs.job_ingest_start(creator=analyst, text=TEXT, published=dt.date(600, 1, 1))
    assert not DBTaskResult.objects.exists() and not models.Job.objects.exists()


def test_a_reextraction_lists_its_articles_and_reports_a_missing_one(analyst: Any) -> None:
    jobs.job_ingest_start(creator=analyst, text=TEXT)
    jobs_run_waiting()
    stored = Article.objects.get()
    job = jobs.job_reextract_start(creator=None, articles=[stored.pk, 999999])
    assert job_progress(job=job).state == "queued"  # not listed yet
    assert jobs_run_waiting() == 2
    job.refresh_from_db()
    progress = job_progress(job=job)
    assert (progress.state, progress.counts) == ("failed", {"done": 1, "failed": 1})
    assert progress.failed[0].error == "no article 999999"


def running_job(worker: str, started: dt.datetime, *, claims: int = 1) -> tuple[DBTaskResult, JobItem]:
    """An ingest job that `worker` claimed at `started` and never finished (it was killed)."""
    job = jobs.job_ingest_start(creator=None, text=TEXT)
    item = JobItem.objects.get(job=job)
    result = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=result.pk).update(
        status=TaskResultStatus.RUNNING,
        started_at=started,
        worker_ids=[f"w{n}" for n in range(claims - 1)] + [worker],
    )
    JobItem.objects.filter(pk=item.pk).update(state=models.ITEM_RUNNING)
    return result, item


def test_a_job_whose_worker_stopped_giving_signs_of_life_is_queued_again_and_stored_once() -> None:
    now = timezone.now()
    result, item = running_job("dead-1", now - dt.timedelta(minutes=5))
    workers_beat(workers=["dead-1"], now=now - dt.timedelta(minutes=5))
    assert jobs_lost_requeue(now=now, lost_after=dt.timedelta(seconds=60)) == 1
    result.refresh_from_db()
    item.refresh_from_db()
    assert result.status == TaskResultStatus.READY
    assert (item.state, item.error) == ("queued", "its worker (dead-1) stopped; queued again")
    assert jobs_lost_requeue(now=now, lost_after=dt.timedelta(seconds=60)) == 0  # once
    assert jobs_run_waiting() == 1
    item.refresh_from_db()
    assert item.state == "new" and Article.objects.count() == 1


def test_a_job_of_a_live_worker_is_left_alone_however_long_it_runs() -> None:
    now = timezone.now()
    result, _ = running_job("busy-1", now - dt.timedelta(minutes=30))
    workers_beat(workers=["busy-1"], now=now - dt.timedelta(seconds=3))
    assert jobs_lost_requeue(now=now, lost_after=dt.timedelta(seconds=60)) == 0
    result.refresh_from_db()
    assert result.status == TaskResultStatus.RUNNING


def test_a_job_that_lost_its_worker_too_often_fails_with_the_reason() -> None:
    now = timezone.now()
    result, item = running_job("dead-5", now - dt.timedelta(minutes=5), claims=MAX_ATTEMPTS)
    assert jobs_lost_requeue(now=now, lost_after=dt.timedelta(seconds=60)) == 0
    result.refresh_from_db()
    item.refresh_from_db()
    assert result.status == TaskResultStatus.FAILED
    assert (
        item.state == "failed"
        and item.error == f"the worker running it stopped {MAX_ATTEMPTS} times without finishing it"
    )


def test_signs_of_life_are_one_row_per_worker() -> None:
    now = timezone.now()
    workers_beat(workers=["a", "b"], now=now - dt.timedelta(seconds=10))
    workers_beat(workers=["a", "b"], now=now)
    assert sorted(WorkerBeat.objects.values_list("worker", "seen")) == [("a", now), ("b", now)]
