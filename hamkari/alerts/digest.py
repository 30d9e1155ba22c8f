"""The e-mail digest of a watchlist: one message for everything not sent yet, in the watchlist's
language — Persian right to left with Jalali dates and Persian digits, or Russian or English —
as plain text with an HTML alternative. Article words are escaped in the HTML."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from hamkari.alerts import present
from hamkari.alerts.models import Notification, Watchlist
from hamkari.kb.words import SEPARATOR


def compose(watchlist: Watchlist, news: Sequence[Notification]) -> EmailMultiAlternatives:
    with translation.override(watchlist.language):
        count = len(news)
        subject = ngettext(
            "Hamkari: %(name)s — %(n)s new item",
            "Hamkari: %(name)s — %(n)s new items",
            count,
        ) % {"name": watchlist.name, "n": present.digits(count)}
        context = _context(watchlist, news)
        text = render_to_string("alerts/email/digest.txt", context)
        html = render_to_string("alerts/email/digest.html", context)
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=text, to=[watchlist.owner.email])
    message.attach_alternative(html, "text/html")
    return message


def send(watchlist: Watchlist, news: Sequence[Notification]) -> None:
    """Send the digest (the mail server's refusal is raised: smtplib's errors are OSErrors)."""
    compose(watchlist, news).send(fail_silently=False)


def _context(watchlist: Watchlist, news: Sequence[Notification]) -> dict[str, Any]:
    site = settings.HAMKARI_SITE_URL
    items = [
        {
            "headline": present.headline(n),
            "summary": n.summary,
            "language": n.language,
            "day": present.when(n),
            "url": site + n.url,
        }
        for n in news
    ]
    return {
        "watchlist": watchlist,
        "items": items,
        "today": present.day_text(timezone.localdate()),
        "frequency": present.frequency_text(watchlist.frequency),
        "follows": [present.target_text(t) for t in watchlist.targets.select_related("entity")],
        "separator": gettext(", "),
        "dot": str(SEPARATOR),
        "manage_url": site + "/alerts/",
        "direction": "rtl" if watchlist.language == "fa" else "ltr",
        "language": watchlist.language,
        "intro": gettext("News for your watchlist «%(name)s»") % {"name": watchlist.name},
    }
