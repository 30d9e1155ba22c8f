"""Writes of monitoring: enqueueing jobs, adding sources and polling them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from hamkari.kb.ingest import item_ingest
from hamkari.kb.models import Article
from hamkari.monitoring import demo, models, polling
from hamkari.monitoring.models import Fetch, Source
from hamkari.sources.fetch import FetchError, FetchRefused, request
from hamkari.sources.inputs import MAX_BYTES, InputError
from hamkari.sources.items import Item, article_item, feed_items, is_url

LANGUAGES = ("fa", "ru", "en")
FEED_BYTES = 20 * MAX_BYTES  # a feed may hold many articles


class SourceError(ValueError):
    """A source that cannot be added; the message is one line for the user."""


def source_add(
    *, location: str, outlet: str = "", language: str = "", region: str = "", every: int = 60
) -> Source:
    """Register a feed URL or a local feed file, due at once."""
    if is_url(location):
        where = location.strip()
    else:
        path = Path(location).expanduser()
        if not path.is_file():
            raise SourceError(f"{location}: neither an http(s) address nor a feed file")
        where = str(path.resolve())
    if language and language not in LANGUAGES:
        raise SourceError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
    if every < 1:
        raise SourceError("--every must be at least 1 minute")
    if Source.objects.filter(location=where).exists():
        raise SourceError(f"{where}: already a source")
    return Source.objects.create(
        location=where,
        outlet=outlet,
        language=language,
        region=region,
        every=every,
        interval=every,
        next_poll_at=timezone.now(),
    )


def demo_source_register() -> tuple[Source, bool]:
    """The bundled demo feed as a source (see monitoring/demo.py), added once: the source and
    whether it was added now."""
    existing = Source.objects.filter(location=str(demo.DEMO_FEED)).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return source_add(location=str(demo.DEMO_FEED)), True
    except (SourceError, IntegrityError):  # added meanwhile by another process
        return Source.objects.get(location=str(demo.DEMO_FEED)), False


@dataclass
class PollOutcome:
    outcome: str
    status: int | None = None
    items: int = 0
    new: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""
    again_at: dt.datetime | None = None  # a source holding items back (the demo) wants a poll then


def source_poll(*, source: Source) -> Fetch:
    """Poll one source now: read it (conditional GET), store its new items, record the fetch and
    set the next poll. Whatever goes wrong is recorded on the source; nothing is raised."""
    now = timezone.now()
    source = Source.objects.get(pk=source.pk)  # its validators and schedule as stored now
    try:
        outcome, headers = _read(source)
    except FetchError as exc:
        outcome, headers = PollOutcome(models.ERROR, error=str(exc)[:500]), {}
    return _record(source, outcome, headers, now)


def _read(source: Source) -> tuple[PollOutcome, dict[str, str]]:
    if not is_url(source.location):
        try:
            data = Path(source.location).read_bytes()
        except OSError as exc:
            raise FetchError(f"cannot read {source.location}: {exc.strerror or exc}") from exc
        return _items(source, data, None), {}
    conditions = {}
    if source.etag:
        conditions["If-None-Match"] = source.etag
    if source.last_modified:
        conditions["If-Modified-Since"] = source.last_modified
    answer = request(source.location, max_bytes=FEED_BYTES, headers=conditions)
    if answer.status == 304:
        return PollOutcome(models.NOT_MODIFIED, 304), answer.headers
    if answer.status in (429, 503):
        return PollOutcome(models.RETRY_LATER, answer.status, error=f"HTTP {answer.status}"), answer.headers
    if answer.status >= 400:
        return PollOutcome(models.ERROR, answer.status, error=f"HTTP {answer.status} {answer.reason}"), {}
    if len(answer.data) > FEED_BYTES:
        return PollOutcome(models.ERROR, answer.status, error=f"feed is larger than {FEED_BYTES:,} bytes"), {}
    return _items(source, answer.data, answer.status), answer.headers


def _items(source: Source, data: bytes, status: int | None) -> PollOutcome:
    found = list(feed_items(source.location, data))
    if len(found) == 1 and found[0].error and found[0].error.startswith("not a readable"):
        return PollOutcome(models.ERROR, status, error=found[0].error[:500])
    found, again_at = demo.release(source, found, now=timezone.now())
    outcome = PollOutcome(models.NEW, status, items=len(found), again_at=again_at)
    for item in found:
        if item.url and Article.objects.filter(url=item.url).exists():
            continue  # seen before (by address); the same text at another address is caught by its hash
        try:
            stored = item_ingest(_page(item, source))
        except InputError as exc:
            outcome.failed.append((item.source, str(exc)[:300]))
            continue
        outcome.new += stored.status == "new"
    return outcome


def _page(item: Item, source: Source) -> Item:
    """The item with its page's article text when its link can be read (the feed's text otherwise);
    a link to an address the server may not read refuses the item."""
    if item.outlet is None or source.outlet:
        item.outlet = source.outlet or item.outlet
    if not is_url(item.url):
        return item
    try:
        answer = request(item.url, max_bytes=MAX_BYTES)
    except FetchRefused as exc:
        raise InputError(str(exc)) from exc
    except FetchError:
        return item
    if answer.status >= 400 or len(answer.data) > MAX_BYTES:
        return item
    page = article_item(item.url, answer.data, url=item.url)
    if page.error or not page.text or len(page.text) < len(item.text or ""):
        return item  # a page without article text: the feed's own text
    return Item(item.source, text=page.text, url=item.url, published=item.published, outlet=item.outlet)


@transaction.atomic
def _record(source: Source, outcome: PollOutcome, headers: dict[str, str], now: dt.datetime) -> Fetch:
    source = Source.objects.select_for_update().get(pk=source.pk)
    if outcome.outcome in (models.NEW, models.NOT_MODIFIED):
        source.failures, source.last_error, source.last_success = 0, "", now
        source.interval = polling.interval_after(
            every=source.every, interval=source.interval, new=outcome.new
        )
        source.next_poll_at = outcome.again_at or now + dt.timedelta(minutes=source.interval)
        source.items_seen += outcome.items
        source.etag = headers.get("etag", source.etag)[:500]
        source.last_modified = headers.get("last-modified", source.last_modified)[:100]
    else:
        source.failures += 1
        source.last_error = outcome.error
        wait = polling.retry_after(headers.get("retry-after"), now=now)
        source.next_poll_at = now + (
            wait or polling.backoff(interval=source.interval, failures=source.failures)
        )
        if source.failures >= polling.MAX_FAILURES:
            source.state = models.DISABLED
    source.save()
    return Fetch.objects.create(
        source=source,
        status=outcome.status,
        outcome=outcome.outcome,
        items=outcome.items,
        new=outcome.new,
        failed=[list(f) for f in outcome.failed],
        error=outcome.error,
    )
