"""Watched sources and their fetch history."""

from __future__ import annotations

from django.db import models

# a fetch's outcome (plain strings: the services compare them)
NEW, NOT_MODIFIED, RETRY_LATER, ERROR = "new", "not_modified", "retry_later", "error"
ACTIVE, DISABLED = "active", "disabled"


class Source(models.Model):
    """A feed the knowledge base watches: an http(s) address or a local feed file."""

    STATES = [(ACTIVE, "active"), (DISABLED, "disabled")]

    location = models.CharField(max_length=2000, unique=True)  # feed URL or local feed file path
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
    last_success = models.DateTimeField(null=True, blank=True)
    items_seen = models.PositiveIntegerField(default=0)
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
    ]

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="fetches")
    at = models.DateTimeField(auto_now_add=True)
    status = models.PositiveIntegerField(null=True, blank=True)  # HTTP status; none for a file or no answer
    outcome = models.CharField(max_length=20, choices=OUTCOMES)
    items = models.PositiveIntegerField(default=0)  # in the feed
    new = models.PositiveIntegerField(default=0)  # stored as new articles
    failed = models.JSONField(default=list)  # [[item, reason], ...]
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
