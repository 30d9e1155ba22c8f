"""Reads of monitoring."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from hamkari.monitoring import models
from hamkari.monitoring.models import Fetch, Source, SourceItem

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
