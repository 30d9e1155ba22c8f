"""The reasons the plain-Python layers give (an `InputError` or `FetchError` of hamkari.sources,
an `ExtractionError`, a `Reason` stored with a failed job item or poll) in the reader's language:
their English template is the msgid of the catalogues in hamkari/web/locale, and the values are
put in after translating (numbers with the language's digits). A reason stored before templates
were kept, or a fault said only in English, stays as its English text; `stored_reason` says which."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from hamkari.kb.calendar import digits_in
from hamkari.sources.faults import os_fault, upgraded
from hamkari.sources.reasons import Reason, reason_of

NUMBER = re.compile(r"\d[\d,]*")
# a placeholder, or a run of Latin-script technical names (HTTP 500, UTF-8, JSON Lines, robots.txt)
_TAIL = r"[A-Za-z0-9]*(?:[./-][A-Za-z0-9]+)*"  # the rest of a word: UTF-8, robots.txt, RSS/Atom
LATIN_RUN = re.compile(rf"(%\([a-z_]+\)[sd])|([A-Za-z]{_TAIL}(?: [A-Z]{_TAIL})*)")
# values said in English by whatever failed (an OS error, a parser, a server's reason phrase)
ENGLISH_VALUES = ("fault", "reason", "why")


def reason(exc: BaseException) -> str:
    """The one-line message of `exc` in the active language: a system fault (an OSError) by its
    error number (sources.faults), another by its template (its English text when it carries none,
    or when the catalogue has no translation of it)."""
    if isinstance(exc, OSError) and not isinstance(getattr(exc, "template", None), str):
        return said(os_fault(exc))
    return said(reason_of(exc))


def said(value: str) -> str:
    """A Reason in the active language; any other text as it is."""
    if not isinstance(value, Reason):
        return value
    values = {k: said(v) if isinstance(v, Reason) else _value(v) for k, v in value.params.items()}
    template = _template(value)
    return template % values if value.params else template


def said_html(value: str) -> SafeString:
    """A Reason in the active language as HTML, each value put in isolated (<bdi>: an address or
    a file name keeps its direction inside a Persian sentence); a text said only in English (or a
    template the catalogue does not translate) marked as English, left to right."""
    if not isinstance(value, Reason) or not _translated(value):
        return format_html('<bdi dir="ltr" lang="en">{}</bdi>', str(value))
    values = {
        k: said_html(v) if isinstance(v, Reason) else _value_html(k, v) for k, v in value.params.items()
    }
    template = _template_html(_template(value))
    return mark_safe(template % values if value.params else template)


def stored_reason(text: str, data: object) -> str:
    """What was stored of an error (its English text and its template and params as JSON) as a
    Reason to say in the reader's language, or the English text when nothing else was kept. A
    row stored before sources.faults («HTTP 503 Service Unavailable», «cannot read …: Permission
    denied») is said as a new one would be."""
    if isinstance(data, Mapping):
        found = Reason.from_json(data)
        if found is not None:
            return upgraded(found)  # an HTTP reason phrase or an OS fault stored in English: in words
    return text


def _template_html(text: str) -> SafeString:
    """A translated template as HTML, its placeholders kept; in Persian and Russian the technical
    names it keeps in Latin letters (HTTP, UTF-8, robots.txt, <urlset>) isolated left to right."""
    if (get_language() or "en").startswith("en"):
        return conditional_escape(text)
    parts: list[str] = []
    at = 0
    for m in LATIN_RUN.finditer(text):
        parts.append(conditional_escape(text[at : m.start()]))
        parts.append(m[1] or format_html('<bdi dir="ltr" lang="zxx">{}</bdi>', m[2]))
        at = m.end()
    parts.append(conditional_escape(text[at:]))
    return mark_safe("".join(parts))  # each part escaped, or a placeholder


def _translated(value: Reason) -> bool:
    """Whether the catalogue of the active language says the template (English always does)."""
    language = get_language() or "en"
    return language.startswith("en") or _template(value) not in (value.template, value.plural)


def _template(value: Reason) -> str:
    if value.plural is not None:
        n = value.params.get("n")
        return ngettext(value.template, value.plural, n if isinstance(n, int) else 0)
    return gettext(value.template)


def _value_html(name: str, value: object) -> SafeString:
    """A value put into a reason: a number in the page's digits; a fault or a server's reason phrase
    (said in English elsewhere) marked English; an address, a path or a code marked as no language."""
    text = _value(value)
    if isinstance(value, int) or NUMBER.fullmatch(text):
        return format_html("<bdi>{}</bdi>", text)
    language = "en" if name in ENGLISH_VALUES else "zxx"
    return format_html('<bdi dir="ltr" lang="{}">{}</bdi>', language, text)


def _value(value: object) -> str:
    text = "" if value is None else str(value)
    language = get_language() or "en"
    if isinstance(value, int) or NUMBER.fullmatch(text):
        text = digits_in(text, language)
        return text.replace(",", "٬") if language.startswith("fa") else text
    return text


def stored_said(text: str, data: object) -> str:
    """A stored error (its English text and its kept template) in the active language."""
    return said(stored_reason(text, data))


def stored_html(text: str, data: object) -> SafeString:
    """A stored error as HTML in the active language (said_html)."""
    return said_html(stored_reason(text, data))
