"""The bundled sample articles (hamkari/samples/demo.atom): a feed feedparser reads, at least 40
dated articles in Persian, Russian and English, each marked as a sample and each giving facts."""

from __future__ import annotations

import collections
import datetime as dt

import feedparser
import pytest

from hamkari.extraction import extract, to_json
from hamkari.kb.models import SAMPLE_URL_PREFIX
from hamkari.monitoring.demo import DEMO_FEED
from hamkari.sources.items import Item, feed_items

ENTRIES = feedparser.parse(DEMO_FEED.read_bytes()).entries
ITEMS = list(feed_items(str(DEMO_FEED), DEMO_FEED.read_bytes()))


def test_the_demo_feed_is_a_feed_feedparser_reads_without_complaint() -> None:
    parsed = feedparser.parse(DEMO_FEED.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) >= 40


def test_it_holds_persian_most_then_russian_and_english() -> None:
    languages = collections.Counter(entry["title_detail"]["language"] for entry in ENTRIES)
    assert set(languages) == {"fa", "ru", "en"}
    assert languages["fa"] > languages["ru"] and languages["fa"] > languages["en"]


def test_every_item_is_dated_within_2025_and_2026_up_to_the_demo_day() -> None:
    dates = [item.published for item in ITEMS]
    assert all(d is not None and dt.date(2025, 1, 1) <= d <= dt.date(2026, 12, 4) for d in dates), dates
    assert {d.year for d in dates if d} == {2025, 2026}


def test_every_item_is_marked_as_a_sample_with_an_address_of_its_own_and_a_made_up_outlet() -> None:
    links = [entry["link"] for entry in ENTRIES]
    assert all(link.startswith(SAMPLE_URL_PREFIX) for link in links)
    assert len(set(links)) == len(links)
    assert all(
        entry["source"]["title"].startswith(("نمونه — ", "Пример — ", "Sample — ")) for entry in ENTRIES
    )
    assert all(item.outlet == entry["source"]["title"] for item, entry in zip(ITEMS, ENTRIES, strict=True))


@pytest.mark.parametrize("item", ITEMS, ids=[entry["id"].rsplit(":", 1)[-1] for entry in ENTRIES])
def test_every_sample_gives_regions_and_at_least_one_fact(item: Item) -> None:
    assert item.error is None and item.text
    found = to_json(extract(item.text, source=item.source, published=item.published))
    regions = {e["ref"] for e in found["entities"] if e["type"] == "region"}
    assert any(ref.startswith("IR-") for ref in regions) and any(ref.startswith("RU-") for ref in regions)
    facts = found["events"] + found["instruments"] + found["commitments"] + found["quantities"]
    assert facts, "no event, instrument, commitment or figure"


def test_some_events_are_told_in_two_languages_by_two_outlets() -> None:
    """Items at most two days apart from two outlets in two languages: two tellings of one event."""
    by_day: dict[dt.date, list[Item]] = collections.defaultdict(list)
    for item in ITEMS:
        assert item.published is not None
        by_day[item.published].append(item)
    pairs = set()
    for day, items in by_day.items():
        near = items + by_day.get(day + dt.timedelta(days=1), []) + by_day.get(day + dt.timedelta(days=2), [])
        for a in items:
            for b in near:
                if a.outlet != b.outlet and _language(a) != _language(b):
                    pairs.add(frozenset((a.source, b.source)))
    assert len(pairs) >= 6


def _language(item: Item) -> str:
    text = item.text or ""
    if any("\u0600" <= c <= "\u06ff" for c in text):
        return "fa"
    return "ru" if any("\u0400" <= c <= "\u04ff" for c in text) else "en"
