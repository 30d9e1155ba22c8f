"""Running the queued jobs: django-tasks-db's worker (the loop behind its `db_worker` command), in
one thread or several. Each job is claimed in a locked transaction, so threads and processes on
other machines against one PostgreSQL never run the same job twice."""

from __future__ import annotations

import os
import signal
import socket
import threading
from types import FrameType

from django.db import connections
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker


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


def workers_run(*, threads: int = 1, batch: bool = False, interval: float = 1.0) -> int:
    """Run jobs in `threads` threads until interrupted (or, with `batch`, until none is waiting);
    the number of jobs run."""
    pool = [_worker(n, batch=batch, interval=interval) for n in range(1, threads + 1)]
    if threads == 1:
        _run(pool[0])
        return pool[0]._run_tasks
    running = [
        threading.Thread(target=_run, args=(w,), name=f"hamkari-worker-{n}") for n, w in enumerate(pool)
    ]
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: _stop(pool, signum, frame))
    try:
        for thread in running:
            thread.start()
        for thread in running:
            while thread.is_alive():
                thread.join(0.5)
    except KeyboardInterrupt:
        _stop(pool, signal.SIGINT, None)
        for thread in running:
            thread.join()
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
    return sum(w._run_tasks for w in pool)


def _run(worker: Worker) -> None:
    try:
        worker.run()
    finally:
        connections.close_all()  # this thread's connections; the others keep theirs


def _stop(pool: list[Worker], signum: int, frame: FrameType | None) -> None:
    """Let every thread finish the job it holds, then stop."""
    for worker in pool:
        worker.running = False
