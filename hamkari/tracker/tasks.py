"""The tracker's background job: the daily deadline digest (`hamkari remind` in the foreground),
queued by the worker's scheduler when the next-run time on the one ReminderRun row (pk 1, made by
the scheduler's first call) has come."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from hamkari.tracker.models import ReminderRun
from hamkari.tracker.remind import send_digests


def next_morning(now: dt.datetime) -> dt.datetime:
    """The next HAMKARI_REMINDER_HOUR o'clock in the site's time zone after `now`."""
    local = timezone.localtime(now)
    at = local.replace(hour=min(settings.HAMKARI_REMINDER_HOUR, 23), minute=0, second=0, microsecond=0)
    return at if at > local else at + dt.timedelta(days=1)


@task()
def reminders_send_job(*, lead_days: int) -> dict[str, Any]:
    """Send today's deadline digests (none to a user with nothing due) and note the run."""
    sent = send_digests(today=timezone.localdate(), lead_days=lead_days)
    ReminderRun.objects.update(last_run_at=timezone.now(), last_sent=len(sent))
    return {"sent": len(sent)}


def due_reminders_enqueue(*, now: dt.datetime) -> int:
    """Queue the digests when their time has come, moving the next run to the next morning in the
    same transaction (a row another worker holds is skipped); how many were queued (0 or 1)."""
    with transaction.atomic():
        run = ReminderRun.objects.select_for_update(skip_locked=True).filter(pk=1).first()
        if run is None:
            # the first time (or another worker holds the row): the first run is the next morning
            ReminderRun.objects.get_or_create(pk=1, defaults={"next_run_at": next_morning(now)})
            return 0
        if run.next_run_at > now:
            return 0
        run.next_run_at = next_morning(now)
        run.save(update_fields=["next_run_at"])
        reminders_send_job.enqueue(lead_days=settings.HAMKARI_REMINDER_DAYS)
    return 1
