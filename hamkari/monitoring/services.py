"""Writes of monitoring: adding sources, enabling and disabling them, and polling them.

A poll reads the source's address (conditional GET, through `hosts.polite_request`: robots.txt
and the per-site pace), lists its items — a feed's items, a sitemap's pages, a section page's
links that match its pattern — and records each item not seen before as a SourceItem (with what
the listing said of it: address, text, date). Each such item is then read on its own
(`source_item_read`: its page, the article text kept, stored with the listed date) — by one
background job per item, so that several workers share one poll's items, or here in the
foreground for `sources poll --once`. Every item is remembered once per source, so a page is
read once, a failed one at most MAX_ITEM_ATTEMPTS times, and `items_seen` counts distinct
items."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from hamkari.extraction import ExtractionError
from hamkari.kb.models import Article
from hamkari.kb.names import is_place
from hamkari.kb.services import IngestOutcome, article_ingest, audit_record
from hamkari.monitoring import demo, models, polling
from hamkari.monitoring.hosts import polite_request
from hamkari.monitoring.models import Fetch, Host, Source, SourceItem
from hamkari.sources.faults import http_status, os_fault
from hamkari.sources.fetch import FetchError, FetchRefused
from hamkari.sources.inputs import MAX_BYTES, InputError
from hamkari.sources.items import Item, feed_items, is_url
from hamkari.sources.pages import Page, page_read, section_links, sitemap_read
from hamkari.sources.reasons import Reason, reason_json, reason_of
from hamkari.sources.robots import RobotsDisallowed, origin

LANGUAGES = ("fa", "ru", "en")
FEED_BYTES = 20 * MAX_BYTES  # a feed or sitemap may list many articles
MAX_ITEM_ATTEMPTS = 3  # tries of an item (its job's, then the next polls')
QUEUED_LOST = 2 * polling.MAX_BACKOFF  # an item queued this long ago lost its job: queued again
ITEM_RETRY = dt.timedelta(seconds=30)  # an item whose page did not answer: tried again after 30 s, 60 s
MAX_CHILD_SITEMAPS = 3  # of a sitemap index, the newest ones are read


def is_region(code: str) -> bool:
    """A region's ISO code the gazetteer knows (IR-01, RU-AST), not a country's."""
    return "-" in code and is_place(code)


class SourceError(ValueError):
    """A source that cannot be added; the message is one line for the user, in the active language."""


def source_add(
    *,
    location: str,
    kind: str = models.FEED,
    links: str = "",
    outlet: str = "",
    language: str = "",
    region: str = "",
    every: int = 60,
    release: tuple[int, int, int] | None = None,
) -> Source:
    """Register a feed, sitemap or section page (an http(s) address; a feed or sitemap may be a
    local file), due at once. `links` is the pattern an article address must match: needed for a
    section page, optional for a sitemap (which may list pages that are not articles). `region`
    is the region the source covers (kept on its articles as the source's); `release` (first,
    batch, seconds) lets its listing out a few at a time, as the demo feed does."""
    _check_kind(kind, links, location)
    if is_url(location):
        where = location.strip()
    else:
        path = Path(location).expanduser()
        if not path.is_file():
            raise SourceError(
                gettext("%(location)s: neither an http(s) address nor a feed file") % {"location": location}
            )
        where = str(path.resolve())
    if language and language not in LANGUAGES:
        raise SourceError(
            gettext("unknown language %(language)s; use one of %(languages)s")
            % {"language": repr(language), "languages": ", ".join(LANGUAGES)}
        )
    if every < 1:
        raise SourceError(gettext("--every must be at least 1 minute"))
    typed, region = region, region.strip().upper()
    if region and not is_region(region):
        raise SourceError(  # the region as typed («Gilan», not «GILAN»)
            gettext("unknown region %(region)s; give a region's ISO code (IR-01, RU-AST)")
            % {"region": repr(typed)}
        )
    first, batch, seconds = release or (0, 0, 0)
    if release is not None and min(release) < 1:
        raise SourceError(gettext("--release needs three whole numbers of at least 1: FIRST,BATCH,SECONDS"))
    if Source.objects.filter(location=where).exists():
        raise SourceError(gettext("%(location)s: already a source") % {"location": where})
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
        release_first=first,
        release_batch=batch,
        release_every=seconds,
    )


def _check_kind(kind: str, links: str, location: str) -> None:
    if kind not in models.KINDS:
        raise SourceError(
            gettext("unknown kind %(kind)s; use one of %(kinds)s")
            % {"kind": repr(kind), "kinds": ", ".join(models.KINDS)}
        )
    if links:
        try:
            re.compile(links)
        except re.error as exc:
            raise SourceError(
                gettext("--links is not a regular expression: %(fault)s") % {"fault": exc}
            ) from exc
    if kind == models.SECTION and not links:
        raise SourceError(gettext("a section page needs --links REGEX, the pattern of its article addresses"))
    if kind == models.SECTION and not is_url(location):
        raise SourceError(gettext("a section page must be an http(s) address"))
    if kind == models.FEED and links:
        raise SourceError(
            gettext("--links is for sitemaps and section pages; a feed lists its articles itself")
        )


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
            release = (demo.FIRST, demo.BATCH, int(demo.STEP.total_seconds()))
            return source_add(location=str(demo.DEMO_FEED), release=release), True
    except (SourceError, IntegrityError):  # added meanwhile by another process
        return Source.objects.get(location=str(demo.DEMO_FEED)), False


Queue = Callable[[list[int]], None]  # hands on the ids of the SourceItems to read, one job each


@dataclass
class Planned:
    """What a poll does with one listed item: queue it to be read, or note it known or failed."""

    key: str
    item: Item
    record: SourceItem | None
    state: str
    article: int | None = None
    error: str = ""


@dataclass
class PollOutcome:
    outcome: str
    status: int | None = None
    items: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""
    plan: list[Planned] = field(default_factory=list)
    deferred: int = 0  # new items left for the next poll (HAMKARI_PAGES_PER_POLL)
    again_at: dt.datetime | None = None  # a source holding items back (a release) wants a poll then

    @property
    def queued(self) -> int:
        return sum(1 for p in self.plan if p.state == models.QUEUED)


class SiteBusy(FetchError):
    """An item's page answered 429 or 503: the site asks us to slow down."""

    def __init__(self, status: int, wait: dt.timedelta | None) -> None:
        said = http_status(status)
        super().__init__(said.template, **said.params)
        self.wait = wait


