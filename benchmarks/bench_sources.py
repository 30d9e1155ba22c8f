"""Watched sources without feeds, against a local HTTP server, on SQLite.

1. The polite gate (`hamkari.monitoring.hosts.polite_request`: robots.txt kept on the site's row,
   the turn taken by a compare-and-set update) against a plain guarded `request`: R requests of
   each to one local page, median and p95 per request in ms.
2. A sitemap source listing N article pages (texts from bench_kb's own generator, wrapped in
   HTML with menus) polled until every page is stored (50 pages per poll): pages/s from the
   first poll to the last stored article (fetch, article text, extraction, store), and polls.
3. The pace: with HAMKARI_HOST_DELAY_MS=D, 10 requests to one site; the smallest and mean gap
   between their arrivals at the server.

    .venv/bin/python benchmarks/bench_sources.py [--pages 200] [--requests 200] [--delay 250]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _stats import percentile  # noqa: E402
from bench_kb import make_article  # noqa: E402


def site(pages: int, port: int, seed: int) -> dict[str, bytes]:
    rng = random.Random(seed)
    routes = {"/robots.txt": b"User-agent: *\nDisallow: /private/\n", "/ping": b"pong", "/pace": b"ok"}
    entries = []
    for n in range(pages):
        text = make_article(n, rng).replace("&", "&amp;").replace("<", "&lt;")
        paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
        routes[f"/a/{n}"] = (
            "<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"
            f"<article><h1>Article {n}</h1>{paragraphs}</article><footer>Desk</footer></body></html>"
        ).encode()
        entries.append(f"<url><loc>http://127.0.0.1:{port}/a/{n}</loc><lastmod>2025-03-01</lastmod></url>")
    routes["/sitemap.xml"] = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(entries)
        + "</urlset>"
    ).encode()
    return routes


def serve(routes: dict[str, bytes], arrivals: list[float]) -> ThreadingHTTPServer:
    """A server of `routes`; the time.monotonic() of each request of /pace goes to `arrivals`."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/pace":
                arrivals.append(time.monotonic())
            body = routes.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def timed(call: object, count: int) -> list[float]:
    out = []
    for _ in range(count):
        t = time.perf_counter()
        call()  # type: ignore[operator]
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--delay", type=int, default=250, help="HAMKARI_HOST_DELAY_MS of part 3")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="hamkari-bench-sources-"))
    os.environ["HAMKARI_HOME"] = str(home)
    os.environ.pop("HAMKARI_DATABASE_URL", None)
    os.environ["HAMKARI_FETCH_ALLOW_HOSTS"] = "127.0.0.1"
    routes: dict[str, bytes] = {}
    arrivals: list[float] = []
    httpd = serve(routes, arrivals)  # the pages name the server's port: filled in once it is known
    port = httpd.server_address[1]
    routes.update(site(args.pages, port, args.seed))

    from hamkari.cli import django_setup

    django_setup()
    from django.conf import settings

    from hamkari.kb.models import Article
    from hamkari.monitoring.hosts import polite_request
    from hamkari.monitoring.services import source_add, source_poll
    from hamkari.sources.fetch import request

    settings.HAMKARI_HOST_DELAY_MS = 0
    url = f"http://127.0.0.1:{port}/ping"
    polite_request(url, max_bytes=100)  # robots.txt read once
    plain = timed(lambda: request(url, max_bytes=100), args.requests)
    gated = timed(lambda: polite_request(url, max_bytes=100), args.requests)
    for name, values in (("plain request", plain), ("polite request", gated)):
        print(
            f"{name:<16} median {statistics.median(values):.2f} ms, p95 {percentile(values, 95):.2f} ms "
            f"({args.requests} requests)"
        )

    source = source_add(location=f"http://127.0.0.1:{port}/sitemap.xml", kind="sitemap", links="/a/")
    start = time.perf_counter()
    polls = 0
    while Article.objects.count() < args.pages and polls < args.pages:
        source_poll(source=source)
        polls += 1
    elapsed = time.perf_counter() - start
    stored = Article.objects.count()
    print(
        f"sitemap source   {stored} of {args.pages} pages stored in {elapsed:.1f} s over {polls} polls: "
        f"{stored / elapsed:.1f} pages/s (fetch, article text, extraction, store; host delay 0)"
    )

    settings.HAMKARI_HOST_DELAY_MS = args.delay
    for _ in range(10):
        polite_request(f"http://127.0.0.1:{port}/pace", max_bytes=100)
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(arrivals)]
    print(
        f"pace             host delay {args.delay} ms: gaps between the requests the server received "
        f"min {min(gaps):.0f} ms, mean {statistics.mean(gaps):.0f} ms"
    )
    httpd.shutdown()


if __name__ == "__main__":
    main()
