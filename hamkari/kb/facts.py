"""The registry of fact kinds: one entry per kind of fact an analyst reviews, and everything the
rest of the knowledge base needs to know about it — its model, what an analyst may edit, what
tells two facts at the same words apart, how it is built from an extracted document, which
records it ties together, how the API and the pages show it, and its export rows.

Storing (`services.store`), review (`services.review`), the reads (`selectors`), the API, the
article, region and person pages, the brief and the exports all iterate over `FACT_KINDS`; none of
them names a kind. Adding a kind is one entry here plus its model (see the README's recipe).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language, gettext

from hamkari.extraction.components.delegations import Delegation as DocDelegation
from hamkari.extraction.document import Document
from hamkari.extraction.document import Entity as DocEntity
from hamkari.extraction.vocabulary import LIFECYCLE
from hamkari.kb import calendar, names
from hamkari.kb.linking import Link
from hamkari.kb.models import (
    Article,
    Commitment,
    Delegation,
    Entity,
    EventSource,
    ExtractionRun,
    Fact,
    Instrument,
    InstrumentStep,
    Mention,
    Position,
    Quantity,
    ReviewState,
    Story,
)
from hamkari.kb.words import ARROW, SEPARATOR, Counted, Words

NaturalKey = tuple[str, int, int, str]


@dataclass
class Found:
    """What storing one article hands each kind's builder: the document, its records, its story."""

    doc: Document
    article: Article
    run: ExtractionRun
    resolved: dict[int, tuple[Entity, Link | None]]  # id() of a document entity → its record
    previous: dict[str, Instrument] = field(default_factory=dict)  # re-extraction reuses them
    story: Story | None = None
    instruments: list[Instrument] = field(default_factory=list)  # touched, for their status

    def common(self, span: Any, provenance: Any) -> dict[str, Any]:
        return {
            "article": self.article,
            "run": self.run,
            "start": span.start,
            "end": span.end,
            "component": provenance.component,
            "rule": provenance.rule[:300],
        }

    def record(self, entity: DocEntity | None) -> Entity | None:
        return self.resolved[id(entity)][0] if entity is not None and id(entity) in self.resolved else None

    def by_name(self, type_: str) -> dict[str, Entity]:
        return {e.name: self.resolved[id(e)][0] for e in self.doc.entities if e.type == type_}

    def by_ref(self, type_: str) -> dict[str | None, Entity]:
        return {e.ref: self.resolved[id(e)][0] for e in self.doc.entities if e.type == type_}


@dataclass(frozen=True)
class FactKind:
    name: str  # as the API, the pages, the review URLs and the audit log call it
    model: type[Fact]
    # the kind's own words in fa, ru and en (kb/words.py; no catalogue entry): its name as a
    # heading of the pages that list its facts, and one fact of it (the history page's title)
    label: Words
    noun: Words
    # the records a row shows, fetched in the same query
    related: tuple[str, ...]
    # what an analyst may change
    editable: tuple[str, ...]
    # builds the unsaved facts of one article; None when another service stores them
    build: Callable[[Found], Iterable[Fact]] | None
    # the summary a page row and the brief show
    summary: Callable[[Any], str]
    # the API's detail fields
    detail: Callable[[Any], dict[str, Any]]
    # the class a row and a highlight of the kind carry on the page (mentions: their entity type)
    style: str = ""
    # a second line of a page row, and the record the row links to
    extra: Callable[[Any], str] = lambda fact: ""
    link: Callable[[Any], Any] = lambda fact: None
    # what tells two facts at the same words apart, so that a reviewed one is kept on re-extraction
    key_detail: Callable[[Any], str] = lambda fact: ""
    # the class of the highlight on the article page (None: its words are not highlighted)
    highlight: Callable[[Any], str] | None = None
    # the entity fields that tie a fact to a region's or a person's page
    entity_fields: tuple[str, ...] = ()
    # built after the article's story is known (the story ties instruments together)
    needs_story: bool = False
    # what is tied once the facts are saved (many-to-many fields), given the saved facts
    after_create: Callable[[list[Any]], None] = lambda facts: None
    # listed on the pages (and briefs) of the records its `entity_fields` point to; the kinds
    # those pages show in sections of their own (mentions, posts, commitments, figures) are not
    on_entity_pages: bool = False
    # what else changes when an analyst reviews a fact of the kind
    on_review: Callable[[Any], Any] = lambda fact: None
    # its export (`hamkari export <name>s`): the columns of one fact; None: no export of its own
    export: Callable[[Any], dict[str, Any]] | None = None
    # its rank among an article's key facts, what an analyst looks for first (smaller first; kinds
    # of one rank in the order of the text); None: after the ranked ones, in the order of the text
    key_order: int | None = None

    def css(self, fact: Any) -> str:
        return self.highlight(fact) if self.highlight else self.style or self.name

    def natural_key(self, fact: Any) -> NaturalKey:
        return (self.name, fact.start, fact.end, self.key_detail(fact))


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


