"""Storing an article and every fact extracted from it, and extracting it again."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from django.db import transaction

from hamkari.extraction import VERSION, extract
from hamkari.extraction.dates import to_jalali
from hamkari.extraction.document import Document, StatusStep
from hamkari.extraction.normalize import fold
from hamkari.extraction.vocabulary import LIFECYCLE
from hamkari.kb import search
from hamkari.kb.models import (
    FACT_MODELS,
    Article,
    Commitment,
    ExtractionRun,
    Instrument,
    InstrumentStep,
    Mention,
    Outlet,
    Position,
    Quantity,
    ReviewState,
)
from hamkari.kb.services import stories
from hamkari.kb.services.resolve import aliases_add, resolve_all
from hamkari.sources.items import is_url

# What an analyst may change on each kind of fact.
EDITABLE: dict[str, tuple[str, ...]] = {
    "mention": (),
    "position": ("role", "title", "region", "country"),
    "event_source": ("type", "date"),
    "instrument_step": ("status", "date"),
    "commitment": ("action", "due", "due_relative"),
    "quantity": ("value", "unit"),
}


def content_hash(text: str) -> str:
    """Equal for the same article re-encoded, with other letter forms or other whitespace."""
    folded = fold(unicodedata.normalize("NFC", text)).text
    return hashlib.sha256("".join(folded.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IngestOutcome:
    status: Literal["new", "duplicate"]
    article: Article


def article_ingest(
    *,
    text: str,
    source: str = "",
    url: str = "",
    published: dt.date | None = None,
    outlet: str | None = None,
    language: str | None = None,
) -> IngestOutcome:
    """Store one article with all its facts in one transaction; the same text again changes nothing."""
    digest = content_hash(text)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return IngestOutcome("duplicate", existing)
    doc = extract(text, source=source or url or "-", language=language, published=published)
    with transaction.atomic():
        existing = Article.objects.select_for_update().filter(content_hash=digest).first()
        if existing is not None:
            return IngestOutcome("duplicate", existing)
        outlet_name = outlet or (doc.outlets[0].name if doc.outlets else None)
        article = Article.objects.create(
            outlet=_outlet(outlet_name) if outlet_name else None,
            source=source[:1000],
            # the page links to it: a «javascript:» address from a feed or the API must not survive
            url=url[:2000] if is_url(url) else "",
            title=(doc.title or "")[:500],
            text=text,
            content_hash=digest,
            language=doc.language or "",
            published=doc.published,
            published_jalali=to_jalali(doc.published) if doc.published else "",
        )
        run = ExtractionRun.objects.create(article=article, extractor_version=VERSION)
        _store(doc, article, run, keep=set())
        search.index_article(article)
    return IngestOutcome("new", article)


def article_reextract(*, article: Article) -> ExtractionRun:
    """Extract an article again. Facts an analyst reviewed or edited stay exactly as they are;
    unreviewed facts are replaced by the new extraction's."""
    doc = extract(
        article.text,
        source=article.source or "-",
        language=article.language or None,
        published=article.published,
    )
    with transaction.atomic():
        # the article's instruments are reused, not created again, when their steps are replaced
        previous = {i.kind: i for i in Instrument.objects.filter(steps__article=article).distinct()}
        keep: set[tuple[str, int, int, str]] = set()
        for name, model in FACT_MODELS.items():
            facts = model.objects.filter(article=article)  # type: ignore[attr-defined]
            for fact in facts:
                if fact.reviewed:
                    keep.add(_natural_key(name, fact))
            facts.filter(review_state=ReviewState.PROPOSED, edited=False).delete()
        run = ExtractionRun.objects.create(article=article, extractor_version=VERSION)
        _store(doc, article, run, keep=keep, previous=previous)
        for instrument in Instrument.objects.filter(steps__article=article).distinct():
            instrument_status_update(instrument=instrument)
        # an instrument the new extraction no longer finds goes, unless a user tied work to it
        Instrument.objects.filter(
            pk__in=[i.pk for i in previous.values()],
            steps__isnull=True,
            working_group__isnull=True,
            members__isnull=True,
        ).delete()
        search.index_article(article)
    return run


def _natural_key(name: str, fact: Any) -> tuple[str, int, int, str]:
    detail = {
        "mention": lambda f: f.entity.type,
        "position": lambda f: f.role,
        "event_source": lambda f: "",
        "instrument_step": lambda f: "",
        "commitment": lambda f: "",
        "quantity": lambda f: "",
    }[name](fact)
    return (name, fact.start, fact.end, detail)


