"""Watched sources and their fetch history."""

from __future__ import annotations

from django.conf import settings
from django.db import models

# a fetch's outcome (plain strings: the services compare them)
NEW, NOT_MODIFIED, RETRY_LATER, ERROR = "new", "not_modified", "retry_later", "error"
ROBOTS = "robots"  # robots.txt does not let us read the source's address
ACTIVE, DISABLED = "active", "disabled"
FEED, SITEMAP, SECTION = "feed", "sitemap", "section"
KINDS = (FEED, SITEMAP, SECTION)
# what became of an item a source listed: queued (a job will read it), waiting (the site asked us
# to wait: the next poll hands it on), stored, already known, failed
QUEUED, WAITING, STORED, KNOWN, FAILED = "queued", "waiting", "stored", "known", "failed"


class Source(models.Model):
    """What the knowledge base watches: an RSS/Atom feed (an http(s) address or a local feed
    file), a sitemap, or an HTML section page whose article links match a pattern."""

    STATES = [(ACTIVE, "active"), (DISABLED, "disabled")]
    KIND_CHOICES = [(FEED, "RSS/Atom feed"), (SITEMAP, "sitemap"), (SECTION, "section page")]

    location = models.CharField(max_length=2000, unique=True)  # URL or local file path
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, default=FEED)
    links = models.CharField(max_length=500, blank=True)  # regex an article address must match
    outlet = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=2, blank=True)  # fa, ru, en; empty: the extractor decides
    region = models.CharField(max_length=10, blank=True)  # default region, ISO code (IR-01)
    every = models.PositiveIntegerField(default=60)  # minutes, as asked by whoever added it
    interval = models.PositiveIntegerField(default=60)  # minutes, adapted to how often it publishes
    state = models.CharField(max_length=10, choices=STATES, default=ACTIVE)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    failures = models.PositiveIntegerField(default=0)  # consecutive
    last_error = models.CharField(max_length=500, blank=True)
    # the error's template and params (sources.reasons.Reason.as_json), said in the reader's
    # language; {} for an error said only in English (and for rows stored before it was kept)
    last_error_reason = models.JSONField(default=dict, blank=True)
    last_success = models.DateTimeField(null=True, blank=True)
    items_seen = models.PositiveIntegerField(default=0)  # distinct items listed (SourceItem rows)
    # A source that lets its listing out a few at a time (`sources add --release`; the demo feed):
    # a poll sees the first `release_first` items at once, then `release_batch` more for every
    # `release_every` seconds since the source was added, in the listing's order. 0: all at once.
    release_first = models.PositiveIntegerField(default=0)
    release_batch = models.PositiveIntegerField(default=0)
    release_every = models.PositiveIntegerField(default=0)  # seconds
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.location


class Fetch(models.Model):
    """One poll of a source: what was asked, what came back, what was stored."""

    OUTCOMES = [
        (NEW, "read"),
        (NOT_MODIFIED, "nothing new (304)"),
        (RETRY_LATER, "asked to come back later"),
        (ERROR, "error"),
        (ROBOTS, "disallowed by robots.txt"),
    ]

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="fetches")
    at = models.DateTimeField(auto_now_add=True)
    status = models.PositiveIntegerField(null=True, blank=True)  # HTTP status; none for a file or no answer
    outcome = models.CharField(max_length=20, choices=OUTCOMES)
    items = models.PositiveIntegerField(default=0)  # in the feed
    queued = models.PositiveIntegerField(default=0)  # new items handed on to be read (one job each)
    new = models.PositiveIntegerField(default=0)  # stored as new articles (counted as each item is read)
    failed = models.JSONField(default=list)  # [[item, reason, its template and params (or {})], ...]
    error = models.CharField(max_length=500, blank=True)
    error_reason = models.JSONField(default=dict, blank=True)  # as Source.last_error_reason

    class Meta:
        ordering = ["-at", "-pk"]


