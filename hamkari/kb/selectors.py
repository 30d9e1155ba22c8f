"""Reads from the knowledge base, shared by the API and the exports."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.cache import cache
from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from hamkari.extraction import extract
from hamkari.extraction.lexicon import load_table
from hamkari.kb import search
from hamkari.kb.evidence import CERTAIN, WINDOW
from hamkari.kb.facts import FACT_KINDS
from hamkari.kb.lookups import NoRecord, typed_id
from hamkari.kb.models import (
    SAMPLE_URL_PREFIX,
    Article,
    AuditLog,
    Commitment,
    Entity,
    Instrument,
    Mention,
    Position,
    ReviewState,
    Story,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# What selectors annotate on their rows, so callers may read it (django-stubs checks them).


class _Words(TypedDict):
    words: str


if TYPE_CHECKING:
    # a mention read with `with_words`: callers name this type rather than the annotation
    MentionWithWords = WithAnnotations[Mention, _Words]


class _Mentioned(TypedDict):
    mention_count: int


class _Reported(TypedDict):
    article_count: int


LIVE = Q(merged_into__isnull=True)
PROFILE_LIMIT = 50  # newest items per list on a region profile


def with_words(mentions: QuerySet[Mention]) -> QuerySet[WithAnnotations[Mention, _Words]]:
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
    sector: str | None = None,
) -> QuerySet[Article]:
    # lists show titles and dates; the texts (and their search copies) stay in the database
    qs = Article.objects.select_related("outlet").defer("text", "search_text").order_by("-published", "-pk")
    if language:
        qs = qs.filter(language=language)
    if region:
        qs = qs.filter(
            pk__in=Mention.objects.filter(entity__type="region", entity__ref=region).values("article_id")
        )
    if sector:
        qs = qs.filter(
            pk__in=Mention.objects.filter(entity__type="sector", entity__ref=sector).values("article_id")
        )
    if published_from:
        qs = qs.filter(published__gte=published_from)
    if published_to:
        qs = qs.filter(published__lte=published_to)
    if q:
        # the articles that name what the query names, in every language, and the words of the text
        named = search.entity_article_ids(search.named_entities(q))
        qs = qs.filter(pk__in=set(named) | set(search.article_ids(q)))
    return qs


def named_entities(q: str) -> list[Entity]:
    """The regions, countries, people and organisations a search names, offered first."""
    return search.named_entities(q)


@dataclass(frozen=True)
class ArticleDetail:
    """An article with every fact of it and the spans its page highlights: what the article page
    and the API's article both show (`article_detail`)."""

    article: Article
    facts: dict[str, list[Any]]  # kind → its facts in the order of the text
    highlights: list[dict[str, Any]]

    def facts_by_kind(self) -> list[tuple[str, Any]]:
        """Every fact with its kind, kind after kind in the registry's order."""
        return [(kind, fact) for kind in FACT_KINDS for fact in self.facts[kind]]


def article_detail(pk: int) -> ArticleDetail:
    """The article `pk` with its facts and highlights (raises `Article.DoesNotExist`)."""
    article = article_get(pk)
    facts = article_facts(article)
    return ArticleDetail(article, facts, highlights(article, facts))


def article_facts(article: Article) -> dict[str, list[Any]]:
    """Every fact of an article with its span, for highlighting the words in place."""

    return {kind: list(_facts_of(kind, article)) for kind in FACT_KINDS}


def _facts(kind: str) -> QuerySet[Any]:
    # the fact rows name the reviewer, so it comes in the same query; the people they name are
    # shown as spelled in the reader's script (kb.names), so their spellings come in one more
    entry = FACT_KINDS.get(kind)
    if entry is None:
        raise NoRecord(kind)
    people = [f"{field}__aliases" for field in entry.related if _names_an_entity(entry.model, field)]
    rows = entry.model._default_manager.select_related("reviewed_by", *entry.related)
    return rows.prefetch_related(*people)


def _names_an_entity(model: Any, field: str) -> bool:
    return model._meta.get_field(field).related_model is Entity


def _facts_of(kind: str, article: Article) -> QuerySet[Any]:
    return _facts(kind).filter(article=article).order_by("start")


