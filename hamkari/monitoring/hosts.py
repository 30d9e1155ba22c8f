"""Reading sites politely: every request of a poll (the feed, sitemap or section page, each
item's page, robots.txt) goes through `polite_request`, which

- asks the site's robots.txt first (fetched once and kept on the site's Host row for
  ROBOTS_TTL, an hour when it could not be read), and refuses what it disallows;
- waits its turn: requests to one site start at least the host delay apart (the setting
  HAMKARI_HOST_DELAY_MS, or the site's Crawl-delay when longer), whichever source or worker makes
  them. The turn is taken on the Host row by a compare-and-set update (no lock held while
  waiting), so workers on several machines sharing one database keep the pace together."""

from __future__ import annotations

import datetime as dt
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from hamkari.monitoring.models import Host
from hamkari.sources.fetch import FetchError, FetchRefused, Response, request
from hamkari.sources.robots import MAX_BYTES as ROBOTS_BYTES
from hamkari.sources.robots import Rules, origin, robots_url

ROBOTS_TTL = dt.timedelta(hours=24)  # RFC 9309: a cached robots.txt is used for at most 24 h
ROBOTS_RETRY = dt.timedelta(hours=1)  # after robots.txt could not be read
TURN_ATTEMPTS = 50


def host_delay() -> float:
    return float(settings.HAMKARI_HOST_DELAY_MS) / 1000


def _readable(url: str) -> bool:
    """An http(s) address with a host and a valid port (else `request` refuses it)."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # ValueError for a port that is not a number in range
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _host(url: str) -> Host:
    name = origin(url)
    try:
        with transaction.atomic():
            return Host.objects.get_or_create(origin=name)[0]
    except IntegrityError:  # another worker created it at the same moment
        return Host.objects.get(origin=name)


def wait_turn(host: Host, *, delay: float) -> float:
    """Take the next free moment to send a request to `host` (at least `delay` seconds after the
    previous one) and sleep until then; the seconds slept."""
    for _ in range(TURN_ATTEMPTS):
        seen = Host.objects.filter(pk=host.pk).values_list("next_request_at", flat=True).get()
        now = timezone.now()
        start = max(now, seen) if seen else now
        taken = Host.objects.filter(pk=host.pk, next_request_at=seen).update(
            next_request_at=start + dt.timedelta(seconds=delay)
        )
        if taken:
            wait = (start - now).total_seconds()
            if wait > 0:
                time.sleep(wait)
            return max(0.0, wait)
    raise FetchError("%(site)s: too many workers at once; try again later", site=host.origin)


def _robots(host: Host, url: str) -> Rules:
    """The site's robots.txt rules, fetched again when the copy on its row is too old."""
    now = timezone.now()
    fresh = host.robots_checked is not None and now - host.robots_checked < (
        ROBOTS_RETRY if host.robots_status is None or host.robots_status >= 500 else ROBOTS_TTL
    )
    if fresh:
        return Rules(host.robots_status, host.robots_text)
    wait_turn(host, delay=host_delay())
    try:
        answer = request(robots_url(url), max_bytes=ROBOTS_BYTES)
        status, text = answer.status, answer.data[:ROBOTS_BYTES].decode("utf-8", "replace")
    except FetchRefused:
        raise
    except FetchError:
        status, text = None, ""
    Host.objects.filter(pk=host.pk).update(robots_status=status, robots_text=text, robots_checked=now)
    host.robots_status, host.robots_text, host.robots_checked = status, text, now
    return Rules(status, text)


def _gate(url: str) -> None:
    """Before one request (a redirect too): the site's robots.txt allows `url` and its turn came."""
    host = _host(url)
    rules = _robots(host, url)
    rules.check(url)
    wait_turn(host, delay=max(host_delay(), rules.crawl_delay()))


def polite_request(url: str, *, max_bytes: int, headers: dict[str, str] | None = None) -> Response:
    """`request(url)` where every request, each redirect included, waits until robots.txt of its
    site allowed it (RobotsDisallowed otherwise) and its turn came; FetchRefused and FetchError as
    `request` raises them."""
    if not _readable(url):
        return request(url, max_bytes=max_bytes, headers=headers)  # refused there, with the reason
    return request(url, max_bytes=max_bytes, headers=headers, before=_gate)
