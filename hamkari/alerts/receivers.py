"""The hook after ingest: kb announces each stored article (`kb.signals.article_stored`, after its
commit) and the alerts queue its matching as a background job."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from hamkari.alerts.tasks import match_enqueue
from hamkari.kb.signals import article_stored


@receiver(article_stored, dispatch_uid="alerts.article_stored")
def article_stored_match(sender: Any, *, article_id: int, **kwargs: Any) -> None:
    match_enqueue(article_id=article_id)