class PassingError(InputError):
    """An item's page could not be read for a reason that may pass (no answer, a server error):
    its job tries it again after a while."""


@dataclass
class Listing:
    """What a source lists: items (a feed's carry their text) and what could not be listed."""

    items: list[Item]
    failed: list[tuple[str, str]] = field(default_factory=list)
    again_at: dt.datetime | None = None  # a source with a release holds items back until then


def source_poll(*, source: Source, queue: Queue | None = None) -> Fetch:
    """Poll one source now: read its listing (conditional GET), record its new items and the
    fetch, and set the next poll. With `queue`, the new items are handed to it in the transaction
    that records them (one background job per item: several workers read one poll's items at
    once); without, they are read and stored here, one after the other (`sources poll --once`),
    and the fetch returned counts them. Whatever goes wrong is recorded; nothing is raised."""
    now = timezone.now()
    source = Source.objects.get(pk=source.pk)  # its validators and schedule as stored now
    try:
        outcome, headers = _read(source)
    except RobotsDisallowed as exc:
        outcome, headers = PollOutcome(models.ROBOTS, error=reason_of(exc)), {}
    except FetchError as exc:
        outcome, headers = PollOutcome(models.ERROR, error=reason_of(exc)), {}
    fetch, queued = _record(source, outcome, headers, now, queue)
    if queue is None and queued:
        _read_here(fetch, queued)
        fetch.refresh_from_db()
    return fetch


def _read(source: Source) -> tuple[PollOutcome, dict[str, str]]:
    if not is_url(source.location):
        try:
            data = Path(source.location).read_bytes()
        except OSError as exc:
            fault = os_fault(exc)
            raise FetchError("cannot read %(path)s: %(fault)s", path=source.location, fault=fault) from exc
        return _listed(source, data, source.location, None), {}
    conditions = {}
    if source.etag:
        conditions["If-None-Match"] = source.etag
    if source.last_modified:
        conditions["If-Modified-Since"] = source.last_modified
    answer = polite_request(source.location, max_bytes=FEED_BYTES, headers=conditions)
    if answer.status == 304:
        return PollOutcome(models.NOT_MODIFIED, 304), answer.headers
    if answer.status in (429, 503):
        busy = http_status(answer.status)
        return PollOutcome(models.RETRY_LATER, answer.status, error=busy), answer.headers
    if answer.status >= 400:
        failed = http_status(answer.status)
        return PollOutcome(models.ERROR, answer.status, error=failed), {}
    if len(answer.data) > FEED_BYTES:
        large = Reason("larger than %(limit)s bytes", limit=f"{FEED_BYTES:,}")
        return PollOutcome(models.ERROR, answer.status, error=large), {}
    return _listed(source, answer.data, answer.url, answer.status), answer.headers