# --- builders -------------------------------------------------------------------------------


def _mentions(found: Found) -> Iterator[Mention]:
    for e in found.doc.entities:
        entity, link = found.resolved[id(e)]
        for m in e.mentions:
            yield Mention(
                **found.common(m.span, m.provenance),
                entity=entity,
                link_rule=link.rule if link else "",
                link_confidence=link.confidence if link else 1.0,
            )


def _positions(found: Found) -> Iterator[Position]:
    organizations = found.by_name("organization")
    for e in found.doc.entities:
        for r in e.roles:
            yield Position(
                **found.common(r.span, r.provenance),
                person=found.resolved[id(e)][0],
                role=r.role,
                title=r.title[:500],
                region=r.region or "",
                country=r.country or "",
                organization=organizations.get(r.organization or ""),
                observed_on=found.article.published,
            )


def _instrument(found: Found, kind: str) -> Instrument:
    """The same memorandum reported by several articles of one story is one record, and so is the
    one an article named before it was extracted again."""
    existing = Instrument.objects.filter(kind=kind, story=found.story).first() if found.story else None
    instrument = existing or found.previous.get(kind)
    if instrument is None:
        instrument = Instrument.objects.create(kind=kind, status="proposed", story=found.story)
    found.instruments.append(instrument)
    return instrument


def _instrument_steps(found: Found) -> Iterator[InstrumentStep]:
    for ins in found.doc.instruments:
        instrument = _instrument(found, ins.kind)
        instrument.parties.add(*[e for e in map(found.record, ins.parties) if e is not None])
        steps = [(s.status, s.span, s.provenance) for s in ins.history]
        for status, span, provenance in steps or [(ins.status, ins.evidence, ins.provenance)]:
            yield InstrumentStep(
                **found.common(span, provenance),
                instrument=instrument,
                status=status,
                date=found.article.published,
            )


def _commitments(found: Found) -> Iterator[Commitment]:
    for c in found.doc.commitments:
        yield Commitment(
            **found.common(c.evidence, c.provenance),
            action=c.action,
            actor=found.record(c.actor),
            due=c.due,
            due_precision=c.due_precision or "" if c.due is not None else "",
            due_relative=c.due_relative or "",
            due_expression=(c.due_expression or "")[:300],
        )


def commitment_due_checked(*, commitment: Commitment) -> Commitment:
    """An analyst's due date keeps the precision only when the day can have it: moved off a
    month's (or a year's) last day, it is a day; cleared, it has none."""
    fitting = calendar.precision_fits(commitment.due, commitment.due_precision)
    precision = "" if commitment.due is None else commitment.due_precision if fitting else "day"
    if precision != commitment.due_precision:
        commitment.due_precision = precision
        commitment.save(update_fields=["due_precision"])
    return commitment


