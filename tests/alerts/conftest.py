from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pytest

from hamkari.cli import main
from hamkari.kb.services import reference_load

# Articles we wrote for these tests (the facts are invented).
FERRY = (
    "Ferry line for grain",
    "The governor of Gilan and the head of Astrakhan Region signed a memorandum on a ferry line for "
    "grain in Rasht on 14 January 2025. The two sides will open a joint office within two months.",
)
FISH = (
    "Caspian fish farms",
    "Fish farmers of Gilan will sell sturgeon fry to a hatchery near Astrakhan, the chamber of commerce "
    "in Rasht said on 15 January 2025.",
)
KAZAN = (
    "Machine parts fair",
    "Firms from Tatarstan and Isfahan discussed machine parts at a fair in Kazan on 20 January 2025.",
)


def rss(stories: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><description>{body}</description>"
        f"<pubDate>Tue, 14 Jan 2025 08:00:00 GMT</pubDate></item>"
        for title, body in stories
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>'
    return f"{head}{items}</channel></rss>".encode()


def feed_file(folder: Path, stories: list[tuple[str, str]], name: str = "wire.rss") -> Path:
    path = folder / name
    path.write_bytes(rss(stories))
    return path


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def regions(db: Any) -> None:
    reference_load()


@pytest.fixture
def reader(db: Any) -> Any:
    from tests.kb.factories import UserFactory

    return UserFactory(username="reader", email="reader@example.org")
