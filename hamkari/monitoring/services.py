"""Writes of monitoring: adding sources, enabling and disabling them, and polling them.

A poll reads the source's address (conditional GET, through `hosts.polite_request`: robots.txt
and the per-site pace), lists its items — a feed's items, a sitemap's pages, a section page's
links that match its pattern — and for each item not seen before reads its page, keeps the
article text and stores it with the listed date. Every item is remembered once per source
(SourceItem), so a page is read once, a failed one at most MAX_ITEM_ATTEMPTS times, and
`items_seen` counts distinct items."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from hamkari.extraction import ExtractionError
from hamkari.kb.models import Article
from hamkari.kb.services import IngestOutcome, article_ingest, audit_record
from hamkari.monitoring import demo, models, polling
from hamkari.monitoring.hosts import polite_request
from hamkari.monitoring.models import Fetch, Source, SourceItem
from hamkari.sources.fetch import FetchError, FetchRefused
from hamkari.sources.inputs import MAX_BYTES, InputError
from hamkari.sources.items import Item, feed_items, is_url
from hamkari.sources.pages import Page, page_read, section_links, sitemap_read
from hamkari.sources.robots import RobotsDisallowed

LANGUAGES = ("fa", "ru", "en")
FEED_BYTES = 20 * MAX_BYTES  # a feed or sitemap may list many articles
MAX_ITEM_ATTEMPTS = 3  # polls that try an item that failed
MAX_CHILD_SITEMAPS = 3  # of a sitemap index, the newest ones are read


class SourceError(ValueError):
    """A source that cannot be added; the message is one line for the user."""


def source_add(
    *,
    location: str,
    kind: str = models.FEED,
    links: str = "",
    outlet: str = "",
    language: str = "",
    region: str = "",
    every: int = 60,
) -> Source:
    """Register a feed, sitemap or section page (an http(s) address; a feed or sitemap may be a
    local file), due at once. `links` is the pattern an article address must match: needed for a
    section page, optional for a sitemap (which may list pages that are not articles)."""
    _check_kind(kind, links, location)
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
        kind=kind,
        links=links,
        outlet=outlet,
        language=language,
        region=region,
        every=every,
        interval=every,
        next_poll_at=timezone.now(),
    )


def _check_kind(kind: str, links: str, location: str) -> None:
    if kind not in models.KINDS:
        raise SourceError(f"unknown kind {kind!r}; use one of {', '.join(models.KINDS)}")
    if links:
        try:
            re.compile(links)
        except re.error as exc:
            raise SourceError(f"--links is not a regular expression: {exc}") from exc
    if kind == models.SECTION and not links:
        raise SourceError("a section page needs --links REGEX, the pattern of its article addresses")
    if kind == models.SECTION and not is_url(location):
        raise SourceError("a section page must be an http(s) address")
    if kind == models.FEED and links:
        raise SourceError("--links is for sitemaps and section pages; a feed lists its articles itself")


@transaction.atomic
def source_enable(*, source: Source, user: User | None = None) -> Source:
    """An analyst enables a source again (after it was disabled by errors or by hand): active,
    no failures counted, due at once; the audit log keeps who did it (None: the command line)
    and the error it had."""
    source = Source.objects.select_for_update().get(pk=source.pk)
    before = {"state": source.state, "failures": source.failures, "last_error": source.last_error}
    source.state, source.failures, source.last_error = models.ACTIVE, 0, ""
    source.next_poll_at = timezone.now()
    source.save(update_fields=["state", "failures", "last_error", "next_poll_at"])
    audit_record(user=user, action="source.enable", obj=source, data=before)
    return source


@transaction.atomic
def source_disable(*, source: Source, user: User | None = None) -> Source:
    """Stop polling a source until it is enabled again (kept in the audit log)."""
    source = Source.objects.select_for_update().get(pk=source.pk)
    source.state = models.DISABLED
    source.save(update_fields=["state"])
    audit_record(user=user, action="source.disable", obj=source, data={})
    return source


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
    deferred: int = 0  # new items left for the next poll (HAMKARI_PAGES_PER_POLL, a busy site)
    busy: dt.timedelta | None = None  # a page answered 429/503: its Retry-After (0 without one)
    again_at: dt.datetime | None = None  # a source holding items back (the demo) wants a poll then


class SiteBusy(FetchError):
    """An item's page answered 429 or 503: the site asks us to slow down."""

    def __init__(self, message: str, wait: dt.timedelta | None) -> None:
        super().__init__(message)
        self.wait = wait


@dataclass
class Listing:
    """What a source lists: items (a feed's carry their text) and what could not be listed."""

    items: list[Item]
    failed: list[tuple[str, str]] = field(default_factory=list)
    again_at: dt.datetime | None = None  # the demo feed holds items back until then


