"""Watched sources (hamkari/monitoring/services.py, polling.py) and `hamkari sources`, against a
local HTTP server of feeds and pages."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import io
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone, translation

from hamkari.cli import main
from hamkari.kb.calendar import digits_in, moment_text
from hamkari.kb.models import Article
from hamkari.kb.reasons import stored_said
from hamkari.monitoring import polling, services
from hamkari.monitoring.jobs import job_upload_start
from hamkari.monitoring.models import Fetch, Host, Source
from hamkari.monitoring.services import source_add, source_poll
from hamkari.sources.items import Item
from hamkari.sources.reasons import Reason
from tests.monitoring.conftest import FeedServer

pytestmark = pytest.mark.django_db(transaction=True)

STORIES = [
    (
        "Ferry line across the Caspian",
        "The governor of Gilan and the head of Astrakhan Region agreed to run a weekly ferry for grain.",
    ),
    (
        "Kazan hosts a trade week",
        "Firms from Tatarstan and Isfahan signed three contracts on machine parts at a fair in Kazan.",
    ),
]


def rss(links: list[str], stories: list[tuple[str, str]] = STORIES) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{link}</link><description>{body}</description>"
        f"<pubDate>Tue, 14 Jan 2025 08:00:00 GMT</pubDate></item>"
        for (title, body), link in zip(stories, links, strict=True)
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Caspian wire</title>'
    return f"{head}{items}</channel></rss>".encode()


def page(title: str, body: str) -> bytes:
    return f"<html><body><article><h1>{title}</h1><p>{body}</p></article></body></html>".encode()


def serve_feed(server: FeedServer, path: str = "/feed.rss", *, etag: str = '"v1"') -> str:
    links = [server.url(f"/story{n}") for n in range(len(STORIES))]
    for n, (title, body) in enumerate(STORIES):
        server.routes[f"/story{n}"] = lambda h, t=title, b=body: (
            200,
            {"Content-Type": "text/html"},
            page(t, b),
        )

    def feed(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if headers.get("if-none-match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": etag}, rss(links)

    server.routes[path] = feed
    return server.url(path)


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def test_the_second_poll_asks_with_the_etag_and_a_304_stores_nothing(feed_server: FeedServer) -> None:
    source = source_add(location=serve_feed(feed_server), every=60)
    first = source_poll(source=source)
    assert (first.outcome, first.items, first.new) == ("new", 2, 2)
    assert {a.published for a in Article.objects.all()} == {dt.date(2025, 1, 14)}
    assert {a.url for a in Article.objects.all()} == {feed_server.url("/story0"), feed_server.url("/story1")}
    second = source_poll(source=source)
    assert (second.outcome, second.status, second.new) == ("not_modified", 304, 0)
    assert feed_server.hits[-1][1]["if-none-match"] == '"v1"'
    source.refresh_from_db()
    assert (source.etag, source.failures, source.items_seen) == ('"v1"', 0, 2)
    assert Article.objects.count() == 2


def test_items_seen_before_at_the_same_address_are_not_fetched_again(feed_server: FeedServer) -> None:
    location = serve_feed(feed_server, etag='"changes"')
    source = source_add(location=location)
    source_poll(source=source)
    Source.objects.filter(pk=source.pk).update(etag="")  # the feed is sent again in full
    source.refresh_from_db()
    again = source_poll(source=source)
    assert (again.outcome, again.items, again.new) == ("new", 2, 0)
    assert feed_server.paths().count("/story0") == 1
    assert Article.objects.count() == 2


def test_a_429_is_honoured_with_its_retry_after(feed_server: FeedServer) -> None:
    feed_server.routes["/busy.rss"] = lambda h: (429, {"Retry-After": "600"}, b"")
    source = source_add(location=feed_server.url("/busy.rss"), every=5)
    before = timezone.now()
    fetch = source_poll(source=source)
    source.refresh_from_db()
    assert (fetch.outcome, fetch.status) == ("retry_later", 429)
    assert (
        before + dt.timedelta(seconds=600)
        <= source.next_poll_at
        <= timezone.now() + dt.timedelta(seconds=600)
    )
    assert source.failures == 1


def test_errors_double_the_wait_and_disable_the_source_after_five_in_a_row(feed_server: FeedServer) -> None:
    feed_server.routes["/broken.rss"] = lambda h: (500, {}, b"")
    source = source_add(location=feed_server.url("/broken.rss"), every=10)
    waits = []
    for _ in range(polling.MAX_FAILURES):
        before = timezone.now()
        fetch = source_poll(source=source)
        source.refresh_from_db()
        waits.append(round((source.next_poll_at - before).total_seconds() / 60))
    assert (fetch.outcome, fetch.status, fetch.error) == ("error", 500, "error on the server (HTTP 500)")
    assert waits == [20, 40, 80, 160, 320]
    assert (source.state, source.failures) == ("disabled", 5)


def test_a_malformed_feed_is_an_error_of_its_source(feed_server: FeedServer) -> None:
    feed_server.routes["/bad.rss"] = lambda h: (
        200,
        {"Content-Type": "application/rss+xml"},
        b"<?xml version",
    )
    fetch = source_poll(source=source_add(location=feed_server.url("/bad.rss")))
    assert fetch.outcome == "error" and fetch.error.startswith("not a readable RSS/Atom feed")
    assert Article.objects.count() == 0


def test_an_item_linking_to_a_loopback_address_is_refused_and_the_others_stored(
    feed_server: FeedServer,
) -> None:
    feed_server.routes["/story0"] = lambda h: (200, {"Content-Type": "text/html"}, page(*STORIES[0]))
    links = [feed_server.url("/story0"), feed_server.url("/secret", host="localhost")]
    feed_server.routes["/mixed.rss"] = lambda h: (200, {"Content-Type": "application/rss+xml"}, rss(links))
    fetch = source_poll(source=source_add(location=feed_server.url("/mixed.rss")))
    assert (fetch.outcome, fetch.items, fetch.new) == ("new", 2, 1)
    assert "refused: localhost is a loopback address" in fetch.failed[0][1]
    assert "/secret" not in feed_server.paths()
    assert Article.objects.get().url == feed_server.url("/story0")


def test_a_poll_of_every_source_goes_on_past_the_failing_ones(feed_server: FeedServer) -> None:
    feed_server.routes["/busy.rss"] = lambda h: (429, {"Retry-After": "60"}, b"")
    feed_server.routes["/broken.rss"] = lambda h: (500, {}, b"")
    feed_server.routes["/bad.rss"] = lambda h: (200, {}, b"<?xml version")
    for path in ("/busy.rss", "/broken.rss", "/bad.rss"):
        assert run(["sources", "add", feed_server.url(path)])[0] == 0
    assert (
        run(["sources", "add", serve_feed(feed_server), "--outlet", "Caspian desk", "--every", "30"])[0] == 0
    )
    busy, broken, bad, good = Source.objects.order_by("pk").values_list("pk", flat=True)
    code, out, _ = run(["sources", "poll", "--once"])
    assert code == 0
    assert out.splitlines() == [
        f"hamkari: source {busy}: asked to come back later, items 0, new 0: "
        "too many requests: the site asks us to wait (HTTP 429)",
        f"hamkari: source {broken}: error, items 0, new 0: error on the server (HTTP 500)",
        out.splitlines()[2],
        f"hamkari: source {good}: read, items 2, new 2",
    ]
    assert out.splitlines()[2].startswith(f"hamkari: source {bad}: error, items 0, new 0: not a readable")
    assert {a.outlet.name for a in Article.objects.all()} == {"Caspian desk"}
    assert Fetch.objects.count() == 4
    code, out, err = run(["sources", "list"])
    assert (code, err) == (0, "hamkari: 4 sources\n")
    assert "\tfailures 1\t" in out.splitlines()[1] and "\titems 2\tfailures 0\t" in out.splitlines()[3]


def test_a_local_feed_file_is_a_source_and_a_queued_poll_and_its_items_run_in_the_worker(
    tmp_path: Path,
) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_bytes(rss(["", ""]))
    code, out, _ = run(["sources", "add", str(feed), "--language", "en", "--region", "IR-01"])
    source = Source.objects.get()
    assert (code, out) == (0, f"hamkari: added source {source.pk}: {feed} (every 60 min)\n")
    assert (source.language, source.region) == ("en", "IR-01")
    assert (
        run(["sources", "poll", str(source.pk)])[1] == "hamkari: queued 1 poll; 'hamkari worker' runs them\n"
    )
    assert Article.objects.count() == 0
    assert run(["worker", "--batch"])[1] == "hamkari: worker ran 3 jobs\n"  # the poll, one job per item
    assert Article.objects.count() == 2


def test_it_refuses_a_source_that_is_neither_an_address_nor_a_file(tmp_path: Path) -> None:
    code, _, err = run(["sources", "add", str(tmp_path / "missing.rss")])
    assert (code, err) == (
        1,
        f"hamkari: {tmp_path / 'missing.rss'}: neither an http(s) address nor a feed file\n",
    )
    assert run(["sources", "poll", "999"])[2] == "hamkari: no source 999 (see 'hamkari sources list')\n"


@pytest.mark.parametrize(
    ("new", "interval", "expected"),
    [(3, 60, 30), (3, 30, 30), (0, 60, 90), (0, 200, 240)],
)
def test_the_interval_follows_how_often_the_source_publishes(new: int, interval: int, expected: int) -> None:
    assert polling.interval_after(every=60, interval=interval, new=new) == expected


def test_retry_after_is_read_as_seconds_or_a_date() -> None:
    now = dt.datetime(2025, 1, 14, 8, 0, tzinfo=dt.UTC)
    assert polling.retry_after("120", now=now) == dt.timedelta(seconds=120)
    assert polling.retry_after("Tue, 14 Jan 2025 08:05:00 GMT", now=now) == dt.timedelta(minutes=5)
    assert polling.retry_after("soon", now=now) is None
    # more seconds than a timedelta holds (a hostile or broken server) is the longest wait, no error
    assert polling.retry_after("9" * 20, now=now) == polling.MAX_BACKOFF


# ---- kinds beyond feeds, distinct items, limits, enabling again ----

ARTICLES = {
    "/news/2025/grain-corridor": (
        "A grain corridor by rail",
        "Two railway companies agreed to run a weekly grain train from the Volga to the Gulf. The first "
        "train will carry forty wagons of wheat, and the partners plan a second route through the "
        "Caucasus once the new terminal at the border station is finished next spring.",
    ),
    "/news/2025/ferry-line": (
        "A new ferry line",
        "A shipping firm will open a ferry line between two Caspian ports in the autumn. It will carry "
        "trucks and containers twice a week, and the port authorities promised to cut the time that "
        "cargo waits for inspection to one day on each side of the sea.",
    ),
}


def long_page(title: str, body: str, *, published: str = "", canonical: str = "") -> bytes:
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    if published:
        head += f'<meta property="article:published_time" content="{published}">'
    return (
        f"<html><head>{head}</head><body><nav>Home | Trade | About</nav>"
        f"<article><h1>{title}</h1><p>{body}</p></article></body></html>"
    ).encode()


def serve_articles(server: FeedServer, **extra: dict[str, str]) -> None:
    for path, (title, body) in ARTICLES.items():
        server.routes[path] = lambda h, t=title, b=body, p=path: (
            200,
            {"Content-Type": "text/html"},
            long_page(t, b, **extra.get(p, {})),
        )
    server.routes["/news/2025/empty"] = lambda h: (
        200,
        {"Content-Type": "text/html"},
        b"<html><body><nav><a href='/'>Home</a></nav><p>Read more soon.</p></body></html>",
    )


def sitemap(urls: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<url><loc>{loc}</loc><news:news><news:publication_date>{day}</news:publication_date>"
        f"</news:news></url>"
        for loc, day in urls
    )
    return (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>'
    ).encode()


def test_a_sitemap_source_stores_each_matching_page_with_the_sitemaps_date(feed_server: FeedServer) -> None:
    serve_articles(feed_server)
    feed_server.routes["/sitemap-news.xml"] = lambda h: (
        200,
        {"Content-Type": "application/xml"},
        sitemap(
            [
                (feed_server.url("/news/2025/grain-corridor"), "2025-05-06"),
                (feed_server.url("/news/2025/ferry-line"), "2025-05-07"),
                (feed_server.url("/news/2025/empty"), "2025-05-08"),
                (feed_server.url("/tags/trade"), "2025-05-08"),
            ]
        ),
    )
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{feed_server.url('/sitemap-news.xml')}</loc></sitemap>"
        f"<sitemap><loc>{feed_server.url('/sitemap-gone.xml')}</loc></sitemap></sitemapindex>"
    ).encode()
    feed_server.routes["/sitemap.xml"] = lambda h: (200, {"Content-Type": "application/xml"}, index)
    source = source_add(location=feed_server.url("/sitemap.xml"), kind="sitemap", links=r"/news/\d{4}/")
    fetch = source_poll(source=source)
    assert (fetch.outcome, fetch.items, fetch.new) == ("new", 3, 2)
    assert sorted(f[:2] for f in fetch.failed) == [
        [feed_server.url("/news/2025/empty"), "page has no article text (15 characters)"],
        [feed_server.url("/sitemap-gone.xml"), "page not found (HTTP 404)"],
    ]
    stored = {a.url: a for a in Article.objects.all()}
    grain = stored[feed_server.url("/news/2025/grain-corridor")]
    assert grain.published == dt.date(2025, 5, 6)
    assert (
        grain.text.startswith("A grain corridor by rail\n\nTwo railway companies")
        and "About" not in grain.text
    )
    assert "/tags/trade" not in feed_server.paths()
    source.refresh_from_db()
    assert source.items_seen == 3
    hits = len(feed_server.hits)
    again = source_poll(source=source)  # the stored pages are not read again; the empty one is
    assert (again.items, again.new) == (3, 0)
    assert feed_server.paths()[hits:].count("/news/2025/grain-corridor") == 0
    assert feed_server.paths()[hits:].count("/news/2025/empty") == 1


def test_a_section_page_source_stores_its_article_links_once_by_canonical_address_and_text(
    feed_server: FeedServer,
) -> None:
    grain = feed_server.url("/news/2025/grain-corridor")
    serve_articles(feed_server, **{"/news/2025/grain-corridor": {"published": "2025-06-01T08:00:00Z"}})
    feed_server.routes["/news/2025/grain-corridor-print"] = lambda h: (
        200,
        {"Content-Type": "text/html"},
        long_page(*ARTICLES["/news/2025/grain-corridor"], canonical=grain),
    )
    feed_server.routes["/news/2025/ferry-copy"] = feed_server.routes["/news/2025/ferry-line"]
    section = (
        b"<html><body><nav><a href='/about'>About</a></nav><ul>"
        b"<li><a href='/news/2025/grain-corridor'>Grain</a></li>"
        b"<li><a href='2025/ferry-line'>Ferry</a></li>"
        b"<li><a href='/news/2025/grain-corridor-print'>Print</a></li>"
        b"<li><a href='/news/2025/ferry-copy'>Copy</a></li></ul></body></html>"
    )
    feed_server.routes["/news/"] = lambda h: (200, {"Content-Type": "text/html"}, section)
    source = source_add(location=feed_server.url("/news/"), kind="section", links=r"/news/\d{4}/")
    fetch = source_poll(source=source)
    assert (fetch.outcome, fetch.items, fetch.new, fetch.failed) == ("new", 4, 2, [])
    assert {a.url for a in Article.objects.all()} == {grain, feed_server.url("/news/2025/ferry-line")}
    assert Article.objects.get(url=grain).published == dt.date(2025, 6, 1)
    assert "/about" not in feed_server.paths()
    source.refresh_from_db()
    assert source.items_seen == 4
    assert sorted(source.items.values_list("state", flat=True)) == ["known", "known", "stored", "stored"]


def test_items_seen_counts_each_item_once_however_often_it_is_listed(feed_server: FeedServer) -> None:
    source = source_add(location=serve_feed(feed_server, etag='"changes"'))
    for _ in range(3):
        Source.objects.filter(pk=source.pk).update(etag="")  # the feed is sent again in full
        fetch = source_poll(source=source)
    source.refresh_from_db()
    assert (fetch.items, source.items_seen) == (2, 2)


def test_a_redirect_loop_is_an_error_of_its_source(feed_server: FeedServer) -> None:
    feed_server.routes["/loop.rss"] = lambda h: (302, {"Location": "/loop.rss"}, b"")
    fetch = source_poll(source=source_add(location=feed_server.url("/loop.rss")))
    assert (fetch.outcome, fetch.error) == ("error", "more than 5 redirects")
    assert feed_server.paths().count("/loop.rss") == 6


def test_a_feed_over_the_size_limit_is_an_error_and_nothing_is_stored(
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "FEED_BYTES", 50_000)
    links = [feed_server.url(f"/s{n}") for n in range(600)]
    huge = rss(links, [("Caspian notes", "A line of news about the sea and its ports.")] * 600)
    assert len(huge) > 50_000
    feed_server.routes["/huge.rss"] = lambda h: (200, {"Content-Type": "application/rss+xml"}, huge)
    fetch = source_poll(source=source_add(location=feed_server.url("/huge.rss")))
    assert (fetch.outcome, fetch.error) == ("error", "larger than 50,000 bytes")
    assert Article.objects.count() == 0


def test_a_feed_of_many_items_is_read_a_few_pages_per_poll(feed_server: FeedServer, settings: Any) -> None:
    settings.HAMKARI_PAGES_PER_POLL = 2
    stories = [
        (f"Port note {n}", f"Port number {n} on the sea opened a berth for grain ships.") for n in range(40)
    ]
    links = [feed_server.url(f"/s{n}") for n in range(40)]
    feed_server.routes["/many.rss"] = lambda h: (
        200,
        {"Content-Type": "application/rss+xml"},
        rss(links, stories),
    )
    source = source_add(location=feed_server.url("/many.rss"), every=60)
    before = timezone.now()
    fetch = source_poll(source=source)
    source.refresh_from_db()
    assert (fetch.items, fetch.new, Article.objects.count(), source.items_seen) == (40, 2, 2, 2)
    assert source.next_poll_at <= before + dt.timedelta(minutes=polling.MIN_INTERVAL, seconds=5)
    assert (source_poll(source=source).new, Article.objects.count()) == (2, 4)


def test_an_analyst_enables_a_disabled_source_again(feed_server: FeedServer) -> None:
    feed_server.routes["/broken.rss"] = lambda h: (500, {}, b"")
    source = source_add(location=feed_server.url("/broken.rss"))
    for _ in range(polling.MAX_FAILURES):
        source_poll(source=source)
    source.refresh_from_db()
    assert source.state == "disabled"
    assert run(["sources", "poll", "--once"])[1] == ""  # a disabled source is not polled
    code, out, _ = run(["sources", "enable", str(source.pk)])
    assert (code, out) == (0, f"hamkari: enabled source {source.pk}: {source.location}\n")
    source.refresh_from_db()
    assert (source.state, source.failures, source.last_error) == ("active", 0, "")
    assert source.next_poll_at <= timezone.now()
    assert (
        run(["sources", "disable", str(source.pk)])[1]
        == f"hamkari: disabled source {source.pk}: {source.location}\n"
    )
    assert run(["sources", "enable", "999"])[2] == "hamkari: no source 999 (see 'hamkari sources list')\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--kind", "section"], "a section page needs --links REGEX, the pattern of its article addresses"),
        (
            ["--kind", "section", "--links", "(unclosed"],
            "--links is not a regular expression: missing ), unterminated subpattern at position 0",
        ),
        (
            ["--links", "/news/"],
            "--links is for sitemaps and section pages; a feed lists its articles itself",
        ),
    ],
)
def test_it_refuses_a_source_kind_without_what_it_needs(argv: list[str], message: str) -> None:
    code, _, err = run(["sources", "add", "https://wire.example.org/news/", *argv])
    assert (code, err) == (1, f"hamkari: {message}\n")
    assert Source.objects.count() == 0


def test_sources_of_every_kind_polled_together_each_fail_alone(feed_server: FeedServer) -> None:
    serve_articles(feed_server)
    feed_server.routes["/robots.txt"] = lambda h: (200, {}, b"User-agent: *\nDisallow: /closed/\n")
    feed_server.routes["/loop.rss"] = lambda h: (302, {"Location": "/loop.rss"}, b"")
    feed_server.routes["/sitemap.xml"] = lambda h: (
        200,
        {},
        sitemap([(feed_server.url("/news/2025/ferry-line"), "2025-05-07")]),
    )
    feed_server.routes["/section/"] = lambda h: (
        200,
        {"Content-Type": "text/html"},
        b"<a href='/news/2025/grain-corridor'>Grain</a> <a href='/news/2025/empty'>Soon</a>",
    )
    for argv in (
        [feed_server.url("/loop.rss")],
        [feed_server.url("/closed/wire.rss")],
        [feed_server.url("/sitemap.xml"), "--kind", "sitemap"],
        [feed_server.url("/section/"), "--kind", "section", "--links", "/news/2025/"],
    ):
        assert run(["sources", "add", *argv])[0] == 0
    loop, closed, sitemap_source, section = Source.objects.order_by("pk").values_list("pk", flat=True)
    code, out, _ = run(["sources", "poll", "--once"])
    assert code == 0
    assert out.splitlines() == [
        f"hamkari: source {loop}: error, items 0, new 0: more than 5 redirects",
        f"hamkari: source {closed}: disallowed by robots.txt, items 0, new 0: "
        f"disallowed by robots.txt: {feed_server.url('/closed/wire.rss')}",
        f"hamkari: source {sitemap_source}: read, items 1, new 1",
        f"hamkari: source {section}: read, items 2, new 1",
        f"  failed {feed_server.url('/news/2025/empty')}: page has no article text (15 characters)",
    ]
    assert Article.objects.count() == 2
    _, listing, _ = run(["sources", "list"])
    assert "\tSitemap\t" in listing.splitlines()[2] and "\tSection page\t" in listing.splitlines()[3]


def test_a_sources_language_is_the_language_its_articles_are_read_in(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_bytes(rss(["", ""]))
    source_poll(source=source_add(location=str(feed), language="ru"))
    assert set(Article.objects.values_list("language", flat=True)) == {"ru"}
    Article.objects.all().delete()
    Source.objects.all().delete()
    source_poll(source=source_add(location=str(feed)))
    assert set(Article.objects.values_list("language", flat=True)) == {"en"}


def test_a_feed_items_page_without_article_text_leaves_the_feeds_text(feed_server: FeedServer) -> None:
    feed_server.routes["/story0"] = lambda h: (
        200,
        {"Content-Type": "text/html"},
        b"<html><body><nav>Home | News</nav><footer>All rights kept</footer></body></html>",
    )
    feed_server.routes["/feed.rss"] = lambda h: (200, {}, rss([feed_server.url("/story0")], STORIES[:1]))
    fetch = source_poll(source=source_add(location=feed_server.url("/feed.rss")))
    assert (fetch.new, fetch.failed) == (1, [])
    assert Article.objects.get().text == f"{STORIES[0][0]}\n\n{STORIES[0][1]}"


def test_a_page_answering_429_stops_the_poll_until_its_retry_after(feed_server: FeedServer) -> None:
    serve_articles(feed_server)
    busy = {"left": 1}

    def slow(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if busy["left"]:
            busy["left"] -= 1
            return 429, {"Retry-After": "900"}, b""
        return 200, {"Content-Type": "text/html"}, long_page(*ARTICLES["/news/2025/ferry-line"])

    feed_server.routes["/news/2025/ferry-line"] = slow
    section = b"<a href='/news/2025/grain-corridor'>1</a><a href='/news/2025/ferry-line'>2</a>"
    section += b"<a href='/news/2025/empty'>3</a>"
    feed_server.routes["/news/"] = lambda h: (200, {"Content-Type": "text/html"}, section)
    source = source_add(location=feed_server.url("/news/"), kind="section", links="/news/2025/")
    before = timezone.now()
    fetch = source_poll(source=source)
    assert (fetch.outcome, fetch.new, fetch.failed) == ("new", 1, [])
    answered = "a page of the site: too many requests: the site asks us to wait (HTTP 429)"
    assert fetch.error == f"{answered}; 2 items wait for the next poll"
    assert "/news/2025/empty" not in feed_server.paths()
    source.refresh_from_db()
    assert source.next_poll_at >= before + dt.timedelta(seconds=900)
    assert Host.objects.get(origin=feed_server.url("")).busy_until >= before + dt.timedelta(seconds=900)
    assert source_poll(source=source).new == 0  # still busy: the items keep waiting, unread
    assert feed_server.paths().count("/news/2025/ferry-line") == 1
    Host.objects.update(busy_until=timezone.now())  # the Retry-After has passed
    again = source_poll(source=source)
    assert (again.new, len(again.failed), Article.objects.count()) == (1, 1, 2)


def test_a_poll_keeps_the_latest_polls_of_its_source_in_the_history_and_deletes_the_older(
    tmp_path: Path, settings: Any
) -> None:
    settings.HAMKARI_FETCH_HISTORY = 2
    feed, other = tmp_path / "wire.rss", tmp_path / "other.rss"
    feed.write_bytes(rss(["", ""]))
    other.write_bytes(rss(["", ""], [(f"{t} (other)", b) for t, b in STORIES]))
    kept = source_add(location=str(other))
    for _ in range(3):
        source_poll(source=kept)
    source = source_add(location=str(feed))
    polls = [source_poll(source=source).pk for _ in range(4)]
    assert list(Fetch.objects.filter(source=source).values_list("pk", flat=True)) == polls[:1:-1]
    assert Fetch.objects.filter(source=kept).count() == 2
    assert source.items.count() == 2 and Article.objects.count() == 4  # the items stay


def test_a_polls_errors_are_printed_in_the_command_lines_language(
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_server.routes["/broken.rss"] = lambda h: (500, {}, b"")
    assert run(["sources", "add", feed_server.url("/broken.rss")])[0] == 0
    broken = Source.objects.get()
    monkeypatch.setenv("HAMKARI_LANGUAGE", "ru")
    code, out, _ = run(["sources", "poll", "--once"])
    assert (code, out) == (
        0,
        f"hamkari: источник {broken.pk}: ошибка, записей 0, новых 0: ошибка на сервере (HTTP 500)\n",
    )
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    listed = run(["sources", "list"])[1]
    assert "\tخطاها ۱\t" in listed and listed.endswith("\tخطا: خطا در کارساز (HTTP ۵۰۰)\n")
    broken.refresh_from_db()
    assert broken.last_error_reason["template"] == "error on the server (HTTP %(status)s)"


def test_a_polls_counts_are_printed_with_persian_digits_when_the_command_line_speaks_persian(
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_server.routes["/broken.rss"] = lambda h: (500, {}, b"")
    assert run(["sources", "add", feed_server.url("/broken.rss")])[0] == 0
    broken = Source.objects.get()
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    code, out, _ = run(["sources", "poll", "--once"])
    number = digits_in(broken.pk, "fa")
    said = f"hamkari: منبع {number}: خطا، مدخل‌ها ۰، تازه ۰: خطا در کارساز (HTTP ۵۰۰)\n"
    assert (code, out) == (0, said)
    queued = run(["sources", "poll", str(broken.pk)])[1]
    assert queued == "hamkari: ۱ بررسی منبع در صف است؛ 'hamkari worker' انجامش می‌دهد\n"
    assert run(["sources", "list"])[2].startswith("hamkari: ۱ ")
    assert "۹۹۹" in run(["sources", "poll", "999"])[2]
    broken.refresh_from_db()
    # the next poll's moment is Jalali, as on the pages («۱۴ آذر ۱۴۰۵، ۰۳:۴۵»), not ISO
    assert moment_text(broken.next_poll_at, "fa") in run(["sources", "list"])[1]
    assert "T" not in run(["sources", "list"])[1].split("\t")[-2]


def test_sources_list_names_the_state_and_kind_in_russian_and_keeps_the_location(
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(["sources", "add", feed_server.url("/wire.rss")])[0] == 0
    assert run(["sources", "add", feed_server.url("/sitemap.xml"), "--kind", "sitemap"])[0] == 0
    sitemap_source = Source.objects.get(kind="sitemap")
    assert run(["sources", "disable", str(sitemap_source.pk)])[0] == 0
    monkeypatch.setenv("HAMKARI_LANGUAGE", "ru")
    feed, sitemap_line = run(["sources", "list"])[1].splitlines()
    assert feed.split("\t")[1:4] == ["Активен", "Лента новостей", feed_server.url("/wire.rss")]
    assert sitemap_line.split("\t")[1:4] == ["Отключён", "Карта сайта", feed_server.url("/sitemap.xml")]


def test_a_jobs_state_and_failures_are_printed_in_the_command_lines_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    job = job_upload_start(creator=None, read=[Item("b.txt", error=Reason("file is empty"))], addresses=[])
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    code, out, _ = run(["job", str(job.pk)])
    assert (code, out.splitlines()) == (
        0,
        [
            f"hamkari: کار {digits_in(job.pk, 'fa')} (بارگذاری): پایان یافت، با چند مورد ناموفق، "
            "۱ از ۱ به پایان رسید (ناموفق ۱)",
            "  ناموفق b.txt: پرونده خالی است",
        ],
    )


def test_errors_stored_before_their_templates_get_them_when_an_english_line_fits_one() -> None:
    forwards = importlib.import_module(
        "hamkari.monitoring.migrations.0007_error_reasons_of_old_rows"
    ).forwards
    source = Source.objects.create(location="https://news.example/feed", last_error="HTTP 404 Not Found")
    fetch = Fetch.objects.create(
        source=source,
        outcome="error",
        error="something no template says",
        failed=[["https://news.example/a", "attempt 2: page has no article text (15 characters)"]],
    )
    forwards(apps, None)
    source.refresh_from_db()
    fetch.refresh_from_db()
    assert source.last_error_reason == {
        "template": "HTTP %(status)s %(reason)s",
        "params": {"status": "404", "reason": "Not Found"},
    }
    assert fetch.error_reason == {}  # stays English
    kept = Reason.from_json(fetch.failed[0][2])
    assert kept is not None and kept.template == "attempt %(n)s: %(reason)s"
    with translation.override("fa"):
        # and is said as a new one is: the status in words, the server's reason phrase dropped
        assert stored_said(source.last_error, source.last_error_reason) == "صفحه پیدا نشد (HTTP ۴۰۴)"


def test_adding_a_sitemap_source_names_its_kind_in_words_in_persian(
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    code, out, _ = run(["sources", "add", feed_server.url("/sitemap.xml"), "--kind", "sitemap"])
    added = Source.objects.get()
    assert code == 0 and out.startswith(f"hamkari: منبع {digits_in(added.pk, 'fa')} (نقشهٔ سایت) افزوده شد: ")
    assert "sitemap" not in out.replace(feed_server.url("/sitemap.xml"), "")  # no code beside the address


def test_a_feed_answering_503_is_said_in_persian_words_by_sources_poll(
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_server.routes["/down.rss"] = lambda h: (503, {}, b"")
    assert run(["sources", "add", feed_server.url("/down.rss")])[0] == 0
    down = Source.objects.get()
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    code, out, _ = run(["sources", "poll", "--once"])
    number = digits_in(down.pk, "fa")
    assert (code, out) == (
        0,
        f"hamkari: منبع {number}: خواسته شد بعداً بیاییم، مدخل‌ها ۰، تازه ۰: "
        "وبگاه فعلاً در دسترس نیست (HTTP ۵۰۳)\n",
    )
    assert "Service Unavailable" not in out
    down.refresh_from_db()
    assert down.last_error_reason == {
        "template": "the service is unavailable for now (HTTP %(status)s)",
        "params": {"status": 503},
    }
