from typing import Any

from django.http import HttpRequest

from hamkari.accounts.permissions import role_of
from hamkari.alerts.selectors import unread_count


def roles(request: HttpRequest) -> dict[str, Any]:
    role = role_of(request.user)
    return {"role": role, "can_curate": role in ("analyst", "administrator")}


def notifications(request: HttpRequest) -> dict[str, Any]:
    """The number of unread notifications, for the link in the page header."""
    user = getattr(request, "user", None)
    return {"unread_notifications": unread_count(user) if user is not None else 0}