def _due_extra(f: Commitment) -> str:
    """The due date as exact as its words (a month as the month), else the day or the span."""
    if f.due is None:
        return f.due_relative or ""
    return calendar.due_text(f.due, f.due_precision, get_language() or "fa") or str(f.due)


def _quantities(found: Found) -> Iterator[Quantity]:
    regions = found.by_ref("region")
    for q in found.doc.quantities:
        yield Quantity(
            **found.common(q.span, q.provenance),
            value=float(q.value),
            unit=q.unit or "",
            subject=regions.get(q.subject),
            text=q.text[:300],
        )


def _place(found: Found, code: str | None) -> Entity | None:
    if code is None:
        return None
    named = found.by_ref("region") | found.by_ref("country")
    return named.get(code) or Entity.objects.filter(ref=code, type__in=("region", "country")).first()


def _delegations(found: Found) -> Iterator[Delegation]:
    for d in found.doc.more.get("delegations", []):
        assert isinstance(d, DocDelegation)
        fact = Delegation(
            **found.common(d.evidence, d.provenance),
            size=d.size,
            leader=found.record(d.leader),
            origin=_place(found, d.origin),
            destination=_place(found, d.destination),
            purpose=d.purpose[:500],
            date=d.date or found.article.published,
        )
        fact.pending_members = [e for e in map(found.record, d.members) if e is not None]
        yield fact


def _delegation_members(facts: list[Delegation]) -> None:
    for fact in facts:
        fact.members.add(*getattr(fact, "pending_members", []))


_PEOPLE = Counted(
    fa=("%(n)d نفر",),
    ru=("%(n)d человек", "%(n)d человека", "%(n)d человек"),
    en=("%(n)d person", "%(n)d people"),
)


def _delegation_summary(f: Delegation) -> str:
    """Size, leader and route, the names in the reader's language (kb/names.py)."""
    language = get_language()
    size = _PEOPLE(f.size) if f.size else ""
    places = (names.entity_name(p, language).text if p else "?" for p in (f.origin, f.destination))
    route = str(ARROW).join(places)
    leader = names.entity_name(f.leader, language).text if f.leader else ""
    return str(SEPARATOR).join(x for x in (size, leader, route) if x)


# --- the registry ---------------------------------------------------------------------------


