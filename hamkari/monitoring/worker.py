"""Running the queued jobs: django-tasks-db's worker (the loop behind its `db_worker` command), in
one thread or several, beside a scheduler that queues the polls of sources whose next poll time
has come (the times are stored on the rows: no cron). Each job is claimed in a locked
transaction (SKIP LOCKED on PostgreSQL), so threads and processes on other machines against one
PostgreSQL never run the same job twice.

A worker killed in the middle of a job (SIGKILL, a crash, a machine that goes away) cannot mark it
finished: the job stays `RUNNING`. So every worker writes a sign of life (WorkerBeat) every
BEAT_SECONDS, and every worker looks, as often, for jobs still running whose worker has given none
for HAMKARI_WORKER_LOST_SECONDS: such a job is queued again (its article was stored in one
transaction or not at all, and storing it again changes nothing), or failed after MAX_ATTEMPTS
workers were lost on it (a job that kills its worker must not kill them all)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import threading
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from hamkari.monitoring import models
from hamkari.monitoring.models import WorkerBeat
from hamkari.monitoring.tasks import MAX_ATTEMPTS, due_polls_enqueue, job_item_mark
from hamkari.sources.reasons import Reason

SCHEDULE_SECONDS = 30
BEAT_SECONDS = 5

# Periodic work: each queues the jobs whose next-run time (stored on their rows) has come, and
# says how many. The command line hands the pool those of the apps above this layer (alerts).
Periodic = Callable[..., int]  # called with now=
PERIODIC: tuple[Periodic, ...] = (due_polls_enqueue,)


class WorkerError(Exception):
    """The worker cannot run (the task backend is not a database one); a one-line message in the
    active language."""


def _worker(number: int, *, batch: bool, interval: float) -> Worker:
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):
        raise WorkerError(
            gettext(
                "the task backend is %(backend)s, which runs jobs at once; "
                "a worker needs django_tasks_db.DatabaseBackend in TASKS"
            )
            % {"backend": type(backend).__name__}
        )
    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=batch,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=not batch,
        max_tasks=None,
        worker_id=f"{socket.gethostname()[:40]}-{os.getpid()}-{number}",
        excluded_queue_names=[],
    )


class Pool:
    """Worker threads and one scheduler thread that queues the due periodic work (the polls of
    due sources, and whatever else `periodic` names) every SCHEDULE_SECONDS (with `batch`: once,
    before the jobs waiting are run)."""

    def __init__(
        self,
        *,
        threads: int = 1,
        batch: bool = False,
        interval: float = 1.0,
        periodic: Sequence[Periodic] = PERIODIC,
    ) -> None:
        self.batch = batch
        self.periodic = tuple(periodic)
        self.workers = [_worker(n, batch=batch, interval=interval) for n in range(1, threads + 1)]
        self.stopped = threading.Event()
        self.threads = [
            threading.Thread(target=_run, args=(w,), name=f"hamkari-worker-{n}", daemon=True)
            for n, w in enumerate(self.workers, start=1)
        ]
        self.scheduler = threading.Thread(target=self._schedule, name="hamkari-scheduler", daemon=True)
        self.beat = threading.Thread(target=self._beat, name="hamkari-beat", daemon=True)

    def start(self) -> None:
        _beat_once([w.worker_id for w in self.workers])
        self.beat.start()
        if self.batch:
            _due(self.periodic)
        else:
            self.scheduler.start()
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        """Let every thread finish the job it holds, then stop."""
        self.stopped.set()
        for worker in self.workers:
            worker.running = False

    def wait(self) -> None:
        for thread in self.threads:
            while thread.is_alive():
                thread.join(0.5)
        self.stopped.set()

    @property
    def ran(self) -> int:
        return sum(w._run_tasks for w in self.workers)

    def _beat(self) -> None:
        ids = [w.worker_id for w in self.workers]
        try:
            while not self.stopped.wait(BEAT_SECONDS):
                _beat_once(ids)
        finally:
            connections.close_all()

    def _schedule(self) -> None:
        try:
            while not self.stopped.is_set():
                _due(self.periodic)
                self.stopped.wait(SCHEDULE_SECONDS)
        finally:
            connections.close_all()


def _beat_once(ids: list[str]) -> None:
    """A sign of life for this pool's workers, and lost jobs queued again; a database that does
    not answer now is tried again at the next beat."""
    try:
        now = timezone.now()
        workers_beat(workers=ids, now=now)
        jobs_lost_requeue(now=now)
    except DatabaseError:
        pass
    finally:
        connections.close_all()


def workers_beat(*, workers: list[str], now: dt.datetime) -> None:
    """Record that these workers are alive now."""
    WorkerBeat.objects.bulk_create(
        [WorkerBeat(worker=w, seen=now) for w in workers],
        update_conflicts=True,
        unique_fields=["worker"],
        update_fields=["seen"],
    )


class WorkerLost(Exception):
    """The worker running a job stopped without finishing it, too many times."""


def jobs_lost_requeue(*, now: dt.datetime, lost_after: dt.timedelta | None = None) -> int:
    """Queue again every job still marked running whose worker has given no sign of life since
    `lost_after` (HAMKARI_WORKER_LOST_SECONDS) — or fail it when MAX_ATTEMPTS workers were lost on
    it; how many were queued again. Each row changes only if it is still the same claim, so two
    workers looking at once, or a worker claiming it meanwhile, never make it run twice."""
    lost_after = lost_after or dt.timedelta(seconds=settings.HAMKARI_WORKER_LOST_SECONDS)
    cutoff = now - lost_after
    alive = set(WorkerBeat.objects.filter(seen__gte=cutoff).values_list("worker", flat=True))
    WorkerBeat.objects.filter(seen__lt=now - dt.timedelta(days=1)).delete()
    queued = 0
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    for result in stale:
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        queued += _lost(result, now)
    return queued


def _lost(result: DBTaskResult[Any, Any], now: dt.datetime) -> int:
    same_claim = DBTaskResult.objects.filter(
        pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
    )
    item = (result.args_kwargs.get("kwargs") or {}).get("item")
    lost = len(result.worker_ids)
    with transaction.atomic():
        if lost >= MAX_ATTEMPTS:
            reason = Reason.counted(
                "the worker running it stopped %(n)s time without finishing it",
                "the worker running it stopped %(n)s times without finishing it",
                lost,
            )
            changed = same_claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=f"{WorkerLost.__qualname__}: {reason}",
            )
            if changed:
                job_item_mark(item, models.ITEM_FAILED, error=reason)
            return 0
        changed = same_claim.update(status=TaskResultStatus.READY, started_at=None, run_after=now)
        if changed:
            job_item_mark(
                item,
                models.ITEM_QUEUED,
                error=Reason(
                    "its worker (%(worker)s) stopped; queued again", worker=(result.worker_ids or ["?"])[-1]
                ),
            )
        return changed


def _due(periodic: Sequence[Periodic]) -> None:
    try:
        for enqueue in periodic:
            enqueue(now=timezone.now())
    finally:
        connections.close_all()


def workers_run(
    *,
    threads: int = 1,
    batch: bool = False,
    interval: float = 1.0,
    periodic: Sequence[Periodic] = PERIODIC,
) -> int:
    """Run jobs in `threads` threads until interrupted (or, with `batch`, until none is waiting);
    the number of jobs run. SIGTERM and Ctrl-C let the job in hand finish."""
    pool = Pool(threads=threads, batch=batch, interval=interval, periodic=periodic)
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: pool.stop())
    try:
        pool.start()
        pool.wait()
    except KeyboardInterrupt:
        pool.stop()
        pool.wait()
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
    return pool.ran


def _run(worker: Worker) -> None:
    try:
        worker.run()
    finally:
        connections.close_all()  # this thread's connections; the others keep theirs


def jobs_run_waiting() -> int:
    """Run the jobs waiting now in the calling thread, on its database connection (so a
    transaction it holds is seen and kept open: django-tasks-db's loop would close it), without
    signs of life; the number run. For the test suite."""
    worker = _worker(0, batch=True, interval=0)
    ran = 0
    while True:
        waiting = DBTaskResult.objects.ready().filter(backend_name=worker.backend_name)
        with exclusive_transaction(waiting.db):
            result = waiting.get_locked()
            if result is None:
                return ran
            result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
