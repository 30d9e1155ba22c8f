"""The daily deadline digest as a background job (hamkari/tracker/tasks.py): queued by the worker's
scheduler when the next-run time on the ReminderRun row has come, once, then moved to the next
morning; the job mails the digests (in Persian) and none when nothing is due."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hamkari.accounts.services import user_create
from hamkari.kb import services as kb
from hamkari.kb.models import Entity
from hamkari.monitoring.worker import workers_run
from hamkari.tracker import services
from hamkari.tracker.models import ReminderRun
from hamkari.tracker.tasks import due_reminders_enqueue, next_morning

pytestmark = pytest.mark.django_db

PERIODIC = (due_reminders_enqueue,)
TEHRAN_MORNING = dt.datetime(2025, 12, 20, 3, 30, tzinfo=dt.UTC)  # 07:00 in Tehran


@pytest.fixture
def editor(settings: Any) -> Any:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    kb.reference_load()
    semnan = Entity.objects.get(type="region", ref="IR-20")
    group = services.group_create(name="سمنان–آستاراخان", regions=[semnan], user=None)
    user = user_create(username="semnan", password="pw-semnan-12", role="editor", scope=[semnan])
    user.email = "semnan@example.org"
    user.save()
    return group


def queued() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="reminders_send_job").count()


def test_the_first_call_makes_the_run_due_at_the_next_reminder_hour_and_queues_nothing() -> None:
    assert due_reminders_enqueue(now=TEHRAN_MORNING - dt.timedelta(hours=1)) == 0
    assert ReminderRun.objects.get().next_run_at == TEHRAN_MORNING and queued() == 0


def test_the_next_morning_is_tomorrow_once_the_hour_has_passed() -> None:
    assert next_morning(TEHRAN_MORNING - dt.timedelta(minutes=1)) == TEHRAN_MORNING
    assert next_morning(TEHRAN_MORNING) == TEHRAN_MORNING + dt.timedelta(days=1)


def test_the_scheduler_queues_the_digests_once_when_their_time_has_come() -> None:
    due_reminders_enqueue(now=TEHRAN_MORNING - dt.timedelta(hours=1))
    assert due_reminders_enqueue(now=TEHRAN_MORNING - dt.timedelta(seconds=1)) == 0
    assert due_reminders_enqueue(now=TEHRAN_MORNING) == 1
    assert due_reminders_enqueue(now=TEHRAN_MORNING + dt.timedelta(minutes=5)) == 0
    assert queued() == 1
    assert ReminderRun.objects.get().next_run_at == TEHRAN_MORNING + dt.timedelta(days=1)


@pytest.mark.django_db(transaction=True)
def test_the_worker_mails_one_persian_digest_when_something_is_due(editor: Any) -> None:
    services.item_add(group=editor, title="گزارش نهایی", due=timezone.localdate(), user=None)
    ReminderRun.objects.create(pk=1, next_run_at=timezone.now())
    workers_run(batch=True, interval=0, periodic=PERIODIC)
    (message,) = mail.outbox
    assert message.to == ["semnan@example.org"] and "گزارش نهایی" in message.body
    assert "مهلت‌های همکاری" in message.body and "OVERDUE" not in message.body
    assert ReminderRun.objects.get().last_sent == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_mails_nothing_when_nothing_is_due(editor: Any) -> None:
    services.item_add(group=editor, title="دور", due=timezone.localdate() + dt.timedelta(days=90), user=None)
    ReminderRun.objects.create(pk=1, next_run_at=timezone.now())
    workers_run(batch=True, interval=0, periodic=PERIODIC)
    assert mail.outbox == [] and queued() == 1 and ReminderRun.objects.get().last_sent == 0
