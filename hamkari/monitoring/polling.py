"""How a poll's answer changes a source's schedule (pure functions, no database).

- New items: the interval halves (not below half of what was asked); nothing new: it grows by
  half (not above four times what was asked). A source that publishes often is read often.
- An error (no answer, a status of 400 or more, a feed that cannot be read): the wait doubles with
  each consecutive failure, capped at MAX_BACKOFF; after MAX_FAILURES in a row the source is
  disabled until an analyst enables it again.
- 429 or 503 with Retry-After (seconds or an HTTP date): come back exactly then (at most
  MAX_BACKOFF); it counts as a failure only when it keeps happening, like any other error.
- A source that lets its listing out a few at a time (`sources add --release FIRST,BATCH,SECONDS`,
  the demo feed): the first FIRST items at once, then BATCH more every SECONDS since the source was
  added; while items remain, it asks to be polled again when the next batch is due."""

from __future__ import annotations

import datetime as dt
import email.utils
import math

MAX_FAILURES = 5
MAX_BACKOFF = dt.timedelta(hours=24)
MIN_INTERVAL = 5  # minutes


def interval_after(*, every: int, interval: int, new: int) -> int:
    """The next interval in minutes after a successful poll that brought `new` items."""
    if new:
        return max(MIN_INTERVAL, every // 2, interval // 2)
    return min(every * 4, max(interval + 1, math.ceil(interval * 1.5)))


def backoff(*, interval: int, failures: int) -> dt.timedelta:
    """The wait after the `failures`-th error in a row."""
    return min(MAX_BACKOFF, dt.timedelta(minutes=interval) * float(2 ** min(failures, 20)))


def retry_after(value: str | None, *, now: dt.datetime) -> dt.timedelta | None:
    """A Retry-After header as a wait (None when absent or unreadable)."""
    if not value:
        return None
    value = value.strip()
    if value.isdecimal():
        # a remote server's number: more seconds than a timedelta holds is the longest wait
        return MAX_BACKOFF if len(value) > 9 else min(MAX_BACKOFF, dt.timedelta(seconds=int(value)))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return min(MAX_BACKOFF, max(dt.timedelta(0), when - now))


def released(
    *, total: int, since: dt.datetime, now: dt.datetime, first: int, batch: int, every: dt.timedelta
) -> int:
    """How many of `total` listed items are out `now` when the release began `since`."""
    steps = max(0, (now - since) // every)
    return min(total, first + batch * steps)


def next_release(*, since: dt.datetime, now: dt.datetime, every: dt.timedelta) -> dt.datetime:
    """When the next batch of a release that began `since` is due."""
    return since + every * (max(0, (now - since) // every) + 1)
