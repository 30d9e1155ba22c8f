"""Writes of the alerts: watchlists and their targets, the news found for them, their delivery.

Every service is keyword-only, typed and atomic. A user's mistake raises AlertError with a
one-line reason (translated into the active language)."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import smtplib
import socket
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hamkari.alerts import digest, matching
from hamkari.alerts.models import (
    FREQUENCIES,
    IMMEDIATE,
    INSTRUMENT,
    ORGANIZATION,
    PAIR,
    PERSON,
    REGION,
    SEARCH,
    SECTOR,
    TARGET_KINDS,
    WEEKLY,
    MatchedArticle,
    Notification,
    Target,
    Watchlist,
)
from hamkari.extraction.lexicon import load_table
from hamkari.extraction.vocabulary import INSTRUMENT_KINDS
from hamkari.kb import search
from hamkari.kb.models import Article, Entity
from hamkari.sources.faults import os_fault
from hamkari.sources.reasons import Reason

LANGUAGES = ("fa", "ru", "en")
# how long until the periodic run looks at a watchlist again; an immediate one is looked at when
# news arrives, and once an hour for deadlines and anything the hook after ingest missed
PERIODS = {IMMEDIATE: dt.timedelta(hours=1), "daily": dt.timedelta(days=1), WEEKLY: dt.timedelta(days=7)}
NAME_CHARS = 200
QUERY_CHARS = 300

logger = logging.getLogger(__name__)


class AlertError(Exception):
    """A watchlist that cannot be made or changed as asked: the one-line reason."""


@dataclass(frozen=True)
class TargetSpec:
    """What to follow, before it is stored: codes and queries in `value`, records in `entity`."""

    kind: str
    value: str = ""
    entity: Entity | None = None


def watchlist_create(
    *,
    owner: User,
    name: str,
    frequency: str,
    language: str = "fa",
    targets: Sequence[TargetSpec] = (),
    now: dt.datetime | None = None,
) -> Watchlist:
    """A new watchlist of `owner`; news count from now on (older articles are not news)."""
    now = now or timezone.now()
    with transaction.atomic():
        watchlist = Watchlist(
            owner=owner,
            name=_name(name),
            frequency=_frequency(frequency),
            language=_language(language),
            token=secrets.token_urlsafe(32),
            next_run_at=now + PERIODS[frequency],
            matched_until=now,
        )
        watchlist.save()
        for spec in targets:
            target_add(watchlist=watchlist, spec=spec)
    return watchlist


def watchlist_update(*, watchlist: Watchlist, name: str, frequency: str, language: str) -> Watchlist:
    """Rename it, or change how often and in which language it is delivered."""
    with transaction.atomic():
        watchlist.name = _name(name)
        if frequency != watchlist.frequency:
            watchlist.frequency = _frequency(frequency)
            watchlist.next_run_at = timezone.now() + PERIODS[frequency]
        watchlist.language = _language(language)
        watchlist.save(update_fields=["name", "frequency", "language", "next_run_at"])
    return watchlist


def watchlist_delete(*, watchlist: Watchlist) -> None:
    with transaction.atomic():
        watchlist.delete()


def watchlist_token_renew(*, watchlist: Watchlist) -> Watchlist:
    """A new secret for the feed's address (the old address stops working)."""
    with transaction.atomic():
        watchlist.token = secrets.token_urlsafe(32)
        watchlist.save(update_fields=["token"])
    return watchlist


def target_add(*, watchlist: Watchlist, spec: TargetSpec) -> Target:
    """Follow one more thing; the same thing twice is refused."""
    value, entity = _checked(spec)
    with transaction.atomic():
        same = watchlist.targets.filter(kind=spec.kind, value=value, entity=entity)
        if same.exists():
            raise AlertError(_("This watchlist follows that already."))
        return Target.objects.create(watchlist=watchlist, kind=spec.kind, value=value, entity=entity)


def target_remove(*, target: Target) -> None:
    with transaction.atomic():
        target.delete()


def notifications_read(*, owner: User, ids: Sequence[int] | None = None) -> int:
    """Mark the owner's notifications read (those numbered `ids`, or all); how many changed."""
    with transaction.atomic():
        unread = Notification.objects.filter(watchlist__owner=owner, read_at__isnull=True)
        if ids is not None:
            unread = unread.filter(pk__in=ids)
        return unread.update(read_at=timezone.now())


def article_match(*, article_id: int, now: dt.datetime | None = None) -> int:
    """Match one stored article against every watchlist made before it was stored; store its
    news for those it concerns (each piece once) and bring the digest of immediate ones forward.
    How many notifications were added."""
    now = now or timezone.now()
    article = Article.objects.select_related("story").filter(pk=article_id).first()
    if article is None:
        return 0  # deleted since it was announced
    seen = matching.facets(article)
    added = 0
    # the article's news are the same for every watchlist but those that follow people
    found: dict[frozenset[int] | None, list[matching.News]] = {}
    for watchlist in _candidates(seen).filter(created_at__lte=article.ingested_at):
        targets = list(watchlist.targets.all())
        if any(matching.target_matches(t, seen) for t in targets):
            people = matching.people_followed(targets)
            key = frozenset(people) if people else None
            if key not in found:
                found[key] = matching.news_of(article, people=people)
            added += _notify(watchlist, found[key], article=article, now=now)
    MatchedArticle.objects.get_or_create(article=article)
    return added


