"""How a piece of news reads in the reader's language (the pages, the e-mail and the feed): a
line saying what happened, its day (Jalali with Persian digits in Persian), names not codes."""

from __future__ import annotations

import datetime as dt
import functools

from django.utils.translation import get_language, gettext

from hamkari.alerts.models import (
    INSTRUMENT,
    ORGANIZATION,
    PAIR,
    PERSON,
    REGION,
    SEARCH,
    SECTOR,
    Notification,
    Target,
)
from hamkari.extraction.lexicon import load_table
from hamkari.kb import calendar
from hamkari.kb.names import entity_name, place_name
from hamkari.kb.words import SEPARATOR


def _language() -> str:
    code = (get_language() or "fa")[:2]
    return code if code in ("fa", "ru", "en") else "en"


def digits(value: object) -> str:
    """Persian digits in Persian."""
    return calendar.digits_in(value, _language())


def code_text(code: str) -> str:
    """A code of the vocabulary (a kind, a status, a role) in the reader's language; English, which
    has no catalogue, reads the code with spaces («working group»)."""
    shown = gettext(code) if code else ""
    return shown.replace("_", " ") if shown == code else shown


def when(n: Notification) -> str:
    """The day shown beside a piece of news (none when its line names the due day already)."""
    return "" if n.kind in ("commitment", "deadline") else day_text(n.day)


def day_text(day: dt.date | None) -> str:
    """«۱۲ آذر ۱۴۰۴» in Persian, «3 декабря 2025 г.», «Dec. 3, 2025»; empty for no day."""
    return "" if day is None else calendar.day_text(day, _language())


@functools.cache
def _sectors(language: str) -> dict[str, str]:
    return {entry.key: entry.terms[0] for entry in load_table(language, "sectors")}


def sector_name(code: str) -> str:
    return _sectors(_language()).get(code) or _sectors("en").get(code, code)


def region_name(code: str) -> str:
    return place_name(code, _language())


def target_text(target: Target) -> str:
    """What a target follows, named in the reader's language («گیلان – آستاراخان», «fisheries»)."""
    if target.kind == REGION:
        return region_name(target.value)
    if target.kind == PAIR:
        first, _, second = target.value.partition(" ")
        return f"{region_name(first)} – {region_name(second)}"
    if target.kind == SECTOR:
        return sector_name(target.value)
    if target.kind in (PERSON, ORGANIZATION) and target.entity is not None:
        return entity_name(target.entity, _language()).text
    if target.kind == INSTRUMENT:
        return code_text(target.value)
    if target.kind == SEARCH:
        return f"«{target.value}»"
    return target.value


def target_kind(kind: str) -> str:
    names = {
        REGION: gettext("Region"),
        PAIR: gettext("Region pair"),
        PERSON: gettext("Person"),
        ORGANIZATION: gettext("Organisation"),
        SECTOR: gettext("Sector"),
        INSTRUMENT: gettext("Kind of instrument"),
        SEARCH: gettext("Saved search"),
    }
    return names.get(kind, kind)


def frequency_text(frequency: str) -> str:
    names = {
        "immediate": gettext("immediately"),
        "daily": gettext("once a day"),
        "weekly": gettext("once a week"),
    }
    return names.get(frequency, frequency)


def headline(n: Notification) -> str:
    """What happened, in a line («New status step: memorandum — signed»)."""
    detail = n.detail or {}
    due = day_text(dt.date.fromisoformat(detail["due"])) if detail.get("due") else ""
    if n.kind == "story":
        return gettext("New story")
    if n.kind == "article":
        return gettext("New article in a story")
    if n.kind == "instrument":
        return gettext("New instrument: %(kind)s (%(status)s)") % _instrument(detail)
    if n.kind == "step":
        return gettext("New status step: %(kind)s — %(status)s") % _instrument(detail)
    if n.kind == "commitment":
        return gettext("New commitment, due %(day)s") % {"day": due} if due else gettext("New commitment")
    if n.kind == "deadline":
        return gettext("Deadline coming due on %(day)s") % {"day": due}
    if n.kind == "position":
        role = code_text(detail.get("role", ""))
        region = detail.get("region", "")
        post = f"{role}{SEPARATOR}{region_name(region)}" if region else role
        return gettext("Seen in a new post: %(post)s") % {"post": post}
    return n.kind


def _instrument(detail: dict[str, str]) -> dict[str, str]:
    return {"kind": code_text(detail.get("instrument", "")), "status": code_text(detail.get("status", ""))}
