"""Stories: the articles that report one event, in any outlet and language, grouped together.

An article joins a story when their dates are within `DATE_WINDOW` and enough of what they
report agrees: regions, people (after linking across scripts), sectors and the kind of event.
Without a date an article starts its own story: a meeting of the same governor on another day
is another story."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hamkari.extraction.document import Document
from hamkari.kb.models import Article, EventSource, Mention, Story

DATE_WINDOW = dt.timedelta(days=2)
THRESHOLD = 0.5
WEIGHTS = {"regions": 0.4, "people": 0.3, "sectors": 0.2, "type": 0.1}


@dataclass
class Features:
    regions: set[str]
    people: set[int]
    sectors: set[str]
    types: set[str]


def _jaccard(a: set[Any], b: set[Any]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def similarity(a: Features, b: Features) -> float:
    return (
        WEIGHTS["regions"] * _jaccard(a.regions, b.regions)
        + WEIGHTS["people"] * (1.0 if a.people & b.people else 0.0)
        + WEIGHTS["sectors"] * _jaccard(a.sectors, b.sectors)
        + WEIGHTS["type"] * (1.0 if a.types & b.types else 0.0)
    )


def features(articles: list[int]) -> Features:
    rows = Mention.objects.filter(article_id__in=articles).values_list(
        "entity__type", "entity__ref", "entity_id"
    )
    types = set(EventSource.objects.filter(article_id__in=articles).values_list("type", flat=True))
    return Features(
        regions={ref for kind, ref, _ in rows if kind == "region" and ref},
        people={pk for kind, _, pk in rows if kind == "person"},
        sectors={ref for kind, ref, _ in rows if kind == "sector" and ref},
        types=types,
    )


def story_assign(
    *, article: Article, doc: Document, keep: set[tuple[str, int, int, str]], run: Any
) -> Story | None:
    """Put an article into the story it reports (a new one if none matches) with its event sources."""
    if not doc.events:
        return article.story
    first = doc.events[0]
    date = first.date or article.published
    story = article.story
    if story is None:
        story = _matching_story(article, date, {e.type for e in doc.events})
    if story is None:
        story = Story.objects.create(type=first.type, date=date, title=article.title[:500])
    if article.story_id != story.pk:
        article.story = story
        article.save(update_fields=["story"])
    for event in doc.events:
        if ("event_source", event.evidence.start, event.evidence.end, "") in keep:
            continue
        EventSource.objects.create(
            article=article,
            run=run,
            story=story,
            type=event.type,
            date=event.date or date,
            start=event.evidence.start,
            end=event.evidence.end,
            component=event.provenance.component,
            rule=event.provenance.rule[:300],
        )
    return story


def _matching_story(article: Article, date: dt.date | None, types: set[str]) -> Story | None:
    if date is None:
        return None
    mine = features([article.pk])
    mine.types |= types
    candidates = {s.pk: s for s in Story.objects.filter(date__range=(date - DATE_WINDOW, date + DATE_WINDOW))}
    if not candidates:
        return None
    # the features of every candidate story in two queries, not two per story
    by_story: dict[int, Features] = {pk: Features(set(), set(), set(), set()) for pk in candidates}
    rows = Mention.objects.filter(article__story_id__in=candidates).values_list(
        "article__story_id", "entity__type", "entity__ref", "entity_id"
    )
    for story_id, kind, ref, pk in rows:
        f = by_story[story_id]
        if kind == "region" and ref:
            f.regions.add(ref)
        elif kind == "person":
            f.people.add(pk)
        elif kind == "sector" and ref:
            f.sectors.add(ref)
    for story_id, kind in EventSource.objects.filter(story_id__in=candidates).values_list("story_id", "type"):
        by_story[story_id].types.add(kind)
    best: tuple[float, Story] | None = None
    for pk, theirs in by_story.items():
        score = similarity(mine, theirs)
        if score >= THRESHOLD and (best is None or score > best[0]):
            best = (score, candidates[pk])
    return best[1] if best else None
