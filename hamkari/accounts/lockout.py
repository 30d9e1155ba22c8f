"""A login locked after repeated wrong passwords (django-axes) goes into the audit log."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.dispatch import receiver

from hamkari.kb.services import audit_record


@receiver(user_locked_out, dispatch_uid="hamkari.accounts.lockout")
def lockout_record(
    sender: Any, *, request: Any, username: str | None, ip_address: str | None, **_: Any
) -> None:
    """Receiver of axes' `user_locked_out`, sent when the limit is reached (`login.locked_out`,
    with the number of failures) and for each attempt refused while locked
    (`login.refused_locked`, each counted as one more failure): on the user, or for an unknown
    name on axes' attempt record."""
    user = get_user_model().objects.filter(username=username).first() if username else None
    obj: Model | None = user or AccessAttempt.objects.filter(username=username, ip_address=ip_address).first()
    if obj is None:
        return
    # the count of failures, None when axes refused the attempt without counting it
    failures = getattr(request, "axes_failures_since_start", None)
    starts = failures == settings.AXES_FAILURE_LIMIT
    audit_record(
        user=None,
        action="login.locked_out" if starts else "login.refused_locked",
        obj=obj,
        data={"username": username or "", "ip_address": ip_address or "", "failures": failures},
    )
