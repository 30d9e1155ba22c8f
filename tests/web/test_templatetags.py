"""The chart and date filters of the pages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.utils import translation

from hamkari.web.templatetags.hamkari import columns, month_buckets


def test_months_are_jalali_in_persian_with_the_empty_months_between() -> None:
    daily = [(dt.date(2025, 3, 25), 2), (dt.date(2025, 6, 1), 1)]  # 5 Farvardin and 11 Khordad 1404
    with translation.override("fa"):
        months = month_buckets(daily)
    assert [(m["short"], m["value"]) for m in months] == [("فروردین", 2), ("اردیبهشت", 0), ("خرداد", 1)]
    assert months[0]["full"] == "فروردین ۱۴۰۴"


def test_months_are_gregorian_in_english_and_russian() -> None:
    daily = [(dt.date(2025, 3, 25), 2), (dt.date(2025, 5, 1), 1)]
    with translation.override("en"):
        assert [m["value"] for m in month_buckets(daily)] == [2, 0, 1]
    with translation.override("ru"):
        assert month_buckets(daily)[0]["full"].startswith("Март")


def test_columns_are_proportional_to_their_values_over_an_axis() -> None:
    with translation.override("en"):
        chart = columns([(dt.date(2025, 1, 5), 4), (dt.date(2025, 2, 5), 2)])
    first, second = chart["items"]
    assert first["h"] == 2 * second["h"] > 0
    assert [t["text"] for t in chart["ticks"]] == ["0", "2", "4"]


def test_the_page_views_make_no_database_query_of_their_own() -> None:
    views = Path(__file__).resolve().parents[2] / "hamkari" / "web" / "views"
    for module in views.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"\.objects\b|get_object_or_404|from django.db", text), module.name
