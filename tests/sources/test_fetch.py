"""Server-side fetching reads only public http(s) addresses, checked again after every redirect
and connected to the very address that was checked."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from hamkari.sources.fetch import FetchRefused, address_refusal, fetch
from hamkari.sources.items import items
from tests.recording_server import Recorder


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "10.1.2.3",
        "172.16.0.5",
        "192.168.1.1",
        "169.254.169.254",
        "fe80::1",
        "fd00:ec2::254",
        "224.0.0.1",
        "0.0.0.0",
        "240.0.0.1",
        "100.64.0.1",
        "::ffff:127.0.0.1",
    ],
)
def test_it_refuses_non_public_addresses(address: str) -> None:
    assert address_refusal(address) is not None


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::6810:84e5"])
def test_it_allows_public_addresses(address: str) -> None:
    assert address_refusal(address) is None


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "2130706433", "[::1]"])
def test_a_loopback_address_is_refused_and_never_contacted(recording_server: Recorder, host: str) -> None:
    with pytest.raises(FetchRefused, match="refused"):
        fetch(recording_server.url("/secret", host=host), max_bytes=1000)
    assert recording_server.hits == []


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://127.0.0.1/", "http:///x"]
)
def test_other_schemes_and_hostless_addresses_are_refused(url: str) -> None:
    with pytest.raises(FetchRefused):
        fetch(url, max_bytes=1000)


def test_a_listed_host_is_fetched(recording_server: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMKARI_FETCH_ALLOW_HOSTS", "intranet.example, 127.0.0.1")
    got = fetch(recording_server.url("/page"), max_bytes=100_000)
    assert b"trade house" in got.data and got.content_type == "text/html"
    assert recording_server.hits == ["/page"]


def test_a_redirect_to_an_unlisted_local_host_is_refused(
    recording_server: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMKARI_FETCH_ALLOW_HOSTS", "127.0.0.1")
    target = recording_server.url("/secret", host="localhost")
    with pytest.raises(FetchRefused, match="localhost"):
        fetch(recording_server.url(f"/redirect?to={target}"), max_bytes=1000)
    assert recording_server.hits == [f"/redirect?to={target}"]


def test_a_name_with_any_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 80)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 80)),
    ]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: answers)
    with pytest.raises(FetchRefused, match=r"10\.0\.0\.7"):
        fetch("http://news.example/a", max_bytes=1000)


def test_it_connects_to_the_address_it_checked(
    recording_server: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name is resolved once: a second, different answer (DNS rebinding) is never asked for."""
    monkeypatch.setenv("HAMKARI_FETCH_ALLOW_HOSTS", "news.example")
    lookups: list[Any] = []

    def resolve(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    fetch(f"http://news.example:{recording_server.port}/page", max_bytes=100_000)
    assert lookups == ["news.example"] and recording_server.hits == ["/page"]


def test_a_loopback_feed_or_page_fails_as_an_item(recording_server: Recorder) -> None:
    found = list(items([recording_server.url("/feed.rss"), recording_server.url("/page")]))
    assert [i.error is not None and "refused" in i.error for i in found] == [True, True]
    assert recording_server.hits == []
