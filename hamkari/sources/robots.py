"""robots.txt (RFC 9309) read with urllib.robotparser: which addresses of a site we may fetch and
how long the site asks us to wait between requests (Crawl-delay).

The caller fetches robots.txt and keeps what came back (status and text) per site; this module
only decides from it:

- 2xx: the rules of the file, for our user agent `hamkari` (else for `*`);
- 4xx (no robots.txt, 401 and 403 included, as RFC 9309 says): everything is allowed;
- 5xx or no answer: the site is unreachable for now and nothing is fetched (RFC 9309 §2.3.1.4);
  the caller asks again sooner than for an answer it could read."""

from __future__ import annotations

import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

from hamkari.sources.fetch import USER_AGENT, FetchError

MAX_BYTES = 500 * 1024  # RFC 9309: at least 500 KiB must be parsed; more is ignored
MAX_CRAWL_DELAY = 30.0  # seconds; a larger Crawl-delay would hold a worker for too long
AGENT = USER_AGENT.split("/", 1)[0]  # "hamkari"


class RobotsDisallowed(FetchError):
    """The site's robots.txt does not let us fetch this address."""


def origin(url: str) -> str:
    """`scheme://host:port` of an address: robots.txt applies to exactly one of these."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def robots_url(url: str) -> str:
    return f"{origin(url)}/robots.txt"


@dataclass(frozen=True)
class Rules:
    """What a site's robots.txt answer lets us do."""

    status: int | None  # of the robots.txt request; None when nothing answered
    text: str = ""

    def _parser(self) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser()
        if self.status is not None and 200 <= self.status < 300:
            parser.parse(self.text.splitlines())
        elif self.status is not None and 400 <= self.status < 500:
            parser.parse([])  # no rules: everything allowed
        else:
            parser.parse(["User-agent: *", "Disallow: /"])
        return parser

    @property
    def unreachable(self) -> bool:
        return self.status is None or self.status >= 500

    def allows(self, url: str) -> bool:
        return self._parser().can_fetch(AGENT, url)

    def crawl_delay(self) -> float:
        """The site's Crawl-delay for us in seconds (0 when it names none), at most MAX_CRAWL_DELAY."""
        delay = self._parser().crawl_delay(AGENT)
        return min(MAX_CRAWL_DELAY, float(delay)) if delay else 0.0

    def check(self, url: str) -> None:
        """RobotsDisallowed unless the rules let us fetch `url`."""
        if self.unreachable:
            if self.status:
                raise RobotsDisallowed(
                    "robots.txt of %(site)s could not be read (HTTP %(status)s);"
                    " nothing is fetched from it for now",
                    site=origin(url),
                    status=self.status,
                )
            raise RobotsDisallowed(
                "robots.txt of %(site)s could not be read; nothing is fetched from it for now",
                site=origin(url),
            )
        if not self.allows(url):
            raise RobotsDisallowed("disallowed by robots.txt: %(url)s", url=url)
