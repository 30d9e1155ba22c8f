"""The JSON of `../shared/spec/extraction.md` (schema hamkari.extraction/1), plus provenance."""

from __future__ import annotations

from typing import Any

from hamkari.extraction.dates import to_jalali
from hamkari.extraction.document import Document, Entity, Mention
from hamkari.extraction.pipeline import collector_paused

SCHEMA = "hamkari.extraction/1"
ENTITY_ORDER = ("region", "country", "city", "place", "person", "organization", "sector", "route", "market")


def _mentions(mentions: list[Mention]) -> tuple[list[list[int]], list[dict[str, Any]]]:
    # one loop, the fields read directly: about 500 mentions an article
    spans: list[list[int]] = []
    provenance: list[dict[str, Any]] = []
    for m in sorted(mentions, key=_mention_start):
        s, p = m.span, m.provenance
        spans.append([s.start, s.end])
        provenance.append({"span": [s.start, s.end], "component": p.component, "rule": p.rule})
    return spans, provenance


def _mention_start(m: Mention) -> int:
    return m.span.start


def entity_json(e: Entity) -> dict[str, Any]:
    spans, provenance = _mentions(e.mentions)
    out: dict[str, Any] = {"id": e.id, "type": e.type}
    if e.type == "organization":
        out.update(kind=e.kind, ref=e.ref, name=e.name, country=e.country, region=e.region)
    elif e.type == "person":
        out.update(name=e.name, country=e.country, aliases=list(e.aliases))
        out["roles"] = [
            {
                "title": r.title,
                "role": r.role,
                "region": r.region,
                "organization": r.organization,
                "country": r.country,
                "span": r.span.as_list(),
                "provenance": r.provenance.as_dict(),
            }
            for r in e.roles
        ]
    else:
        out.update(ref=e.ref, name=e.name)
        if e.type in ("city", "place"):
            out.update(region=e.region)
        if e.type == "place":
            out.update(kind=e.kind)
    out["mentions"] = spans
    out["provenance"] = provenance
    return out


def assign_ids(doc: Document) -> None:
    ordered = sorted(doc.entities, key=lambda e: (ENTITY_ORDER.index(e.type), e.first()))
    doc.entities[:] = ordered
    for n, e in enumerate(ordered, start=1):
        e.id = f"e{n}"


def to_json(doc: Document) -> dict[str, Any]:
    with collector_paused():  # many small containers, no cycles: see collector_paused
        return _to_json(doc)


def _to_json(doc: Document) -> dict[str, Any]:
    assign_ids(doc)
    ids = {id(e): e.id for e in doc.entities}

    def ref(e: Entity | None) -> str | None:
        return ids.get(id(e)) if e is not None else None

    document: dict[str, Any] = {
        "source": doc.source,
        "language": doc.language,
        "published": doc.published.isoformat() if doc.published else None,
        "published_jalali": to_jalali(doc.published) if doc.published else None,
        "published_provenance": doc.published_provenance.as_dict() if doc.published_provenance else None,
        "title": doc.title,
        "outlets": [
            {"name": o.name, "ref": o.ref, "span": o.span.as_list(), "provenance": o.provenance.as_dict()}
            for o in doc.outlets
        ],
        "length": len(doc.text),
    }
    return {
        "schema": SCHEMA,
        "document": document,
        "entities": [entity_json(e) for e in doc.entities],
        "events": [
            {
                "type": ev.type,
                "date": ev.date.isoformat() if ev.date else None,
                "participants": [ref(p) for p in ev.participants],
                "regions": ev.regions,
                "evidence": ev.evidence.as_list(),
                "provenance": ev.provenance.as_dict(),
                # the words that date the event, when the text has any
                "date_provenance": (
                    {"kind": ev.when.kind, "span": ev.when.span.as_list()} | ev.when.provenance.as_dict()
                    if ev.when
                    else None
                ),
            }
            for ev in doc.events
        ],
        "instruments": [
            {
                "kind": i.kind,
                "status": i.status,
                "parties": [ref(p) for p in i.parties],
                "evidence": i.evidence.as_list(),
                "provenance": i.provenance.as_dict(),
                "history": [
                    {"status": s.status, "span": s.span.as_list(), "provenance": s.provenance.as_dict()}
                    for s in i.history
                ],
            }
            for i in doc.instruments
        ],
        "commitments": [
            {
                "action": c.action,
                "actor": ref(c.actor),
                "due": c.due.isoformat() if c.due else None,
                "due_relative": c.due_relative,
                "due_expression": c.due_expression or "",
                "due_precision": c.due_precision,
                "evidence": c.evidence.as_list(),
                "provenance": c.provenance.as_dict(),
            }
            for c in doc.commitments
        ],
        "quantities": [
            {
                "value": q.value,
                "unit": q.unit,
                "subject": q.subject,
                "text": q.text,
                "span": q.span.as_list(),
                "provenance": q.provenance.as_dict(),
            }
            for q in doc.quantities
        ],
        **{name: [fact.as_json(ref) for fact in facts] for name, facts in doc.more.items()},
    }
