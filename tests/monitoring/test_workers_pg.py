"""Several `hamkari worker` processes against one PostgreSQL (issue 15, "more than one machine"):
three workers drain 1,000 queued ingest jobs, every article is stored exactly once, and a worker
killed with SIGKILL in the middle of a job loses nothing — its job is queued again once the worker
has been silent for HAMKARI_WORKER_LOST_SECONDS, and another worker stores it.

Runs only when HAMKARI_DATABASE_URL names PostgreSQL (CI runs the suite on PostgreSQL too): SQLite
lets one writer in at a time and has no row locks to skip, which is what this is about."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from hamkari.kb.models import Article
from hamkari.monitoring.jobs import job_upload_start
from hamkari.monitoring.models import JobItem
from hamkari.monitoring.selectors import job_progress
from hamkari.sources.items import Item

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("HAMKARI_DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="needs PostgreSQL (HAMKARI_DATABASE_URL=postgres://…): row locks with SKIP LOCKED",
    ),
    pytest.mark.django_db(transaction=True),
]

JOBS = 1000
LOST_SECONDS = 5
CITIES = ("Kazan", "Tabriz", "Astrakhan", "Rasht", "Samara", "Mashhad", "Volgograd", "Isfahan")


def small_article(n: int) -> str:
    """A short article of our own, different for every n (so each is a new article)."""
    a, b = CITIES[n % 8], CITIES[(n // 8 + 1 + n % 8) % 8]
    return f"A trade delegation from {a} visited {b} on its tour number {n}; {n % 50 + 2} firms took part."


def database_url() -> str:
    s = connection.settings_dict
    return (
        f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
    )


def start_worker(home: Path) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "HAMKARI_DATABASE_URL": database_url(),
        "HAMKARI_HOME": str(home),
        "HAMKARI_WORKER_LOST_SECONDS": str(LOST_SECONDS),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "hamkari.cli", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def running_jobs_of(process: subprocess.Popen[bytes]) -> list[DBTaskResult]:
    prefix = f"{socket.gethostname()[:40]}-{process.pid}-"
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    return [r for r in running if r.worker_ids and r.worker_ids[-1].startswith(prefix)]


def kill_in_the_middle_of_a_job(process: subprocess.Popen[bytes]) -> DBTaskResult:
    """Freeze the worker (SIGSTOP) until it is caught holding a job, then SIGKILL it."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        process.send_signal(signal.SIGSTOP)
        held = running_jobs_of(process)
        if held:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            return held[0]
        process.send_signal(signal.SIGCONT)
        time.sleep(0.01)
    raise AssertionError("the worker was never caught holding a job")


def wait_until_drained(workers: list[subprocess.Popen[bytes]], *, seconds: float) -> None:
    deadline = time.monotonic() + seconds  # a bound against hanging, not a measure of speed
    while DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists():
        for w in workers:
            assert w.poll() is None, w.communicate()[1].decode()[-2000:]
        assert time.monotonic() < deadline, dict(JobItem.objects.values_list("state").annotate())
        time.sleep(0.5)


def test_three_workers_drain_a_thousand_jobs_and_a_killed_one_loses_nothing(tmp_path: Path) -> None:
    job = job_upload_start(
        creator=None, read=[Item(f"tour-{n}.txt", text=small_article(n)) for n in range(JOBS)], addresses=[]
    )
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == JOBS
    workers = [start_worker(tmp_path) for _ in range(3)]
    try:
        while Article.objects.count() < 50:
            assert all(w.poll() is None for w in workers)
            time.sleep(0.2)
        victim = workers.pop(0)
        lost = kill_in_the_middle_of_a_job(victim)
        wait_until_drained(workers, seconds=900)
    finally:
        for w in workers:
            w.send_signal(signal.SIGTERM)
        for w in workers:
            w.wait(timeout=60)
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.SUCCESSFUL
    assert len(lost.worker_ids) == 2 and lost.worker_ids[0] != lost.worker_ids[1]  # taken again by another
    texts = list(Article.objects.values_list("text", flat=True))
    assert len(texts) == len(set(texts)) == JOBS  # every article, each exactly once
    assert set(texts) == {small_article(n) for n in range(JOBS)}
    progress = job_progress(job=job)
    assert progress.finished == JOBS and set(progress.counts) <= {"new", "duplicate"}
    assert progress.counts["new"] >= JOBS - 1  # the lost job stored its article, or found it stored
    claimed = DBTaskResult.objects.values_list("worker_ids", flat=True)
    assert sum(len(ids) for ids in claimed) == JOBS + 1  # every job taken once, the lost one twice
    assert len({ids[-1].rsplit("-", 2)[1] for ids in claimed}) == 3  # all three worked
