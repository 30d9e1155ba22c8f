"""Sitemaps, section pages and article pages (hamkari/sources/pages.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hamkari.sources.inputs import InputError
from hamkari.sources.pages import Link, page_read, section_links, sitemap_read

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://wire.example.org/a/older</loc><lastmod>2025-02-01T10:00:00+03:30</lastmod></url>
  <url><loc>https://wire.example.org/a/newer</loc>
    <news:news><news:publication_date>2025-03-09</news:publication_date>
    <news:title>Rail freight grows</news:title></news:news></url>
  <url><loc>ftp://wire.example.org/not-http</loc></url>
  <url><loc>https://wire.example.org/about</loc></url>
</urlset>"""

INDEX = b"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://wire.example.org/s-2024.xml</loc><lastmod>2024-12-31</lastmod></sitemap>
  <sitemap><loc>https://wire.example.org/s-2025.xml</loc><lastmod>2025-03-10</lastmod></sitemap>
</sitemapindex>"""

LONG = (
    "The two chambers of commerce agreed to open a shared office for exporters of dried fruit. "
    "Its staff will answer questions on customs rules, rail tariffs and payment in national "
    "currencies, and will publish a list of buyers every month for the firms of both sides."
)


def test_a_news_sitemap_lists_http_pages_newest_first_with_their_dates() -> None:
    sitemap = sitemap_read(NEWS_SITEMAP)
    assert sitemap.children == []
    assert sitemap.links == [
        Link("https://wire.example.org/a/newer", dt.date(2025, 3, 9), "Rail freight grows"),
        Link("https://wire.example.org/a/older", dt.date(2025, 2, 1), ""),
        Link("https://wire.example.org/about", None, ""),
    ]


def test_a_sitemap_index_lists_its_sitemaps_newest_first() -> None:
    sitemap = sitemap_read(INDEX)
    assert sitemap.links == []
    assert [c.url for c in sitemap.children] == [
        "https://wire.example.org/s-2025.xml",
        "https://wire.example.org/s-2024.xml",
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><urlset>&a;</urlset>', "DOCTYPE"),
        (b"<urlset><url><loc>https://x.example.org/</loc>", "not a readable sitemap"),
        (b"<html><body>hello</body></html>", "the document is <html>"),
    ],
)
def test_it_refuses_what_is_not_a_plain_sitemap(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        sitemap_read(data)


def test_a_section_page_gives_its_article_links_once_and_absolute() -> None:
    html = f"""<html><body><nav><a href="/about">About</a></nav>
    <a href="/news/2025/grain-corridor">Grain corridor</a>
    <a href="https://wire.example.org/news/2025/grain-corridor#comments">Comments</a>
    <a href="2025/ferry-line">Ferry line</a>
    <a href="mailto:desk@wire.example.org">Write</a>
    <a href="/news/tag/trade">Trade</a>
    <a href="/news/2025/{"x" * 3000}">Too long</a></body></html>"""
    links = section_links(html.encode(), "https://wire.example.org/news/", re.compile(r"/news/\d{4}/"))
    assert links == [
        Link("https://wire.example.org/news/2025/grain-corridor", None, "Grain corridor"),
        Link("https://wire.example.org/news/2025/ferry-line", None, "Ferry line"),
    ]


def test_an_article_page_gives_its_text_canonical_address_and_date() -> None:
    html = (
        '<html><head><link rel="canonical" href="/a/office">'
        '<meta property="article:published_time" content="2025-04-02T09:00:00Z"></head>'
        f"<body><nav>Home | World</nav><article><h1>A shared office</h1><p>{LONG}</p></article></body></html>"
    )
    page = page_read(html.encode(), "https://wire.example.org/a/office?from=rss")
    assert page.canonical == "https://wire.example.org/a/office"
    assert page.published == dt.date(2025, 4, 2)
    assert page.text.startswith("A shared office\n\nThe two chambers") and "Home" not in page.text


def test_a_page_without_article_text_is_refused() -> None:
    html = b"<html><body><nav><a href='/'>Home</a></nav><p>Subscribe to our letters.</p></body></html>"
    with pytest.raises(InputError, match="page has no article text"):
        page_read(html, "https://wire.example.org/a/empty")


def test_an_empty_page_is_said_to_be_a_page_not_a_file() -> None:
    with pytest.raises(InputError, match=r"^the page is empty$"):
        page_read(b" \r\n ", "https://wire.example.org/a/blank")