def _outlet(name: str) -> Outlet:
    key = " ".join(fold(name).text.split())[:300]
    outlet, _ = Outlet.objects.get_or_create(key=key, defaults={"name": name[:300]})
    return outlet


def _store(
    doc: Document,
    article: Article,
    run: ExtractionRun,
    keep: set[tuple[str, int, int, str]],
    previous: dict[str, Instrument] | None = None,
) -> None:
    common = {"article": article, "run": run}
    resolved = resolve_all(doc)
    entities = {key: entity for key, (entity, _) in resolved.items()}
    aliases_add(doc, entities)
    mentions = []
    positions = []
    organizations = {e.name: entities[id(e)] for e in doc.entities if e.type == "organization"}
    for e in doc.entities:
        entity, link = resolved[id(e)]
        for m in e.mentions:
            if ("mention", m.span.start, m.span.end, e.type) in keep:
                continue
            mentions.append(
                Mention(
                    **common,
                    entity=entity,
                    start=m.span.start,
                    end=m.span.end,
                    component=m.provenance.component,
                    rule=m.provenance.rule[:300],
                    link_rule=link.rule if link else "",
                    link_confidence=link.confidence if link else 1.0,
                )
            )
        for r in e.roles:
            if ("position", r.span.start, r.span.end, r.role) in keep:
                continue
            positions.append(
                Position(
                    **common,
                    person=entity,
                    role=r.role,
                    title=r.title[:500],
                    region=r.region or "",
                    country=r.country or "",
                    organization=organizations.get(r.organization or ""),
                    observed_on=article.published,
                    start=r.span.start,
                    end=r.span.end,
                    component=r.provenance.component,
                    rule=r.provenance.rule[:300],
                )
            )
    Mention.objects.bulk_create(mentions)
    Position.objects.bulk_create(positions)
    story = stories.story_assign(article=article, doc=doc, keep=keep, run=run)
    for ins in doc.instruments:
        instrument = _instrument(ins.kind, story, (previous or {}).get(ins.kind))
        instrument.parties.add(*[entities[id(p)] for p in ins.parties if id(p) in entities])
        steps: list[StatusStep | None] = list(ins.history) or [None]
        for step in steps:
            span = step.span if step else ins.evidence
            status = step.status if step else ins.status
            provenance = step.provenance if step else ins.provenance
            if ("instrument_step", span.start, span.end, "") in keep:
                continue
            InstrumentStep.objects.create(
                **common,
                instrument=instrument,
                status=status,
                date=article.published,
                start=span.start,
                end=span.end,
                component=provenance.component,
                rule=provenance.rule[:300],
            )
        instrument_status_update(instrument=instrument)
    for c in doc.commitments:
        if ("commitment", c.evidence.start, c.evidence.end, "") in keep:
            continue
        Commitment.objects.create(
            **common,
            action=c.action,
            actor=entities.get(id(c.actor)) if c.actor else None,
            due=c.due,
            due_relative=c.due_relative or "",
            due_expression=(c.due_expression or "")[:300],
            start=c.evidence.start,
            end=c.evidence.end,
            component=c.provenance.component,
            rule=c.provenance.rule[:300],
        )
    regions = {e.ref: entities[id(e)] for e in doc.entities if e.type == "region"}
    for q in doc.quantities:
        if ("quantity", q.span.start, q.span.end, "") in keep:
            continue
        Quantity.objects.create(
            **common,
            value=float(q.value),
            unit=q.unit or "",
            subject=regions.get(q.subject),
            text=q.text[:300],
            start=q.span.start,
            end=q.span.end,
            component=q.provenance.component,
            rule=q.provenance.rule[:300],
        )


def _instrument(kind: str, story: Any, previous: Instrument | None) -> Instrument:
    """The same memorandum reported by several articles of one story is one record, and so is the
    one an article named before it was extracted again."""
    if story is not None:
        found = Instrument.objects.filter(kind=kind, story=story).first()
        if found is not None:
            return found
    if previous is not None:
        return previous
    return Instrument.objects.create(kind=kind, status="proposed", story=story)


def instrument_status_update(*, instrument: Instrument) -> Instrument:
    """The furthest step that no analyst rejected; a status an analyst set by hand stays."""
    if instrument.status_manual:
        return instrument
    statuses = instrument.steps.exclude(review_state=ReviewState.REJECTED).values_list("status", flat=True)
    known = [s for s in statuses if s in LIFECYCLE]
    status = max(known, key=LIFECYCLE.index) if known else "proposed"
    if status != instrument.status:
        instrument.status = status
        instrument.save(update_fields=["status"])
    return instrument
