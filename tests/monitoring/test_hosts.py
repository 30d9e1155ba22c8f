"""Polite reading (hamkari/monitoring/hosts.py): robots.txt asked once per site and honoured,
requests to one site spaced by the host delay, against a local HTTP server."""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any

import pytest
from django.db import connections

from hamkari.kb.models import Article
from hamkari.monitoring import hosts
from hamkari.monitoring.hosts import polite_request, wait_turn
from hamkari.monitoring.models import Host
from hamkari.monitoring.services import source_add, source_poll
from hamkari.sources.robots import RobotsDisallowed
from tests.monitoring.conftest import FeedServer
from tests.monitoring.test_sources import STORIES, serve_feed

pytestmark = pytest.mark.django_db(transaction=True)


def robots(server: FeedServer, text: str) -> None:
    server.routes["/robots.txt"] = lambda h: (200, {"Content-Type": "text/plain"}, text.encode())


def test_robots_txt_is_fetched_once_per_site_and_kept(feed_server: FeedServer) -> None:
    robots(feed_server, "User-agent: *\nDisallow: /private/\n")
    first = source_add(location=serve_feed(feed_server, "/one.rss"))
    second = source_add(location=serve_feed(feed_server, "/two.rss"))
    source_poll(source=first)
    source_poll(source=second)
    source_poll(source=first)
    assert feed_server.paths().count("/robots.txt") == 1
    assert feed_server.hits[0][1]["user-agent"].startswith("hamkari/")
    host = Host.objects.get()
    assert (host.origin, host.robots_status) == (f"http://127.0.0.1:{feed_server.port}", 200)


def test_a_feed_that_robots_txt_disallows_is_not_read(feed_server: FeedServer) -> None:
    robots(feed_server, "User-agent: hamkari\nDisallow: /feeds/\n")
    fetch = source_poll(source=source_add(location=serve_feed(feed_server, "/feeds/wire.rss")))
    assert (fetch.outcome, fetch.get_outcome_display()) == ("robots", "disallowed by robots.txt")
    assert fetch.error == f"disallowed by robots.txt: {feed_server.url('/feeds/wire.rss')}"
    assert feed_server.paths() == ["/robots.txt"]
    assert fetch.source.failures == 1


def test_an_item_page_that_robots_txt_disallows_is_stored_from_the_feed_alone(
    feed_server: FeedServer,
) -> None:
    robots(feed_server, "User-agent: *\nDisallow: /story1\n")
    fetch = source_poll(source=source_add(location=serve_feed(feed_server)))
    assert (fetch.outcome, fetch.new) == ("new", 2)
    assert "/story1" not in feed_server.paths() and "/story0" in feed_server.paths()
    stored = Article.objects.get(url=feed_server.url("/story1"))
    assert STORIES[1][1] in stored.text


def test_an_unreachable_robots_txt_stops_the_poll_for_now(feed_server: FeedServer) -> None:
    feed_server.routes["/robots.txt"] = lambda h: (503, {}, b"")
    fetch = source_poll(source=source_add(location=serve_feed(feed_server)))
    assert fetch.outcome == "robots" and "could not be read (HTTP 503)" in fetch.error
    assert feed_server.paths() == ["/robots.txt"]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """time.monotonic() when each request is let through the gate (measured here, not by the
    server, whose threads a busy machine may schedule late). A thread that wakes late after its
    turn and one that wakes on time after the next make a gap a little short of the delay, so the
    tests allow 0.1 s of such lateness: without the gate the gaps are a few milliseconds."""
    times: list[float] = []
    original = hosts.wait_turn

    def timed(host: Host, *, delay: float) -> float:
        waited = original(host, delay=delay)
        times.append(time.monotonic())
        return waited

    monkeypatch.setattr(hosts, "wait_turn", timed)
    return times


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in itertools.pairwise(times)]


def test_requests_to_one_site_are_spaced_by_the_host_delay(
    feed_server: FeedServer, settings: Any, sent: list[float]
) -> None:
    settings.HAMKARI_HOST_DELAY_MS = 500
    first = source_add(location=serve_feed(feed_server, "/one.rss", etag='"a"'))
    second = source_add(location=serve_feed(feed_server, "/two.rss", etag='"b"'))
    source_poll(source=first)  # robots.txt, the feed, two pages
    source_poll(source=second)  # the feed (its pages are known by address)
    assert feed_server.paths() == ["/robots.txt", "/one.rss", "/story0", "/story1", "/two.rss"]
    assert len(sent) == 5 and min(gaps(sent)) >= 0.4


def test_a_crawl_delay_longer_than_the_host_delay_wins(
    feed_server: FeedServer, settings: Any, sent: list[float]
) -> None:
    settings.HAMKARI_HOST_DELAY_MS = 0
    robots(feed_server, "User-agent: *\nCrawl-delay: 1\n")
    feed_server.routes["/a"] = lambda h: (200, {}, b"a")
    for _ in range(3):
        polite_request(feed_server.url("/a"), max_bytes=100)
    assert len(sent) == 4 and min(gaps(sent[1:])) >= 0.9  # after robots.txt, three pages


def test_another_site_does_not_wait_for_this_one(db: Any) -> None:
    busy, idle = (
        Host.objects.create(origin="http://a.example:80"),
        Host.objects.create(origin="http://b.example:80"),
    )
    assert wait_turn(busy, delay=30) == 0.0
    assert wait_turn(idle, delay=30) == 0.0
    busy.refresh_from_db()
    assert busy.next_request_at is not None


def test_a_disallowed_address_is_refused_before_anything_is_sent(feed_server: FeedServer) -> None:
    robots(feed_server, "User-agent: *\nDisallow: /\n")
    with pytest.raises(RobotsDisallowed):
        polite_request(feed_server.url("/page"), max_bytes=100)
    assert feed_server.paths() == ["/robots.txt"]


def test_a_redirect_is_checked_against_robots_txt_of_the_site_it_leads_to(
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMKARI_FETCH_ALLOW_HOSTS", "127.0.0.1,localhost")
    robots(feed_server, "User-agent: *\nDisallow: /closed/\n")
    moved = feed_server.url("/closed/wire.rss", host="localhost")
    feed_server.routes["/wire.rss"] = lambda h: (301, {"Location": moved}, b"")
    fetch = source_poll(source=source_add(location=feed_server.url("/wire.rss")))
    assert (fetch.outcome, fetch.error) == ("robots", f"disallowed by robots.txt: {moved}")
    assert feed_server.paths() == ["/robots.txt", "/wire.rss", "/robots.txt"]  # one per site
    assert sorted(Host.objects.values_list("origin", flat=True)) == [
        f"http://127.0.0.1:{feed_server.port}",
        f"http://localhost:{feed_server.port}",
    ]


def test_workers_reading_one_site_at_once_take_turns(
    feed_server: FeedServer, settings: Any, sent: list[float]
) -> None:
    settings.HAMKARI_HOST_DELAY_MS = 400
    feed_server.routes["/a"] = lambda h: (200, {}, b"a")
    polite_request(feed_server.url("/a"), max_bytes=100)  # robots.txt and the site's row exist
    sent.clear()

    def reader() -> None:
        try:
            for _ in range(3):
                polite_request(feed_server.url("/a"), max_bytes=100)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # six turns, each at least the delay after the one before, whichever thread took it
    assert len(sent) == 6 and min(gaps(sorted(sent))) >= 0.3
