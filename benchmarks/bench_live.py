"""Live sources end to end: feeds on a local HTTP server → poll → fetch each page → extract → store,
run by `hamkari worker` processes.

A local server (threads of this process) serves --feeds RSS feeds holding --items items in all (at
most 50 a feed: a poll hands on at most 50 new items and leaves the rest to the next poll);
each item links to its own HTML page, an article generated from our own templates (Persian,
Russian and English in turn, random regions, invented officials, figures and dates, about 600
characters). For each worker count in --workers: a fresh database (SQLite in a temporary data
directory, or a fresh PostgreSQL database beside the one --database-url names), the feeds added
with `hamkari sources add`, their polls queued with `hamkari sources poll`, then that many
`hamkari worker` processes (one thread each) started at once. Each poll job reads its feed and
queues one job per new item; each item job fetches the item's page through the guarded fetch
(127.0.0.1 allowed by HAMKARI_FETCH_ALLOW_HOSTS, with no pause between requests to it:
HAMKARI_HOST_DELAY_MS=0), extracts and stores it.

Measured: the time of the first request of each feed (the poll), and the moment each article
becomes visible to a reader (this process reads the articles table every 0.1 s on its own
connection). Printed per worker count: items per second (items ÷ time from the first poll to the
last article visible) and the median and p95 of the time from its feed's poll to an article
being visible.

    .venv/bin/python benchmarks/bench_live.py [--items 1000] [--feeds 20] [--workers 1,2]
        [--seed 1] [--database-url postgres://…] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _stats import percentile  # noqa: E402

# our own words: places and invented people, templates per language
REGIONS = {
    "en": [
        "Gilan",
        "Mazandaran",
        "Golestan",
        "Isfahan",
        "Astrakhan Region",
        "Tatarstan",
        "Dagestan",
        "Samara",
    ],
    "ru": ["Гилян", "Мазендеран", "Голестан", "Исфахан", "Астраханская область", "Татарстан", "Дагестан"],
    "fa": ["گیلان", "مازندران", "گلستان", "اصفهان", "آستاراخان", "تاتارستان", "داغستان", "سامارا"],
}
PEOPLE = {
    "en": ["Arvin Karimzadeh", "Lev Petrushin", "Sara Navidi", "Oleg Vetrov"],
    "ru": ["Арвин Каримзаде", "Лев Петрушин", "Сара Навиди", "Олег Ветров"],
    "fa": ["آروین کریم‌زاده", "لف پتروشین", "سارا نویدی", "اولگ وتروف"],
}
TEMPLATES = {
    "en": (
        "The governor of {a}, {p}, met a delegation from {b} on {d}. The two sides discussed a ferry "
        "line for grain and timber and agreed to set up a working group on transport. About {n} firms "
        "of both regions took part in the business forum held after the meeting, and {m} contracts "
        "worth {v} million dollars were signed. The working group is to report within two months on "
        "customs procedures at the ports and on a joint trade house in {b}."
    ),
    "ru": (
        "Глава региона {a} {p} встретился с делегацией из региона {b} {d}. Стороны обсудили открытие "
        "паромной линии для перевозки зерна и леса и договорились создать рабочую группу по транспорту. "
        "В деловом форуме приняли участие около {n} компаний двух регионов; подписано {m} контрактов на "
        "сумму {v} млн долларов. Рабочая группа должна в течение двух месяцев подготовить предложения "
        "по таможенным процедурам в портах и по торговому дому в регионе {b}."
    ),
    "fa": (
        "استاندار {a}، {p}، روز {d} با هیئتی از {b} دیدار کرد. دو طرف دربارهٔ راه‌اندازی خط کشتیرانی "
        "برای حمل غله و چوب گفتگو کردند و بر تشکیل کارگروه حمل و نقل توافق کردند. حدود {n} شرکت از دو "
        "منطقه در همایش تجاری پس از این دیدار شرکت کردند و {m} قرارداد به ارزش {v} میلیون دلار امضا شد. "
        "کارگروه باید ظرف دو ماه آینده گزارشی دربارهٔ تشریفات گمرکی در بندرها و خانهٔ تجاری مشترک در "
        "{b} ارائه کند."
    ),
}
LANGS = ("fa", "ru", "en")


@dataclass
class Site:
    """What the local server serves: feeds and pages, and when each feed was first asked for."""

    feeds: dict[str, bytes] = field(default_factory=dict)
    pages: dict[str, bytes] = field(default_factory=dict)
    feed_items: dict[str, list[str]] = field(default_factory=dict)  # feed path → page paths
    first_fetch: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def article(rng: random.Random, n: int) -> tuple[str, str, str]:
    """(language, title, text) of item n."""
    lang = LANGS[n % 3]
    a, b = rng.sample(REGIONS[lang], 2)
    day = rng.randint(1, 28)
    date = f"{2025}-{rng.randint(1, 12):02d}-{day:02d}"
    text = TEMPLATES[lang].format(
        a=a,
        b=b,
        p=rng.choice(PEOPLE[lang]),
        d=date,
        n=rng.randint(12, 400),
        m=rng.randint(2, 30),
        v=rng.randint(3, 900),
    )
    return lang, f"{a} — {b} ({n})", f"{text} ({n})"


def build_site(items: int, feeds: int, seed: int, base: str) -> Site:
    rng = random.Random(seed)
    site = Site()
    now = format_datetime(dt.datetime.now(dt.UTC))
    per_feed: list[list[str]] = [[] for _ in range(feeds)]
    for n in range(items):
        lang, title, text = article(rng, n)
        path = f"/p/{n}.html"
        site.pages[path] = (
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta property="article:published_time" content="2025-06-01T08:00:00Z"></head>'
            f"<body><nav>menu</nav><article><h1>{escape(title)}</h1><p>{escape(text)}</p></article>"
            f"<footer>footer</footer></body></html>"
        ).encode()
        entry = (
            f"<item><title>{escape(title)}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
            f"<pubDate>{now}</pubDate><description>{escape(text[:120])}</description></item>"
        )
        per_feed[n % feeds].append(entry)
        site.feed_items.setdefault(f"/feed/{n % feeds}.rss", []).append(path)
    for k, entries in enumerate(per_feed):
        channel = f"<channel><title>Bench wire {k}</title><link>{base}/</link>{''.join(entries)}</channel>"
        site.feeds[f"/feed/{k}.rss"] = (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'.encode()
        )
    return site


def serve(site: Site) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path in site.feeds:
                with site.lock:
                    site.first_fetch.setdefault(path, time.monotonic())
                body, kind = site.feeds[path], "application/rss+xml"
            elif path in site.pages:
                body, kind = site.pages[path], "text/html; charset=utf-8"
            else:
                body, kind = b"", "text/plain"
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def hamkari(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "hamkari.cli", *args], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"hamkari {' '.join(args)} failed: {done.stderr.strip()[-2000:]}")
    return done.stdout


def fresh_database(database_url: str | None, home: Path, workers: int) -> tuple[str, Any]:
    """The database URL of a fresh database for one run, and how to read the articles' addresses."""
    if not database_url:
        path = home / "hamkari.sqlite3"
        return f"sqlite:///{path}", lambda: sqlite3.connect(path, timeout=30)
    import psycopg  # only for a PostgreSQL run

    parts = urlsplit(database_url)
    name = f"{parts.path.lstrip('/')}_live{workers}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = urlunsplit(parts._replace(path=f"/{name}"))
    return url, lambda: psycopg.connect(url, autocommit=True)


