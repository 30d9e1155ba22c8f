"""Background jobs of the alerts: matching one stored article (queued by the hook after ingest)
and the periodic run of one watchlist (queued when its next-run time comes, by the worker's
scheduler: `due_runs_enqueue`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django_tasks import TaskResult, task

from hamkari.alerts import services
from hamkari.alerts.models import Watchlist


@task()
def article_match_job(*, article_id: int) -> dict[str, Any]:
    """Find the news of one stored article for every watchlist it concerns."""
    return {"added": services.article_match(article_id=article_id)}


@task()
def watchlist_run_job(*, watchlist_id: int) -> dict[str, Any]:
    """The periodic run of one watchlist (a watchlist deleted since it was queued is skipped)."""
    watchlist = Watchlist.objects.filter(pk=watchlist_id).first()
    if watchlist is None:
        return {"status": "gone"}
    return {"status": "done", "sent": services.watchlist_run(watchlist=watchlist)}


def due_runs_enqueue(*, now: dt.datetime) -> int:
    """Queue the run of every watchlist whose next-run time has come, moving that time on by its
    period in the same transaction (the run sets the real one), so that the scheduler does not
    queue it again meanwhile; rows another worker holds are skipped. How many were queued."""
    queued = 0
    with transaction.atomic():
        for watchlist in Watchlist.objects.filter(next_run_at__lte=now).select_for_update(skip_locked=True):
            watchlist.next_run_at = now + services.PERIODS[watchlist.frequency]
            watchlist.save(update_fields=["next_run_at"])
            watchlist_run_job.enqueue(watchlist_id=watchlist.pk)
            queued += 1
    return queued


def match_enqueue(*, article_id: int) -> TaskResult[Any] | None:
    """Queue the matching of a stored article, when anyone has a watchlist at all."""
    if not Watchlist.objects.exists():
        return None
    return article_match_job.enqueue(article_id=article_id)
