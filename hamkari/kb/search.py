"""Full-text search over articles and the names of their facts, folding Persian variants.

The indexed text is the extractor's folded text (Arabic ي/ك → ی/ک, no zero-width non-joiner,
no diacritics, ASCII digits), so «همکاری‌ها», «همکاریها» and «همكاريها» find the same articles.
SQLite uses an FTS5 table; PostgreSQL a GIN index over `to_tsvector('simple', search_text)`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.db import connection
from django.db.models import Q

from hamkari.extraction import ExtractionError, extract
from hamkari.extraction.morphology import lemma
from hamkari.extraction.normalize import fold
from hamkari.kb import linking
from hamkari.kb.models import Alias, Article, Entity, Mention

FTS_TABLE = "kb_article_fts"
_WORD = re.compile(r"\w+")


def searchable(text: str) -> str:
    return fold(text).text


def alias_key(name: str) -> str:
    """The stored search key of a spelling; queries are folded by `searchable` the same way."""
    return searchable(name)[:500]


def index_article(article: Article, folded: str) -> None:
    """Index an article under its folded text (the one `normalize.fold` of its text that ingest
    made), its title and the names of its entities."""
    names = Alias.objects.filter(entity__mentions__article=article).values_list("key", flat=True).distinct()
    article.search_text = searchable(article.title) + "\n" + folded + "\n" + " ".join(names)
    article.save(update_fields=["search_text"])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [article.pk])
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (%s, %s)", [article.pk, article.search_text]
            )


def terms(query: str) -> list[str]:
    return _WORD.findall(searchable(query))


def _fts_query(words: list[str]) -> str:
    """SQLite FTS5: every word, the last one as a prefix."""
    return (" ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*').strip()


def _ts_query(words: list[str]) -> str:
    """PostgreSQL tsquery: every word, the last one as a prefix."""
    return " & ".join(w for w in words[:-1]) + (" & " if len(words) > 1 else "") + f"{words[-1]}:*"


def article_ids(query: str, limit: int = 1000) -> list[int]:
    """Ids of articles that contain every word of the query (the last one as a prefix), best first."""
    words = terms(query)
    if not words:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            expression = _fts_query(words)
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rank LIMIT %s",
                [expression, limit],
            )
        else:
            expression = _ts_query(words)
            vector = "to_tsvector('simple', search_text)"
            cursor.execute(
                f"SELECT id FROM kb_article WHERE {vector} @@ to_tsquery('simple', %s) "
                f"ORDER BY ts_rank({vector}, to_tsquery('simple', %s)) DESC LIMIT %s",
                [expression, expression, limit],
            )
        return [row[0] for row in cursor.fetchall()]


def article_ids_among(query: str, ids: Sequence[int]) -> set[int]:
    """Those of the articles `ids` that contain every word of the query (the last one as a
    prefix), as `article_ids` finds them: a saved search tried on new articles only."""
    words = terms(query)
    if not words or not ids:
        return set()
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            expression = _fts_query(words)
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid IN ({marks})",
                [expression, *ids],
            )
        else:
            expression = _ts_query(words)
            cursor.execute(
                f"SELECT id FROM kb_article WHERE id IN ({marks}) "
                "AND to_tsvector('simple', search_text) @@ to_tsquery('simple', %s)",
                [*ids, expression],
            )
        return {row[0] for row in cursor.fetchall()}


def entity_ids(query: str, limit: int = 100) -> list[int]:
    """Entities one of whose names contains the folded query."""
    folded = " ".join(terms(query))
    if not folded:
        return []
    ids = Alias.objects.filter(key__contains=folded).values_list("entity_id", flat=True).distinct()[:limit]
    return list(ids)


# A query that names something is short; longer ones are searched as text only.
NAME_QUERY_CHARS = 120
NAME_QUERY_WORDS = 5
NAME_TYPES = ("region", "country", "person", "organization")


def named_entities(query: str, limit: int = 5) -> list[Entity]:
    """The regions, countries, people and organisations a query names, in any script: the
    gazetteer reads «Волгоград», «ولگاگراد» and «Volgograd» as the same region (a city as its
    region too); people and organisations by a spelling seen in an article, and people also by
    the linking key across scripts and Russian cases («Соколова» = «Sokolov»)."""
    text = " ".join(query.split())
    words = terms(text)
    if not words or len(text) > NAME_QUERY_CHARS or len(words) > NAME_QUERY_WORDS:
        return []
    found: list[Entity] = list(_places(text))
    folded = " ".join(words)
    found += Entity.objects.filter(
        type__in=("person", "organization"), merged_into=None, aliases__key=folded
    ).distinct()[:limit]
    found += _people(text, words)
    unique = list({e.pk: e for e in found}.values())
    return unique[:limit]


def _places(text: str) -> list[Entity]:
    try:
        doc = extract(text, budget=2.0)
    except ExtractionError:
        return []
    codes: set[tuple[str, str]] = set()
    for e in doc.entities:
        if e.type in ("region", "country") and e.ref:
            codes.add((e.type, e.ref))
        elif e.type == "city" and e.region:
            codes.add(("region", e.region))
    if not codes:
        return []
    wanted = Q()
    for type_, ref in codes:
        wanted |= Q(type=type_, ref=ref)
    return list(Entity.objects.filter(wanted, merged_into=None))


def _people(text: str, words: list[str]) -> list[Entity]:
    key = linking.name_key(text, lemma(words[-1]))
    if len(key.surname) < 2 or not key.given:
        return []  # a surname alone matches too many people; a given name is needed
    out = []
    for person in Entity.objects.filter(type="person", key=key.surname, merged_into=None).prefetch_related(
        "aliases"
    )[:50]:
        for alias in person.aliases.all():
            written = fold(alias.name).text.split()
            theirs = linking.name_key(alias.name, lemma(written[-1]) if written else None)
            if linking.compare(key, theirs, same_country=None, same_post=False):
                out.append(person)
                break
    return out


def entity_article_ids(entities: list[Entity], limit: int = 1000) -> list[int]:
    """Articles that mention any of the entities, in any language, newest first."""
    if not entities:
        return []
    rows = (
        Mention.objects.filter(entity__in=entities)
        .order_by("-article_id")
        .values_list("article_id", flat=True)
        .distinct()[:limit]
    )
    return list(rows)