FACT_KINDS: dict[str, FactKind] = {
    kind.name: kind
    for kind in (
        FactKind(
            name="mention",
            model=Mention,
            label=Words(fa="اشاره", ru="упоминание", en="mention"),
            noun=Words(fa="اشاره", ru="упоминание", en="mention"),
            related=("entity",),
            editable=(),
            build=_mentions,
            summary=lambda f: f.entity.name,
            extra=lambda f: f"{f.link_rule} {f.link_confidence:.2f}" if f.link_rule else "",
            link=lambda f: f.entity if f.entity.type == "person" else None,
            detail=lambda f: {
                "entity": f.entity_id,
                "type": f.entity.type,
                "name": f.entity.name,
                "link_rule": f.link_rule,
                "link_confidence": f.link_confidence,
            },
            key_detail=lambda f: f.entity.type,
            highlight=lambda f: f.entity.type,
            entity_fields=("entity",),
        ),
        FactKind(
            name="position",
            model=Position,
            label=Words(fa="سمت", ru="должность", en="post"),
            noun=Words(fa="سمت", ru="должность", en="position"),
            related=("person", "organization"),
            editable=("role", "title", "region", "country"),
            build=_positions,
            summary=lambda f: f"{f.person.name}: {gettext(f.role)}",
            extra=lambda f: f.region,
            detail=lambda f: {
                "person": f.person_id,
                "role": f.role,
                "region": f.region,
                "country": f.country,
            },
            key_detail=lambda f: f.role,
            entity_fields=("person", "organization"),
        ),
        FactKind(
            name="event_source",
            key_order=1,
            model=EventSource,
            label=Words(fa="رویداد", ru="событие", en="event"),
            noun=Words(fa="منبع رویداد", ru="источник события", en="event"),
            related=("story",),
            editable=("type", "date"),
            # stored by the story assignment, which decides the story the event belongs to
            build=None,
            summary=lambda f: gettext(f.type),
            style="event",
            detail=lambda f: {"story": f.story_id, "type": f.type, "date": f.date},
        ),
        FactKind(
            name="instrument_step",
            key_order=1,
            model=InstrumentStep,
            label=Words(fa="سند", ru="документ", en="instrument"),
            noun=Words(fa="گام سند", ru="этап документа", en="instrument step"),
            related=("instrument",),
            editable=("status", "date"),
            build=_instrument_steps,
            summary=lambda f: f"{gettext(f.instrument.kind)}: {gettext(f.status)}",
            style="instrument",
            detail=lambda f: {"instrument": f.instrument_id, "kind": f.instrument.kind, "status": f.status},
            needs_story=True,
            # a reviewed step may move the instrument's status
            on_review=lambda f: instrument_status_update(instrument=f.instrument),
        ),
        FactKind(
            name="commitment",
            key_order=1,
            model=Commitment,
            label=Words(fa="تعهد", ru="обязательство", en="commitment"),
            noun=Words(fa="تعهد", ru="обязательство", en="commitment"),
            related=("actor",),
            editable=("action", "due", "due_relative"),
            build=_commitments,
            summary=lambda f: f.action[:80],
            extra=_due_extra,
            detail=lambda f: {
                "action": f.action,
                "due": f.due,
                "due_precision": f.due_precision,
                "due_relative": f.due_relative,
            },
            entity_fields=("actor",),
            # an edited due date that its precision no longer fits is a day
            on_review=lambda f: commitment_due_checked(commitment=f),
            export=lambda f: {
                "action": f.action,
                "actor": f.actor.name if f.actor else "",
                "due": f.due,
                "due_precision": f.due_precision,
                "due_relative": f.due_relative,
                "due_expression": f.due_expression,
                "evidence": f.article.text[f.start : f.end],
                "review_state": f.review_state,
            },
        ),
        FactKind(
            name="quantity",
            model=Quantity,
            label=Words(fa="رقم", ru="число", en="figure"),
            noun=Words(fa="رقم", ru="число", en="quantity"),
            related=("subject",),
            editable=("value", "unit"),
            build=_quantities,
            summary=lambda f: f"{f.value:g} {f.unit}".strip(),
            detail=lambda f: {"value": f.value, "unit": f.unit},
            highlight=lambda f: "quantity",
            entity_fields=("subject",),
        ),
        FactKind(
            name="delegation",
            model=Delegation,
            label=Words(fa="هیئت‌ها", ru="делегации", en="delegations"),
            noun=Words(fa="هیئت", ru="делегация", en="delegation"),
            related=("leader", "origin", "destination"),
            editable=("size", "purpose", "date"),
            build=_delegations,
            after_create=_delegation_members,
            summary=_delegation_summary,
            extra=lambda f: f.purpose,
            detail=lambda f: {
                "size": f.size,
                "leader": f.leader_id,
                "members": [m.pk for m in f.members.all()],
                "origin": f.origin.ref if f.origin else None,
                "destination": f.destination.ref if f.destination else None,
                "purpose": f.purpose,
                "date": f.date,
            },
            style="event",
            entity_fields=("leader", "members", "origin", "destination"),
            on_entity_pages=True,
            export=lambda f: {
                "date": f.date,
                "size": f.size,
                "leader": f.leader.name if f.leader else "",
                "origin": f.origin.ref if f.origin else "",
                "destination": f.destination.ref if f.destination else "",
                "purpose": f.purpose,
                "words": f.article.text[f.start : f.end],
            },
        ),
    )
}