def _candidates(seen: matching.Facets) -> QuerySet[Watchlist]:
    """The watchlists that may follow something the article names (saved searches and pairs are
    tried on every article; the rest are found by code or record)."""
    codes = {code for _, code in seen.codes}
    near = (
        Q(kind__in=(REGION, SECTOR), value__in=codes)
        | Q(kind__in=(PERSON, ORGANIZATION), entity_id__in=seen.entities)
        | Q(kind=INSTRUMENT, value__in=seen.instrument_kinds)
        | Q(kind__in=(PAIR, SEARCH))
    )
    ids = Target.objects.filter(near).values("watchlist_id")
    return Watchlist.objects.filter(pk__in=ids).prefetch_related("targets")


def _notify(
    watchlist: Watchlist, news: Sequence[matching.News], *, article: Article | None, now: dt.datetime
) -> int:
    """Store the news the watchlist was not told yet; an immediate watchlist's digest is due now."""
    with transaction.atomic():
        known = set(
            watchlist.notifications.filter(key__in=[n.key for n in news]).values_list("key", flat=True)
        )
        fresh = [n for n in news if n.key not in known]
        Notification.objects.bulk_create(
            [
                Notification(
                    watchlist=watchlist,
                    kind=n.kind,
                    key=n.key,
                    article=article,
                    url=n.url,
                    summary=n.summary,
                    language=n.language,
                    detail=n.detail,
                    day=n.day,
                )
                for n in fresh
            ],
            ignore_conflicts=True,  # the same news found at the same moment by another worker
        )
        if fresh and watchlist.frequency == IMMEDIATE:
            Watchlist.objects.filter(pk=watchlist.pk, next_run_at__gt=now).update(next_run_at=now)
    return len(fresh)


def watchlist_run(*, watchlist: Watchlist, now: dt.datetime | None = None) -> int:
    """The periodic work of one watchlist: match the articles stored since it last looked whose
    job after ingest never ran (MatchedArticle), find deadlines coming due, and send one digest of
    everything not sent yet (none when nothing happened or the owner has no e-mail address). Then
    its next run is one period on. The number of pieces of news in the digest sent (0: none sent)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Watchlist.objects.select_for_update().select_related("owner").get(pk=watchlist.pk)
        _catch_up(locked, now)
        for_deadlines = matching.deadlines(locked, today=timezone.localdate(now))
        _notify(locked, for_deadlines, article=None, now=now)
        pending = list(locked.notifications.filter(sent_at__isnull=True).order_by("created_at", "pk"))
        sent = 0
        if pending:
            if locked.owner.email and locked.owner.is_active:
                digest.send(locked, pending)  # an error rolls back: the next run tries again
                sent = len(pending)
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(sent_at=now)
        locked.last_run_at = now
        locked.next_run_at = now + PERIODS[locked.frequency]
        locked.save(update_fields=["last_run_at", "next_run_at", "matched_until"])
    return sent


def _catch_up(watchlist: Watchlist, now: dt.datetime) -> None:
    newer = Article.objects.filter(ingested_at__gt=watchlist.matched_until, ingested_at__lte=now).exclude(
        pk__in=MatchedArticle.objects.values("article_id")
    )
    targets = list(watchlist.targets.all())
    people = matching.people_followed(targets)
    for article in newer.select_related("story").order_by("ingested_at", "pk").iterator(chunk_size=200):
        seen = matching.facets(article)
        if any(matching.target_matches(t, seen) for t in targets):
            _notify(watchlist, matching.news_of(article, people=people), article=article, now=now)
    watchlist.matched_until = now


@dataclass(frozen=True)
class RunOutcome:
    watchlist: Watchlist
    sent: int
    error: str = ""  # why the digest was not sent: a Reason (delivery_reason)


def digests_run(*, now: dt.datetime | None = None, every: bool = False) -> list[RunOutcome]:
    """Run every watchlist whose time has come (`every`: all of them, now), one after the other;
    one that fails (the mail server refused) is reported and tried again at its next run, and the
    others go on."""
    now = now or timezone.now()
    out = []
    chosen = Watchlist.objects.all() if every else Watchlist.objects.filter(next_run_at__lte=now)
    for watchlist in chosen.order_by("next_run_at", "pk"):
        try:
            out.append(RunOutcome(watchlist, watchlist_run(watchlist=watchlist, now=now)))
        except OSError as exc:  # the mail server (smtplib's errors are OSErrors)
            logger.warning("the digest of watchlist %s was not sent: %s", watchlist.pk, exc)
            out.append(RunOutcome(watchlist, 0, delivery_reason(exc)))
    return out


# a mail server's reply by its code: the code is the meaning, the server's own words are not kept
SMTP_REPLIES = {
    421: Reason("the mail server is not available now (SMTP %(code)s)", code=421),
    450: Reason("the mailbox is busy or unavailable for now (SMTP %(code)s)", code=450),
    451: Reason("the mail server failed for now and asks to try later (SMTP %(code)s)", code=451),
    452: Reason("the mail server has no room for the message now (SMTP %(code)s)", code=452),
    550: Reason("the mailbox does not exist or refuses mail (SMTP %(code)s)", code=550),
    552: Reason("the message is larger than the mailbox allows (SMTP %(code)s)", code=552),
    554: Reason("the mail server refused the message (SMTP %(code)s)", code=554),
}


def delivery_reason(exc: OSError) -> Reason:
    """Why a digest was not sent, as a Reason said in the reader's language: what the mail server
    did in words, and its own reply or the system's fault kept as it came (in English)."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return Reason("the mail server refused the login (SMTP %(code)s)", code=exc.smtp_code)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return Reason("the mail server refused the recipient's address")
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return Reason("the mail server refused the sender's address %(address)s", address=exc.sender)
    if isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code in SMTP_REPLIES:
        return SMTP_REPLIES[exc.smtp_code]
    if isinstance(exc, smtplib.SMTPResponseException):  # a code not listed: the reply kept
        reply = (
            exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        )
        return Reason("the mail server answered SMTP %(code)s: %(reason)s", code=exc.smtp_code, reason=reply)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return Reason("the mail server closed the connection")
    if isinstance(exc, ConnectionRefusedError):
        return Reason("the mail server refused the connection")
    if isinstance(exc, TimeoutError):
        return Reason("the mail server did not answer in time")
    if isinstance(exc, socket.gaierror):
        return Reason("cannot find the mail server's host")
    return Reason("cannot reach the mail server: %(fault)s", fault=os_fault(exc))


