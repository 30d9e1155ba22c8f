"""Reads of the alerts. A user sees only their own watchlists and notifications: every read
that takes a number also takes the owner."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet

from hamkari.alerts.models import Notification, Target, Watchlist
from hamkari.extraction.lexicon import load_table
from hamkari.kb import search

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _Unread(TypedDict):
    unread: int


FEED_ITEMS = 100
PAGE_ITEMS = 200


def watchlists_of(owner: User) -> QuerySet[WithAnnotations[Watchlist, _Unread]]:
    return (
        Watchlist.objects.filter(owner=owner)
        .prefetch_related("targets__entity")
        .annotate(unread=Count("notifications", filter=Q(notifications__read_at__isnull=True)))
    )


def watchlist_list(*, owner: User | None = None) -> QuerySet[WithAnnotations[Watchlist, _Unread]]:
    """Every watchlist (or the owner's) with its owner and targets (for the command line)."""
    found = Watchlist.objects.all() if owner is None else Watchlist.objects.filter(owner=owner)
    return (
        found.select_related("owner")
        .prefetch_related("targets__entity")
        .annotate(unread=Count("notifications", filter=Q(notifications__read_at__isnull=True)))
        .order_by("owner__username", "pk")
    )


def watchlist_of(owner: User, pk: int) -> WithAnnotations[Watchlist, _Unread] | None:
    """The owner's watchlist numbered `pk`, or None (also when it is someone else's)."""
    return watchlists_of(owner).filter(pk=pk).first()


def target_of(owner: User, pk: int) -> Target | None:
    return Target.objects.filter(pk=pk, watchlist__owner=owner).select_related("watchlist").first()


def watchlist_by_token(token: str) -> Watchlist | None:
    """The watchlist whose feed address carries this secret, or None."""
    if not token or len(token) > 64:
        return None
    return Watchlist.objects.filter(token=token).first()


def notifications_of(owner: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    found = Notification.objects.filter(watchlist__owner=owner).select_related("watchlist")
    if unread_only:
        found = found.filter(read_at__isnull=True)
    return found.order_by("-created_at", "-pk")[:PAGE_ITEMS]


def unread_count(owner: Any) -> int:
    """For the page header: 0 for an anonymous visitor."""
    if not isinstance(owner, User):
        return 0
    return Notification.objects.filter(watchlist__owner=owner, read_at__isnull=True).count()


def feed_items(watchlist: Watchlist) -> list[Notification]:
    return list(watchlist.notifications.order_by("-created_at", "-pk")[:FEED_ITEMS])


def notification_of(owner: User, pk: int) -> Notification | None:
    return Notification.objects.filter(pk=pk, watchlist__owner=owner).first()


def watchlist_get(pk: int) -> Watchlist | None:
    """Any user's watchlist by number (for the command line, which an administrator runs)."""
    return Watchlist.objects.filter(pk=pk).first()


def sector_find(name: str) -> str | None:
    """A sector's code from its code or its name in Persian, Russian or English, or None."""
    text = name.strip()
    codes = {entry.key: entry for entry in load_table("en", "sectors")}
    if text.lower() in codes:
        return text.lower()
    key = search.alias_key(text)
    for language in ("fa", "ru", "en"):
        for entry in load_table(language, "sectors"):
            if any(search.alias_key(term) == key for term in entry.terms):
                return str(entry.key)
    return None