def _listed(source: Source, data: bytes, base: str, status: int | None) -> PollOutcome:
    try:
        listing = _listing(source, data, base)
    except InputError as exc:
        return PollOutcome(models.ERROR, status, error=reason_of(exc))
    return _plan(source, _released(source, listing, timezone.now()), status)


def _released(source: Source, listing: Listing, now: dt.datetime) -> Listing:
    """What a source with a release (Source.release_*) lets out now, and when the next batch is
    due; any other source's whole listing."""
    if not source.release_first:
        return listing
    every = dt.timedelta(seconds=max(1, source.release_every))
    out = polling.released(
        total=len(listing.items),
        since=source.created,
        now=now,
        first=source.release_first,
        batch=source.release_batch,
        every=every,
    )
    if out >= len(listing.items):
        return listing
    again_at = polling.next_release(since=source.created, now=now, every=every)
    return Listing(listing.items[:out], listing.failed, again_at=again_at)


def _listing(source: Source, data: bytes, base: str) -> Listing:
    """The items the source lists now; InputError when its document cannot be read at all."""
    if source.kind == models.SECTION:
        pattern = re.compile(source.links)
        return Listing([Item(link.url, url=link.url) for link in section_links(data, base, pattern)])
    if source.kind == models.SITEMAP:
        return _sitemap(source, data)
    found = list(feed_items(source.location, data))
    if len(found) == 1 and found[0].error and found[0].error.startswith("not a readable"):
        raise InputError.of(found[0].error)
    return Listing(found)


def _sitemap(source: Source, data: bytes) -> Listing:
    """The pages of a sitemap, or of the newest MAX_CHILD_SITEMAPS sitemaps of an index (one
    that cannot be read is a failure of this poll; the others go on)."""
    sitemap = sitemap_read(data)
    links, failed = list(sitemap.links), []
    for child in sitemap.children[:MAX_CHILD_SITEMAPS]:
        try:
            answer = polite_request(child.url, max_bytes=FEED_BYTES)
            if answer.status >= 400:
                raise FetchError.of(http_status(answer.status))
            links.extend(sitemap_read(answer.data[:FEED_BYTES]).links)
        except (FetchError, InputError) as exc:
            failed.append((child.url, reason_of(exc)))
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


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _plan(source: Source, listing: Listing, status: int | None) -> PollOutcome:
    """Which listed items to read: those not seen before, one that waits for the next poll, and
    one that failed fewer than MAX_ITEM_ATTEMPTS times — at most HAMKARI_PAGES_PER_POLL of them;
    an item whose address is an article's already is noted known, without reading its page."""
    outcome = PollOutcome(
        models.NEW, status, items=len(listing.items), failed=list(listing.failed), again_at=listing.again_at
    )
    keys = {_key(item): item for item in listing.items}
    now = timezone.now()
    records: dict[str, SourceItem] = {}
    for chunk in _chunks(list(keys)):
        records.update((r.key, r) for r in SourceItem.objects.filter(source=source, key__in=chunk))
    urls = sorted({item.url for item in keys.values() if item.url})
    known: dict[str, int] = {}
    for chunk in _chunks(urls):
        known.update(Article.objects.filter(url__in=chunk).values_list("url", "pk"))
    for key, item in keys.items():
        record = records.get(key)
        if not _to_read(record, now):
            continue
        if item.url in known:
            outcome.plan.append(Planned(key, item, record, models.KNOWN, article=known[item.url]))
        elif item.error is not None:
            outcome.plan.append(Planned(key, item, record, models.FAILED, error=item.error))
            outcome.failed.append((item.source, item.error))
        elif outcome.queued >= settings.HAMKARI_PAGES_PER_POLL:
            outcome.deferred += 1
        else:
            outcome.plan.append(Planned(key, item, record, models.QUEUED))
    return outcome


