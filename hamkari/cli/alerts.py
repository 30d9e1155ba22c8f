"""Watchlists and alerts: `watch add|list`, `alerts run`; and the periodic work the worker's
scheduler queues (the polls of due sources, the runs of due watchlists)."""

from __future__ import annotations

import argparse
from typing import TextIO

from django.utils import timezone

from hamkari.alerts.services import digests_run
from hamkari.alerts.tasks import due_runs_enqueue
from hamkari.cli.command import command, plural
from hamkari.monitoring.tasks import due_polls_enqueue
from hamkari.monitoring.worker import Periodic

# what `hamkari worker` and `hamkari serve` queue when its time comes (next-run times on the rows)
PERIODIC: tuple[Periodic, ...] = (due_polls_enqueue, due_runs_enqueue)


@command(
    "alerts run",
    help="run the due watchlists now, here: match, find deadlines, send the digests",
    description=(
        "Run every watchlist whose next run has come, in this process (no worker needed): match the "
        "articles stored since its last run, find the deadlines coming due, and send one e-mail "
        "digest of what is new (none when nothing happened, or when its owner has no address). "
        "Mail goes through HAMKARI_EMAIL_URL (console:// prints it)."
    ),
)
def alerts_run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    outcomes = digests_run(now=timezone.now())
    failed = 0
    for o in outcomes:
        w = o.watchlist
        if o.error:
            failed += 1
            line = f"not sent: {o.error}"
        elif o.sent:
            line = f"sent a digest of {plural(o.sent, 'item')}"
        else:
            line = "nothing to send"
        print(f"hamkari: watchlist {w.pk} ({w.name}): {line}", file=out)
    print(f"hamkari: {plural(len(outcomes), 'watchlist')} run, {failed} failed", file=err)
    return 1 if failed else 0
