"""Enqueueing jobs (the web upload, the API and the sources call these; a worker runs them)."""

from __future__ import annotations

from django_tasks import TaskResult

from hamkari.monitoring.tasks import article_ingest
from hamkari.sources.items import Item


def ingest_enqueue(*, item: Item) -> TaskResult:
    """Queue the ingest of one item that was read (its text is in the job); the job's result."""
    if item.error is not None or item.text is None:
        raise ValueError(f"{item.source}: {item.error or 'no text'}")
    return article_ingest.enqueue(
        text=item.text,
        source=item.source,
        url=item.url,
        published=item.published.isoformat() if item.published else None,
        outlet=item.outlet,
    )
