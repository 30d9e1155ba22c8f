"""Which knowledge-base record an entity found in one article is: by code for regions,
countries and sectors, by name for organisations, by the linking rules for people."""

from __future__ import annotations

import re

from hamkari.extraction.document import Document, Provenance, Span
from hamkari.extraction.document import Entity as DocEntity
from hamkari.extraction.document import Mention as DocMention
from hamkari.extraction.morphology import lemma, nominative_name
from hamkari.extraction.normalize import fold
from hamkari.kb import linking, search
from hamkari.kb.models import (
    Alias,
    Entity,
)


def resolve_all(doc: Document) -> dict[int, tuple[Entity, linking.Link | None]]:
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


def aliases_add(doc: Document, entities: dict[int, Entity]) -> None:
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
    # «استانداری گیلان» and «استانداری خوزستان» share their words without the region: the region
    # (and country) the name carries keeps them two records
    entity = Entity.objects.filter(
        type=e.type, key=key, region=e.region or "", country=e.country or "", merged_into=None
    ).first()
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
    return _surname_nominative(alias.name)


def _surname_nominative(name: str) -> str | None:
    """The nominative of a Russian name's last word, read as a name: «Павлом Сомовым» → «сомов»;
    a Persian surname in Russian stays as written («Каземи», which a plain dictionary lemma would
    take for a verb form)."""
    words = tuple(fold(name).text.split())
    if not words:
        return None
    last = words[-1]
    shown = nominative_name(words)[-1]
    if shown is None:
        # a name in «-и», «-о», «-э» does not decline (Каземи, Ростами, Шойгу aside); the rest
        # through the dictionary's lemma («сомовым» → «сомов»)
        shown = last if last.endswith(("и", "о", "э")) else lemma(last)
    return shown


# Two capitalised words: a given name and a surname in Latin or Cyrillic script.
_NAME_PAIR = re.compile(r"(?<![\w-])([A-ZА-ЯЁ][a-zа-яё'’]+) ([A-ZА-ЯЁ][a-zа-яё'’]+)(?![\w-])")
KNOWN_PAIRS = 300  # capitalised pairs looked at per article


def people_known(doc: Document) -> list[DocEntity]:
    """People the knowledge base already knows, found in an article by their given name and
    surname where the extractor saw no post or cue («…,” said Timur Ganiev.»): two capitalised
    words whose surname skeleton (after Russian lemmas) and given name agree with a known
    spelling. The new entities go through the ordinary linking of `resolve_all`."""
    taken = [m.span for e in doc.entities if e.type == "person" for m in e.mentions]
    found: list[tuple[Span, str, linking.NameKey]] = []  # Russian surnames through their lemma
    for m in _NAME_PAIR.finditer(doc.text):
        span = Span(m.start(), m.end())
        if any(span.overlaps(t) for t in taken) or doc.is_ignored(span):
            continue
        found.append((span, m.group(), linking.name_key(m.group(), _surname_nominative(m.group()))))
        if len(found) >= KNOWN_PAIRS:
            break
    keys = {key.surname for _, _, key in found if key.given and len(key.surname) >= 3}
    if not keys:
        return []
    known: dict[str, list[tuple[Entity, linking.NameKey]]] = {}
    for person in Entity.objects.filter(type="person", key__in=keys, merged_into=None).prefetch_related(
        "aliases"
    ):
        for alias in person.aliases.all():
            known.setdefault(person.key, []).append((person, linking.name_key(alias.name, _lemma_of(alias))))
    people: dict[int, DocEntity] = {}
    for span, written, key in found:
        for person, theirs in known.get(key.surname, []):
            if theirs.given and linking.compare(key, theirs, same_country=None, same_post=False):
                rule = f"known person #{person.pk}: given name and surname"
                entity = people.setdefault(
                    person.pk,
                    DocEntity(
                        type="person",
                        name=written,
                        country=person.country or None,
                        key=(_surname_nominative(written) or fold(written).text,),
                    ),
                )
                entity.mentions.append(DocMention(span, Provenance("kb.people_known", rule)))
                break
    return list(people.values())
