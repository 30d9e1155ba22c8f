"""The dashboard's reads (kb.selectors.dashboard)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hamkari.kb import selectors
from hamkari.kb.ingest import item_ingest
from hamkari.kb.models import Commitment
from hamkari.monitoring.demo import DEMO_FEED
from hamkari.sources.items import feed_items

pytestmark = pytest.mark.django_db


def test_open_commitments_list_the_nearest_due_date_first_and_undated_ones_last(db: Any) -> None:
    # a sample with two commitments: the older one made undated, the newer one due in February
    item = next(
        i for i in feed_items(str(DEMO_FEED), DEMO_FEED.read_bytes()) if i.published == dt.date(2026, 10, 13)
    )
    rows = Commitment.objects.filter(article=item_ingest(item).article).order_by("pk")
    assert rows.count() == 2
    rows.update(due=dt.date(2027, 2, 13))
    Commitment.objects.filter(pk=rows[0].pk).update(due=None)
    shown = list(selectors.dashboard(today=dt.date(2026, 12, 4))["open_commitments"])
    assert [c.due for c in shown] == [dt.date(2027, 2, 13), None]
