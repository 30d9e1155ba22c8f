"""From a poll or an ingest to the digest: the hook after each stored article queues its matching,
the worker runs it, the periodic run sends one digest per period and none when nothing happened
(hamkari/alerts/services.py, tasks.py, receivers.py; kb.signals)."""

from __future__ import annotations

import datetime as dt
import smtplib
import socket
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from hamkari.alerts import services, tasks
from hamkari.alerts.models import DAILY, IMMEDIATE, REGION, Notification, Watchlist
from hamkari.alerts.services import TargetSpec, delivery_reason, digests_run, watchlist_create
from hamkari.kb.reasons import said
from hamkari.kb.services import article_ingest
from hamkari.monitoring.services import source_add, source_poll
from hamkari.monitoring.worker import workers_run
from tests.alerts.conftest import FERRY, FISH, KAZAN, feed_file

pytestmark = pytest.mark.django_db(transaction=True)

PERIODIC = (tasks.due_runs_enqueue,)


def gilan_watchlist(owner: Any, frequency: str = DAILY, language: str = "en") -> Watchlist:
    return watchlist_create(
        owner=owner,
        name="Gilan news",
        frequency=frequency,
        language=language,
        targets=[TargetSpec(REGION, "IR-01")],
    )


def test_a_region_watchlist_gets_one_digest_for_a_poll_of_two_matching_articles_and_none_for_an_empty_poll(
    tmp_path: Path, regions: None, reader: Any
) -> None:
    watchlist = gilan_watchlist(reader)
    source = source_add(location=str(feed_file(tmp_path, [FERRY, FISH, KAZAN])))
    assert source_poll(source=source).new == 3
    # the hook queued the matching of each stored article; the worker runs it
    assert DBTaskResult.objects.filter(task_path__endswith="article_match_job").count() == 3
    workers_run(batch=True, interval=0, periodic=PERIODIC)
    assert sorted(Notification.objects.values_list("kind", flat=True)) == [
        "commitment",
        "instrument",
        "story",
        "story",
    ]
    assert mail.outbox == []  # a daily watchlist waits for its day

    tomorrow = timezone.now() + dt.timedelta(days=1, minutes=1)
    outcomes = digests_run(now=tomorrow)
    assert [(o.watchlist.pk, o.sent) for o in outcomes] == [(watchlist.pk, 4)]
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == ["reader@example.org"]
    assert "Ferry line for grain" in digest.body and "Caspian fish farms" in digest.body
    assert "Machine parts fair" not in digest.body  # Tatarstan and Isfahan only

    # the next poll brings nothing new: no digest the day after
    assert source_poll(source=source).new == 0
    workers_run(batch=True, interval=0, periodic=PERIODIC)
    assert [o.sent for o in digests_run(now=tomorrow + dt.timedelta(days=1, minutes=1))] == [0]
    assert len(mail.outbox) == 1


def test_a_poll_that_brings_nothing_for_the_watchlist_sends_no_digest(
    tmp_path: Path, regions: None, reader: Any
) -> None:
    gilan_watchlist(reader)
    source = source_add(location=str(feed_file(tmp_path, [KAZAN])))
    assert source_poll(source=source).new == 1
    workers_run(batch=True, interval=0, periodic=PERIODIC)
    assert [o.sent for o in digests_run(now=timezone.now() + dt.timedelta(days=1, minutes=1))] == [0]
    assert mail.outbox == [] and Notification.objects.count() == 0


def test_an_immediate_watchlist_is_due_as_soon_as_news_arrives_and_the_worker_sends_it(
    regions: None, reader: Any
) -> None:
    watchlist = gilan_watchlist(reader, IMMEDIATE)
    assert watchlist.next_run_at > timezone.now()
    article_ingest(text=FERRY[1], published=dt.date(2025, 1, 14))
    article_ingest(text=FISH[1], published=dt.date(2025, 1, 15))
    # first batch: the matching jobs; they bring the watchlist's run forward to now
    workers_run(batch=True, interval=0, periodic=PERIODIC)
    watchlist.refresh_from_db()
    assert watchlist.next_run_at <= timezone.now()
    # the scheduler queues the due run, a worker sends one digest of both articles
    workers_run(batch=True, interval=0, periodic=PERIODIC)
    assert len(mail.outbox) == 1
    assert "Ferry line" in mail.outbox[0].body or "ferry line" in mail.outbox[0].body
    watchlist.refresh_from_db()
    assert watchlist.next_run_at > timezone.now() + dt.timedelta(minutes=50)


def test_the_hook_queues_nothing_when_nobody_has_a_watchlist(regions: None) -> None:
    article_ingest(text=FERRY[1], published=dt.date(2025, 1, 14))
    assert not DBTaskResult.objects.filter(task_path__endswith="article_match_job").exists()


def test_the_same_article_twice_queues_its_matching_once(regions: None, reader: Any) -> None:
    gilan_watchlist(reader)
    assert article_ingest(text=FERRY[1]).status == "new"
    assert article_ingest(text=FERRY[1]).status == "duplicate"
    assert DBTaskResult.objects.filter(task_path__endswith="article_match_job").count() == 1