def _to_read(record: SourceItem | None, now: dt.datetime) -> bool:
    """Whether a poll hands the item on: new, waiting for this poll, failed fewer than
    MAX_ITEM_ATTEMPTS times, or queued so long ago that its job must have been lost (no job waits
    longer than a site's Retry-After, at most a day; a job that finds the item read does nothing)."""
    if record is None or record.state == models.WAITING:
        return True
    if record.state == models.QUEUED:
        return record.last_seen < now - QUEUED_LOST
    return record.state == models.FAILED and record.attempts < MAX_ITEM_ATTEMPTS


@transaction.atomic
def _record(
    source: Source, outcome: PollOutcome, headers: dict[str, str], now: dt.datetime, queue: Queue | None
) -> tuple[Fetch, list[int]]:
    """The poll's fetch, its items and the source's next poll, in one transaction — with the jobs
    that read the new items (`queue`), so that a worker killed here leaves neither items without
    jobs nor jobs without items. The ids of the items to read."""
    source = Source.objects.select_for_update().get(pk=source.pk)
    _schedule(source, outcome, headers, now)
    fetch = Fetch.objects.create(
        source=source,
        status=outcome.status,
        outcome=outcome.outcome,
        items=outcome.items,
        queued=outcome.queued,
        failed=[[item, why[:300], reason_json(why)] for item, why in outcome.failed],
        error=outcome.error[:500],
        error_reason=reason_json(outcome.error),
    )
    queued = [pk for pk in (_note(source, fetch, planned) for planned in outcome.plan) if pk is not None]
    if outcome.outcome == models.NEW:
        source.items_seen = SourceItem.objects.filter(source=source).count()
    source.save()
    _history_prune(source)
    if queue is not None and queued:
        queue(queued)
    return fetch, queued


def _history_prune(source: Source) -> None:
    """Keep the source's latest HAMKARI_FETCH_HISTORY polls; the items they listed stay."""
    keep = settings.HAMKARI_FETCH_HISTORY
    oldest_kept = Fetch.objects.filter(source=source).order_by("-pk").values_list("pk", flat=True)[keep - 1 :]
    cutoff = oldest_kept.first()
    if cutoff is not None:
        Fetch.objects.filter(source=source, pk__lt=cutoff).delete()


def _schedule(source: Source, outcome: PollOutcome, headers: dict[str, str], now: dt.datetime) -> None:
    if outcome.outcome in (models.NEW, models.NOT_MODIFIED):
        source.failures, source.last_error, source.last_success = 0, "", now
        source.last_error_reason = {}
        source.interval = polling.interval_after(
            every=source.every, interval=source.interval, new=outcome.queued
        )
        wait = dt.timedelta(minutes=polling.MIN_INTERVAL if outcome.deferred else source.interval)
        source.next_poll_at = now + wait
        if outcome.again_at is not None:
            source.next_poll_at = min(source.next_poll_at, outcome.again_at)
        source.etag = headers.get("etag", source.etag)[:500]
        source.last_modified = headers.get("last-modified", source.last_modified)[:100]
        return
    source.failures += 1
    source.last_error, source.last_error_reason = outcome.error[:500], reason_json(outcome.error)
    wait = polling.retry_after(headers.get("retry-after"), now=now) or polling.backoff(
        interval=source.interval, failures=source.failures
    )
    source.next_poll_at = now + wait
    if source.failures >= polling.MAX_FAILURES:
        source.state = models.DISABLED


def _note(source: Source, fetch: Fetch, planned: Planned) -> int | None:
    """Record one planned item (with what the listing said of it); its id when it is to be read.
    An item another poll of this source noted meanwhile is left to that poll."""
    item, done = planned.item, planned.state != models.QUEUED
    fields = {
        "fetch": fetch,
        "url": item.url[:2000],
        "label": item.source[:1000],
        "text": "" if done else (item.text or ""),
        "published": item.published,
        "outlet": (item.outlet or "")[:200],
        "state": planned.state,
        "error": planned.error[:300],
        "error_reason": reason_json(planned.error),
        "article_id": planned.article,
    }
    record = planned.record
    if record is not None:
        changed = SourceItem.objects.filter(pk=record.pk, state=record.state, attempts=record.attempts)
        if not changed.update(attempts=record.attempts + done, **fields):
            return None
        return record.pk
    try:
        with transaction.atomic():
            made = SourceItem.objects.create(source=source, key=planned.key, attempts=int(done), **fields)
    except IntegrityError:
        return None
    return made.pk if not done else None


