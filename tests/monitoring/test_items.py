"""A poll fans out: its new items are recorded and each is read by a job of its own
(hamkari/monitoring/services.py source_item_read, tasks.py source_item_job), against a local HTTP
server of feeds and pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from hamkari.kb.models import Article
from hamkari.monitoring import tasks
from hamkari.monitoring.models import Fetch, Host, Source, SourceItem
from hamkari.monitoring.services import MAX_ITEM_ATTEMPTS, source_add, source_item_read, source_poll
from hamkari.monitoring.worker import jobs_lost_requeue, jobs_run_waiting, workers_beat
from tests.monitoring.conftest import FeedServer
from tests.monitoring.test_sources import ARTICLES, STORIES, long_page, page, rss, serve_articles, serve_feed

pytestmark = pytest.mark.django_db(transaction=True)


def poll_queued(source: Source) -> Fetch:
    """A poll as the worker runs it: each new item queued as a job of its own."""
    return source_poll(source=source, queue=tasks.source_items_enqueue)


def item_jobs() -> list[DBTaskResult]:
    return [
        r for r in DBTaskResult.objects.order_by("enqueued_at") if r.task_path.endswith("source_item_job")
    ]


def section(server: FeedServer, *paths: str) -> Source:
    links = "".join(f"<a href='{p}'>{n}</a>" for n, p in enumerate(paths))
    server.routes["/news/"] = lambda h: (200, {"Content-Type": "text/html"}, links.encode())
    return source_add(location=server.url("/news/"), kind="section", links="/news/2025/")


def test_a_poll_records_its_new_items_and_queues_one_job_each_which_store_them(
    feed_server: FeedServer,
) -> None:
    source = source_add(location=serve_feed(feed_server))
    fetch = poll_queued(source)
    assert (fetch.outcome, fetch.items, fetch.queued, fetch.new) == ("new", 2, 2, 0)
    assert (
        Article.objects.count() == 0 and "/story0" not in feed_server.paths()
    )  # the poll read only the feed
    queued = SourceItem.objects.filter(source=source).order_by("pk")
    assert [(i.state, i.url, i.published) for i in queued] == [
        ("queued", feed_server.url("/story0"), dt.date(2025, 1, 14)),
        ("queued", feed_server.url("/story1"), dt.date(2025, 1, 14)),
    ]
    assert [r.args_kwargs["kwargs"]["source_item"] for r in item_jobs()] == [i.pk for i in queued]
    assert jobs_run_waiting() == 2
    fetch.refresh_from_db()
    assert (fetch.new, fetch.failed) == (2, [])
    assert {a.published for a in Article.objects.all()} == {dt.date(2025, 1, 14)}
    assert set(SourceItem.objects.values_list("state", "text")) == {("stored", "")}


def test_one_bad_item_fails_alone_and_the_others_are_stored(feed_server: FeedServer) -> None:
    serve_articles(feed_server)
    refused = feed_server.url("/news/2025/secret", host="localhost")
    source = section(
        feed_server, "/news/2025/grain-corridor", "/news/2025/empty", refused, "/news/2025/ferry-line"
    )
    assert poll_queued(source).queued == 4
    assert jobs_run_waiting() == 4
    fetch = Fetch.objects.get()
    assert fetch.new == 2 and Article.objects.count() == 2
    reasons = sorted(reason for _, reason, _ in fetch.failed)
    assert reasons[0] == "page has no article text (15 characters)"
    assert reasons[1].startswith("refused: localhost is a loopback address")
    assert all(r.status == TaskResultStatus.SUCCESSFUL for r in DBTaskResult.objects.all())


def test_the_same_item_read_twice_changes_nothing(feed_server: FeedServer) -> None:
    source = source_add(location=serve_feed(feed_server))
    poll_queued(source)
    first = SourceItem.objects.order_by("pk").first()
    assert first is not None
    assert source_item_read(item_id=first.pk).state == "stored"
    hits = len(feed_server.hits)
    assert source_item_read(item_id=first.pk).state == ""  # already read: nothing to do
    tasks.source_item_job.enqueue(source_item=first.pk)  # queued twice by mistake
    assert jobs_run_waiting() == 3
    assert Article.objects.count() == 2 and Fetch.objects.get().new == 2
    assert feed_server.paths()[hits:].count("/story0") == 0


def test_a_poll_does_not_queue_again_an_item_already_queued_or_stored(feed_server: FeedServer) -> None:
    source = source_add(location=serve_feed(feed_server, etag='"changes"'))
    poll_queued(source)
    Source.objects.filter(pk=source.pk).update(etag="")  # the feed is sent again in full
    assert poll_queued(source).queued == 0
    assert len(item_jobs()) == 2


def test_an_item_whose_worker_was_killed_is_read_again_and_stored_once(feed_server: FeedServer) -> None:
    poll_queued(source_add(location=serve_feed(feed_server)))
    now = timezone.now()
    killed = item_jobs()[0]
    DBTaskResult.objects.filter(pk=killed.pk).update(
        status=TaskResultStatus.RUNNING, started_at=now - dt.timedelta(minutes=5), worker_ids=["dead-1"]
    )
    workers_beat(workers=["dead-1"], now=now - dt.timedelta(minutes=5))
    assert jobs_run_waiting() == 1  # the other item; the killed one is still marked running
    assert list(SourceItem.objects.order_by("pk").values_list("state", flat=True)) == ["queued", "stored"]
    assert jobs_lost_requeue(now=now, lost_after=dt.timedelta(seconds=60)) == 1
    assert jobs_run_waiting() == 1
    assert set(SourceItem.objects.values_list("state", flat=True)) == {"stored"}
    assert Article.objects.count() == 2


def test_a_page_that_does_not_answer_is_tried_again_later_then_fails_with_its_reason(
    feed_server: FeedServer,
) -> None:
    serve_articles(feed_server)
    feed_server.routes["/news/2025/down"] = lambda h: (502, {}, b"")
    source = section(feed_server, "/news/2025/down", "/news/2025/ferry-line")
    poll_queued(source)
    down = SourceItem.objects.get(url=feed_server.url("/news/2025/down"))
    for attempt in range(1, MAX_ITEM_ATTEMPTS):
        before = timezone.now()
        jobs_run_waiting()
        down.refresh_from_db()
        assert (down.state, down.attempts, down.error) == (
            "queued",
            attempt,
            f"attempt {attempt}: the server got no valid answer from the server behind it (HTTP 502)",
        )
        later = DBTaskResult.objects.get(status=TaskResultStatus.READY)
        assert later.run_after >= before + dt.timedelta(seconds=30 * 2 ** (attempt - 1))
        DBTaskResult.objects.filter(pk=later.pk).update(run_after=timezone.now())  # its time came
    jobs_run_waiting()
    down.refresh_from_db()
    assert (down.state, down.attempts) == ("failed", MAX_ITEM_ATTEMPTS)
    assert feed_server.paths().count("/news/2025/down") == MAX_ITEM_ATTEMPTS
    said = "the server got no valid answer from the server behind it (HTTP 502)"
    assert [f[:2] for f in Fetch.objects.get().failed] == [[down.url, said]]
    assert Article.objects.count() == 1


def test_a_page_answering_429_holds_every_item_of_its_site_until_the_retry_after(
    feed_server: FeedServer,
) -> None:
    serve_articles(feed_server)
    feed_server.routes["/news/2025/ferry-line"] = lambda h: (429, {"Retry-After": "600"}, b"")
    source = section(feed_server, "/news/2025/ferry-line", "/news/2025/grain-corridor")
    poll_queued(source)
    before = timezone.now()
    assert jobs_run_waiting() == 2
    assert "/news/2025/grain-corridor" not in feed_server.paths()  # the site asked us to wait
    assert Host.objects.get(origin=feed_server.url("")).busy_until >= before + dt.timedelta(seconds=600)
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert waiting.count() == 2
    assert all(r.run_after >= before + dt.timedelta(seconds=590) for r in waiting)
    assert set(SourceItem.objects.values_list("state", flat=True)) == {"queued"}
    feed_server.routes["/news/2025/ferry-line"] = lambda h: (
        200,
        {"Content-Type": "text/html"},
        long_page(*ARTICLES["/news/2025/ferry-line"]),
    )
    Host.objects.update(busy_until=timezone.now())  # the Retry-After has passed
    waiting.update(run_after=timezone.now())
    assert jobs_run_waiting() == 2
    assert Article.objects.count() == 2 and Fetch.objects.get().new == 2


def test_a_feed_item_keeps_the_feeds_text_when_its_page_does_not_answer(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.rss"] = lambda h: (200, {}, rss([feed_server.url("/gone")], STORIES[:1]))
    feed_server.routes["/gone"] = lambda h: (500, {}, page("x", "y"))
    poll_queued(source_add(location=feed_server.url("/feed.rss")))
    assert jobs_run_waiting() == 1
    assert Article.objects.get().text == f"{STORIES[0][0]}\n\n{STORIES[0][1]}"


def test_a_worker_reads_the_items_of_a_poll_before_it_polls_the_next_source(tmp_path: Path) -> None:
    for name in ("first.rss", "second.rss"):
        (tmp_path / name).write_bytes(rss(["", ""], [(f"{t} ({name})", b) for t, b in STORIES]))
        tasks.poll_enqueue(source=source_add(location=str(tmp_path / name)))
    assert jobs_run_waiting() == 6
    ran = [r.task_path.rsplit(".", 1)[1] for r in DBTaskResult.objects.order_by("finished_at")]
    assert ran == ["source_poll_job", "source_item_job", "source_item_job"] * 2


def test_an_item_whose_job_was_lost_long_ago_is_queued_again_by_a_later_poll(feed_server: FeedServer) -> None:
    source = source_add(location=serve_feed(feed_server, etag='"changes"'))
    poll_queued(source)
    DBTaskResult.objects.all().delete()  # the jobs are gone (failed for good, pruned)
    Source.objects.filter(pk=source.pk).update(etag="")
    assert poll_queued(source).queued == 0  # queued a moment ago: its job may still come
    SourceItem.objects.update(last_seen=timezone.now() - 3 * dt.timedelta(days=1))
    Source.objects.filter(pk=source.pk).update(etag="")
    assert poll_queued(source).queued == 2
    assert jobs_run_waiting() == 2 and Article.objects.count() == 2