class SourceItem(models.Model):
    """An item a source listed (a feed item, a sitemap entry, a link of a section page), once per
    source: what the listing said of it (kept until it is stored, so that the job reading it needs
    nothing else) and what became of it. A poll records its new items `queued`, each read by its
    own job; an item that failed is tried again by the next polls, at most MAX_ITEM_ATTEMPTS times
    in all (services)."""

    STATES = [
        (QUEUED, "queued"),
        (WAITING, "waiting for the next poll"),
        (STORED, "stored"),
        (KNOWN, "already known"),
        (FAILED, "failed"),
    ]

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="items")
    fetch = models.ForeignKey(
        "Fetch", null=True, blank=True, on_delete=models.SET_NULL, related_name="listed"
    )  # the poll that handed it on last (its counts grow as the item is read)
    key = models.CharField(max_length=64)  # sha256 of the item's address (of its text without one)
    url = models.CharField(max_length=2000, blank=True)
    label = models.CharField(max_length=1000, blank=True)  # how the listing names it (its source)
    text = models.TextField(blank=True)  # the listing's own text of it (a feed's), until it is stored
    published = models.DateField(null=True, blank=True)  # the listing's date
    outlet = models.CharField(max_length=200, blank=True)  # the listing's outlet (a feed's title)
    state = models.CharField(max_length=10, choices=STATES)
    attempts = models.PositiveIntegerField(default=0)  # times it was read (or refused)
    error = models.CharField(max_length=300, blank=True)
    error_reason = models.JSONField(default=dict, blank=True)  # as Source.last_error_reason
    article = models.ForeignKey("kb.Article", null=True, blank=True, on_delete=models.SET_NULL)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="source_item_once")]


class Host(models.Model):
    """A site (scheme://host:port) that sources are read from: its robots.txt as last fetched,
    and the earliest time the next request to it may start, shared by every source and worker."""

    origin = models.CharField(max_length=300, unique=True)
    robots_status = models.PositiveIntegerField(null=True, blank=True)  # None: no answer
    robots_text = models.TextField(blank=True)
    robots_checked = models.DateTimeField(null=True, blank=True)
    next_request_at = models.DateTimeField(null=True, blank=True)
    # a page of the site answered 429/503: no item page of it is read before then (its Retry-After)
    busy_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.origin


# --- jobs a user started, and the workers running them -------------------------------------------

# a job's kind
JOB_UPLOAD, JOB_API, JOB_REEXTRACT = "upload", "api", "reextract"
# a job item's state: waiting, in a worker's hands, or finished one of five ways
ITEM_QUEUED, ITEM_RUNNING = "queued", "running"
ITEM_NEW, ITEM_DUPLICATE, ITEM_READ, ITEM_DONE, ITEM_FAILED = "new", "duplicate", "read", "done", "failed"
ITEM_FINISHED = (ITEM_NEW, ITEM_DUPLICATE, ITEM_READ, ITEM_DONE, ITEM_FAILED)


class Job(models.Model):
    """Work a user started (an upload, an API ingest, a re-extraction): one item per article or
    address, each run as a background task; the job page and `GET /api/jobs/{id}` show them."""

    KINDS = [(JOB_UPLOAD, "upload"), (JOB_API, "API ingest"), (JOB_REEXTRACT, "re-extraction")]

    kind = models.CharField(max_length=10, choices=KINDS)
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # none: started from the command line
    created = models.DateTimeField(auto_now_add=True)
    planned = models.BooleanField(default=True)  # false while a re-extraction is still listing its articles

    class Meta:
        ordering = ["-pk"]


class JobItem(models.Model):
    """One article (or one address to read) of a job, with its outcome and one-line error."""

    STATES = [
        (ITEM_QUEUED, "queued"),
        (ITEM_RUNNING, "running"),
        (ITEM_NEW, "stored"),
        (ITEM_DUPLICATE, "already known"),
        (ITEM_READ, "read"),
        (ITEM_DONE, "done"),
        (ITEM_FAILED, "failed"),
    ]

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    source = models.CharField(max_length=300)  # file name, address, «pasted text», article number
    state = models.CharField(max_length=10, choices=STATES, default=ITEM_QUEUED)
    error = models.CharField(max_length=500, blank=True)  # one line: why it failed, or why it is retried
    error_reason = models.JSONField(default=dict, blank=True)  # as Source.last_error_reason
    article = models.ForeignKey(
        "kb.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["job", "state"])]


class WorkerBeat(models.Model):
    """The last sign of life of one worker thread (`hamkari worker`, or the one beside `serve`).
    A job still marked running whose worker has not been seen for HAMKARI_WORKER_LOST_SECONDS was
    lost with its process (killed, crashed, machine gone) and is queued again."""

    worker = models.CharField(max_length=64, unique=True)  # the worker id written on the jobs it claims
    seen = models.DateTimeField(db_index=True)
