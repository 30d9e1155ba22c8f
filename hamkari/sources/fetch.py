"""The one way the server reads a web address (upload, feeds, `hamkari ingest URL`, any later
polling): only http(s), only to public addresses.

A user can name any address, so a server that fetches it could be made to read services that
listen only on the machine or the private network (server-side request forgery). Every address
the host name resolves to is checked; loopback, private, link-local (cloud metadata at
169.254.169.254 included), multicast, reserved and unspecified addresses are refused. The
connection goes to the address that was checked, never to a second lookup, so a name that
changes its answer between the check and the connection (DNS rebinding) cannot slip through.
Redirects are followed by hand, each one checked the same way. An administrator may list hosts
that are fetched although they resolve to such addresses (an intranet feed) in
HAMKARI_FETCH_ALLOW_HOSTS (comma-separated host names or addresses)."""

from __future__ import annotations

import http.client
import ipaddress
import os
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from hamkari.sources.faults import address_fault, fetch_fault, http_status, os_fault
from hamkari.sources.reasons import Reason

TIMEOUT = 20
MAX_REDIRECTS = 5
USER_AGENT = "hamkari/1 (+news reader)"
ALLOW_VARIABLE = "HAMKARI_FETCH_ALLOW_HOSTS"


class FetchError(Exception):
    """The address could not be read; the message is one line for the user, in English: `template %
    params`, the template being the msgid of hamkari/web/locale's catalogues (see sources.reasons)."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params if params else template)
        self.template, self.params = template, params

    @classmethod
    def of(cls, reason: Reason) -> FetchError:
        """A FetchError saying `reason` (its template and params kept)."""
        return cls(reason.template, **reason.params)


class FetchRefused(FetchError):
    """The address is not one the server may read."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str


def allowed_hosts() -> frozenset[str]:
    value = os.environ.get(ALLOW_VARIABLE, "")
    return frozenset(h.strip().lower().strip("[]") for h in value.split(",") if h.strip())


def address_refusal(address: str) -> str | None:
    """Why the server may not connect to this IP address, or None when it may."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, bad in (
        ("a loopback address", ip.is_loopback),
        ("a link-local (cloud metadata) address", ip.is_link_local),
        ("a multicast address", ip.is_multicast),
        ("an unspecified address", ip.is_unspecified),
        ("a reserved address", ip.is_reserved),
        ("a private address", ip.is_private),
        ("a non-public address", not ip.is_global),
    ):
        if bad:
            return Reason(kind)
    return None


def _connect(host: str, port: int, timeout: float | None, allowed: frozenset[str]) -> socket.socket:
    """A socket to an address of `host` that passed the check (every address must pass)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError("cannot resolve host %(host)s", host=repr(host)) from exc
    if host.lower() not in allowed:
        for info in infos:
            why = address_refusal(str(info[4][0]))
            if why:
                raise FetchRefused(
                    "refused: %(host)s is %(why)s (%(address)s); the server reads only public addresses"
                    " (an administrator may list the host in %(variable)s)",
                    host=host,
                    why=why,
                    address=str(info[4][0]),
                    variable=ALLOW_VARIABLE,
                )
    last: OSError | None = None
    for family, kind, proto, _, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        sock.settimeout(timeout)
        try:
            sock.connect(sockaddr)  # the checked address itself, not the name again
        except OSError as exc:
            sock.close()
            last = exc
            continue
        return sock
    raise FetchError("cannot connect to %(host)s: %(fault)s", host=host, fault=os_fault(last or OSError()))


class _Connection(http.client.HTTPConnection):
    allowed: frozenset[str] = frozenset()

    def connect(self) -> None:
        self.sock = _connect(self.host, self.port, self.timeout, self.allowed)


class _TLSConnection(http.client.HTTPSConnection):
    allowed: frozenset[str] = frozenset()

    def connect(self) -> None:
        sock = _connect(self.host, self.port, self.timeout, self.allowed)
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(sock, server_hostname=self.host)


def _target(url: str) -> tuple[str, str, int, str]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchRefused("refused: not a valid address: %(fault)s", fault=address_fault(exc)) from exc
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(
            "refused: only http and https addresses are read, not %(scheme)s:", scheme=parts.scheme or "this"
        )
    if not parts.hostname:
        raise FetchRefused("refused: the address names no host")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


@dataclass(frozen=True)
class Response:
    """What the server answered, whatever its status (304, 429 and 500 included)."""

    url: str  # after redirects
    status: int
    headers: dict[str, str]  # names in lower case
    data: bytes  # empty for a status of 400 or more
    content_type: str
    reason: str = ""


def fetch(url: str, *, max_bytes: int, timeout: float = TIMEOUT) -> Fetched:
    """GET `url` (following up to five redirects, each checked), at most `max_bytes` + 1 bytes
    of the body; FetchRefused for an address the server may not read, FetchError otherwise."""
    response = request(url, max_bytes=max_bytes, timeout=timeout)
    if response.status >= 400:
        raise FetchError.of(http_status(response.status))
    return Fetched(response.url, response.data, response.content_type)


def request(
    url: str,
    *,
    max_bytes: int,
    timeout: float = TIMEOUT,
    headers: dict[str, str] | None = None,
    before: Callable[[str], None] | None = None,
) -> Response:
    """GET `url` as `fetch` does, sending `headers` too (If-None-Match, If-Modified-Since), and
    return the answer with its status and headers instead of raising for a status of 400 or more.
    `before(address)` is called before each request, redirects included (robots.txt and the pace
    of watched sources); what it raises stops the fetch. FetchRefused for an address the server
    may not read, FetchError when nothing was answered."""
    allowed = allowed_hosts()
    sent = {"User-Agent": USER_AGENT, "Accept": "*/*", **(headers or {})}
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port, path = _target(url)
        if before is not None:
            before(url)
        connection_class = _TLSConnection if scheme == "https" else _Connection
        connection = connection_class(host, port, timeout=timeout)
        connection.allowed = allowed
        try:
            connection.request("GET", path, headers=sent)
            response = connection.getresponse()
            location = response.getheader("Location")
            if response.status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location.strip())
                continue
            data = response.read(max_bytes + 1) if response.status < 400 else b""
            return Response(
                url,
                response.status,
                {name.lower(): value for name, value in response.getheaders()},
                data,
                response.headers.get_content_type(),
                response.reason,
            )
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError("cannot fetch: %(fault)s", fault=fetch_fault(exc)) from exc
        finally:
            connection.close()
    raise FetchError("more than %(n)s redirects", n=MAX_REDIRECTS)
