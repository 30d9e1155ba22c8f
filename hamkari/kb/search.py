"""Full-text search over articles and the names of their facts, folding Persian variants.

The indexed text is the extractor's folded text (Arabic ي/ك → ی/ک, no zero-width non-joiner,
no diacritics, ASCII digits), so «همکاری‌ها», «همکاریها» and «همكاريها» find the same articles.
SQLite uses an FTS5 table; PostgreSQL a GIN index over `to_tsvector('simple', search_text)`."""

from __future__ import annotations

import re

from django.db import connection

from hamkari.extraction.normalize import fold
from hamkari.kb.models import Alias, Article

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


def article_ids(query: str, limit: int = 1000) -> list[int]:
    """Ids of articles that contain every word of the query (the last one as a prefix), best first."""
    words = terms(query)
    if not words:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            expression = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rank LIMIT %s",
                [expression.strip(), limit],
            )
        else:
            expression = (
                " & ".join(w for w in words[:-1]) + (" & " if len(words) > 1 else "") + f"{words[-1]}:*"
            )
            vector = "to_tsvector('simple', search_text)"
            cursor.execute(
                f"SELECT id FROM kb_article WHERE {vector} @@ to_tsquery('simple', %s) "
                f"ORDER BY ts_rank({vector}, to_tsquery('simple', %s)) DESC LIMIT %s",
                [expression, expression, limit],
            )
        return [row[0] for row in cursor.fetchall()]


def entity_ids(query: str, limit: int = 100) -> list[int]:
    """Entities one of whose names contains the folded query."""
    folded = " ".join(terms(query))
    if not folded:
        return []
    ids = Alias.objects.filter(key__contains=folded).values_list("entity_id", flat=True).distinct()[:limit]
    return list(ids)
