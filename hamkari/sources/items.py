"""Where articles come from: files, folders, HTML pages, JSON Lines, RSS/Atom feeds (files or
URLs) and web pages. Each source yields items; an item that cannot be read carries its reason
and the batch goes on."""

from __future__ import annotations

import datetime as dt
import errno
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import feedparser

from hamkari.sources.faults import OS_FAULTS, feed_fault, json_fault, os_fault
from hamkari.sources.fetch import FetchError, fetch
from hamkari.sources.inputs import MAX_BYTES, InputError, folder_files, html_to_text, read_bytes
from hamkari.sources.reasons import Reason, reason_of

FEED_SUFFIXES = (".rss", ".atom", ".xml")
SKIPPED_SUFFIXES = (".py", ".pyc", ".gz", ".zip", ".json")
FETCH_TIMEOUT = 20
# an address of another kind (ftp://, file://): refused by name, not looked for as a file
OTHER_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")


@dataclass
class Item:
    source: str
    text: str | None = None
    url: str = ""
    published: dt.date | None = None
    outlet: str | None = None
    error: str | None = None  # a Reason (sources.reasons) when it can be said in other languages
    notes: list[str] = field(default_factory=list)


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def items(paths: list[str]) -> Iterator[Item]:
    for raw in paths:
        if is_url(raw):
            yield from _url(raw)
            continue
        path = Path(raw)
        if (other := OTHER_SCHEME.match(raw)) and not path.exists():
            refused = "refused: only http and https addresses are read, not %(scheme)s:"
            yield Item(raw, error=Reason(refused, scheme=other[1]))
        elif path.is_dir():
            files = folder_files(path, SKIPPED_SUFFIXES)
            if not files:
                yield Item(raw, error=Reason("folder holds no article files"))
            for f in files:
                yield from _file(f)
        else:
            yield from _file(path)


def _file(path: Path) -> Iterator[Item]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES and path.suffix.lower() not in (".jsonl", *FEED_SUFFIXES):
            error = Reason(
                "file is too large: %(size)s bytes (limit %(limit)s)",
                size=f"{size:,}",
                limit=f"{MAX_BYTES:,}",
            )
            yield Item(source, error=error)
            return
        data = path.read_bytes()
    except OSError as exc:  # a missing file, no permission: the phrase alone; else «cannot read: …»
        said = os_fault(exc)
        plain = said in (OS_FAULTS[errno.ENOENT], OS_FAULTS[errno.EACCES], OS_FAULTS[errno.EISDIR])
        yield Item(source, error=said if plain else Reason("cannot read: %(fault)s", fault=said))
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl(source, data)
    elif suffix in FEED_SUFFIXES or _looks_like_feed(data):
        yield from _feed(source, data)
    else:
        yield article_item(source, data)


def article_item(source: str, data: bytes, url: str = "") -> Item:
    """One article file's bytes as an item (with its error when they cannot be read)."""
    try:
        article = read_bytes(data, source)
    except InputError as exc:
        return Item(source, url=url, error=reason_of(exc))
    return Item(source, text=article.text, url=url, published=article.published, notes=article.notes)


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError("'published' must be a YYYY-MM-DD string")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise InputError("'published' is not a date: %(value)s", value=repr(value)) from exc


def _jsonl(source: str, data: bytes) -> Iterator[Item]:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield Item(source, error=Reason("JSON Lines must be UTF-8 (bad byte at %(at)s)", at=exc.start))
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise InputError("a line must be a JSON object")
            text = record.get("text")
            if not isinstance(text, str) or not text.strip():
                raise InputError("'text' is missing or empty")
            if len(text.encode("utf-8")) > MAX_BYTES:
                raise InputError("'text' is larger than %(limit)s bytes", limit=f"{MAX_BYTES:,}")
            url = record.get("url") or ""
            outlet = record.get("outlet") or None
            if not isinstance(url, str) or (outlet is not None and not isinstance(outlet, str)):
                raise InputError("'url' and 'outlet' must be strings")
            yield Item(where, text=text, url=url, published=_date(record.get("published")), outlet=outlet)
        except json.JSONDecodeError as exc:
            yield Item(where, error=json_fault(exc))
        except InputError as exc:
            yield Item(where, error=reason_of(exc))


def _looks_like_feed(data: bytes) -> bool:
    head = data[:500].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in data[:2000].lower() or b"<feed" in data[:2000].lower())


def feed_items(source: str, data: bytes) -> Iterator[Item]:
    """The items of an RSS/Atom feed (one Item with the reason when the feed cannot be read)."""
    return _feed(source, data)


def _feed(source: str, data: bytes) -> Iterator[Item]:
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        fault = feed_fault(parsed.get("bozo_exception"), data)
        yield Item(source, error=Reason("not a readable RSS/Atom feed: %(fault)s", fault=fault))
        return
    title = (parsed.get("feed") or {}).get("title")
    for number, entry in enumerate(entries, start=1):
        where = f"{source}#{number}"
        link = entry.get("link") or ""
        body = ""
        for content in entry.get("content") or []:
            body = content.get("value") or body
        body = body or entry.get("summary") or ""
        heading = entry.get("title") or ""
        if not body.strip() and not heading.strip():
            yield Item(where, url=link, error=Reason("feed item has no title and no text"))
            continue
        try:
            text, _ = html_to_text(f"<html><body><h1>{_escape(heading)}</h1><div>{body}</div></body></html>")
        except InputError as exc:
            yield Item(where, url=link, error=reason_of(exc))
            continue
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
        # an aggregated feed names each item's own outlet in <source> (Atom and RSS alike)
        outlet = (entry.get("source") or {}).get("title") or title
        yield Item(where, text=text, url=link, published=published, outlet=outlet)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _url(url: str) -> Iterator[Item]:
    """A page or feed from the web, through the one guarded fetch (public http(s) addresses only)."""
    try:
        fetched = fetch(url, max_bytes=MAX_BYTES, timeout=FETCH_TIMEOUT)
    except FetchError as exc:
        yield Item(url, url=url, error=reason_of(exc))
        return
    data, kind = fetched.data, fetched.content_type
    if len(data) > MAX_BYTES:
        yield Item(url, url=url, error=Reason("page is larger than %(limit)s bytes", limit=f"{MAX_BYTES:,}"))
        return
    if kind in (
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
    ) or _looks_like_feed(data):
        yield from _feed(url, data)
    elif not data.strip():  # a page, not a file: said so
        yield Item(url, url=url, error=Reason("the page is empty"))
    else:
        yield article_item(url, data, url=url)
