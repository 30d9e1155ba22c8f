"""Reads from the knowledge base, shared by the API and the exports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Substr

from hamkari.kb import search
from hamkari.kb.models import (
    FACT_MODELS,
    Article,
    Commitment,
    Entity,
    Instrument,
    Mention,
    Position,
    ReviewState,
    Story,
)

LIVE = Q(merged_into__isnull=True)
PROFILE_LIMIT = 50  # newest items per list on a region profile


def with_words(mentions: QuerySet[Mention]) -> QuerySet[Mention]:
    """Mentions with the words they point at (`words`), cut in the database so that a page of a
    person named in a thousand articles does not load a thousand article texts."""
    return mentions.annotate(words=Substr("article__text", F("start") + 1, F("end") - F("start")))


def article_list(
    *,
    language: str | None = None,
    region: str | None = None,
    q: str | None = None,
    published_from: Any = None,
    published_to: Any = None,
) -> QuerySet[Article]:
    # lists show titles and dates; the texts (and their search copies) stay in the database
    qs = Article.objects.select_related("outlet").defer("text", "search_text").order_by("-published", "-pk")
    if language:
        qs = qs.filter(language=language)
    if region:
        qs = qs.filter(
            pk__in=Mention.objects.filter(entity__type="region", entity__ref=region).values("article_id")
        )
    if published_from:
        qs = qs.filter(published__gte=published_from)
    if published_to:
        qs = qs.filter(published__lte=published_to)
    if q:
        qs = qs.filter(pk__in=search.article_ids(q))
    return qs


def article_facts(article: Article) -> dict[str, list[Any]]:
    """Every fact of an article with its span, for highlighting the words in place."""

    return {kind: list(_facts_of(kind, article)) for kind in FACT_MODELS}


_FACT_RELATED = {
    "mention": ("entity",),
    "position": ("person", "organization"),
    "event_source": ("story",),
    "instrument_step": ("instrument",),
    "commitment": ("actor",),
    "quantity": ("subject",),
}


def _facts(kind: str) -> QuerySet[Any]:
    # the fact rows name the reviewer, so it comes in the same query
    return FACT_MODELS[kind].objects.select_related("reviewed_by", *_FACT_RELATED[kind])


def _facts_of(kind: str, article: Article) -> QuerySet[Any]:
    return _facts(kind).filter(article=article).order_by("start")


def article_fact(kind: str, pk: int) -> Any:
    """One fact with what its row on the article page shows."""
    return _facts(kind).get(pk=pk)


def highlights(article: Article, facts: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Non-overlapping spans of the article text with the kind of fact they carry, in order, for
    the API and the article page alike; facts an analyst rejected are not highlighted. Each span
    keeps its `fact` and `fact_kind` (mention or quantity)."""
    spans = [(m, "mention", m.entity.type) for m in facts["mention"]]
    spans += [(q, "quantity", "quantity") for q in facts["quantity"]]
    spans.sort(key=lambda s: (s[0].start, -(s[0].end - s[0].start)))
    out: list[dict[str, Any]] = []
    last = 0
    for fact, fact_kind, kind in spans:
        if fact.start < last or fact.review_state == ReviewState.REJECTED:
            continue
        out.append(
            {
                "start": fact.start,
                "end": fact.end,
                "kind": kind,
                "text": article.text[fact.start : fact.end],
                "fact": fact,
                "fact_kind": fact_kind,
            }
        )
        last = fact.end
    return out


def people_list(
    *, q: str | None = None, country: str | None = None, region: str | None = None
) -> QuerySet[Entity]:
    qs = (
        Entity.objects.filter(LIVE, type="person")
        .annotate(mention_count=Count("mentions"))
        .order_by("-mention_count", "pk")
    )
    if country:
        qs = qs.filter(country=country)
    if region:
        qs = qs.filter(positions__region=region).distinct()
    if q:
        qs = qs.filter(pk__in=search.entity_ids(q))
    return qs.prefetch_related("aliases")


