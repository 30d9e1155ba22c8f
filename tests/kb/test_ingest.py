"""`hamkari ingest`: batches with bad items, feeds, JSON Lines, and a batch killed mid-way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from hamkari.extraction import extract
from hamkari.kb.ingest import run_batch
from hamkari.kb.models import Article, ExtractionRun, Mention
from tests.kb.factories import EN_JALALI, FA_JALALI_FULL, FA_JALALI_SHORT, RU_JALALI
from tests.recording_server import Recorder

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Caspian Wire</title>
<item><title>Gilan and Astrakhan talk shipping</title><link>https://example.org/1</link>
<pubDate>Tue, 02 Jul 2024 10:00:00 +0000</pubDate>
<description>&lt;p&gt;The Governor of Gilan Province met a delegation from Astrakhan Region
in Rasht.&lt;/p&gt;</description></item>
<item><title></title><link>https://example.org/2</link><description></description></item>
<item><title>Volgograd grain for Mazandaran</title><link>https://example.org/3</link>
<description>Volgograd Region will ship grain to Mazandaran through Caspian ports.</description></item>
</channel></rss>"""


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    (tmp_path / "01.txt").write_text(FA_JALALI_FULL, encoding="utf-8")
    (tmp_path / "02_empty.txt").write_bytes(b"")
    (tmp_path / "03_binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "04.html").write_text(
        f"<html><body><nav>menu</nav><p>{EN_JALALI}</p></body></html>", encoding="utf-8"
    )
    (tmp_path / "05_same.txt").write_text(FA_JALALI_FULL.replace(" ", "  "), encoding="utf-8")
    (tmp_path / "06.rss").write_text(FEED, encoding="utf-8")
    lines = [
        json.dumps(
            {"text": RU_JALALI, "url": "https://example.org/ru", "published": "2024-06-10", "outlet": "ТАСС"}
        ),
        "{not json",
        json.dumps({"text": "", "url": "x"}),
        json.dumps({"text": FA_JALALI_SHORT, "published": "10/06/2024"}),
    ]
    (tmp_path / "07.jsonl").write_text("\n".join(lines), encoding="utf-8")
    return tmp_path


@pytest.mark.django_db
def test_a_batch_goes_on_past_bad_items_and_says_why(batch: Path) -> None:
    summary = run_batch([str(batch)], progress=False)
    assert (summary.new, summary.duplicate) == (5, 1)
    reasons = {Path(source).name: reason for source, reason in summary.failed}
    assert reasons == {
        "02_empty.txt": "file is empty",
        "03_binary.txt": "binary file (contains NUL bytes), not text",
        "06.rss#2": "feed item has no title and no text",
        "07.jsonl:2": "not JSON: a name in double quotes was expected at column 2",
        "07.jsonl:3": "'text' is missing or empty",
        "07.jsonl:4": "'published' is not a date: '10/06/2024'",
    }
    ru = Article.objects.get(language="ru")
    assert (ru.url, ru.outlet.name if ru.outlet else None, str(ru.published)) == (
        "https://example.org/ru",
        "ТАСС",
        "2024-06-10",
    )
    feed_items = Article.objects.filter(url__startswith="https://example.org/").exclude(language="ru")
    assert sorted(a.url for a in feed_items) == ["https://example.org/1", "https://example.org/3"]
    assert str(feed_items.get(url="https://example.org/1").published) == "2024-07-02"


@pytest.mark.django_db
def test_ingesting_the_batch_again_adds_nothing(batch: Path) -> None:
    run_batch([str(batch)], progress=False)
    counts = (Article.objects.count(), Mention.objects.count())
    summary = run_batch([str(batch)], progress=False)
    assert (summary.new, summary.duplicate) == (0, 6)
    assert (Article.objects.count(), Mention.objects.count()) == counts


@pytest.mark.django_db
def test_a_broken_feed_is_one_failure(tmp_path: Path) -> None:
    (tmp_path / "broken.rss").write_text(
        "<?xml version='1.0'?><rss><channel><title>Wire</tit", encoding="utf-8"
    )
    summary = run_batch([str(tmp_path / "broken.rss")], progress=False)
    assert summary.new == 0 and len(summary.failed) == 1
    assert summary.failed[0][1].startswith("not a readable RSS/Atom feed")


