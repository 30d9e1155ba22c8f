"""Which watchlists an article concerns, and what in it is news for them.

An article is reduced once to what targets compare with (`Facets`: the codes of the regions and
sectors it names, the records of the people and organisations, the kinds of the instruments it
reports); a target matches when the article names what it follows (a pair: both regions; a saved
search: every word of the query, as the search page finds it).

The news of a matching article, each with a key that names it so that it is told once:
- a new story (the first article of its story) or a new article in a story it already had;
- a new instrument (no earlier article reported it) or a new status step of one;
- a new commitment;
- a person seen in a post no earlier article showed them in (for a watchlist that follows people,
  only those people).
Deadlines coming due are found by the periodic run (`deadlines`). Facts an analyst rejected are
never news."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse

from hamkari.alerts.models import (
    INSTRUMENT,
    ORGANIZATION,
    PAIR,
    PERSON,
    REGION,
    SEARCH,
    SECTOR,
    Target,
    Watchlist,
)
from hamkari.kb import search
from hamkari.kb.models import Article, Commitment, InstrumentStep, Mention, Position, ReviewState

NOT_REJECTED = ~Q(review_state=ReviewState.REJECTED)
# a deadline is news this many days before it falls due
DEADLINE_LEAD_DAYS = 7


@dataclass(frozen=True)
class Facets:
    """What of one article the targets are compared with."""

    article: Article
    codes: frozenset[tuple[str, str]]  # (type, code) of the regions, countries, sectors it names
    entities: frozenset[int]  # the records it names (and those they were merged into)
    instrument_kinds: frozenset[str]


@dataclass
class News:
    kind: str
    key: str
    url: str
    summary: str = ""
    language: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
    day: dt.date | None = None


def facets(article: Article) -> Facets:
    mentions = Mention.objects.filter(NOT_REJECTED, article=article).values_list(
        "entity_id", "entity__merged_into_id", "entity__type", "entity__ref"
    )
    codes, entities = set(), set()
    for entity_id, merged_into, type_, ref in mentions:
        entities.add(entity_id)
        if merged_into:
            entities.add(merged_into)
        if ref:
            codes.add((type_, ref))
    kinds = InstrumentStep.objects.filter(NOT_REJECTED, article=article).values_list(
        "instrument__kind", flat=True
    )
    return Facets(article, frozenset(codes), frozenset(entities), frozenset(kinds))


def target_matches(target: Target, seen: Facets) -> bool:
    """Whether the article of `seen` names what `target` follows."""
    if target.kind == REGION:
        return ("region", target.value) in seen.codes
    if target.kind == PAIR:
        first, _, second = target.value.partition(" ")
        return ("region", first) in seen.codes and ("region", second) in seen.codes
    if target.kind == SECTOR:
        return ("sector", target.value) in seen.codes
    if target.kind in (PERSON, ORGANIZATION):
        return target.entity_id in seen.entities
    if target.kind == INSTRUMENT:
        return target.value in seen.instrument_kinds
    if target.kind == SEARCH:
        return seen.article.pk in search.article_ids_among(target.value, [seen.article.pk])
    return False


def watchlist_matches(watchlist: Watchlist, seen: Facets) -> bool:
    return any(target_matches(t, seen) for t in watchlist.targets.all())


def news_of(article: Article, *, people: set[int] | None = None) -> list[News]:
    """Everything in `article` that is news (see the module); `people`: only the posts of these."""
    return [
        _story_or_article(article),
        *_instruments(article),
        *_commitments(article),
        *_positions(article, people),
    ]


def people_followed(targets: Iterable[Target]) -> set[int] | None:
    """The people a watchlist follows, or None when it follows none (then every new post is news)."""
    chosen = {t.entity_id for t in targets if t.kind == PERSON and t.entity_id}
    return chosen or None


def _title(article: Article) -> str:
    return (article.title or " ".join(article.text.split())[:160])[:500]


def _story_or_article(article: Article) -> News:
    story = article.story
    first = story.articles.order_by("pk").values_list("pk", flat=True).first() if story else None
    if story is not None and first == article.pk:
        kind, key, url = "story", f"story:{story.pk}", reverse("story", args=[story.pk])
    else:
        kind, key, url = "article", f"article:{article.pk}", reverse("article", args=[article.pk])
    return News(kind, key, url, summary=_title(article), language=article.language, day=article.published)


def _instruments(article: Article) -> list[News]:
    out = []
    steps = InstrumentStep.objects.filter(NOT_REJECTED, article=article).select_related("instrument")
    for step in steps.order_by("pk"):
        instrument = step.instrument
        earlier = InstrumentStep.objects.filter(
            NOT_REJECTED, instrument=instrument, article_id__lt=article.pk
        )
        if not earlier.exists():
            kind, key = "instrument", f"instrument:{instrument.pk}"
        elif not earlier.filter(status=step.status).exists():
            kind, key = "step", f"step:{instrument.pk}:{step.status}"
        else:
            continue
        out.append(
            News(
                kind,
                key,
                reverse("instrument", args=[instrument.pk]),
                summary=_title(article),
                language=article.language,
                detail={"instrument": instrument.kind, "status": step.status},
                day=step.date or article.published,
            )
        )
    return out


def _commitments(article: Article) -> list[News]:
    return [
        News(
            "commitment",
            f"commitment:{c.pk}",
            reverse("article", args=[article.pk]),
            summary=c.action[:500],
            language=article.language,
            detail={"due": c.due.isoformat() if c.due else ""},
            day=c.due,
        )
        for c in Commitment.objects.filter(NOT_REJECTED, article=article).order_by("pk")
    ]


def _positions(article: Article, people: set[int] | None) -> list[News]:
    out: dict[str, News] = {}
    positions = Position.objects.filter(NOT_REJECTED, article=article).select_related("person")
    if people is not None:
        positions = positions.filter(person_id__in=people)
    for p in positions.order_by("pk"):
        same_post = {"role": p.role, "region": p.region, "organization_id": p.organization_id}
        elsewhere = Position.objects.filter(NOT_REJECTED, person_id=p.person_id, **same_post).exclude(
            article=article
        )
        if elsewhere.filter(article_id__lt=article.pk).exists():
            continue
        key = f"position:{p.person_id}:{p.role}:{p.region}:{p.organization_id or ''}"
        out.setdefault(
            key,
            News(
                "position",
                key[:200],
                reverse("person", args=[p.person_id]),
                summary=p.person.name[:500],
                language=article.language,
                detail={"role": p.role, "region": p.region, "title": p.title[:200]},
                day=p.observed_on or article.published,
            ),
        )
    return list(out.values())


def deadlines(watchlist: Watchlist, *, today: dt.date) -> list[News]:
    """The commitments of the articles this watchlist follows that fall due within
    DEADLINE_LEAD_DAYS of `today` (overdue ones were told when they came due)."""
    soon = Commitment.objects.filter(
        NOT_REJECTED, due__gte=today, due__lte=today + dt.timedelta(days=DEADLINE_LEAD_DAYS)
    ).select_related("article")
    targets = list(watchlist.targets.all())
    out = []
    for c in soon.order_by("due", "pk"):
        seen = facets(c.article)
        if any(target_matches(t, seen) for t in targets):
            out.append(
                News(
                    "deadline",
                    f"deadline:{c.pk}",
                    reverse("article", args=[c.article_id]),
                    summary=c.action[:500],
                    language=c.article.language,
                    detail={"due": c.due.isoformat() if c.due else ""},
                    day=c.due,
                )
            )
    return out
