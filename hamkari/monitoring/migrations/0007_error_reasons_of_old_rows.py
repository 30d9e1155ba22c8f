"""Errors stored before their templates were kept: each English line that one of the reasons' templates
of this time makes exactly gets that template and its values, stored as `Reason.as_json` stores
them, so that it is said in the reader's language too; any other line stays as it is (shown in
English).

The migration imports nothing of the application: the templates, the reading of a line back
into a template and its values (hamkari.sources.reasons.reason_read) and the stored form
(Reason.as_json, with values cut to 300 characters) are copied here as they stood when it was
frozen (main at commit 89794ed), so that a later change of that code does not change what
this migration does to a database that runs it later."""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

# the templates of the reasons as this migration was written
TEMPLATES = (
    "%(variable)s must be a number of seconds, not %(value)s",
    "the text must be a str, not %(type)s",
    "unsupported language %(language)s; use one of %(languages)s",
    "the time budget must be a positive number of seconds, not %(value)s",
    "extraction took longer than its time budget of %(seconds)s s",
    "internal error in component %(component)s: %(fault)s",
    "%(site)s: too many workers at once; try again later",
    "no text",
    "HTTP %(status)s",
    "HTTP %(status)s %(reason)s",
    "larger than %(limit)s bytes",
    "attempt %(n)s: %(reason)s",
    "page is larger than %(limit)s bytes",
    "the site asked us to wait",
    "cannot read %(path)s: %(fault)s",
    "a page answered %(answer)s",
    "attempt %(n)s in %(seconds)s s: %(reason)s",
    "no article %(n)s",
    "its worker (%(worker)s) stopped; queued again",
    "cannot connect to %(host)s: %(fault)s",
    "more than %(n)s redirects",
    "refused: only http and https addresses are read, not %(scheme)s:",
    "refused: the address names no host",
    "cannot resolve host %(host)s",
    "refused: not a valid address: %(fault)s",
    "refused: %(host)s is %(why)s (%(address)s); the server reads only public addresses (an administrator may list the host in %(variable)s)",
    "cannot fetch: %(fault)s",
    "invalid UTF-8 at byte %(at)s (%(byte)s) and not a Windows-1256 or Windows-1251 text either",
    "file is too large: %(size)s bytes (limit %(limit)s)",
    "file is empty",
    "looks like UTF-16 without a byte-order mark; re-save it as UTF-8",
    "binary file (contains NUL bytes), not text",
    "binary content (%(n)s control characters) in what decodes as %(label)s",
    "file has no text",
    "binary content (contains NUL characters), not text",
    "text is empty or only blanks and control characters",
    "HTML page without a body",
    "HTML page has no article text",
    "cannot decode: %(fault)s",
    "cannot read the HTML page: %(fault)s",
    "HTML: article text kept, page furniture dropped",
    "invalid UTF-8 at byte %(at)s (%(byte)s) after a UTF-8 byte-order mark",
    "UTF-8 with BOM",
    "broken UTF-16 at byte %(at)s",
    "decoded from UTF-16 (BOM)",
    "not UTF-8: decoded as %(label)s",
    "'published' must be a YYYY-MM-DD string",
    "'published' is not a date: %(value)s",
    "no entries",
    "a line must be a JSON object",
    "'text' is missing or empty",
    "'text' is larger than %(limit)s bytes",
    "'url' and 'outlet' must be strings",
    "not a readable RSS/Atom feed: %(fault)s",
    "no such file or folder",
    "permission denied",
    "cannot read: %(fault)s",
    "JSON Lines must be UTF-8 (bad byte at %(at)s)",
    "feed item has no title and no text",
    "folder holds no article files",
    "not JSON: %(fault)s at column %(column)s",
    "not a sitemap: XML with a DOCTYPE or entities is refused",
    "not a sitemap: the document is <%(kind)s>, not <urlset> or <sitemapindex>",
    "page has no article text (%(n)s characters)",
    "not a readable sitemap: %(fault)s",
    "robots.txt of %(site)s could not be read; nothing is fetched from it for now",
    "disallowed by robots.txt: %(url)s",
    "robots.txt of %(site)s could not be read (HTTP %(status)s); nothing is fetched from it for now",
    "file is too large",
    "an address must start with http:// or https://",
    "%(reason)s (in component %(component)s)",
    "a loopback address",
    "a link-local (cloud metadata) address",
    "a multicast address",
    "an unspecified address",
    "a reserved address",
    "a private address",
    "a non-public address",
)


# a value longer than this is cut to MAX_VALUE - 1 characters and "…" (reasons.MAX_VALUE)
MAX_VALUE = 300

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _pattern(template: str) -> re.Pattern[str]:
    """The template as a pattern that reads each value back as text."""
    parts: list[str] = []
    named: set[str] = set()
    at = 0
    for m in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[at : m.start()]))
        parts.append(".+?" if m[1] in named else f"(?P<{m[1]}>.+?)")
        named.add(m[1])
        at = m.end()
    parts.append(re.escape(template[at:]))
    return re.compile("".join(parts), re.S)


# the longest template first (sorted is stable: among equal lengths, the order above)
PATTERNS = [(template, _pattern(template)) for template in sorted(TEMPLATES, key=len, reverse=True)]


def _cut(value: str) -> str:
    return value if len(value) <= MAX_VALUE else value[: MAX_VALUE - 1] + "…"


def _reason(text: str) -> dict[str, Any] | None:
    """{"template": …, "params": {…}} of the first template that makes exactly `text`, a value
    that is itself such a line in the same form; None when no template fits."""
    for template, pattern in PATTERNS:
        found = pattern.fullmatch(text)
        if found is None:
            continue
        params = {key: _reason(value) or _cut(value) for key, value in found.groupdict().items()}
        return {"template": template, "params": params}
    return None


def _read(text: str) -> dict[str, Any]:
    return (_reason(text) if text else None) or {}


def forwards(apps: Any, schema_editor: Any) -> None:
    for model, text, kept in (
        ("Source", "last_error", "last_error_reason"),
        ("Fetch", "error", "error_reason"),
        ("SourceItem", "error", "error_reason"),
        ("JobItem", "error", "error_reason"),
    ):
        for row in apps.get_model("monitoring", model).objects.exclude(**{text: ""}).iterator():
            said = _read(getattr(row, text))
            if said and not getattr(row, kept):
                setattr(row, kept, said)
                row.save(update_fields=[kept])
    for fetch in apps.get_model("monitoring", "Fetch").objects.exclude(failed=[]).iterator():
        failed = [[*f[:2], _read(str(f[1]))] if len(f) == 2 else f for f in fetch.failed]
        if failed != fetch.failed:
            fetch.failed = failed
            fetch.save(update_fields=["failed"])


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0006_error_reasons")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
