"""Watchlists, what each follows, and the news found for them.

Models hold data only; writes live in services.py, reads in selectors.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamkari.kb.models import Article, Entity

# how often a watchlist's news are delivered (plain strings: the services compare them)
IMMEDIATE, DAILY, WEEKLY = "immediate", "daily", "weekly"
FREQUENCIES = (IMMEDIATE, DAILY, WEEKLY)

# what a watchlist can follow
REGION, PAIR, PERSON, ORGANIZATION, SECTOR, INSTRUMENT, SEARCH = (
    "region",
    "pair",
    "person",
    "organization",
    "sector",
    "instrument",
    "search",
)
TARGET_KINDS = (REGION, PAIR, PERSON, ORGANIZATION, SECTOR, INSTRUMENT, SEARCH)

# what counts as news
NEWS_KINDS = ("story", "article", "instrument", "step", "commitment", "deadline", "position")


class Watchlist(models.Model):
    """What one user follows and how often they hear about it. `next_run_at` is when the
    periodic job next looks at it (catch-up matching, deadlines coming due, the digest);
    `matched_until` is the ingest time up to which articles were matched against it."""

    FREQUENCY_CHOICES = [(IMMEDIATE, "immediate"), (DAILY, "daily"), (WEEKLY, "weekly")]

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watchlists")
    name = models.CharField(max_length=200)
    frequency = models.CharField(max_length=10, choices=FREQUENCY_CHOICES, default=DAILY)
    language = models.CharField(max_length=2, default="fa")  # of the e-mail digest and the feed
    token = models.CharField(max_length=64, unique=True)  # the secret in the Atom feed's address
    created_at = models.DateTimeField(auto_now_add=True)
    next_run_at = models.DateTimeField(db_index=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    matched_until = models.DateTimeField()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """One thing a watchlist follows: a region, a pair of regions, a sector or an instrument kind
    by code (`value`: «IR-01», «IR-01 RU-AST», «fisheries», «memorandum»), a person or an
    organisation by record (`entity`), or a saved search (`value`: the query)."""

    KIND_CHOICES = [(k, k) for k in TARGET_KINDS]

    watchlist = models.ForeignKey(Watchlist, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    value = models.CharField(max_length=300, blank=True)
    entity = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["kind", "value"])]


class MatchedArticle(models.Model):
    """An article the job after ingest matched against every watchlist, so that the periodic run
    re-matches only those whose job was lost (a crash, a worker killed)."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+")
    matched_at = models.DateTimeField(auto_now_add=True)


class Notification(models.Model):
    """One piece of news for one watchlist: shown in the app until read, sent in the next digest
    (`sent_at`), listed in the watchlist's feed. `key` names the news («article:12»,
    «step:4:signed», «deadline:9») so that the same news is never told twice."""

    KIND_CHOICES = [(k, k) for k in NEWS_KINDS]

    watchlist = models.ForeignKey(Watchlist, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    key = models.CharField(max_length=200)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    url = models.CharField(max_length=300)  # the page of the news, a path on this site
    summary = models.CharField(max_length=500, blank=True)  # words from the news (a title, an action)
    language = models.CharField(max_length=2, blank=True)  # of `summary`
    detail = models.JSONField(default=dict, blank=True)  # codes shown translated: status, role, due …
    day = models.DateField(null=True, blank=True)  # the article's date, or the deadline
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)  # when a digest carried it

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["watchlist", "key"], name="notification_once")]


# The hook after ingest (kb announces each stored article; this app queues its matching), connected
# when the models load, as accounts connects its lockout receiver. Last, because the receiver's
# job reaches the services, which use the models above.
from hamkari.alerts import receivers  # noqa: E402, F401
