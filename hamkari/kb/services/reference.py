"""Reference records that exist before any article names them."""

from __future__ import annotations

from hamkari.extraction.lexicon import LANGUAGES, load_table
from hamkari.kb import search
from hamkari.kb.models import (
    Alias,
    Entity,
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
