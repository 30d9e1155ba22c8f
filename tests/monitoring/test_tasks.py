"""Background jobs (hamkari/monitoring/tasks.py, services.py, worker.py) and `hamkari worker`."""

from __future__ import annotations

import contextlib
import datetime as dt
import io

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from hamkari.cli import main
from hamkari.kb.models import Article
from hamkari.monitoring import tasks
from hamkari.sources.items import Item

pytestmark = pytest.mark.django_db(transaction=True)

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
TEXT = (
    "Tehran, 3 March 2025. The governor of Gilan and the head of Astrakhan Region agreed in Rasht "
    "to open a ferry line for grain between Anzali and Astrakhan next spring."
)


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def an_item(text: str = TEXT) -> Item:
    return Item("job-test", text=text, url="https://news.example/ferry", published=dt.date(2025, 3, 3))


def test_a_queued_ingest_waits_for_the_worker_which_stores_the_article_once() -> None:
    first = tasks.ingest_enqueue(item=an_item())
    tasks.ingest_enqueue(item=an_item())  # the same article twice changes nothing
    assert first.status == TaskResultStatus.READY
    assert Article.objects.count() == 0
    code, out, _ = run(["worker", "--batch"])
    assert (code, out) == (0, "hamkari: worker ran 2 jobs\n")
    article = Article.objects.get()
    assert (article.url, article.published) == ("https://news.example/ferry", dt.date(2025, 3, 3))
    done = tasks.article_ingest.get_result(first.id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == {"status": "new", "article": article.pk}
    results = {r.return_value["status"] for r in DBTaskResult.objects.all()}
    assert results == {"new", "duplicate"}


def test_workers_in_several_threads_drain_the_queue_each_job_once() -> None:
    for n in range(6):
        tasks.ingest_enqueue(item=an_item(f"{TEXT} Meeting number {n} of the commission in Rasht."))
    code, out, _ = run(["worker", "--batch", "--threads", "3"])
    assert (code, out) == (0, "hamkari: worker ran 6 jobs\n")
    assert Article.objects.count() == 6
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}


def test_a_job_that_cannot_run_fails_alone_and_the_next_one_runs() -> None:
    bad = tasks.article_ingest.enqueue(text=TEXT, published="the ides of March")
    good = tasks.ingest_enqueue(item=an_item())
    assert run(["worker", "--batch"])[0] == 0
    assert tasks.article_ingest.get_result(bad.id).status == TaskResultStatus.FAILED
    assert tasks.article_ingest.get_result(good.id).status == TaskResultStatus.SUCCESSFUL
    assert Article.objects.count() == 1


def test_it_refuses_to_queue_an_item_that_was_not_read() -> None:
    with pytest.raises(ValueError, match=r"broken\.rss: not a readable feed"):
        tasks.ingest_enqueue(item=Item("broken.rss", error="not a readable feed"))
    assert DBTaskResult.objects.count() == 0


def test_a_busy_database_retries_the_job_later_with_a_doubling_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    def busy(item: Item) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(tasks, "item_ingest", busy)
    before = timezone.now()
    tasks.ingest_enqueue(item=an_item())
    assert run(["worker", "--batch"])[0] == 0
    first, again = DBTaskResult.objects.order_by("enqueued_at")
    assert first.return_value == {"status": "retrying", "attempt": 2, "job": str(again.id)}
    assert again.status == TaskResultStatus.READY  # not due yet: the batch did not run it
    assert again.args_kwargs["kwargs"]["attempt"] == 2
    assert again.run_after >= before + dt.timedelta(seconds=30)
    assert tasks.retry_delay(3) == dt.timedelta(seconds=120)


def test_the_last_attempt_fails_the_job_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    def busy(item: Item) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(tasks, "item_ingest", busy)
    result = tasks.article_ingest.enqueue(text=TEXT, attempt=tasks.MAX_ATTEMPTS)
    assert run(["worker", "--batch"])[0] == 0
    failed = tasks.article_ingest.get_result(result.id)
    assert failed.status == TaskResultStatus.FAILED
    assert "database is locked" in failed.errors[0].traceback
    assert DBTaskResult.objects.count() == 1


@override_settings(TASKS=IMMEDIATE)
def test_with_the_immediate_backend_the_job_runs_at_once() -> None:
    result = tasks.ingest_enqueue(item=an_item())
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["status"] == "new"
    assert Article.objects.count() == 1


@override_settings(TASKS=IMMEDIATE)
def test_the_worker_refuses_a_backend_that_runs_jobs_at_once() -> None:
    code, _, err = run(["worker", "--batch"])
    assert code == 1
    assert err.startswith("hamkari: the task backend is ImmediateBackend") and err.count("\n") == 1
