"""The deadline digest: one e-mail per user with an address, listing the overdue items and those due
within the lead time in the working groups they follow; no mail when nothing is due."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from hamkari.tracker import selectors


def digest(user: object, today: dt.date, lead_days: int) -> str | None:
    groups = selectors.groups_of(user)
    items = selectors.open_items().filter(group__in=groups, due__lte=today + dt.timedelta(days=lead_days))
    lines = []
    for item in items:
        due = item.due
        assert due is not None  # open_items() filtered on due__lte above
        state = "OVERDUE" if due < today else "due"
        lines.append(f"- {state} {due.isoformat()} · {item.group.name} #{item.number}: {item.title}")
    if not lines:
        return None
    days = "1 day" if lead_days == 1 else f"{lead_days} days"
    return f"Hamkari deadlines on {today.isoformat()} (next {days}):\n\n" + "\n".join(lines) + "\n"


def send_digests(*, today: dt.date, lead_days: int, dry_run: bool = False) -> list[tuple[str, str]]:
    """Send (or with dry_run only compose) the digests; returns (address, body) of each."""
    sent = []
    for user in get_user_model().objects.filter(is_active=True).exclude(email=""):
        body = digest(user, today, lead_days)
        if body is None:
            continue
        if not dry_run:
            send_mail(f"Hamkari: deadlines {today.isoformat()}", body, None, [user.email])
        sent.append((user.email, body))
    return sent
