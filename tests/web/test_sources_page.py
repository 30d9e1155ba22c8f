"""The watched sources' page and a source's page (hamkari/web/views/sources.py): health for
analysts, enabling a disabled source again, in Persian with Jalali dates, hostile text escaped."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hamkari.kb.models import AuditLog
from hamkari.monitoring import polling
from hamkari.monitoring.models import Source
from hamkari.monitoring.services import source_add, source_poll
from hamkari.web.templatetags.hamkari import jalali_text
from tests.web.test_interface_language import leaks
from tests.web.test_pages import logged_in

pytestmark = pytest.mark.django_db

FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour notes</title>'
    "<item><title>Two ports agree on a ferry</title>"
    "<description>The port of one Caspian city and a port on the Volga agreed to run a ferry.</description>"
    "<pubDate>Tue, 14 Jan 2025 08:00:00 GMT</pubDate></item>"
    "<item><title>A trade fair opens</title>"
    "<description>Firms from both countries showed machine parts at a fair.</description></item>"
    "</channel></rss>"
)


@pytest.fixture
def watched(tmp_path: Path) -> dict[str, Source]:
    """A local feed (items without links: nothing is fetched) polled once, and a feed file that
    went missing, polled until it was disabled."""
    good_file, gone_file = tmp_path / "harbour.rss", tmp_path / "gone.rss"
    good_file.write_text(FEED, encoding="utf-8")
    gone_file.write_text(FEED, encoding="utf-8")
    good = source_add(location=str(good_file), outlet="<script>alert('x')</script> Harbour")
    gone = source_add(location=str(gone_file))
    gone_file.unlink()
    good_fetch = source_poll(source=good)
    assert good_fetch.outcome == "new"
    for _ in range(polling.MAX_FAILURES):
        source_poll(source=gone)
    good.refresh_from_db()
    gone.refresh_from_db()
    assert gone.state == "disabled"
    return {"good": good, "gone": gone}


def test_only_analysts_and_administrators_see_the_sources(
    users: dict[str, Any], watched: dict[str, Source]
) -> None:
    gone = watched["gone"]
    for role in ("viewer", "editor"):
        client = logged_in(users[role])
        assert client.get("/sources/").status_code == 403
        assert client.get(f"/sources/{gone.pk}/").status_code == 403
        assert client.post(f"/sources/{gone.pk}/enable/").status_code == 403
    gone.refresh_from_db()
    assert gone.state == "disabled"
    for role in ("analyst", "admin"):
        assert logged_in(users[role]).get("/sources/").status_code == 200
    assert Client().get("/sources/").status_code == 302  # to the login page


def test_the_sources_page_shows_each_sources_health_in_persian(
    users: dict[str, Any], watched: dict[str, Source]
) -> None:
    page = logged_in(users["analyst"]).get("/sources/").content.decode()
    good, gone = watched["good"], watched["gone"]
    assert leaks(page) == [], leaks(page)
    row = page.split(f'id="source-{good.pk}"')[1].split("</tr>")[0]
    assert "فعال" in row and "خوراک خبری" in row
    assert "۲</td>" in row  # two distinct items
    day = jalali_text(timezone.localtime(good.last_success).date())  # «۱۴ آذر ۱۴۰۵»
    assert f'<span class="date">{day}، ' in row
    assert "&lt;script&gt;" in row and "<script>alert" not in page
    disabled = page.split(f'id="source-{gone.pk}"')[1].split("</tr>")[0]
    # the system's fault in Persian words, not its English phrase («No such file or directory»)
    assert "غیرفعال" in disabled and "۵" in disabled and "چنین پرونده یا پوشه‌ای نیست" in disabled
    assert "No such file" not in page
    assert f'action="/sources/{gone.pk}/enable/"' in disabled
    assert 'href="/sources/"' in page  # in the menu


def test_a_sources_page_lists_its_fetch_history_in_russian(
    users: dict[str, Any], watched: dict[str, Source]
) -> None:
    page = logged_in(users["analyst"], "ru").get(f"/sources/{watched['gone'].pk}/").content.decode()
    assert "История опросов" in page and page.count("Ошибка") >= polling.MAX_FAILURES
    assert "Включить снова" in page
    good = logged_in(users["analyst"], "en").get(f"/sources/{watched['good'].pk}/").content.decode()
    assert "Fetch history" in good and '<td data-label="Outcome">Read</td>' in good
    read = logged_in(users["analyst"], "ru").get(f"/sources/{watched['good'].pk}/").content.decode()
    assert "<th>В очереди на чтение</th>" in read
    # items listed, queued to read, stored; each cell headed by its column's name on a phone
    assert (
        '<td data-label="Элементы">2</td><td data-label="В очереди на чтение">2</td>'
        '<td data-label="Новые статьи">2</td>'
    ) in read
    last = timezone.localtime(watched["good"].last_success)
    assert f'<span class="date">{last:%Y-%m-%d %H:%M}</span>' in good  # Gregorian outside Persian
    assert logged_in(users["analyst"]).get("/sources/999999/").status_code == 404


def test_an_analyst_enables_a_disabled_source_again_with_a_form(
    users: dict[str, Any], watched: dict[str, Source]
) -> None:
    gone = watched["gone"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(users["analyst"])
    assert strict.post(f"/sources/{gone.pk}/enable/").status_code == 403  # no CSRF token
    assert logged_in(users["analyst"]).get(f"/sources/{gone.pk}/enable/").status_code == 405
    response = logged_in(users["analyst"]).post(f"/sources/{gone.pk}/enable/", follow=True)
    assert response.redirect_chain == [(f"/sources/{gone.pk}/", 302)]
    assert "منبع دوباره فعال شد" in response.content.decode()
    gone.refresh_from_db()
    assert (gone.state, gone.failures, gone.last_error) == ("active", 0, "")
    entry = AuditLog.objects.get(action="source.enable", object_id=gone.pk)
    assert (entry.actor, entry.data["failures"]) == (users["analyst"], polling.MAX_FAILURES)
    page = response.content.decode()
    assert "دوباره فعال شد" in page and "analyst" in page


def test_a_poll_error_is_shown_in_the_pages_language_and_an_old_one_in_english_marked(
    users: dict[str, Any], watched: dict[str, Source]
) -> None:
    gone = watched["gone"]
    assert gone.last_error_reason["template"] == "cannot read %(path)s: %(fault)s"
    page = logged_in(users["analyst"]).get(f"/sources/{gone.pk}/").content.decode()
    assert leaks(page) == [], leaks(page)
    assert page.count("ممکن نشد") >= polling.MAX_FAILURES + 1  # the last error and each poll's
    assert f'<bdi dir="ltr" lang="zxx">{gone.location}</bdi>' in page
    russian = logged_in(users["analyst"], "ru").get("/sources/").content.decode()
    assert "не удалось прочитать" in russian
    Source.objects.filter(pk=gone.pk).update(
        last_error="HTTP 500 Internal Server Error", last_error_reason={}
    )
    old = logged_in(users["analyst"]).get(f"/sources/{gone.pk}/").content.decode()
    assert '<bdi dir="ltr" lang="en">HTTP 500 Internal Server Error</bdi>' in old and leaks(old) == []


class _Unavailable(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        # no robots.txt (all is allowed); the feed answers 503, whose reason phrase is English
        self.send_response(404 if self.path == "/robots.txt" else 503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def unavailable(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The address of a feed at a local server that answers 503; 127.0.0.1 is allowed by name
    (an administrator's HAMKARI_FETCH_ALLOW_HOSTS), as in tests/monitoring."""
    monkeypatch.setenv("HAMKARI_FETCH_ALLOW_HOSTS", "127.0.0.1")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Unavailable)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/feed.rss"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_feed_answering_503_is_said_in_persian_words_on_its_page(
    users: dict[str, Any], unavailable: str
) -> None:
    source = source_add(location=unavailable)
    assert source_poll(source=source).status == 503
    page = logged_in(users["analyst"]).get(f"/sources/{source.pk}/").content.decode()
    assert "وبگاه فعلاً در دسترس نیست" in page and "Service Unavailable" not in page
    assert '(<bdi dir="ltr" lang="zxx">HTTP</bdi> <bdi>۵۰۳</bdi>)' in page  # the code in Persian digits
    assert leaks(page) == [], leaks(page)
    listed = logged_in(users["analyst"], "ru").get("/sources/").content.decode()
    assert "сервис временно недоступен" in listed and "Service Unavailable" not in listed
