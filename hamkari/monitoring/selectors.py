"""Reads of monitoring."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from hamkari.monitoring import models
from hamkari.monitoring.models import Fetch, Job, JobItem, Source, SourceItem

HEALTH_DAYS = 7  # the errors a source's health shows are those of the last week
FAILED_OUTCOMES = (models.ERROR, models.RETRY_LATER, models.ROBOTS)


def source_list() -> QuerySet[Source]:
    return Source.objects.all()


def sources_active() -> QuerySet[Source]:
    return Source.objects.filter(state=models.ACTIVE)


def source_find(*, pk: int) -> Source | None:
    return Source.objects.filter(pk=pk).first()


def source_get(*, pk: int) -> Source:
    """The source, or Source.DoesNotExist."""
    return Source.objects.get(pk=pk)


def sources_due(*, now: dt.datetime) -> QuerySet[Source]:
    """Active sources whose next poll time has come."""
    return Source.objects.filter(state=models.ACTIVE, next_poll_at__lte=now)


def fetch_list(*, source: Source) -> QuerySet[Fetch]:
    return source.fetches.all()


def _counted(queryset: QuerySet[Any]) -> Coalesce:
    """How many rows of `queryset` (filtered on the outer source) there are, as a subquery (two
    counts over two relations joined at once would multiply each other)."""
    counts = queryset.order_by().values("source").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def source_health(*, now: dt.datetime) -> QuerySet[Source]:
    """Every source with its health: the articles it brought (`stored`) and its failed polls of
    the last HEALTH_DAYS days (`errors_week`), beside the fields of the row (state, last success,
    distinct items, failures in a row, last error, next poll)."""
    since = now - dt.timedelta(days=HEALTH_DAYS)
    stored = SourceItem.objects.filter(source=OuterRef("pk"), state=models.STORED)
    failed = Fetch.objects.filter(source=OuterRef("pk"), outcome__in=FAILED_OUTCOMES, at__gte=since)
    return Source.objects.annotate(stored=_counted(stored), errors_week=_counted(failed)).order_by(
        "-state",
        "pk",  # disabled sources first: they need an analyst
    )


def source_fetches(*, source: Source, limit: int = 50) -> list[Fetch]:
    """The latest polls of a source, newest first."""
    return list(source.fetches.all()[:limit])


def source_failed_items(*, source: Source, limit: int = 50) -> list[SourceItem]:
    """Items of a source that could not be stored, the latest first, with the reason."""
    return list(source.items.filter(state=models.FAILED).order_by("-last_seen", "-pk")[:limit])


# --- jobs ---------------------------------------------------------------------------------------

SUCCEEDED = (models.ITEM_NEW, models.ITEM_DUPLICATE, models.ITEM_DONE, models.ITEM_READ)


@dataclass
class Progress:
    """Where a job stands: its state, counts of its items by outcome, and items to show."""

    job: Job
    state: str  # queued, running, finished, failed (finished with failures)
    total: int
    counts: dict[str, int]
    failed: list[JobItem]
    done: list[JobItem]  # the latest finished items that are not failures, newest first

    @property
    def finished(self) -> int:
        return sum(n for s, n in self.counts.items() if s in models.ITEM_FINISHED)

    @property
    def waiting(self) -> int:
        return self.counts.get(models.ITEM_QUEUED, 0) + self.counts.get(models.ITEM_RUNNING, 0)


def job_find(*, pk: int) -> Job | None:
    return Job.objects.select_related("creator").filter(pk=pk).first()


def job_list(*, creator: Any | None) -> QuerySet[Job]:
    """The latest jobs, of one user (or everyone's when `creator` is None), with item counts."""
    jobs = Job.objects.select_related("creator").annotate(total=Count("items"))
    return jobs if creator is None else jobs.filter(creator=creator)


def job_progress(*, job: Job, limit: int = 200, offset: int = 0) -> Progress:
    """The counts of a job's items by state (one query) and up to `limit` failed and finished items."""
    counts = dict(job.items.values_list("state").annotate(n=Count("pk")).order_by())
    total = sum(counts.values())
    waiting = counts.get(models.ITEM_QUEUED, 0) + counts.get(models.ITEM_RUNNING, 0)
    if not job.planned or (waiting and waiting == counts.get(models.ITEM_QUEUED, 0) == total):
        state = models.ITEM_QUEUED
    elif waiting:
        state = models.ITEM_RUNNING
    else:
        state = models.ITEM_FAILED if counts.get(models.ITEM_FAILED) else models.ITEM_DONE
    items = job.items.select_related("article")
    return Progress(
        job=job,
        state=state,
        total=total,
        counts=counts,
        failed=list(items.filter(state=models.ITEM_FAILED)[offset : offset + limit]),
        done=list(items.filter(state__in=SUCCEEDED).order_by("-pk")[offset : offset + limit]),
    )
