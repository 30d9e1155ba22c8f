"""Background jobs and enqueueing them. A job's arguments are JSON (stored in the job's row), so an
item travels as its fields and a date as ISO text.

Retries: a job that fails for a reason that may pass (the database locked or unreachable) is
enqueued again to run after a delay that doubles each time (30 s, 60 s, 120 s, …), at most
MAX_ATTEMPTS times in all; then, or for a reason that cannot pass (an item that cannot be read or
extracted), the job fails with that reason and the next job runs."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import TaskResult, task
from django_tasks.base import Task

from hamkari.kb.ingest import item_ingest
from hamkari.kb.selectors import article_find, article_ids
from hamkari.kb.services import article_reextract as article_reextract_service
from hamkari.monitoring import models
from hamkari.monitoring.models import Job, JobItem, Source
from hamkari.monitoring.selectors import sources_due
from hamkari.monitoring.services import source_item_read, source_poll
from hamkari.sources.items import Item, items
from hamkari.sources.reasons import Reason, reason_json, reason_of

MAX_ATTEMPTS = 5
FIRST_DELAY = dt.timedelta(seconds=30)
TRANSIENT: tuple[type[Exception], ...] = (OperationalError, InterfaceError)

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> dt.timedelta:
    """How long to wait before attempt `attempt + 1` (30 s after the first, doubling)."""
    return FIRST_DELAY * float(2 ** (attempt - 1))


def job_item_mark(item: int | None, state: str, *, error: str = "", article: int | None = None) -> None:
    """Record the state of a job's item (nothing for a task started without one); `error` a Reason
    (sources.reasons) is kept with its template, to be said in the reader's language."""
    if item is None:
        return
    changes: dict[str, Any] = {
        "state": state,
        "error": error[:500],
        "error_reason": reason_json(error),
        "updated": timezone.now(),
    }
    if article is not None:
        changes["article_id"] = article
    if state == models.ITEM_RUNNING:
        changes["attempts"] = F("attempts") + 1
    JobItem.objects.filter(pk=item).update(**changes)


class NoArticle(LookupError):
    """A re-extraction of an article that is not there (any more)."""

    def __init__(self, pk: int) -> None:
        self.template, self.params = "no article %(n)s", {"n": pk}
        super().__init__(f"no article {pk}")


def _again(
    job: Task[Any, Any], item: int | None, attempt: int, exc: BaseException, **kwargs: Any
) -> dict[str, Any]:
    """Queue `job` again after the back-off of `attempt` (a reason that may pass); its result."""
    delay = retry_delay(attempt)
    logger.warning("%s failed (%s); attempt %d in %s", job.name, exc, attempt + 1, delay)
    deferred = job.using(run_after=timezone.now() + delay) if job.get_backend().supports_defer else job
    job_item_mark(
        item,
        models.ITEM_QUEUED,
        error=Reason(
            "attempt %(n)s in %(seconds)s s: %(reason)s",
            n=attempt + 1,
            seconds=int(delay.total_seconds()),
            reason=reason_of(exc),
        ),
    )
    retried = deferred.enqueue(attempt=attempt + 1, item=item, **kwargs)
    return {"status": "retrying", "attempt": attempt + 1, "job": str(retried.id)}


@task()
def article_ingest(
    *,
    text: str,
    source: str = "",
    url: str = "",
    published: str | None = None,
    outlet: str | None = None,
    attempt: int = 1,
    item: int | None = None,
) -> dict[str, Any]:
    """Store one article (the same text again changes nothing); its outcome and the article's id.
    `item` is the job item that shows its progress."""
    job_item_mark(item, models.ITEM_RUNNING)
    try:
        read = Item(
            source or url or "job",
            text=text,
            url=url,
            published=dt.date.fromisoformat(published) if published else None,
            outlet=outlet,
        )
        outcome = item_ingest(read)  # InputError: this item cannot be stored; the job fails with why
    except TRANSIENT as exc:
        if attempt >= MAX_ATTEMPTS:
            job_item_mark(item, models.ITEM_FAILED, error=reason_of(exc))
            raise
        fields = {"text": text, "source": source, "url": url, "published": published, "outlet": outlet}
        return _again(article_ingest, item, attempt, exc, **fields)
    except Exception as exc:
        job_item_mark(item, models.ITEM_FAILED, error=reason_of(exc))
        raise
    state = models.ITEM_NEW if outcome.status == "new" else models.ITEM_DUPLICATE
    job_item_mark(item, state, article=outcome.article.pk)
    return {"status": outcome.status, "article": outcome.article.pk}


@task()
def address_read(*, url: str, job: int, item: int, attempt: int = 1) -> dict[str, Any]:
    """Read a page or feed address given on the upload page (through the guarded fetch): each
    article found becomes an item of the same job, queued for ingest; an address that cannot be
    read fails with its reason."""
    job_item_mark(item, models.ITEM_RUNNING)
    found = list(items([url]))
    children = 0
    for one in found:
        if one.error is not None or one.text is None:
            reason = one.error or Reason("no text")
            if len(found) == 1:
                job_item_mark(item, models.ITEM_FAILED, error=reason)
                return {"status": "failed", "error": str(reason)}
            JobItem.objects.create(
                job_id=job,
                source=one.source[:300],
                state=models.ITEM_FAILED,
                error=reason[:500],
                error_reason=reason_json(reason),
            )
            continue
        child = JobItem.objects.create(job_id=job, source=one.source[:300])
        ingest_enqueue(item=one, job_item=child.pk)
        children += 1
    job_item_mark(item, models.ITEM_READ, error="")
    return {"status": "read", "items": len(found), "queued": children}


