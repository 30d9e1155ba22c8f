"""A watched source's region (`sources add --region`) on its articles: kept as the source's, not as a
fact of the text — the article page shows it apart from the regions the text names, the region's
page lists such articles apart and does not count them (hamkari/monitoring/services.py,
kb/selectors.py region_source_articles, web/templates/web/article.html and region.html)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from hamkari.kb import services as kb
from hamkari.kb.models import Article, Entity, Mention
from hamkari.kb.names import place_name
from hamkari.monitoring.services import SourceError, source_add, source_poll
from tests.web.test_interface_language import leaks
from tests.web.test_pages import logged_in

pytestmark = pytest.mark.django_db

# names no region: whatever region its articles get comes from the source
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour notes</title>'
    "<item><title>Two harbours agree on a ferry</title>"
    "<description>Two harbour companies agreed to run a weekly ferry for grain and timber.</description>"
    "<pubDate>Tue, 14 Jan 2025 08:00:00 GMT</pubDate></item></channel></rss>"
)


def polled(tmp_path: Path, region: str) -> Article:
    feed = tmp_path / "harbour.rss"
    feed.write_text(FEED, encoding="utf-8")
    fetch = source_poll(source=source_add(location=str(feed), region=region))
    assert fetch.new == 1
    return Article.objects.get()


def test_an_article_keeps_its_sources_region_as_the_sources_not_as_a_fact_of_its_text(tmp_path: Path) -> None:
    kb.reference_load()
    article = polled(tmp_path, "ru-ast")
    assert article.source_region == "RU-AST"
    astrakhan = Entity.objects.get(type="region", ref="RU-AST")
    assert not Mention.objects.filter(article=article, entity=astrakhan).exists()


@pytest.mark.parametrize("region", ["XX-99", "RU", "Gilan"])
def test_it_refuses_a_source_region_that_is_not_a_regions_code(region: str) -> None:
    with translation.override("en"), pytest.raises(SourceError, match="give a region's ISO code"):
        source_add(location="https://wire.example.org/feed.rss", region=region)


def test_the_article_page_shows_the_sources_region_apart_from_the_regions_the_text_names(
    tmp_path: Path, users: dict[str, Any]
) -> None:
    kb.reference_load()
    article = polled(tmp_path, "RU-AST")
    page = logged_in(users["viewer"]).get(f"/articles/{article.pk}/")
    html = page.content.decode()
    shown = html[html.index('class="muted source-region"') :]
    shown = shown[: shown.index("</p>")]
    assert "منطقهٔ منبع" in shown and "از منبع، نه از متن" in shown
    assert f"<bdi>{place_name('RU-AST', 'fa')}</bdi>" in shown and 'href="/regions/RU-AST/"' in shown
    assert not any(row["fact"].entity_id for row in page.context["mention_rows"] if row["kind"] == "region")
    assert leaks(html) == []


def test_an_article_from_elsewhere_shows_no_region_of_a_source(
    users: dict[str, Any], articles: list[Any]
) -> None:
    html = logged_in(users["viewer"]).get(f"/articles/{articles[0].pk}/").content.decode()
    assert "source-region" not in html and "منطقهٔ منبع" not in html


def test_the_regions_page_lists_its_sources_articles_apart_and_does_not_count_them(
    tmp_path: Path, users: dict[str, Any]
) -> None:
    kb.reference_load()
    article = polled(tmp_path, "RU-AST")
    page = logged_in(users["viewer"], "ru").get("/regions/RU-AST/")
    html = page.content.decode()
    assert page.context["profile"]["article_count"] == 0
    assert page.context["profile"]["from_sources"]["count"] == 1
    apart = html[html.index('class="card from-sources"') :]
    assert "Из источников, освещающих этот регион" in apart and f'href="/articles/{article.pk}/"' in apart
    assert "это регион источника, а не факт из текста" in apart
    assert "from-sources" not in logged_in(users["viewer"]).get("/regions/IR-01/").content.decode()