def source_poll(*, source: Source) -> Fetch:
    """Poll one source now: read it (conditional GET), store its new items, record the fetch and
    set the next poll. Whatever goes wrong is recorded on the source; nothing is raised."""
    now = timezone.now()
    source = Source.objects.get(pk=source.pk)  # its validators and schedule as stored now
    try:
        outcome, headers = _read(source)
    except RobotsDisallowed as exc:
        outcome, headers = PollOutcome(models.ROBOTS, error=str(exc)[:500]), {}
    except FetchError as exc:
        outcome, headers = PollOutcome(models.ERROR, error=str(exc)[:500]), {}
    return _record(source, outcome, headers, now)


def _read(source: Source) -> tuple[PollOutcome, dict[str, str]]:
    if not is_url(source.location):
        try:
            data = Path(source.location).read_bytes()
        except OSError as exc:
            raise FetchError(f"cannot read {source.location}: {exc.strerror or exc}") from exc
        return _listed_and_stored(source, data, source.location, None), {}
    conditions = {}
    if source.etag:
        conditions["If-None-Match"] = source.etag
    if source.last_modified:
        conditions["If-Modified-Since"] = source.last_modified
    answer = polite_request(source.location, max_bytes=FEED_BYTES, headers=conditions)
    if answer.status == 304:
        return PollOutcome(models.NOT_MODIFIED, 304), answer.headers
    if answer.status in (429, 503):
        return PollOutcome(models.RETRY_LATER, answer.status, error=f"HTTP {answer.status}"), answer.headers
    if answer.status >= 400:
        return PollOutcome(models.ERROR, answer.status, error=f"HTTP {answer.status} {answer.reason}"), {}
    if len(answer.data) > FEED_BYTES:
        return PollOutcome(models.ERROR, answer.status, error=f"larger than {FEED_BYTES:,} bytes"), {}
    return _listed_and_stored(source, answer.data, answer.url, answer.status), answer.headers


def _listed_and_stored(source: Source, data: bytes, base: str, status: int | None) -> PollOutcome:
    try:
        listing = _listing(source, data, base)
    except InputError as exc:
        return PollOutcome(models.ERROR, status, error=str(exc)[:500])
    return _store(source, listing, status)


def _listing(source: Source, data: bytes, base: str) -> Listing:
    """The items the source lists now; InputError when its document cannot be read at all."""
    if source.kind == models.SECTION:
        pattern = re.compile(source.links)
        return Listing([Item(link.url, url=link.url) for link in section_links(data, base, pattern)])
    if source.kind == models.SITEMAP:
        return _sitemap(source, data)
    found = list(feed_items(source.location, data))
    if len(found) == 1 and found[0].error and found[0].error.startswith("not a readable"):
        raise InputError(found[0].error)
    found, again_at = demo.release(source, found, now=timezone.now())
    return Listing(found, again_at=again_at)


def _sitemap(source: Source, data: bytes) -> Listing:
    """The pages of a sitemap, or of the newest MAX_CHILD_SITEMAPS sitemaps of an index (one
    that cannot be read is a failure of this poll; the others go on)."""
    sitemap = sitemap_read(data)
    links, failed = list(sitemap.links), []
    for child in sitemap.children[:MAX_CHILD_SITEMAPS]:
        try:
            answer = polite_request(child.url, max_bytes=FEED_BYTES)
            if answer.status >= 400:
                raise FetchError(f"HTTP {answer.status} {answer.reason}")
            links.extend(sitemap_read(answer.data[:FEED_BYTES]).links)
        except (FetchError, InputError) as exc:
            failed.append((child.url, str(exc)[:300]))
    pattern = re.compile(source.links) if source.links else None
    items = [
        Item(link.url, url=link.url, published=link.published)
        for link in links
        if pattern is None or pattern.search(link.url)
    ]
    return Listing(items, failed)


def _key(item: Item) -> str:
    """An item's identity within its source: its address, or its text when it has none."""
    return hashlib.sha256((item.url or item.text or item.source).encode()).hexdigest()


def _store(source: Source, listing: Listing, status: int | None) -> PollOutcome:
    """Read and store the items not seen before (at most HAMKARI_PAGES_PER_POLL pages); each
    item succeeds or fails alone."""
    outcome = PollOutcome(
        models.NEW, status, items=len(listing.items), failed=list(listing.failed), again_at=listing.again_at
    )
    keys = {_key(item): item for item in listing.items}
    records = {r.key: r for r in SourceItem.objects.filter(source=source, key__in=list(keys))}
    tried = 0
    for key, item in keys.items():
        record = records.get(key)
        if record is not None and (record.state != models.FAILED or record.attempts >= MAX_ITEM_ATTEMPTS):
            continue
        known = Article.objects.filter(url=item.url).first() if item.url else None
        if known is not None:
            _note(source, key, item, record, models.KNOWN, article=known)
            continue
        if tried >= settings.HAMKARI_PAGES_PER_POLL or outcome.busy is not None:
            outcome.deferred += 1
            continue
        tried += 1
        try:
            stored, state = _item_store(item, source)
        except SiteBusy as exc:  # 429/503 on a page: no more pages of this poll; the item waits
            outcome.busy, outcome.deferred = exc.wait or dt.timedelta(0), outcome.deferred + 1
            outcome.error = f"a page answered {exc}"
            continue
        except InputError as exc:
            outcome.failed.append((item.source, str(exc)[:300]))
            _note(source, key, item, record, models.FAILED, error=str(exc))
            continue
        outcome.new += state == models.STORED
        _note(source, key, item, record, state, article=stored)
    if outcome.busy is not None:
        outcome.error += f"; {outcome.deferred} items wait for the next poll"
    return outcome


