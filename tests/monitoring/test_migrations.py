"""The data migrations of monitoring, run by Django's migration executor on the test database
from the state before them (rows made with the historical models of that state)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("monitoring", "0005_source_release")]
AFTER = [("monitoring", "0007_error_reasons_of_old_rows")]


def _migrate(targets: list[tuple[str, str]]) -> Apps:
    """The database migrated to `targets`; the models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before_reasons() -> Iterator[Apps]:
    """The database at monitoring 0005, migrated back to the newest state afterwards."""
    try:
        yield _migrate(BEFORE)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_migrating_from_0005_to_0007_gives_old_english_lines_their_templates(before_reasons: Apps) -> None:
    sources = before_reasons.get_model("monitoring", "Source").objects
    source = sources.create(location="https://wire.example/rss", last_error="HTTP 503 Service Unavailable")
    quiet = sources.create(location="https://quiet.example/rss", last_error="the server fell over")
    fetch = before_reasons.get_model("monitoring", "Fetch").objects.create(
        source=source,
        outcome="error",
        error="cannot resolve host wire.example",
        failed=[["https://wire.example/1", "attempt 3: HTTP 500"], ["https://wire.example/2", "bad luck"]],
    )
    long_fault = "x" * 400
    job = before_reasons.get_model("monitoring", "Job").objects.create(kind="upload")
    item = before_reasons.get_model("monitoring", "JobItem").objects.create(
        job=job, source="notes.txt", state="failed", error=f"cannot read notes.txt: {long_fault}"
    )

    after = _migrate(AFTER)

    source = after.get_model("monitoring", "Source").objects.get(pk=source.pk)
    assert source.last_error_reason == {
        "template": "HTTP %(status)s %(reason)s",
        "params": {"status": "503", "reason": "Service Unavailable"},
    }
    assert after.get_model("monitoring", "Source").objects.get(pk=quiet.pk).last_error_reason == {}
    fetch = after.get_model("monitoring", "Fetch").objects.get(pk=fetch.pk)
    assert fetch.error_reason == {
        "template": "cannot resolve host %(host)s",
        "params": {"host": "wire.example"},
    }
    assert fetch.failed == [
        [
            "https://wire.example/1",
            "attempt 3: HTTP 500",
            {
                "template": "attempt %(n)s: %(reason)s",
                "params": {"n": "3", "reason": {"template": "HTTP %(status)s", "params": {"status": "500"}}},
            },
        ],
        ["https://wire.example/2", "bad luck", {}],
    ]
    # a value longer than 300 characters is kept cut, as the code stored values then
    assert after.get_model("monitoring", "JobItem").objects.get(pk=item.pk).error_reason == {
        "template": "cannot read %(path)s: %(fault)s",
        "params": {"path": "notes.txt", "fault": "x" * 299 + "…"},
    }