# --- reading one listed item: its page, its article text, the article stored ----------------------


@dataclass
class ItemRead:
    """What reading one item came to: its state (stored, known, failed; queued: to be tried again
    after `wait`; waiting: for the next poll; empty: nothing was left to do) and why it failed."""

    state: str
    wait: dt.timedelta | None = None
    error: str = ""


def source_item_read(*, item_id: int, again: bool = True) -> ItemRead:
    """Read one listed item and store it: its page through the guarded fetch, the article text
    kept, the listing's date (a background job per item, or the poll itself with --once). An item
    already read (stored, known, failed) is left as it is, so the same item twice changes nothing,
    and the article is stored in one transaction or not at all. A page that answers 429/503 makes
    the site busy until its Retry-After for every item of it; with `again` (a job) the item is then
    queued for that moment, and a page that did not answer or answered 5xx is tried again after
    30 s, 60 s (MAX_ITEM_ATTEMPTS in all); without (the foreground), the item waits for the next
    poll, or fails for the next polls to try again."""
    record = SourceItem.objects.select_related("source").filter(pk=item_id).first()
    if record is None or record.state not in (models.QUEUED, models.WAITING):
        return ItemRead("")
    busy = _busy_until(record.url)
    if busy is not None:
        return _later(record, busy - timezone.now(), again, Reason("the site asked us to wait"))
    item = Item(
        record.label or record.url,
        text=record.text or None,
        url=record.url,
        published=record.published,
        outlet=record.outlet or None,
    )
    try:
        article, state = _item_store(item, record.source)
    except SiteBusy as exc:
        wait = exc.wait or dt.timedelta(minutes=polling.MIN_INTERVAL)
        Host.objects.filter(origin=origin(record.url)).update(busy_until=timezone.now() + wait)
        return _later(record, wait, again, Reason("a page of the site: %(answer)s", answer=reason_of(exc)))
    except PassingError as exc:
        return _failed(record, reason_of(exc), again=again)
    except InputError as exc:
        return _failed(record, reason_of(exc), again=False)
    return _done(record, state, article)


def _busy_until(url: str) -> dt.datetime | None:
    if not is_url(url):
        return None
    now = timezone.now()
    found = Host.objects.filter(origin=origin(url), busy_until__gt=now).values_list("busy_until", flat=True)
    return found.first()


def _claim(record: SourceItem) -> SourceItem | None:
    """The item locked for the rest of the transaction, or None when another reading finished it."""
    locked = SourceItem.objects.select_for_update().filter(pk=record.pk).first()
    if locked is None or locked.state not in (models.QUEUED, models.WAITING):
        return None
    return locked


@transaction.atomic
def _done(record: SourceItem, state: str, article: Article) -> ItemRead:
    locked = _claim(record)
    if locked is None:
        return ItemRead("")
    locked.state, locked.article, locked.error, locked.text = state, article, "", ""
    locked.error_reason = {}
    locked.attempts += 1
    locked.save(update_fields=["state", "article", "error", "error_reason", "text", "attempts", "last_seen"])
    if state == models.STORED and locked.fetch_id is not None:
        Fetch.objects.filter(pk=locked.fetch_id).update(new=F("new") + 1)
    return ItemRead(state)


@transaction.atomic
def _failed(record: SourceItem, reason: str, *, again: bool) -> ItemRead:
    locked = _claim(record)
    if locked is None:
        return ItemRead("")
    locked.attempts += 1
    if again and locked.attempts < MAX_ITEM_ATTEMPTS:
        retried = Reason("attempt %(n)s: %(reason)s", n=locked.attempts, reason=reason)
        locked.state, locked.error, locked.error_reason = models.QUEUED, retried[:300], reason_json(retried)
        locked.save(update_fields=["state", "error", "error_reason", "attempts", "last_seen"])
        return ItemRead(models.QUEUED, ITEM_RETRY * float(2 ** (locked.attempts - 1)), reason)
    locked.state, locked.error, locked.error_reason = models.FAILED, reason[:300], reason_json(reason)
    locked.save(update_fields=["state", "error", "error_reason", "attempts", "last_seen"])
    if locked.fetch_id is not None:
        fetch = Fetch.objects.select_for_update().get(pk=locked.fetch_id)
        fetch.failed = [*fetch.failed, [locked.label or locked.url, reason[:300], reason_json(reason)]]
        fetch.save(update_fields=["failed"])
    return ItemRead(models.FAILED, error=reason)


