"""The deadline digest: one e-mail per user with an address, listing the overdue items and those due
within the lead time in the working groups they follow; no mail when nothing is due. Written in the
site's language (Persian by default: Jalali dates, Persian digits) or the one asked for."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext, ngettext

from hamkari.kb import calendar
from hamkari.kb.words import SEPARATOR
from hamkari.tracker import selectors


def digest(user: object, today: dt.date, lead_days: int, language: str = "en") -> str | None:
    groups = selectors.groups_of(user)
    items = selectors.open_items().filter(group__in=groups, due__lte=today + dt.timedelta(days=lead_days))
    with translation.override(language):
        lines = []
        for item in items:
            due = item.due
            assert due is not None  # open_items() filtered on due__lte above
            state = gettext("OVERDUE") if due < today else gettext("due")
            number = calendar.digits_in(item.number, language)
            day = calendar.day_text(due, language)
            lines.append(f"- {state} {day}{SEPARATOR.of(language)}{item.group.name} #{number}: {item.title}")
        if not lines:
            return None
        head = ngettext(
            "Hamkari deadlines on %(day)s (next %(n)s day):",
            "Hamkari deadlines on %(day)s (next %(n)s days):",
            lead_days,
        ) % {"day": calendar.day_text(today, language), "n": calendar.digits_in(lead_days, language)}
    return head + "\n\n" + "\n".join(lines) + "\n"


def send_digests(
    *, today: dt.date, lead_days: int, dry_run: bool = False, language: str | None = None
) -> list[tuple[str, str]]:
    """Send (or with dry_run only compose) the digests in `language` (the site's by default);
    returns (address, body) of each."""
    language = language or settings.LANGUAGE_CODE
    sent = []
    for user in get_user_model().objects.filter(is_active=True).exclude(email=""):
        body = digest(user, today, lead_days, language)
        if body is None:
            continue
        if not dry_run:
            with translation.override(language):
                subject = gettext("Hamkari: deadlines %(day)s") % {"day": calendar.day_text(today, language)}
            send_mail(subject, body, None, [user.email])
        sent.append((user.email, body))
    return sent
