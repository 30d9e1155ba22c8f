"""Load on the served application: concurrent logged-in clients against waitress over HTTP.

Starts `hamkari serve` (waitress) --processes times, each with --threads threads, on ports
--port, --port+1, … over one SQLite database in a temporary data directory (the bundled sample
articles, or the knowledge base of a `bench_kb.py` run with --home). Then --clients clients
(threads of this process, each with its own keep-alive connection and session) log in as a
viewer (not timed) and then all at once, for --seconds, request in turn the dashboard, an
article, a region page, a search and an API list, spread over the processes round-robin as a
reverse proxy would. Prints the number of requests and errors, requests per second, and median
and p95 page time, overall and per page. The clients run on the same machine as the servers
and take CPU from them.

    .venv/bin/python benchmarks/bench_load.py [--clients 50] [--seconds 30] [--processes 1]
        [--threads 4] [--port 8300] [--home DIR]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _stats import percentile  # noqa: E402

USER, PASSWORD = "bench-viewer", "bench-viewer-password-1"


def _wait_for(port: int, process: subprocess.Popen[bytes], seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(
                f"the server on port {port} stopped: {process.communicate()[1].decode()[-2000:]}"
            )
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server on port {port} did not start in {seconds:.0f} s")


def _serve(env: dict[str, str], port: int, threads: int, samples: bool) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "hamkari.cli", "serve", "--port", str(port), "--threads", str(threads)]
    process = subprocess.Popen(
        command + ([] if samples else ["--no-samples"]),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _wait_for(port, process)
    return process


class Client:
    """One browser: a keep-alive connection, its cookies, a logged-in session."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def login(self) -> None:
        _, page = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None, "no CSRF token on the login page"
        form = urlencode(
            {"csrfmiddlewaretoken": token.group(1).decode(), "username": USER, "password": PASSWORD}
        )
        status, _ = self.request("POST", "/accounts/login/", form)
        if status != 302:
            raise SystemExit(f"login failed with HTTP {status}")


def _pages(port: int) -> list[tuple[str, str]]:
    client = Client(port)
    client.login()
    status, body = client.request("GET", "/api/articles?limit=1")
    assert status == 200, body
    article = re.search(rb'"id": ?(\d+)', body)
    assert article is not None, "no article in the knowledge base"
    return [
        ("dashboard", "/"),
        ("article", f"/articles/{article.group(1).decode()}/"),
        ("region", "/regions/IR-01/"),
        ("search", "/search/?q=" + quote("همکاری")),
        ("api list", "/api/articles?limit=20"),
    ]


def _run_client(
    port: int,
    pages: list[tuple[str, str]],
    start: int,
    ready: threading.Barrier,
    seconds: float,
    results: list[tuple[str, float, int]],
) -> None:
    client = Client(port)
    client.login()  # logging in (a deliberately slow password hash) is not part of the timed load
    ready.wait()
    until = time.monotonic() + seconds
    n = start
    while time.monotonic() < until:
        name, path = pages[n % len(pages)]
        n += 1
        began = time.perf_counter()
        try:
            status, _ = client.request("GET", path)
        except (OSError, http.client.HTTPException):
            status = 0
            client = Client(port)
            client.login()
        results.append((name, time.perf_counter() - began, status))


def _report(results: list[tuple[str, float, int]], seconds: float) -> None:
    times = [t for _, t, _ in results]
    errors = sum(1 for _, _, s in results if s != 200)
    print(
        f"{len(results)} requests in {seconds:.0f} s ({len(results) / seconds:.1f}/s), {errors} errors; "
        f"page time median {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {percentile(times, 95) * 1000:.0f} ms"
    )
    by_page: dict[str, list[float]] = defaultdict(list)
    for name, t, _ in results:
        by_page[name].append(t)
    for name, values in by_page.items():
        print(
            f"  {name:10} {len(values):6} requests  median {statistics.median(values) * 1000:6.0f} ms"
            f"  p95 {percentile(values, 95) * 1000:6.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8300)
    parser.add_argument("--home", help="a data directory with a knowledge base (from bench_kb.py)")
    args = parser.parse_args()
    home = args.home or tempfile.mkdtemp(prefix="hamkari-load-")
    env = {**os.environ, "HAMKARI_HOME": home, "HAMKARI_USER_PASSWORD": PASSWORD}
    env.pop("HAMKARI_DATABASE_URL", None)
    ports = [args.port + i for i in range(args.processes)]
    servers = [_serve(env, ports[0], args.threads, samples=True)]
    try:
        subprocess.run(
            [sys.executable, "-m", "hamkari.cli", "user", USER, "--role", "viewer"],
            env=env,
            check=False,
            capture_output=True,
        )
        servers += [_serve(env, port, args.threads, samples=False) for port in ports[1:]]
        pages = _pages(ports[0])
        print(
            f"{args.clients} clients, {args.processes} waitress process(es) × {args.threads} threads, "
            f"{args.seconds:.0f} s, data in {home}"
        )
        results: list[tuple[str, float, int]] = []
        ready = threading.Barrier(args.clients + 1)
        clients = [
            threading.Thread(
                target=_run_client,
                args=(ports[i % len(ports)], pages, i, ready, args.seconds, results),
            )
            for i in range(args.clients)
        ]
        for c in clients:
            c.start()
        ready.wait()  # every client has logged in
        began = time.monotonic()
        for c in clients:
            c.join()
        _report(results, time.monotonic() - began)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