def article_fact(kind: str, pk: int) -> Any:
    """One fact with what its row on the article page shows."""
    return _facts(kind).get(pk=pk)


def highlights(article: Article, facts: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Non-overlapping spans of the article text with the kind of fact they carry, in order, for
    the API and the article page alike; facts an analyst rejected are not highlighted. Each span
    keeps its `fact` and `fact_kind` (the kinds whose registry entry highlights their words)."""
    spans = [
        (fact, name, entry.highlight(fact))
        for name, entry in FACT_KINDS.items()
        if entry.highlight is not None
        for fact in facts[name]
    ]
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
) -> QuerySet[WithAnnotations[Entity, _Mentioned]]:
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


def region_list() -> QuerySet[WithAnnotations[Entity, _Reported]]:
    return (
        Entity.objects.filter(type="region")
        .annotate(article_count=Count("mentions__article", distinct=True))
        .order_by("ref")
    )


def _with_people(posts: list[tuple[int, str, str]]) -> list[tuple[Entity, str]]:
    people = Entity.objects.prefetch_related("aliases").in_bulk([pid for pid, _, _ in posts])
    return [(people[pid], role) for pid, _, role in posts]


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
        # the same posts with their people, named in the reader's script on the region's page
        "official_posts": _with_people(sorted(set(officials[:PROFILE_LIMIT]))),
        "stories": list(
            Story.objects.filter(articles__in=articles)
            .distinct()
            .order_by("-date")
            .prefetch_related(titled_articles())[:PROFILE_LIMIT]
        ),
        "instruments": list(
            Instrument.objects.filter(parties=region)
            .distinct()
            .select_related("story")
            .prefetch_related("parties")
            .order_by("-pk")[:PROFILE_LIMIT]
        ),
        "commitments": list(commitments.order_by("-due", "-pk")[:PROFILE_LIMIT]),
        "article_count": articles.count(),
        "from_sources": region_source_articles(region),
    }


def region_source_articles(region: Entity) -> dict[str, Any]:
    """The articles from watched sources that cover the region (Article.source_region) although
    their text does not name it: the region's page lists them apart, labelled as the sources'
    region, and never counts them among the articles about it. Their count and the newest."""
    if not region.ref:
        return {"count": 0, "articles": []}
    named = Mention.objects.filter(entity=region).values("article_id")
    found = Article.objects.filter(source_region=region.ref).exclude(pk__in=named)
    newest = found.order_by(F("published").desc(nulls_last=True), "-pk")[:PROFILE_LIMIT]
    return {"count": found.count(), "articles": list(newest)}


def titled_articles() -> Prefetch:  # type: ignore[type-arg]
    """A story's articles with a title, oldest first, as `titled_articles` (kb.names.story_title
    reads them there: a list of stories titled in the page's language in one query, not one each)."""
    titled = Article.objects.exclude(title="").only("pk", "story", "title", "language", "published")
    return Prefetch("articles", queryset=titled.order_by("published", "pk"), to_attr="titled_articles")


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


def story_with_sources(pk: int) -> Story:
    """One story as `story_list` gives it (its articles prefetched); raises Story.DoesNotExist."""
    return story_list().get(pk=pk)


def search_results(q: str, *, limit: int) -> tuple[list[Article], list[Entity]]:
    """The API's search: the articles (what the query names — a region, a person … in any script —
    first, then the words of the text) and the records it names, those it names first."""
    named = search.named_entities(q)
    ids = list(
        dict.fromkeys(search.entity_article_ids(named, limit=limit) + search.article_ids(q, limit=limit))
    )
    ids = ids[:limit]
    found = {a.pk: a for a in Article.objects.select_related("outlet").filter(pk__in=ids)}
    others = Entity.objects.filter(pk__in=search.entity_ids(q, limit=limit), merged_into=None).exclude(
        pk__in=[e.pk for e in named]
    )
    entities = [
        *Entity.objects.filter(pk__in=[e.pk for e in named]).prefetch_related("aliases"),
        *others.prefetch_related("aliases"),
    ]
    return [found[i] for i in ids if i in found], entities


def story_entities(story: Story, type_: str) -> list[Entity]:
    ids = Mention.objects.filter(article__story=story, entity__type=type_).values("entity_id")
    # the spellings decide the name shown in the reader's language (kb.names)
    return list(Entity.objects.filter(pk__in=ids).prefetch_related("aliases").order_by("name"))


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


# ---- pages: each page of the web application reads through one of these --------------------------


def region_by_code(code: str) -> Entity:
    """The region with this ISO code (any case); raises Entity.DoesNotExist."""
    return Entity.objects.get(type="region", ref=code.upper())


def entity_get(pk: int) -> Entity:
    return Entity.objects.get(pk=pk)


def person_get(pk: int, *, live: bool = False) -> Entity:
    """A person; `live` refuses one merged into another (raises Entity.DoesNotExist)."""
    qs = Entity.objects.filter(type="person")
    return (qs.filter(LIVE) if live else qs).get(pk=pk)


def curated_entity_get(pk: int) -> Entity:
    """A region or organisation, the entities that have an editable profile."""
    return Entity.objects.get(pk=pk, type__in=("region", "organization"))


def story_get(pk: int) -> Story:
    return Story.objects.get(pk=pk)


def story_search(q: str, *, exclude: int | None = None, limit: int = 8) -> list[Story]:
    """Stories whose title, or the title of one of their articles, contains the words typed (any
    case), newest first: what an analyst picks a story to merge into from."""
    words = q.split()[:6]
    if not words:
        return []
    qs = Story.objects.all()
    for word in words:
        qs = qs.filter(Q(title__icontains=word) | Q(articles__title__icontains=word))
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    ids = list(qs.values_list("pk", flat=True).distinct()[: limit * 4])
    found = Story.objects.filter(pk__in=ids).annotate(source_count=Count("articles", distinct=True))
    return list(found.order_by("-date", "-pk")[:limit])


def article_get(pk: int) -> Article:
    return Article.objects.select_related("outlet", "story").get(pk=pk)


def region_pairs(limit: int = 12) -> list[tuple[str, str, int]]:
    """Iranian–Russian region pairs by the number of articles that name both."""
    rows = Mention.objects.filter(entity__type="region").values_list("article_id", "entity__ref").distinct()
    by_article: dict[int, set[str]] = {}
    for article_id, ref in rows:
        if ref is not None:
            by_article.setdefault(article_id, set()).add(ref)
    pairs: Counter[tuple[str, str]] = Counter()
    for refs in by_article.values():
        iranian = sorted(r for r in refs if r.startswith("IR-"))
        russian = sorted(r for r in refs if r.startswith("RU-"))
        for a in iranian:
            for b in russian:
                pairs[(a, b)] += 1
    return [(a, b, n) for (a, b), n in pairs.most_common(limit)]


def daily_activity(days: int = 731) -> list[tuple[dt.date, int]]:
    """Articles per publication day over the `days` before the newest dated article, oldest first
    (the page groups them into months of its own calendar: Jalali in Persian)."""
    newest = Article.objects.filter(published__isnull=False).aggregate(d=Max("published"))["d"]
    if newest is None:
        return []
    rows = (
        Article.objects.filter(published__gt=newest - dt.timedelta(days=days))
        .values("published")
        .annotate(n=Count("id"))
        .order_by("published")
    )
    return [(row["published"], row["n"]) for row in rows]


def _aggregates() -> dict[str, Any]:
    # codes only: pages name regions through `kb.names.place_name` (the `place` filter), never
    # by a record's name
    pairs = region_pairs()
    iranian = sorted({a for a, _, _ in pairs})
    russian = sorted({b for _, b, _ in pairs})
    counts = {(a, b): n for a, b, n in pairs}
    top = max(counts.values(), default=1)
    matrix = [
        {
            "region": a,
            "cells": [
                {"n": counts.get((a, b), 0), "level": round(4 * counts.get((a, b), 0) / top), "pair": (a, b)}
                for b in russian
            ],
        }
        for a in iranian
    ]
    return {
        "pairs": pairs,
        "activity": daily_activity(),
        "matrix": matrix,
        "russian": russian,
    }


def dashboard(*, today: dt.date) -> dict[str, Any]:
    """Latest stories, open and overdue commitments, and the region pairs and monthly activity over
    the whole knowledge base; those are computed once per state of the data (cached under the
    number and newest id of the articles), not on every page load."""
    commitments = Commitment.objects.exclude(review_state=ReviewState.REJECTED).select_related("article")
    state = Article.objects.aggregate(
        n=Count("id"), newest=Max("id"), samples=Count("id", filter=Q(url__startswith=SAMPLE_URL_PREFIX))
    )
    aggregates: dict[str, Any] | None = cache.get_or_set(
        f"dashboard:3:{state['n']}:{state['newest']}", _aggregates, timeout=3600
    )
    return {
        "stories": story_list()[:10],
        # the nearest due dates first, those without a date after them (SQLite sorts NULL first)
        "open_commitments": commitments.filter(Q(due__gte=today) | Q(due__isnull=True)).order_by(
            F("due").asc(nulls_last=True), "-pk"
        )[:10],
        "overdue": commitments.filter(due__lt=today).order_by("due")[:10],
        "article_count": state["n"],
        "sample_count": state["samples"],
        **(aggregates or {}),
    }


def entity_mentions(entity: Entity, *, limit: int = 100) -> list[WithAnnotations[Mention, _Words]]:
    """An entity's mentions with their words, newest article first."""
    return list(
        with_words(
            entity.mentions.select_related("article").defer("article__text", "article__search_text")
        ).order_by("-article_id", "start")[:limit]
    )


def person_mentions(person: Entity) -> list[WithAnnotations[Mention, _Words]]:
    return list(with_words(person.mentions.all()).order_by("article_id", "start"))


def spellings(entity: Entity) -> list[str]:
    return sorted({a.name for a in entity.aliases.all()})


def region_pair(a: Entity, b: Entity) -> dict[str, Any]:
    """Everything between two regions: the articles naming both, their stories, sectors and
    commitments, and the instruments both are party to."""
    both = (
        Mention.objects.filter(entity=a)
        .values("article_id")
        .intersection(Mention.objects.filter(entity=b).values("article_id"))
    )
    ids = [row["article_id"] for row in both]
    articles = (
        Article.objects.filter(pk__in=ids)
        .select_related("outlet")
        .defer("text", "search_text")
        .order_by("-published")
    )
    sectors = (
        Mention.objects.filter(article_id__in=ids, entity__type="sector")
        .values("entity__ref")
        .annotate(n=Count("article", distinct=True))
        .order_by("-n")
    )
    return {
        "articles": list(articles[:100]),
        "article_count": len(ids),
        "stories": list(
            Story.objects.filter(articles__in=ids)
            .distinct()
            .order_by("-date")
            .prefetch_related(titled_articles())[:50]
        ),
        "instruments": list(
            Instrument.objects.filter(parties=a)
            .filter(parties=b)
            .distinct()
            .select_related("story")
            .prefetch_related("parties")
        ),
        "commitments": list(
            Commitment.objects.filter(article_id__in=ids).exclude(review_state=ReviewState.REJECTED)[:50]
        ),
        "sector_bars": [(s["entity__ref"], s["n"]) for s in sectors[:15]],
    }


def story_detail(story: Story) -> dict[str, Any]:
    return {
        "articles": list(
            story.articles.select_related("outlet").defer("text", "search_text").order_by("published", "pk")
        ),
        "people": story_entities(story, "person"),
        "regions": story_entities(story, "region"),
        "instruments": list(story.instruments.select_related("story").prefetch_related("parties")),
    }


def review_queue() -> dict[str, Any]:
    """Proposed facts, least certain first: person links by confidence (a query to page through),
    then the first posts, instrument steps and commitments."""
    # each item is shown in its sentence, so its article's text comes along (a page is 50 links)
    proposed = {
        kind: _facts(kind).filter(review_state=ReviewState.PROPOSED).select_related("article")
        for kind in FACT_KINDS
    }
    return {
        "links": proposed["mention"].filter(entity__type="person").order_by("link_confidence", "pk"),
        "positions": list(proposed["position"].order_by("pk")[:20]),
        "steps": list(proposed["instrument_step"].order_by("pk")[:20]),
        "commitments": list(proposed["commitment"].order_by("pk")[:20]),
    }


AUDITED: dict[str, Any] = {
    "person": Entity,
    "entity": Entity,
    "story": Story,
    **{k: e.model for k, e in FACT_KINDS.items()},
}


def audited_get(kind: str, pk: int) -> Any:
    """The record a history page is about; raises NoRecord for an unknown kind."""
    if kind not in AUDITED:
        raise NoRecord(kind)
    return AUDITED[kind].objects.get(pk=pk)


def audit_entries(obj: Any) -> QuerySet[AuditLog]:
    return (
        AuditLog.objects.filter(object_type=obj._meta.model_name, object_id=obj.pk)
        .select_related("actor")
        .order_by("-at")
    )


def entity_search(q: str, type_: str, *, limit: int = 100) -> list[Entity]:
    return entities_search(q, (type_,), limit=limit)


def entities_search(q: str, types: tuple[str, ...], *, limit: int = 100) -> list[Entity]:
    """Live records of these types one of whose names, in any language, contains the words of `q`."""
    found = Entity.objects.filter(pk__in=search.entity_ids(q), type__in=types, merged_into=None)
    return list(found.order_by("type", "name")[:limit])


def entities_chosen(ids: list[str], types: tuple[str, ...]) -> list[Entity]:
    """The live records of these types a form chose by number (a picker's hidden inputs), in order;
    numbers that are not such records are left out."""
    numbers = [n for n in map(typed_id, ids) if n is not None]
    found = {e.pk: e for e in Entity.objects.filter(pk__in=numbers, type__in=types, merged_into=None)}
    return [found[n] for n in dict.fromkeys(numbers) if n in found]


NAME_SEPARATORS = re.compile(r"[,،؛;\n]")


def entities_picked(
    *, ids: list[str], typed: str, types: tuple[str, ...]
) -> tuple[list[Entity], list[tuple[str, list[Entity]]]]:
    """What a name picker submitted: the records chosen by number, then those its typed names
    (separated by commas) mean; and the typed names that mean none or several, with the records
    they might mean."""
    chosen = entities_chosen(ids, types)
    refused: list[tuple[str, list[Entity]]] = []
    for name in (n.strip() for n in NAME_SEPARATORS.split(typed)):
        if not name:
            continue
        found, candidates = entity_named(name, types)
        if found is None:
            refused.append((name, candidates))
        elif found not in chosen:
            chosen.append(found)
    return chosen, refused


def entity_named(name: str, types: tuple[str, ...]) -> tuple[Entity | None, list[Entity]]:
    """The one record of these types a typed name means (a region by region_by_name, others by a
    spelling in any language), or None with the records it might mean (none, or several)."""
    if types == ("region",):
        region = region_by_name(name)
        return region, [] if region is None else [region]
    candidates = entities_search(name, types, limit=6)
    exact = [e for e in candidates if search.alias_key(e.name) == search.alias_key(name)]
    if len(exact) == 1 or len(candidates) == 1:
        return (exact or candidates)[0], candidates
    return None, candidates


def search_facets() -> dict[str, QuerySet[Entity]]:
    """The regions and sectors named in at least one article, for the search filters."""
    return {
        "regions": Entity.objects.filter(type="region", mentions__isnull=False).distinct().order_by("ref"),
        "sectors": Entity.objects.filter(type="sector", mentions__isnull=False).distinct().order_by("ref"),
    }


def entity_facts(entities: list[Entity], *, limit: int = PROFILE_LIMIT) -> list[dict[str, Any]]:
    """The facts of the kinds the registry lists on entity pages (`on_entity_pages`) that point
    to any of `entities` (a region, a person, the parties of a brief), newest first, per kind."""
    out = []
    for name, entry in FACT_KINDS.items():
        if not entry.on_entity_pages:
            continue
        tie = Q()
        for field in entry.entity_fields:
            tie |= Q(**{f"{field}__in": entities})
        facts = (
            entry.model._default_manager.filter(tie)
            .exclude(review_state=ReviewState.REJECTED)
            .select_related("article", *entry.related)
            .distinct()
            .order_by("-article__published", "-pk")[:limit]
        )
        rows = [{"fact": f, "summary": entry.summary(f), "extra": entry.extra(f)} for f in facts]
        if rows:
            out.append({"kind": name, "label": entry.label, "rows": rows})
    return out


def region_by_name(name: str) -> Entity | None:
    """A region from its ISO code or its name in Persian, Russian or English («اصفهان», «Татарстан»,
    «Isfahan»; Arabic letter forms and spacing folded), or None."""
    text = name.strip()
    if not text:
        return None
    found = Entity.objects.filter(type="region", ref=text.upper()).first()
    if found is not None:
        return found
    key = search.alias_key(text)
    for language in ("fa", "ru", "en"):
        for entry in load_table(language, "regions"):
            if any(search.alias_key(term) == key for term in entry.terms):
                return Entity.objects.filter(type="region", ref=entry.key).first()
    return Entity.objects.filter(type="region", aliases__key=key).first()


def region_choices() -> QuerySet[Entity]:
    """The Iranian and Russian regions, for the forms that ask for one."""
    return Entity.objects.filter(Q(ref__startswith="IR-") | Q(ref__startswith="RU-"), type="region").order_by(
        "ref"
    )


def mention_group(mention: Mention) -> list[Mention]:
    """The mentions of the same entity in the same article, in the order of the text."""
    return list(
        _facts("mention").filter(article_id=mention.article_id, entity_id=mention.entity_id).order_by("start")
    )


def region_find(*, name: str) -> Entity | None:
    """A region from its ISO code or its name in Persian, Russian or English (region_by_name), else
    the region the extractor reads in the words («استان سمنان», «Астраханской области»)."""
    found = region_by_name(name)
    if found is None and name.strip():
        refs = [e.ref for e in extract(name.strip()).entities if e.type == "region" and e.ref]
        found = Entity.objects.filter(LIVE, type="region", ref__in=refs[:1]).first()
    return found


def entity_find(*, pk: int) -> Entity | None:
    """A region, organisation or other record by its number (shown on its page)."""
    return Entity.objects.filter(pk=pk).first()


def article_count() -> int:
    return Article.objects.count()


def article_ids_missing(*, ids: Sequence[int]) -> list[int]:
    """The numbers among `ids` that name no stored article, in order."""
    stored = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
    return sorted(set(ids) - stored)


def article_iter(*, ids: Sequence[int] | None = None) -> Iterator[Article]:
    """Stored articles (all, or those numbered `ids`), read in chunks."""
    qs = Article.objects.all() if ids is None else Article.objects.filter(pk__in=ids)
    return qs.order_by("pk").iterator(chunk_size=200)


def article_find(*, pk: int) -> Article | None:
    return Article.objects.filter(pk=pk).first()


def article_ids(*, ids: Sequence[int] | None = None) -> list[int]:
    """The numbers of the stored articles (all, or those among `ids`), in order."""
    qs = Article.objects.all() if ids is None else Article.objects.filter(pk__in=ids)
    return list(qs.order_by("pk").values_list("pk", flat=True))


# An article dated by its ingest day only: when the articles ingested just before it that are
# dated (by their text or publication date) came at most LIVE_LAG days after their events, the
# knowledge base is fed live (watched feeds) and this article's event, too, happened at most that
# many days (their LIVE_QUANTILE lag, plus WINDOW) before its ingest day. After a backlog (an
# archive uploaded, a new source's old items) or with too few dated articles to tell, the ingest
# day says nothing. Looked up among the RECENT dated articles ingested last.
RECENT = 30
MIN_RECENT = 5
LIVE_LAG = 7
LIVE_QUANTILE = 0.9


def live_window(*, article: Article, ingest_day: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days an article dated only by its ingest day reports, when the articles ingested just
    before it say that the knowledge base is fed live (see LIVE_LAG); else None.
    The stories service asks it when it places such an article."""
    rows = (
        Article.objects.filter(pk__lt=article.pk, event_date_weak=False, event_date_known__in=CERTAIN)
        .exclude(event_date=None)
        .order_by("-pk")
        .values_list("ingested_at", "event_date")[:RECENT]
    )
    lags = sorted(abs((timezone.localdate(at) - day).days) for at, day in rows if day is not None)
    if len(lags) < MIN_RECENT:
        return None
    lag = lags[min(len(lags) - 1, int(LIVE_QUANTILE * len(lags)))]
    if lag > LIVE_LAG:
        return None
    return ingest_day - dt.timedelta(days=lag) - WINDOW, ingest_day + dt.timedelta(days=1)
