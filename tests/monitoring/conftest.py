from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

# a route answers (status, headers, body) from the request's headers
Route = Callable[[dict[str, str]], tuple[int, dict[str, str], bytes]]


@dataclass
class FeedServer:
    port: int = 0
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.hits]


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            server.hits.append((self.path, headers))
            route = server.routes.get(self.path)
            status, extra, body = route(headers) if route else (404, {}, b"")
            self.send_response(status)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture(autouse=True)
def no_host_delay(settings: Any) -> None:
    """Requests to one site follow each other at once here; the test of the pace sets its own."""
    settings.HAMKARI_HOST_DELAY_MS = 0


@pytest.fixture
def feed_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FeedServer]:
    """A local server of feeds and pages; 127.0.0.1 is allowed by name (an administrator's
    HAMKARI_FETCH_ALLOW_HOSTS), `localhost` stays refused."""
    monkeypatch.setenv("HAMKARI_FETCH_ALLOW_HOSTS", "127.0.0.1")
    state = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