@task()
def article_reextract(*, article: int, item: int | None = None, attempt: int = 1) -> dict[str, Any]:
    """Extract a stored article again (reviewed and edited facts stay); retried with back-off when
    the database is busy or unreachable."""
    job_item_mark(item, models.ITEM_RUNNING)
    try:
        found = article_find(pk=article)
        if found is None:
            raise NoArticle(article)
        run = article_reextract_service(article=found)
    except TRANSIENT as exc:
        if attempt >= MAX_ATTEMPTS:
            job_item_mark(item, models.ITEM_FAILED, error=reason_of(exc))
            raise
        return _again(article_reextract, item, attempt, exc, article=article)
    except Exception as exc:
        job_item_mark(item, models.ITEM_FAILED, error=reason_of(exc))
        raise
    job_item_mark(item, models.ITEM_DONE, article=article)
    return {"status": "done", "article": article, "run": run.pk}


@task()
def reextract_plan(*, job: int, articles: list[int] | None = None) -> dict[str, Any]:
    """List the articles of a re-extraction (all when `articles` is None) as items of `job` and
    queue one task each; the job page shows them from then on."""
    ids = article_ids(ids=articles)
    for chunk in range(0, len(ids), 500):
        with transaction.atomic():
            for pk in ids[chunk : chunk + 500]:
                one = JobItem.objects.create(job_id=job, source=f"#{pk}", article_id=pk)
                article_reextract.enqueue(article=pk, item=one.pk)
    if articles:
        missing = sorted(set(articles) - set(ids))
        JobItem.objects.bulk_create(
            JobItem(
                job_id=job,
                source=f"#{pk}",
                state=models.ITEM_FAILED,
                error=f"no article {pk}",
                error_reason=reason_json(Reason("no article %(n)s", n=pk)),
            )
            for pk in missing
        )
    Job.objects.filter(pk=job).update(planned=True)
    return {"status": "planned", "articles": len(ids)}


def ingest_enqueue(*, item: Item, job_item: int | None = None) -> TaskResult[Any]:
    """Queue the ingest of one item that was read (its text is in the job); the job's result.
    `job_item` is the item of a user's job that shows its progress."""
    if item.error is not None or item.text is None:
        raise ValueError(f"{item.source}: {item.error or 'no text'}")
    return article_ingest.enqueue(
        text=item.text,
        source=item.source,
        url=item.url,
        published=item.published.isoformat() if item.published else None,
        outlet=item.outlet,
        item=job_item,
    )


@task()
def source_poll_job(*, source_id: int) -> dict[str, Any]:
    """Poll one source (a source deleted since it was queued is skipped): its new items are
    recorded and each is queued as a job of its own (source_item_job), in one transaction."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return {"status": "gone"}
    fetch = source_poll(source=source, queue=source_items_enqueue)
    return {"status": fetch.outcome, "items": fetch.items, "queued": fetch.queued}


def source_items_enqueue(ids: list[int]) -> None:
    """Queue the reading of each listed item (called in the transaction that records them)."""
    for pk in ids:
        source_item_job.enqueue(source_item=pk)


# An item a poll listed is read before another source is polled: a worker drains the items of the
# polls it ran (each one's wait is the items ahead of it) instead of polling every due source first.
ITEM_PRIORITY = 10


@task(priority=ITEM_PRIORITY)
def source_item_job(*, source_item: int, attempt: int = 1) -> dict[str, Any]:
    """Read one item a poll listed: its page, its article text, stored with the listing's date
    (services.source_item_read; an item already read changes nothing). An item whose site asked
    us to wait, or whose page did not answer, is queued again for later; the database busy or
    unreachable: again after the back-off of `attempt`."""
    try:
        read = source_item_read(item_id=source_item)
    except TRANSIENT as exc:
        if attempt >= MAX_ATTEMPTS:
            raise
        delay = retry_delay(attempt)
        logger.warning("item %d failed (%s); attempt %d in %s", source_item, exc, attempt + 1, delay)
        _later(source_item, delay, attempt + 1)
        return {"status": "retrying", "attempt": attempt + 1}
    if read.state == models.QUEUED:
        _later(source_item, read.wait or FIRST_DELAY, attempt)
    return {"status": read.state or "done", "error": read.error}


def _later(source_item: int, delay: dt.timedelta, attempt: int) -> None:
    job = source_item_job
    if job.get_backend().supports_defer:
        job = job.using(run_after=timezone.now() + delay)
    job.enqueue(source_item=source_item, attempt=attempt)


def poll_enqueue(*, source: Source) -> TaskResult[Any]:
    """Queue a poll of `source` and move its next poll time on by its interval, so that the
    scheduler does not queue it again meanwhile (the poll sets the real next time when it runs)."""
    with transaction.atomic():
        source.next_poll_at = timezone.now() + dt.timedelta(minutes=source.interval)
        source.save(update_fields=["next_poll_at"])
        return source_poll_job.enqueue(source_id=source.pk)


def due_polls_enqueue(*, now: dt.datetime) -> int:
    """Queue a poll of every active source whose next poll time has come (poll_enqueue moves that
    time on in the same transaction; rows another worker holds are skipped), so that several
    workers never queue the same poll twice; how many were queued."""
    queued = 0
    with transaction.atomic():
        for source in sources_due(now=now).select_for_update(skip_locked=True):
            poll_enqueue(source=source)
            queued += 1
    return queued
