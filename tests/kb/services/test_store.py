"""Storing under contention: SQLite waits for and retries a busy database, PostgreSQL answers a
simultaneous identical ingest with the stored article; no accepted article is lost."""

from __future__ import annotations

import sqlite3
import threading
import time
from typing import Any

import pytest
from django.db import OperationalError, connection, connections

from hamkari.kb.models import Article
from hamkari.kb.services import store
from hamkari.kb.services.store import article_ingest
from tests.kb.factories import EN_JALALI, RU_JALALI

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the unique-index race needs PostgreSQL's concurrent writers"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's single-writer lock")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_simultaneous_identical_ingests_give_one_new_and_the_rest_duplicate() -> None:
    writers = 6
    start = threading.Barrier(writers)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def ingest() -> None:
        try:
            start.wait()
            outcomes.append(article_ingest(text=EN_JALALI, source="race").status)
        except BaseException as exc:  # the test reports it below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ingest) for _ in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(outcomes) == ["duplicate"] * (writers - 1) + ["new"]
    assert Article.objects.count() == 1


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_an_ingest_waits_for_another_writer_and_stores_its_article() -> None:
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=1, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock for a second
    releaser = threading.Timer(1.0, other.commit)
    releaser.start()
    try:
        outcome = article_ingest(text=RU_JALALI, source="busy")
    finally:
        releaser.join()
        other.close()
    assert outcome.status == "new" and Article.objects.filter(pk=outcome.article.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_locked_database_is_tried_again_and_the_article_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    real = store._article_store
    calls: list[float] = []

    def locked_twice(*args: Any, **kwargs: Any) -> Any:
        calls.append(time.monotonic())
        if len(calls) <= 2:
            raise OperationalError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "_article_store", locked_twice)
    outcome = article_ingest(text=EN_JALALI, source="locked")
    assert len(calls) == 3 and outcome.status == "new"
    assert Article.objects.get().content_hash == outcome.article.content_hash


@pytest.mark.django_db(transaction=True)
def test_other_database_errors_are_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def broken(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(store, "_article_store", broken)
    with pytest.raises(OperationalError, match="disk I/O"):
        article_ingest(text=EN_JALALI, source="broken")
    assert calls == [1]