def _item_store(item: Item, source: Source) -> tuple[Article, str]:
    """Store one listed item with its page's text; the article and STORED, or KNOWN when it was
    there already (by canonical address or by its text); InputError when it cannot be stored."""
    if item.error is not None:
        raise InputError(item.error)
    listed = item.url
    item = _page(item, source)
    if item.url != listed:  # the page names another canonical address
        known = Article.objects.filter(url=item.url).first()
        if known is not None:
            return known, models.KNOWN
    stored = _ingest(item, source)
    return stored.article, models.STORED if stored.status == "new" else models.KNOWN


def _ingest(item: Item, source: Source) -> IngestOutcome:
    """Store the item's text in the source's language when it has one (else the extractor reads
    the language from the text); InputError when it cannot be stored."""
    if item.text is None:
        raise InputError("no text")
    try:
        return article_ingest(
            text=item.text,
            source=item.source,
            url=item.url,
            published=item.published,
            outlet=item.outlet,
            language=source.language or None,
        )
    except ExtractionError as exc:  # this item fails alone; nothing of it was stored
        raise InputError(str(exc)) from exc


def _note(
    source: Source,
    key: str,
    item: Item,
    record: SourceItem | None,
    state: str,
    *,
    error: str = "",
    article: Article | None = None,
) -> None:
    if record is not None:
        record.state, record.error, record.article = state, error[:300], article
        record.attempts += 1
        record.save(update_fields=["state", "error", "article", "attempts", "last_seen"])
        return
    try:
        with transaction.atomic():
            SourceItem.objects.create(
                source=source, key=key, url=item.url[:2000], state=state, error=error[:300], article=article
            )
    except IntegrityError:  # another poll of this source noted it meanwhile
        pass


def _page(item: Item, source: Source) -> Item:
    """The item with its page's article text, canonical address and date (the listed date wins).
    A feed item keeps its own text when the page cannot be read, is disallowed by robots.txt or
    has less text; a sitemap or section item fails then. A link to an address the server may not
    read refuses the item."""
    if item.outlet is None or source.outlet:
        item.outlet = source.outlet or item.outlet
    if not is_url(item.url):
        return item
    try:
        page = _article_page(item.url)
    except SiteBusy:
        raise
    except FetchRefused as exc:
        raise InputError(str(exc)) from exc
    except (FetchError, InputError) as exc:
        if item.text:
            return item
        raise InputError(str(exc)) from exc
    if item.text and len(page.text) < len(item.text):
        return item
    return Item(
        item.source,
        text=page.text,
        url=page.canonical or item.url,
        published=item.published or page.published,
        outlet=item.outlet,
    )


def _article_page(url: str) -> Page:
    answer = polite_request(url, max_bytes=MAX_BYTES)
    if answer.status in (429, 503):
        wait = polling.retry_after(answer.headers.get("retry-after"), now=timezone.now())
        raise SiteBusy(f"HTTP {answer.status}", wait)
    if answer.status >= 400:
        raise FetchError(f"HTTP {answer.status} {answer.reason}")
    if len(answer.data) > MAX_BYTES:
        raise InputError(f"page is larger than {MAX_BYTES:,} bytes")
    return page_read(answer.data, answer.url)


@transaction.atomic
def _record(source: Source, outcome: PollOutcome, headers: dict[str, str], now: dt.datetime) -> Fetch:
    source = Source.objects.select_for_update().get(pk=source.pk)
    if outcome.outcome in (models.NEW, models.NOT_MODIFIED):
        source.failures, source.last_error, source.last_success = 0, "", now
        source.interval = polling.interval_after(
            every=source.every, interval=source.interval, new=outcome.new
        )
        wait = dt.timedelta(minutes=polling.MIN_INTERVAL if outcome.deferred else source.interval)
        if outcome.busy is not None:  # a page asked us to slow down: not before its Retry-After
            wait = max(wait, outcome.busy)
        source.next_poll_at = now + wait
        if outcome.again_at is not None and outcome.busy is None:
            source.next_poll_at = min(source.next_poll_at, outcome.again_at)
        source.items_seen = SourceItem.objects.filter(source=source).count()
        source.etag = headers.get("etag", source.etag)[:500]
        source.last_modified = headers.get("last-modified", source.last_modified)[:100]
    else:
        source.failures += 1
        source.last_error = outcome.error
        wait = polling.retry_after(headers.get("retry-after"), now=now) or polling.backoff(
            interval=source.interval, failures=source.failures
        )
        source.next_poll_at = now + wait
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