def _name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise AlertError(_("Give the watchlist a name."))
    if len(name) > NAME_CHARS:
        raise AlertError(_("The name is too long (at most 200 characters)."))
    return name


def _frequency(frequency: str) -> str:
    if frequency not in FREQUENCIES:
        raise AlertError(_("Choose immediate, daily or weekly."))
    return frequency


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise AlertError(_("Choose Persian, Russian or English."))
    return language


def sector_codes() -> list[str]:
    return [entry.key for entry in load_table("en", "sectors")]


def _checked(spec: TargetSpec) -> tuple[str, Entity | None]:
    """The value and record to store for a target, or AlertError saying what is wrong."""
    value = " ".join(spec.value.split())
    if spec.kind not in TARGET_KINDS:
        raise AlertError(_("Unknown kind of target."))
    if spec.kind in (PERSON, ORGANIZATION):
        if spec.entity is None or spec.entity.type != spec.kind:
            raise AlertError(_("Choose a person or organisation from the suggestions."))
        return "", spec.entity
    if spec.kind == REGION:
        _region(value)
    elif spec.kind == PAIR:
        codes = value.split(" ")
        if len(codes) != 2 or codes[0] == codes[1]:
            raise AlertError(_("A pair is two different regions."))
        for code in codes:
            _region(code)
    elif spec.kind == SECTOR and value not in sector_codes():
        raise AlertError(_("Unknown sector."))
    elif spec.kind == INSTRUMENT and value not in INSTRUMENT_KINDS:
        raise AlertError(_("Unknown kind of instrument."))
    elif spec.kind == SEARCH:
        if not search.terms(value):
            raise AlertError(_("A saved search needs at least one word."))
        if len(value) > QUERY_CHARS:
            raise AlertError(_("The search is too long (at most 300 characters)."))
    return value, None


def _region(code: str) -> None:
    if not Entity.objects.filter(type="region", ref=code).exists():
        raise AlertError(_("Unknown region."))


# The demo (hamkari/monitoring/demo.py): the administrator follows Gilan and Astrakhan, which the
# bundled samples released after the first batch speak of, so that an alert arrives in the first minute.
DEMO_PAIR = "IR-01 RU-AST"
DEMO_NAME = "نمونه: گیلان و آستاراخان"


def watchlist_demo_ensure(*, owner: User) -> Watchlist | None:
    """The demo's watchlist of `owner` (the pair Gilan–Astrakhan, immediate, in Persian), made once:
    None when the owner follows that pair already."""
    if Target.objects.filter(watchlist__owner=owner, kind=PAIR, value=DEMO_PAIR).exists():
        return None
    return watchlist_create(
        owner=owner,
        name=DEMO_NAME,
        frequency=IMMEDIATE,
        language="fa",
        targets=[TargetSpec(kind=PAIR, value=DEMO_PAIR)],
    )
