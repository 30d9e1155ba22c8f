"""The audit log: who changed what and when."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Model

from hamkari.kb.models import (
    AuditLog,
)


def audit_record(*, user: User | None, action: str, obj: Model, data: dict[str, Any]) -> None:
    """Who changed what and when, for the history page of a record."""
    AuditLog.objects.create(
        actor=user if user is not None and user.is_authenticated else None,
        action=action,
        object_type=str(obj._meta.model_name),
        object_id=obj.pk,
        data=data,
    )