def positions_of(person: Entity) -> list[dict[str, Any]]:
    """A person's posts with the first and last date each was seen, newest first: a governor in
    2019 is not assumed to be the governor in 2025."""
    groups: dict[tuple[str, str, str, int | None], list[Position]] = defaultdict(list)
    for p in person.positions.exclude(review_state=ReviewState.REJECTED).select_related("organization"):
        groups[(p.role, p.region, p.country, p.organization_id)].append(p)
    out = []
    for (role, region, country, _), seen in groups.items():
        dates = [p.observed_on for p in seen if p.observed_on]
        out.append(
            {
                "role": role,
                "region": region or None,
                "country": country or None,
                "organization": seen[0].organization.name if seen[0].organization else None,
                "title": seen[0].title,
                "first_seen": min(dates) if dates else None,
                "last_seen": max(dates) if dates else None,
                "sources": sorted({p.article_id for p in seen}),
            }
        )
    return sorted(
        out, key=lambda p: (p["last_seen"] is not None, p["last_seen"] or dt.date.min), reverse=True
    )


def region_list() -> QuerySet[Entity]:
    return (
        Entity.objects.filter(type="region")
        .annotate(article_count=Count("mentions__article", distinct=True))
        .order_by("ref")
    )


def region_profile(region: Entity) -> dict[str, Any]:
    articles = Mention.objects.filter(entity=region).values("article_id")
    sectors = (
        Mention.objects.filter(article_id__in=articles, entity__type="sector")
        .values("entity__ref", "entity__name")
        .annotate(sources=Count("article", distinct=True))
        .order_by("-sources")
    )
    partners = (
        Mention.objects.filter(article_id__in=articles, entity__type="region")
        .exclude(entity=region)
        .values("entity__ref", "entity__name")
        .annotate(sources=Count("article", distinct=True))
        .order_by("-sources")
    )
    officials = (
        Position.objects.filter(region=region.ref)
        .exclude(review_state=ReviewState.REJECTED)
        .values_list("person_id", "person__name", "role")
        .distinct()
    )
    commitments = Commitment.objects.filter(article_id__in=articles).exclude(
        review_state=ReviewState.REJECTED
    )
    return {
        "sectors": list(sectors),
        "partners": list(partners),
        "officials": sorted(set(officials[:PROFILE_LIMIT])),
        "stories": list(
            Story.objects.filter(articles__in=articles).distinct().order_by("-date")[:PROFILE_LIMIT]
        ),
        "instruments": list(
            Instrument.objects.filter(parties=region).distinct().order_by("-pk")[:PROFILE_LIMIT]
        ),
        "commitments": list(commitments.order_by("-due", "-pk")[:PROFILE_LIMIT]),
        "article_count": articles.count(),
    }


def story_list(*, region: str | None = None, date_from: Any = None, date_to: Any = None) -> QuerySet[Story]:
    qs = Story.objects.annotate(source_count=Count("articles", distinct=True)).order_by("-date", "-pk")
    if region:
        qs = qs.filter(
            articles__in=Mention.objects.filter(entity__ref=region).values("article_id")
        ).distinct()
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    return qs.prefetch_related(
        Prefetch(
            "articles",
            queryset=Article.objects.select_related("outlet").defer("text", "search_text").order_by("pk"),
        )
    )


def story_entities(story: Story, type_: str) -> list[Entity]:
    ids = Mention.objects.filter(article__story=story, entity__type=type_).values("entity_id")
    return list(Entity.objects.filter(pk__in=ids).order_by("name"))


def instrument_list(*, kind: str | None = None, status: str | None = None) -> QuerySet[Instrument]:
    qs = Instrument.objects.order_by("-pk").prefetch_related("parties", "steps")
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    return qs


def commitment_list(*, overdue_on: Any = None) -> QuerySet[Commitment]:
    qs = (
        Commitment.objects.exclude(review_state=ReviewState.REJECTED)
        .select_related("actor", "article")
        .order_by("due", "pk")
    )
    if overdue_on:
        qs = qs.filter(due__lt=overdue_on)
    return qs
