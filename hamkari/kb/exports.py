"""`hamkari export KIND`: flat rows an analyst can load into a spreadsheet."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from hamkari.kb import selectors
from hamkari.kb.facts import FACT_KINDS
from hamkari.kb.models import Entity, Mention, ReviewState


def _articles() -> Iterator[dict[str, Any]]:
    for a in selectors.article_list().iterator(chunk_size=500):
        yield {
            "id": a.pk,
            "title": a.title,
            "language": a.language,
            "published": a.published,
            "published_jalali": a.published_jalali,
            "outlet": a.outlet.name if a.outlet else "",
            "url": a.url,
            "source": a.source,
            "story": a.story_id,
        }


def _events() -> Iterator[dict[str, Any]]:
    for s in selectors.story_list():
        articles = list(s.articles.all())
        yield {
            "id": s.pk,
            "type": s.type,
            "date": s.date,
            "title": s.title,
            "sources": len(articles),
            "languages": " ".join(sorted({a.language for a in articles})),
            "outlets": "; ".join(sorted({a.outlet.name for a in articles if a.outlet})),
            "regions": " ".join(e.ref or "" for e in selectors.story_entities(s, "region")),
            "people": "; ".join(e.name for e in selectors.story_entities(s, "person")),
            "articles": " ".join(str(a.pk) for a in articles),
        }


def _people() -> Iterator[dict[str, Any]]:
    for p in selectors.people_list():
        posts = selectors.positions_of(p)
        yield {
            "id": p.pk,
            "name": p.name,
            "country": p.country,
            "mentions": p.mention_count,
            "spellings": "; ".join(sorted({a.name for a in p.aliases.all()})),
            "posts": "; ".join(
                f"{x['role']} {x['region'] or x['organization'] or ''} ({x['last_seen'] or '?'})".strip()
                for x in posts
            ),
        }


def _instruments() -> Iterator[dict[str, Any]]:
    for i in selectors.instrument_list():
        steps = sorted(i.steps.all(), key=lambda s: (s.date is None, s.date))
        yield {
            "id": i.pk,
            "kind": i.kind,
            "status": i.status,
            "story": i.story_id,
            "parties": "; ".join(p.ref or p.name for p in i.parties.all()),
            "steps": "; ".join(f"{s.status} {s.date or ''}".strip() for s in steps),
            "articles": " ".join(sorted({str(s.article_id) for s in steps})),
        }


def _regions() -> Iterator[dict[str, Any]]:
    for r in selectors.region_list():
        people = Entity.objects.filter(type="person", positions__region=r.ref).distinct().count()
        sectors = (
            Mention.objects.filter(
                article__in=Mention.objects.filter(entity=r).values("article_id"), entity__type="sector"
            )
            .values_list("entity__ref", flat=True)
            .distinct()
        )
        yield {
            "code": r.ref,
            "name": r.name,
            "articles": r.article_count,
            "officials": people,
            "sectors": " ".join(sorted(s for s in sectors if s)),
        }


def _registered(name: str) -> Callable[[], Iterator[dict[str, Any]]]:
    """The export of a fact kind that the registry gives one (`FactKind.export`)."""
    entry = FACT_KINDS[name]
    export = entry.export
    assert export is not None

    def rows() -> Iterator[dict[str, Any]]:
        facts = entry.model._default_manager.exclude(review_state=ReviewState.REJECTED)
        for fact in facts.select_related("article", *entry.related).order_by("pk").iterator(chunk_size=500):
            yield {"id": fact.pk, "article": fact.article_id, **export(fact)}

    return rows


KINDS: dict[str, Callable[[], Iterator[dict[str, Any]]]] = {
    "articles": _articles,
    "events": _events,
    "people": _people,
    "instruments": _instruments,
    "regions": _regions,
    **{f"{name}s": _registered(name) for name, entry in FACT_KINDS.items() if entry.export is not None},
}


def rows(kind: str) -> Iterator[dict[str, Any]]:
    return KINDS[kind]()


def write_export(kind: str, fmt: str, out: TextIO) -> int:
    count = 0
    writer: csv.DictWriter[str] | None = None
    for row in rows(kind):
        clean = {
            k: ("" if v is None else v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()
        }
        if fmt == "jsonl":
            out.write(json.dumps(clean, ensure_ascii=False) + "\n")
        else:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(clean))
                writer.writeheader()
            writer.writerow(clean)
        count += 1
    return count