def test_the_periodic_run_catches_up_on_articles_whose_matching_job_never_ran(
    regions: None, reader: Any
) -> None:
    watchlist = gilan_watchlist(reader)
    article_ingest(text=FERRY[1], published=dt.date(2025, 1, 14))
    DBTaskResult.objects.all().delete()  # the queued matching is lost
    assert digests_run(now=timezone.now() + dt.timedelta(days=1, minutes=1))[0].sent == 3
    assert len(mail.outbox) == 1
    watchlist.refresh_from_db()
    assert watchlist.notifications.filter(sent_at__isnull=True).count() == 0


def test_a_refused_mail_leaves_the_news_for_the_next_run_and_the_other_watchlists_go_on(
    regions: None, reader: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = gilan_watchlist(reader)
    second = gilan_watchlist(reader)
    article_ingest(text=FERRY[1], published=dt.date(2025, 1, 14))
    real_send = services.digest.send

    def refuse_first(watchlist: Watchlist, news: Any) -> None:
        if watchlist.pk == first.pk:
            raise ConnectionRefusedError("mail server refused")
        real_send(watchlist, news)

    monkeypatch.setattr(services.digest, "send", refuse_first)
    later = timezone.now() + dt.timedelta(days=1, minutes=1)
    outcomes = {o.watchlist.pk: (o.sent, o.error) for o in digests_run(now=later)}
    assert outcomes == {first.pk: (0, "the mail server refused the connection"), second.pk: (3, "")}
    assert not first.notifications.filter(sent_at__isnull=False).exists()  # its run was rolled back
    monkeypatch.setattr(services.digest, "send", real_send)
    assert [o.sent for o in digests_run(now=later)] == [3]
    assert len(mail.outbox) == 2


def test_a_user_without_an_address_reads_the_news_in_the_app_and_gets_no_mail(regions: None) -> None:
    from tests.kb.factories import UserFactory

    watchlist = gilan_watchlist(UserFactory(username="nomail", email=""))
    article_ingest(text=FERRY[1], published=dt.date(2025, 1, 14))
    assert digests_run(now=timezone.now() + dt.timedelta(days=1, minutes=1))[0].sent == 0
    assert mail.outbox == []
    assert watchlist.notifications.filter(read_at__isnull=True).count() == 3


def test_alerts_run_sends_the_due_digests_in_the_foreground_and_says_what_it_did(
    regions: None, reader: Any
) -> None:
    from tests.alerts.conftest import run

    watchlist = gilan_watchlist(reader, IMMEDIATE)
    quiet = gilan_watchlist(reader, IMMEDIATE)
    article_ingest(text=FERRY[1], published=dt.date(2025, 1, 14))
    Watchlist.objects.update(next_run_at=timezone.now())
    quiet.notifications.all().delete()
    code, out, err = run(["alerts", "run"])
    assert code == 0, err
    lines = out.splitlines()
    assert f"hamkari: watchlist {watchlist.pk} (Gilan news): sent a digest of 3 items" in lines
    assert err == "hamkari: 2 watchlists run, 0 failed\n"
    assert len(mail.outbox) == 2  # the other one caught up on the same article by itself
    code, out, err = run(["alerts", "run"])
    assert (code, out, err) == (0, "", "hamkari: 0 watchlists run, 0 failed\n")


DELIVERY_REASONS = [
    (
        smtplib.SMTPAuthenticationError(535, b"bad credentials"),
        "the mail server refused the login (SMTP 535)",
    ),
    (smtplib.SMTPRecipientsRefused({}), "the mail server refused the recipient's address"),
    (
        smtplib.SMTPSenderRefused(553, b"no", "desk@example.org"),
        "the mail server refused the sender's address desk@example.org",
    ),
    (smtplib.SMTPDataError(554, b"Message rejected"), "the mail server refused the message (SMTP 554)"),
    (smtplib.SMTPDataError(599, b"Odd reply"), "the mail server answered SMTP 599: Odd reply"),
    (smtplib.SMTPServerDisconnected("gone"), "the mail server closed the connection"),
    (ConnectionRefusedError(111, "Connection refused"), "the mail server refused the connection"),
    (TimeoutError("timed out"), "the mail server did not answer in time"),
    (socket.gaierror(-2, "Name or service not known"), "cannot find the mail server's host"),
    (OSError(101, "Network is unreachable"), "cannot reach the mail server: the network cannot be reached"),
    (
        OSError(18, "Invalid cross-device link"),
        "cannot reach the mail server: system error EXDEV: Invalid cross-device link",
    ),
]


@pytest.mark.parametrize(
    ("fault", "line"), DELIVERY_REASONS, ids=[type(f).__name__ for f, _ in DELIVERY_REASONS]
)
def test_a_mail_servers_refusal_is_a_reason_with_a_template_the_reader_is_told_in_their_language(
    fault: OSError, line: str
) -> None:
    reason = delivery_reason(fault)
    assert str(reason) == line
    with translation.override("ru"):
        in_russian = said(reason)
    assert in_russian.startswith("почтовый сервер") or in_russian.startswith("не удалось")
