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
from django.utils import timezone
from django_tasks import TaskResult, task

from hamkari.kb.ingest import item_ingest
from hamkari.monitoring.models import Source
from hamkari.monitoring.selectors import sources_due
from hamkari.monitoring.services import source_poll
from hamkari.sources.items import Item

MAX_ATTEMPTS = 5
FIRST_DELAY = dt.timedelta(seconds=30)
TRANSIENT: tuple[type[Exception], ...] = (OperationalError, InterfaceError)

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> dt.timedelta:
    """How long to wait before attempt `attempt + 1` (30 s after the first, doubling)."""
    return FIRST_DELAY * float(2 ** (attempt - 1))


@task()
def article_ingest(
    *,
    text: str,
    source: str = "",
    url: str = "",
    published: str | None = None,
    outlet: str | None = None,
    attempt: int = 1,
) -> dict[str, Any]:
    """Store one article (the same text again changes nothing); its outcome and the article's id."""
    item = Item(
        source or url or "job",
        text=text,
        url=url,
        published=dt.date.fromisoformat(published) if published else None,
        outlet=outlet,
    )
    try:
        outcome = item_ingest(item)  # InputError: this item cannot be stored; the job fails with why
    except TRANSIENT as exc:
        if attempt >= MAX_ATTEMPTS:
            raise
        again = article_ingest.get_backend().supports_defer
        delay = retry_delay(attempt)
        logger.warning("ingest of %s failed (%s); attempt %d in %s", item.source, exc, attempt + 1, delay)
        job = article_ingest.using(run_after=timezone.now() + delay) if again else article_ingest
        retried = job.enqueue(
            text=text, source=source, url=url, published=published, outlet=outlet, attempt=attempt + 1
        )
        return {"status": "retrying", "attempt": attempt + 1, "job": str(retried.id)}
    return {"status": outcome.status, "article": outcome.article.pk}


def ingest_enqueue(*, item: Item) -> TaskResult[Any]:
    """Queue the ingest of one item that was read (its text is in the job); the job's result."""
    if item.error is not None or item.text is None:
        raise ValueError(f"{item.source}: {item.error or 'no text'}")
    return article_ingest.enqueue(
        text=item.text,
        source=item.source,
        url=item.url,
        published=item.published.isoformat() if item.published else None,
        outlet=item.outlet,
    )


@task()
def source_poll_job(*, source_id: int) -> dict[str, Any]:
    """Poll one source (a source deleted since it was queued is skipped)."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return {"status": "gone"}
    fetch = source_poll(source=source)
    return {"status": fetch.outcome, "items": fetch.items, "new": fetch.new}


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