def run(
    site: Site, base: str, workers: int, database_url: str | None, items: int, keep: bool
) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix=f"hamkari-live-{workers}-"))
    url, connect = fresh_database(database_url, home, workers)
    env = os.environ | {
        "HAMKARI_HOME": str(home),
        "HAMKARI_DATABASE_URL": url,
        "HAMKARI_FETCH_ALLOW_HOSTS": "127.0.0.1",
        # the local server is ours: no pause between two requests to it (the polite pace per site,
        # 1 s by default, would measure the pause; bench_sources.py measures the gate itself)
        "HAMKARI_HOST_DELAY_MS": "0",
        "HAMKARI_LOG_LEVEL": "ERROR",
    }
    hamkari(env, "manage", "migrate", "-v", "0")
    for path in site.feeds:
        hamkari(env, "sources", "add", f"{base}{path}", "--every", "600")
    hamkari(env, "sources", "poll")  # queue one poll per source; the workers run them
    site.first_fetch.clear()
    started = time.monotonic()
    procs = [
        subprocess.Popen([sys.executable, "-m", "hamkari.cli", "worker"], env=env, stdout=subprocess.DEVNULL)
        for _ in range(workers)
    ]
    visible: dict[str, float] = {}
    try:
        visible = watch(connect, base, items, procs)
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            p.wait(timeout=120)
        if not keep:
            shutil.rmtree(home, ignore_errors=True)
    polled = {page: site.first_fetch[feed] for feed, pages in site.feed_items.items() for page in pages}
    delays = [visible[f"{base}{page}"] - polled[page] for page in polled if f"{base}{page}" in visible]
    first_poll, last_seen = min(site.first_fetch.values()), max(visible.values())
    return {
        "workers": workers,
        "visible": len(visible),
        "seconds": last_seen - first_poll,
        "per_second": len(visible) / (last_seen - first_poll),
        "startup": first_poll - started,
        "median": statistics.median(delays),
        "p95": percentile(delays, 95),
        "max": max(delays),
    }