@pytest.mark.django_db
def test_each_poison_file_fails_alone_and_every_good_one_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hamkari.extraction.components.quantities import QuantityFinder
    from hamkari.extraction.document import Document

    original = QuantityFinder.__call__

    def fails_on_poison(self: QuantityFinder, doc: Document) -> None:
        if "POISON" in doc.text:
            raise RuntimeError("an internal fault")
        original(self, doc)

    monkeypatch.setattr(QuantityFinder, "__call__", fails_on_poison)
    (tmp_path / "1.txt").write_text(FA_JALALI_FULL, encoding="utf-8")
    (tmp_path / "2_huge_number.txt").write_text(f"Сумма составила {'9' * 5000} рублей.", encoding="utf-8")
    (tmp_path / "3.txt").write_text(RU_JALALI, encoding="utf-8")
    (tmp_path / "4_rare_letter.txt").write_text("Губернатор встретился с \U00017000при.", encoding="utf-8")
    (tmp_path / "5_bom.txt").write_bytes(b"\xef\xbb\xbf" + "گیلان".encode() + b"\xff\xfe")
    (tmp_path / "6_poison.txt").write_text(EN_JALALI + " POISON", encoding="utf-8")
    (tmp_path / "7.txt").write_text(FA_JALALI_SHORT, encoding="utf-8")
    summary = run_batch([str(tmp_path)], progress=False)
    assert (summary.new, summary.duplicate) == (5, 0)
    assert [(Path(source).name, reason) for source, reason in summary.failed] == [
        ("5_bom.txt", "invalid UTF-8 at byte 13 (0xff) after a UTF-8 byte-order mark"),
        ("6_poison.txt", "internal error in component 'quantities': RuntimeError: an internal fault"),
    ]
    assert Article.objects.count() == 5
    assert not Article.objects.filter(text__contains="POISON").exists()


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, password, host, port = settings["USER"], settings["PASSWORD"], settings["HOST"], settings["PORT"]
    return f"postgres://{user}:{password}@{host or 'localhost'}:{port or 5432}/{settings['NAME']}"


def _articles(folder: Path, count: int) -> None:
    base = (FA_JALALI_FULL, FA_JALALI_SHORT, RU_JALALI, EN_JALALI)
    for n in range(count):
        # different texts (the number changes the hash), same facts
        (folder / f"{n:03d}.txt").write_text(base[n % 4] + f"\n\n{n + 1000} ", encoding="utf-8")


def _start(folder: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HAMKARI_DATABASE_URL": _database_url()}
    return subprocess.Popen(
        [sys.executable, "-m", "hamkari.cli", "ingest", "--no-progress", str(folder)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # a test run started in the background inherits an ignored SIGINT; Ctrl-C must reach
        # the command as it does in a terminal
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_articles(process: subprocess.Popen[bytes], at_least: int) -> None:
    deadline = time.monotonic() + 60
    while Article.objects.count() < at_least:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the child stored too few articles in time"
        time.sleep(0.05)


def _assert_every_article_whole() -> None:
    for article in Article.objects.all():
        expected = sum(len(e.mentions) for e in extract(article.text, published=article.published).entities)
        assert ExtractionRun.objects.filter(article=article).count() == 1
        assert Mention.objects.filter(article=article).count() == expected, article.source


@pytest.mark.django_db(transaction=True)
def test_killing_a_batch_leaves_every_stored_article_whole(tmp_path: Path) -> None:
    _articles(tmp_path, 200)
    process = _start(tmp_path)
    _wait_for_articles(process, 5)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    stored = Article.objects.count()
    assert 5 <= stored < 200
    _assert_every_article_whole()
    again = _start(tmp_path)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"new {200 - stored}, duplicate {stored}, failed 0" in out.decode()
    _assert_every_article_whole()


@pytest.mark.django_db(transaction=True)
def test_ctrl_c_stops_the_batch_with_a_summary(tmp_path: Path) -> None:
    _articles(tmp_path, 200)
    process = _start(tmp_path)
    _wait_for_articles(process, 3)
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted" in out.decode()
    _assert_every_article_whole()


def test_the_cli_reports_failures_with_exit_status_one(batch: Path, tmp_path_factory: Any) -> None:
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items() if k != "HAMKARI_DATABASE_URL"} | {"HAMKARI_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "hamkari.cli", "ingest", str(batch)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "new 5, duplicate 1, failed 6" in result.stdout
    assert (home / "hamkari.sqlite3").exists()


@pytest.fixture
def web(tmp_path: Path) -> Any:
    """A local web server (127.0.0.1 only) with a page, a feed and a missing page."""
    import http.server
    import threading
    from functools import partial

    (tmp_path / "page.html").write_text(
        f"<html><head><meta property='article:published_time' content='2024-06-12'></head><body>"
        f"<nav>menu</nav><article><p>{EN_JALALI}</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.django_db
def test_it_ingests_pages_and_feeds_by_url(web: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMKARI_FETCH_ALLOW_HOSTS", "127.0.0.1")  # the test server listens on loopback
    summary = run_batch([f"{web}/page.html", f"{web}/feed.xml", f"{web}/missing.html"], progress=False)
    assert (summary.new, summary.duplicate) == (3, 0)
    assert summary.failed == [
        (f"{web}/feed.xml#2", "feed item has no title and no text"),
        (f"{web}/missing.html", "page not found (HTTP 404)"),
    ]
    page = Article.objects.get(url=f"{web}/page.html")
    assert str(page.published) == "2024-06-12" and page.language == "en"


@pytest.mark.django_db
def test_a_loopback_page_or_feed_is_refused_and_never_fetched(recording_server: Recorder) -> None:
    summary = run_batch([recording_server.url("/news.rss"), recording_server.url("/page")], progress=False)
    assert summary.new == 0 and len(summary.failed) == 2
    assert all(reason.startswith("refused: 127.0.0.1 is a loopback address") for _, reason in summary.failed)
    assert recording_server.hits == [] and not Article.objects.exists()
