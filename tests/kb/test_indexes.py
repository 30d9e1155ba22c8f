"""Indexes the lookups of other layers rely on (hamkari/kb/migrations)."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_articles_are_found_by_address_through_an_index() -> None:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "kb_article")
    assert found["kb_article_url"]["columns"] == ["url"] and found["kb_article_url"]["index"]
