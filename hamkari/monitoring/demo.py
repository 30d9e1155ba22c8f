"""The demo source: the bundled feed of sample articles (`hamkari/samples/demo.atom`, written for
the demo, not real news), which `hamkari serve` registers on its first run. It is registered with
a release (Source.release_*, polling.released): a poll sees the first FIRST items at once, then
BATCH more every STEP, so that a newcomer sees articles arrive and stories grow within a minute,
offline. Any source may be given a release (`sources add --release`); nothing here is special to
the poll."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from hamkari.sources.items import feed_items

DEMO_FEED = Path(__file__).resolve().parents[1] / "samples" / "demo.atom"
FIRST = 12  # at once: the pages are not empty on the first visit
BATCH = 3  # then a few more
STEP = dt.timedelta(seconds=30)  # as often as the worker's scheduler looks for due sources


@functools.cache
def total() -> int:
    """How many items the bundled demo feed holds."""
    return sum(1 for item in feed_items(str(DEMO_FEED), DEMO_FEED.read_bytes()) if item.error is None)
