"""A local HTTP server that records every request it gets: the tests of server-side fetching
prove that a refused address was never contacted."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

PAGE = (
    b"<html><body><h1>Kazan and Tabriz</h1><p>The two cities agreed to open a trade house.</p></body></html>"
)
FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Local wire</title>'
    b"<item><title>Kazan and Tabriz</title><link>http://example.org/1</link>"
    b"<description>The two cities agreed to open a trade house.</description></item>"
    b"</channel></rss>"
)


@dataclass
class Recorder:
    port: int
    hits: list[str] = field(default_factory=list)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


def _handler(recorder: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            recorder.hits.append(self.path)
            parts = urlsplit(self.path)
            if parts.path == "/redirect":
                self.send_response(302)
                self.send_header("Location", parse_qs(parts.query)["to"][0])
                self.end_headers()
                return
            feed = parts.path.endswith(".rss")
            body = FEED if feed else PAGE
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml" if feed else "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def recording_server() -> Iterator[Recorder]:
    recorder = Recorder(port=0)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(recorder))
    recorder.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield recorder
    finally:
        server.shutdown()
        server.server_close()
