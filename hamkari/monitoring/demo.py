"""The demo source: the bundled feed of sample articles (`hamkari/samples/demo.atom`, written for
the demo, not real news), which `hamkari serve` registers on its first run. It releases its items
a few at a time, so that a newcomer sees articles arrive and stories grow within a minute, offline:
a poll sees the first FIRST items at once, then BATCH more for every STEP since the source was
registered, in the order of the file; while items remain, the source asks to be polled again when
the next batch is due. Every other source sees its whole feed at every poll."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from hamkari.sources.items import Item, feed_items

if TYPE_CHECKING:  # the release rules are plain Python: the feed's tests read them without a database
    from hamkari.monitoring.models import Source

DEMO_FEED = Path(__file__).resolve().parents[1] / "samples" / "demo.atom"
FIRST = 12  # at once: the pages are not empty on the first visit
BATCH = 3  # then a few more
STEP = dt.timedelta(seconds=30)  # as often as the worker's scheduler looks for due sources


def is_demo(source: Source) -> bool:
    return source.location == str(DEMO_FEED)


def released(*, total: int, since: dt.datetime, now: dt.datetime) -> int:
    """How many of `total` items are out `now` when the release began `since`."""
    steps = max(0, (now - since) // STEP)
    return min(total, FIRST + BATCH * steps)


def release(source: Source, items: list[Item], *, now: dt.datetime) -> tuple[list[Item], dt.datetime | None]:
    """The items a poll of `source` sees now, and when to poll again for more (None: nothing is
    held back, the usual schedule applies)."""
    if not is_demo(source):
        return items, None
    out = released(total=len(items), since=source.created, now=now)
    if out >= len(items):
        return items, None
    return items[:out], source.created + STEP * (max(0, (now - source.created) // STEP) + 1)


@functools.cache
def total() -> int:
    """How many items the bundled demo feed holds."""
    return sum(1 for item in feed_items(str(DEMO_FEED), DEMO_FEED.read_bytes()) if item.error is None)
