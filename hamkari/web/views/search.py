"""Search with facets."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hamkari.kb import selectors
from hamkari.kb.models import Article, Entity
from hamkari.tracker.services import TrackerError, parse_date

FACET_KINDS = ("articles", "people", "organizations", "regions")
ENTITY_TYPES = {"people": "person", "organizations": "organization", "regions": "region"}


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:300]
    language = request.GET.get("language", "")
    region_ref = request.GET.get("region", "")
    sector = request.GET.get("sector", "")
    kind = request.GET.get("kind", "articles")
    articles: list[Article] = []
    entities: list[Entity] = []
    named: list[Entity] = []
    searched = bool(q or region_ref or sector)
    if searched and kind == "articles":
        named = selectors.named_entities(q) if q else []
        articles = list(
            selectors.article_list(
                language=language if language in ("fa", "ru", "en") else None,
                region=region_ref or None,
                q=q or None,
                published_from=_date(request.GET.get("from")),
                published_to=_date(request.GET.get("to")),
                sector=sector or None,
            )[:100]
        )
    elif searched:
        entities = selectors.entity_search(q, ENTITY_TYPES.get(kind, "person"))
    context = {
        "q": q,
        "language": language,
        "region": region_ref,
        "sector": sector,
        "kind": kind,
        "from": request.GET.get("from", ""),
        "to": request.GET.get("to", ""),
        "articles": articles,
        "entities": entities,
        "named": named,
        "facets": selectors.search_facets(),
        "kinds": FACET_KINDS,
        "searched": searched,
    }
    return render(request, "web/search.html", context)


def _date(value: str | None) -> dt.date | None:
    """A date typed in Jalali (۱۴۰۴/۰۹/۲۶, Persian or Latin digits) or Gregorian; None if it is not one."""
    try:
        return parse_date(value)
    except TrackerError:
        return None
