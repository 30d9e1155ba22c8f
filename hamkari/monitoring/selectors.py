"""Reads of monitoring."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from hamkari.monitoring import models
from hamkari.monitoring.models import Fetch, Source


def source_list() -> QuerySet[Source]:
    return Source.objects.all()


def sources_active() -> QuerySet[Source]:
    return Source.objects.filter(state=models.ACTIVE)


def source_find(*, pk: int) -> Source | None:
    return Source.objects.filter(pk=pk).first()


def sources_due(*, now: dt.datetime) -> QuerySet[Source]:
    """Active sources whose next poll time has come."""
    return Source.objects.filter(state=models.ACTIVE, next_poll_at__lte=now)


def fetch_list(*, source: Source) -> QuerySet[Fetch]:
    return source.fetches.all()