@transaction.atomic
def _later(record: SourceItem, wait: dt.timedelta, again: bool, reason: str) -> ItemRead:
    locked = _claim(record)
    if locked is None:
        return ItemRead("")
    locked.state = models.QUEUED if again else models.WAITING
    locked.error, locked.error_reason = reason[:300], reason_json(reason)
    locked.save(update_fields=["state", "error", "error_reason", "last_seen"])
    return ItemRead(locked.state, max(wait, dt.timedelta(0)), reason)


def _read_here(fetch: Fetch, queued: list[int]) -> None:
    """Read the items of a poll in this process (`sources poll --once`), in the listing's order.
    When a site asked us to wait, the items left wait for the next poll, which comes no sooner
    than the site's Retry-After."""
    waiting, busy, wait = 0, "", dt.timedelta(0)
    for pk in queued:
        read = source_item_read(item_id=pk, again=False)
        if read.state == models.WAITING:
            waiting += 1
            busy = busy or read.error
            wait = max(wait, read.wait or dt.timedelta(0))
    if waiting:
        error = Reason.counted(
            "%(reason)s; %(n)s item waits for the next poll",
            "%(reason)s; %(n)s items wait for the next poll",
            waiting,
            reason=busy or Reason("the site asked us to wait"),
        )
        Fetch.objects.filter(pk=fetch.pk).update(error=error[:500], error_reason=reason_json(error))
        later = timezone.now() + wait
        Source.objects.filter(pk=fetch.source_id, next_poll_at__lt=later).update(next_poll_at=later)


def _item_store(item: Item, source: Source) -> tuple[Article, str]:
    """Store one item with its page's text; the article and STORED, or KNOWN when it was there
    already (by canonical address or by its text); InputError when it cannot be stored."""
    if item.error is not None:
        raise InputError.of(item.error)
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
            source_region=source.region if is_region(source.region) else "",
        )
    except ExtractionError as exc:  # this item fails alone; nothing of it was stored
        raise InputError.of(reason_of(exc)) from exc


def _page(item: Item, source: Source) -> Item:
    """The item with its page's article text, canonical address and date (the listed date wins).
    A feed item keeps its own text when the page cannot be read, is disallowed by robots.txt or
    has less text; a sitemap or section item fails then (PassingError when the reason may pass).
    A link to an address the server may not read refuses the item."""
    if item.outlet is None or source.outlet:
        item.outlet = source.outlet or item.outlet
    if not is_url(item.url):
        return item
    try:
        page = _article_page(item.url)
    except SiteBusy:
        raise
    except FetchRefused as exc:
        raise InputError.of(reason_of(exc)) from exc
    except (FetchError, InputError) as exc:
        if item.text:
            return item
        if _passing(exc):
            raise PassingError.of(reason_of(exc)) from exc
        raise InputError.of(reason_of(exc)) from exc
    if item.text and len(page.text) < len(item.text):
        return item
    return Item(
        item.source,
        text=page.text,
        url=page.canonical or item.url,
        published=item.published or page.published,
        outlet=item.outlet,
    )


class PageStatus(FetchError):
    """An item's page answered with an error status."""

    def __init__(self, status: int) -> None:
        said = http_status(status)
        super().__init__(said.template, **said.params)
        self.status = status


def _passing(exc: Exception) -> bool:
    """No answer, or a server error: the same page may be read later. A page refused, disallowed,
    missing (4xx) or without article text will not be."""
    if isinstance(exc, PageStatus):
        return exc.status >= 500
    return isinstance(exc, FetchError) and not isinstance(exc, RobotsDisallowed)


def _article_page(url: str) -> Page:
    answer = polite_request(url, max_bytes=MAX_BYTES)
    if answer.status in (429, 503):
        wait = polling.retry_after(answer.headers.get("retry-after"), now=timezone.now())
        raise SiteBusy(answer.status, wait)
    if answer.status >= 400:
        raise PageStatus(answer.status)
    if len(answer.data) > MAX_BYTES:
        raise InputError("page is larger than %(limit)s bytes", limit=f"{MAX_BYTES:,}")
    return page_read(answer.data, answer.url)
