"""Running the queued jobs: django-tasks-db's worker (the loop behind its `db_worker` command), in
one thread or several, beside a scheduler that queues the polls of sources whose next poll time
has come (the times are stored on the rows: no cron). Each job is claimed in a locked
transaction, so threads and processes on other machines against one PostgreSQL never run the same
job twice."""

from __future__ import annotations

import os
import signal
import socket
import threading
from collections.abc import Callable, Sequence

from django.db import connections
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

from hamkari.monitoring.tasks import due_polls_enqueue

SCHEDULE_SECONDS = 30

# Periodic work: each queues the jobs whose next-run time (stored on their rows) has come, and
# says how many. The command line hands the pool those of the apps above this layer (alerts).
Periodic = Callable[..., int]  # called with now=
PERIODIC: tuple[Periodic, ...] = (due_polls_enqueue,)


class WorkerError(Exception):
    """The worker cannot run (the task backend is not a database one); a one-line message."""


def _worker(number: int, *, batch: bool, interval: float) -> Worker:
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):
        raise WorkerError(
            f"the task backend is {type(backend).__name__}, which runs jobs at once; "
            "a worker needs django_tasks_db.DatabaseBackend in TASKS"
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

    def start(self) -> None:
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

    def _schedule(self) -> None:
        try:
            while not self.stopped.is_set():
                _due(self.periodic)
                self.stopped.wait(SCHEDULE_SECONDS)
        finally:
            connections.close_all()


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