def watch(connect: Any, base: str, items: int, procs: list[subprocess.Popen[bytes]]) -> dict[str, float]:
    """Read the articles table every 0.1 s until every item is visible; when each was first seen."""
    visible: dict[str, float] = {}
    deadline = time.monotonic() + 3600
    conn = connect()
    try:
        while len(visible) < items:
            if any(p.poll() is not None for p in procs):
                raise SystemExit("a worker stopped before the end")
            if time.monotonic() > deadline:
                raise SystemExit(f"only {len(visible)} of {items} articles after an hour")
            failed = conn.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'"
            ).fetchone()[0]
            if failed:
                raise SystemExit(f"{failed} job(s) failed; {len(visible)} of {items} articles visible")
            # every address each time: with several writers on PostgreSQL an article with a lower
            # number can become visible after one with a higher number
            rows = conn.execute("SELECT url FROM kb_article").fetchall()
            now = time.monotonic()
            for (address,) in rows:
                if address.startswith(base):
                    visible.setdefault(address, now)
            time.sleep(0.1)
    finally:
        conn.close()
    return visible


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument(
        "--feeds", type=int, default=20, help="feeds the items are spread over (at most 50 items each)"
    )
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="a PostgreSQL URL: each run uses a fresh database beside it")
    parser.add_argument("--keep", action="store_true", help="keep the data directories")
    args = parser.parse_args()
    if args.items > 50 * args.feeds:
        # a poll hands on at most 50 new items (HAMKARI_PAGES_PER_POLL); the others wait
        # for the source's next poll, an interval later, which is not what this measures
        parser.error("at most 50 items a feed: give more --feeds")
    site = Site()
    httpd = serve(site)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    built = build_site(args.items, args.feeds, args.seed, base)
    site.feeds, site.pages, site.feed_items = built.feeds, built.pages, built.feed_items
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{args.items} items in {args.feeds} feeds, {database}, load average {os.getloadavg()[0]:.1f}")
    print("workers | items/s | time | median poll→visible | p95 | max | first poll after start")
    for workers in (int(w) for w in args.workers.split(",")):
        r = run(site, base, workers, args.database_url, args.items, args.keep)
        print(
            f"{r['workers']} | {r['per_second']:.1f} | {r['seconds']:.1f} s | {r['median']:.1f} s | "
            f"{r['p95']:.1f} s | {r['max']:.1f} s | {r['startup']:.1f} s  (visible {r['visible']}, "
            f"load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )
    httpd.shutdown()


if __name__ == "__main__":
    main()
