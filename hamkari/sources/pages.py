"""Sites without feeds: the article addresses of a sitemap (sitemaps.org, Google News sitemaps,
sitemap indexes) or of an HTML section page (the links that match a pattern), and the article
text, canonical address and date of an article page. Plain Python; raises nothing but
`InputError` (one line) for bytes that cannot be read.

Sitemaps are XML from the network: a document with a DOCTYPE or an entity declaration is refused
before it is parsed (no entity expansion, no external entities)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from hamkari.sources.faults import parse_error_fault
from hamkari.sources.inputs import InputError, decode, html_to_text

MIN_TEXT = 200  # characters: less is a page of links or a teaser, not an article
MAX_URL = 2000  # characters: a longer address is skipped (and never matched against a pattern)


@dataclass(frozen=True)
class Link:
    """An article address found on a sitemap or section page, with what was said of it there."""

    url: str
    published: dt.date | None = None
    title: str = ""


@dataclass(frozen=True)
class Sitemap:
    links: list[Link]  # from a <urlset>
    children: list[Link]  # from a <sitemapindex>: more sitemaps, newest first


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _date(value: str | None) -> dt.date | None:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _child_text(node: ET.Element, name: str) -> str:
    """The text of the first descendant called `name` (any namespace)."""
    for child in node.iter():
        if _local(child.tag) == name and child.text:
            return child.text.strip()
    return ""


def sitemap_read(data: bytes) -> Sitemap:
    """The pages of a sitemap, newest first (the news:publication_date, else lastmod), or the
    sitemaps of a sitemap index."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise InputError("not a sitemap: XML with a DOCTYPE or entities is refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError("not a readable sitemap: %(fault)s", fault=parse_error_fault(exc)) from exc
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise InputError(
            "not a sitemap: the document is <%(kind)s>, not <urlset> or <sitemapindex>", kind=kind
        )
    found: list[Link] = []
    for entry in root:
        if _local(entry.tag) not in ("url", "sitemap"):
            continue
        loc = _child_text(entry, "loc")
        if not loc.startswith(("http://", "https://")) or len(loc) > MAX_URL:
            continue
        when = _date(_child_text(entry, "publication_date")) or _date(_child_text(entry, "lastmod"))
        found.append(Link(loc, when, _child_text(entry, "title")))
    found.sort(key=lambda link: link.published or dt.date.min, reverse=True)
    return Sitemap(found, []) if kind == "urlset" else Sitemap([], found)


def section_links(data: bytes, base: str, pattern: re.Pattern[str]) -> list[Link]:
    """The links of an HTML section page whose absolute address matches `pattern`, in page order,
    each once (without its #fragment)."""
    text, _ = decode(data)
    tree = LexborHTMLParser(text)
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        base = urljoin(base, base_node.attributes.get("href") or "")
    seen: dict[str, Link] = {}
    for node in tree.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        if len(href) > MAX_URL:
            continue
        url = urldefrag(urljoin(base, href)).url
        if urlsplit(url).scheme not in ("http", "https") or url in seen:
            continue
        if pattern.search(url):
            seen[url] = Link(url, None, " ".join(node.text().split())[:300])
    return list(seen.values())


@dataclass(frozen=True)
class Page:
    text: str
    canonical: str  # the page's <link rel="canonical">, absolute; empty when it names none
    published: dt.date | None


def page_read(data: bytes, url: str) -> Page:
    """An article page's text (page furniture dropped), canonical address and date; InputError
    when it holds less than MIN_TEXT characters of text."""
    if not data.strip():
        raise InputError("the page is empty")
    text, _ = decode(data)
    tree = LexborHTMLParser(text)
    canonical = ""
    for node in tree.css("link[rel]"):
        if "canonical" in (node.attributes.get("rel") or "").lower().split():
            href = urljoin(url, (node.attributes.get("href") or "").strip())
            if urlsplit(href).scheme in ("http", "https"):
                canonical = urldefrag(href).url
            break
    body, published = html_to_text(text)
    if len(body) < MIN_TEXT:
        raise InputError("page has no article text (%(n)s characters)", n=len(body))
    return Page(body, canonical, published)
