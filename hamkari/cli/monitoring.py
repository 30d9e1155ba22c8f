"""Background work: `worker`."""

from __future__ import annotations

import argparse
from typing import TextIO

from hamkari.cli.command import CliError, command, option, plural
from hamkari.cli.values import whole
from hamkari.monitoring.worker import WorkerError, workers_run


@command(
    "worker",
    option("--threads", type=whole(1, 64), default=1, help="jobs run at the same time, 1 to 64 (default 1)"),
    option("--batch", action="store_true", help="run the jobs waiting now, then stop"),
    help="run background jobs (ingest) until stopped",
    description=(
        "Run the queued background jobs (articles to ingest) until Ctrl-C or SIGTERM, which let "
        "the job in hand finish. Jobs are rows of the database: start workers on as many machines "
        "as needed against one PostgreSQL; each job is taken by one of them. A job that fails for "
        "a passing reason (the database busy) is retried up to 5 times, waiting 30 s, then twice "
        "as long each time."
    ),
)
def worker(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not args.batch:
        print(
            f"hamkari: worker running with {plural(args.threads, 'thread')} (Ctrl-C stops)",
            file=out,
            flush=True,
        )
    try:
        done = workers_run(threads=args.threads, batch=args.batch, interval=0 if args.batch else 1.0)
    except WorkerError as exc:
        raise CliError(str(exc)) from exc
    print(f"hamkari: worker ran {plural(done, 'job')}", file=out)
    return 0
