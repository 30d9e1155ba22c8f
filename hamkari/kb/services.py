"""Writes to the knowledge base. Every service is keyword-only, typed and atomic."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from hamkari.extraction import VERSION, extract
from hamkari.extraction.dates import to_jalali
from hamkari.extraction.document import Document, StatusStep
from hamkari.extraction.document import Entity as DocEntity
from hamkari.extraction.lexicon import LANGUAGES, load_table
from hamkari.extraction.morphology import lemma
from hamkari.extraction.normalize import fold
from hamkari.extraction.vocabulary import LIFECYCLE
from hamkari.kb import linking, search, stories
from hamkari.kb.models import (
    FACT_MODELS,
    Alias,
    Article,
    AuditLog,
    Commitment,
    Entity,
    ExtractionRun,
    Instrument,
    InstrumentStep,
    Mention,
    Outlet,
    Position,
    Quantity,
    ReviewState,
)
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
    resolved = _resolve_all(doc)
    entities = {key: entity for key, (entity, _) in resolved.items()}
    _aliases(doc, entities)
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


def _resolve_all(doc: Document) -> dict[int, tuple[Entity, linking.Link | None]]:
    """Knowledge-base records for every entity of a document; entities with a reference code
    (regions, countries, sectors …) are fetched and created in bulk."""
    out: dict[int, tuple[Entity, linking.Link | None]] = {}
    coded = [e for e in doc.entities if e.ref and e.type != "person"]
    if coded:
        found = {
            (x.type, x.ref): x
            for x in Entity.objects.filter(type__in={e.type for e in coded}, ref__in={e.ref for e in coded})
        }
        missing = {(e.type, e.ref): e for e in coded if (e.type, e.ref) not in found}
        if missing:
            Entity.objects.bulk_create(
                [
                    Entity(
                        type=e.type,
                        ref=e.ref,
                        name=e.name[:500],
                        kind=e.kind or "",
                        region=e.region or "",
                        country=e.country or "",
                    )
                    for e in missing.values()
                ],
                ignore_conflicts=True,
            )
            found |= {
                (x.type, x.ref): x
                for x in Entity.objects.filter(
                    type__in={t for t, _ in missing}, ref__in={r for _, r in missing}
                )
            }
        for e in coded:
            out[id(e)] = (_live(found[(e.type, e.ref)]), None)
    for e in doc.entities:
        if id(e) not in out:
            out[id(e)] = _resolve(e, doc)
    return out


def _aliases(doc: Document, entities: dict[int, Entity]) -> None:
    wanted = {(entities[id(e)].pk, e.name[:500]) for e in doc.entities}
    existing = set(
        Alias.objects.filter(entity_id__in={pk for pk, _ in wanted}).values_list("entity_id", "name")
    )
    Alias.objects.bulk_create(
        [
            Alias(entity_id=pk, name=name, key=search.alias_key(name), language=doc.language or "")
            for pk, name in wanted - existing
        ],
        ignore_conflicts=True,
    )


def _resolve(e: DocEntity, doc: Document) -> tuple[Entity, linking.Link | None]:
    """The knowledge-base record of an entity found in one article."""
    if e.type == "person":
        return _person(e, doc)
    # entities with a reference code were resolved in bulk by _resolve_all
    key = " ".join(e.key or fold(e.name).text.split())[:200]
    entity = Entity.objects.filter(type=e.type, key=key, merged_into=None).first()
    if entity is None:
        entity = Entity.objects.create(
            type=e.type,
            name=e.name[:500],
            key=key,
            kind=e.kind or "",
            region=e.region or "",
            country=e.country or "",
        )
    return entity, None


def _live(entity: Entity) -> Entity:
    while entity.merged_into_id is not None:
        entity = entity.merged_into  # type: ignore[assignment]
    return entity


def _person(e: DocEntity, doc: Document) -> tuple[Entity, linking.Link | None]:
    surname_lemma = e.key[-1] if e.key else None
    key = linking.name_key(e.name, surname_lemma if doc.language == "ru" else None)
    posts = {(r.role, r.region) for r in e.roles if r.region}
    best: tuple[linking.Link, Entity] | None = None
    for candidate in Entity.objects.filter(type="person", key=key.surname, merged_into=None).prefetch_related(
        "aliases", "positions"
    ):
        known_posts = {(p.role, p.region) for p in candidate.positions.all() if p.region}
        same_country = None if not (e.country and candidate.country) else e.country == candidate.country
        for alias in candidate.aliases.all():
            link = linking.compare(
                key,
                linking.name_key(alias.name, _lemma_of(alias)),
                same_country=same_country,
                same_post=bool(posts & known_posts),
            )
            if link and (best is None or link.confidence > best[0].confidence):
                best = (link, candidate)
    if best is not None:
        link, person = best
        if e.country and not person.country:
            person.country = e.country
            person.save(update_fields=["country"])
        return person, link
    person = Entity.objects.create(type="person", name=e.name[:500], key=key.surname, country=e.country or "")
    return person, None


def _lemma_of(alias: Alias) -> str | None:
    if alias.language != "ru":
        return None

    words = fold(alias.name).text.split()
    return lemma(words[-1]) if words else None


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


class ReviewError(ValueError):
    pass


@transaction.atomic
def fact_review(
    *, kind: str, fact_id: int, state: str, user: AbstractBaseUser, changes: dict[str, Any] | None = None
) -> Any:
    """Accept, reject or edit a fact; the change is recorded with who and when."""
    model = FACT_MODELS.get(kind)
    if model is None:
        raise ReviewError(f"unknown fact kind {kind!r}; use one of {', '.join(FACT_MODELS)}")
    if state not in ReviewState.values:
        raise ReviewError(f"unknown review state {state!r}; use one of {', '.join(ReviewState.values)}")
    fact = model.objects.select_for_update().get(pk=fact_id)  # type: ignore[attr-defined]
    before = {"review_state": fact.review_state}
    for field, value in (changes or {}).items():
        if field not in EDITABLE[kind]:
            raise ReviewError(
                f"{kind} field {field!r} cannot be edited; editable: {', '.join(EDITABLE[kind]) or 'none'}"
            )
        before[field] = str(getattr(fact, field))
        setattr(fact, field, value)
        fact.edited = True
    fact.review_state = state
    fact.reviewed_by = user
    fact.reviewed_at = timezone.now()
    fact.full_clean(
        exclude=[
            "article",
            "run",
            "entity",
            "person",
            "story",
            "instrument",
            "actor",
            "subject",
            "organization",
        ]
    )
    fact.save()
    if kind == "instrument_step":
        instrument_status_update(instrument=fact.instrument)
    audit_record(
        user=user,
        action=f"review.{state}",
        obj=fact,
        data={"kind": kind, "before": before, "changes": changes or {}},
    )
    return fact


@transaction.atomic
def person_merge(*, source: Entity, target: Entity, user: AbstractBaseUser | None) -> Entity:
    """Make `source` part of `target`: its mentions, posts, names and ties move over."""
    if source.pk == target.pk or source.type != "person" or target.type != "person":
        raise ReviewError("merge needs two different people")
    Mention.objects.filter(entity=source).update(
        entity=target, link_rule="merged by analyst", link_confidence=1.0
    )
    Position.objects.filter(person=source).update(person=target)
    Commitment.objects.filter(actor=source).update(actor=target)
    for alias in source.aliases.all():
        Alias.objects.get_or_create(
            entity=target, name=alias.name, defaults={"key": alias.key, "language": alias.language}
        )
    source.aliases.all().delete()
    for instrument in source.instruments.all():
        instrument.parties.add(target)
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    audit_record(
        user=user, action="person.merge", obj=target, data={"merged": source.pk, "name": source.name}
    )
    return target


@transaction.atomic
def person_split(*, person: Entity, mention_ids: list[int], user: AbstractBaseUser | None) -> Entity:
    """Move the given mentions (and the posts read in the same articles) to a new person."""
    mentions = list(Mention.objects.filter(entity=person, pk__in=mention_ids).select_related("article"))
    if not mentions or len(mentions) != len(set(mention_ids)):
        raise ReviewError("split needs mentions of this person")
    if Mention.objects.filter(entity=person).exclude(pk__in=mention_ids).count() == 0:
        raise ReviewError("split must leave the person at least one mention")
    first = mentions[0]
    name = first.article.text[first.start : first.end]
    other = Entity.objects.create(type="person", name=name[:500], key=person.key, country=person.country)
    Alias.objects.create(
        entity=other, name=name[:500], key=search.alias_key(name), language=first.article.language
    )
    articles = {m.article_id for m in mentions}
    Mention.objects.filter(pk__in=mention_ids).update(
        entity=other, link_rule="split by analyst", link_confidence=1.0
    )
    Position.objects.filter(person=person, article_id__in=articles).update(person=other)
    audit_record(
        user=user, action="person.split", obj=person, data={"new": other.pk, "mentions": mention_ids}
    )
    return other


def audit_record(*, user: AbstractBaseUser | None, action: str, obj: Model, data: dict[str, Any]) -> None:
    """Who changed what and when, for the history page of a record."""
    AuditLog.objects.create(
        actor=user if user is not None and user.is_authenticated else None,
        action=action,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        data=data,
    )


def reference_load() -> int:
    """Records for every Iranian and Russian region and every country of the lexicons, named in
    English, with their names in the three languages as spellings (so that search finds them), so
    that each has a page before any article names it. Returns how many were added."""

    wanted = {("region", e.key): e.terms[0] for e in load_table("en", "regions")}
    wanted |= {("country", e.key): e.terms[0] for e in load_table("en", "countries")}
    existing = set(Entity.objects.filter(type__in=("region", "country")).values_list("type", "ref"))
    missing = [
        Entity(type=t, ref=ref, name=name, country=ref[:2] if t == "region" else ref)
        for (t, ref), name in wanted.items()
        if (t, ref) not in existing
    ]
    Entity.objects.bulk_create(missing, ignore_conflicts=True)
    if missing:
        ids = {(e.type, e.ref): e.pk for e in Entity.objects.filter(type__in=("region", "country"))}
        aliases = [
            Alias(
                entity_id=ids[(kind, entry.key)], name=term[:500], key=search.alias_key(term), language=lang
            )
            for lang in LANGUAGES
            for kind, table in (("region", "regions"), ("country", "countries"))
            for entry in load_table(lang, table)
            if (kind, entry.key) in ids and (kind, entry.key) not in existing
            for term in entry.terms[:3]
        ]
        Alias.objects.bulk_create(aliases, ignore_conflicts=True)
    return len(missing)
