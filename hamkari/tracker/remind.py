"""The deadline digest: one e-mail per user with an address, listing the overdue items and those due
within the lead time in the working groups they follow; no mail when nothing is due. Written in the
site's language (Persian by default: Jalali dates, Persian digits) or the one asked for."""

from __future__ import annotations

import datetime as dt

import jdatetime
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext

from hamkari.tracker import selectors

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def day_text(day: dt.date, language: str) -> str:
    """«۲۶ آذر ۱۴۰۴» in Persian, «17 декабря 2025 г.» in Russian, «Dec. 17, 2025» in English."""
    if language == "fa":
        j = jdatetime.date.fromgregorian(date=day)
        return f"{j.day} {jdatetime.date.j_months_fa[j.month - 1]} {j.year}".translate(PERSIAN_DIGITS)
    return str(formats.date_format(day, "DATE_FORMAT"))


def _number(n: int, language: str) -> str:
    return str(n).translate(PERSIAN_DIGITS) if language == "fa" else str(n)


def digest(user: object, today: dt.date, lead_days: int, language: str = "en") -> str | None:
    groups = selectors.groups_of(user)
    items = selectors.open_items().filter(group__in=groups, due__lte=today + dt.timedelta(days=lead_days))
    with translation.override(language):
        lines = []
        for item in items:
            due = item.due
            assert due is not None  # open_items() filtered on due__lte above
            state = gettext("OVERDUE") if due < today else gettext("due")
            number = _number(item.number, language)
            lines.append(f"- {state} {day_text(due, language)} · {item.group.name} #{number}: {item.title}")
        if not lines:
            return None
        head = ngettext(
            "Hamkari deadlines on %(day)s (next %(n)s day):",
            "Hamkari deadlines on %(day)s (next %(n)s days):",
            lead_days,
        ) % {"day": day_text(today, language), "n": _number(lead_days, language)}
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
                subject = gettext("Hamkari: deadlines %(day)s") % {"day": day_text(today, language)}
            send_mail(subject, body, None, [user.email])
        sent.append((user.email, body))
    return sent
