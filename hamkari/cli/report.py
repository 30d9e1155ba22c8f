"""The readable report of `hamkari extract`: every fact with the words it came from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from hamkari.cli.language import code_text, language_name, spoken
from hamkari.kb.calendar import jalali_text
from hamkari.sources.inputs import Article
from hamkari.web.templatetags.hamkari import figure, unit


def _quote(text: str, span: list[int], width: int = 90) -> str:
    words = " ".join(text[span[0] : span[1]].split())
    return words if len(words) <= width else words[: width - 1] + "…"


CORE_KEYS = {"schema", "document", "entities", "events", "instruments", "commitments", "quantities"}


def _label(code: str) -> str:
    """A line's label, the width of the column: «region      », «منطقه      »."""
    return f"{code_text(code):<12}"


def report(result: dict[str, Any], article: Article) -> str:
    """A readable report that quotes the words behind every fact, its labels and the vocabulary's
    codes (types, kinds, statuses) in the command line's language; names, references, offsets and
    the rules behind each fact as they are (provenance)."""
    text = article.text
    d = result["document"]
    published = _published(d["published"], d["published_jalali"])
    lines = [
        f"== {d['source']}",
        f"{_('language')} {language_name(d['language'])}  {_('published')} {published}",
    ]
    if d["title"]:
        lines.append(f"{_label('title')} {d['title']}")
    for o in d["outlets"]:
        lines.append(f"{_label('outlet')} {o['name']}  [{o['span'][0]}:{o['span'][1]}]")
    for e in result["entities"]:
        lines += _entity_lines(e, text)
    for ev in result["events"]:
        lines.append(
            f"{_label('event')} {code_text(ev['type'])} {ev['date'] or ''}  «{_quote(text, ev['evidence'])}»"
        )
    for i in result["instruments"]:
        said = f"{code_text(i['kind'])} → {code_text(i['status'])}"
        lines.append(f"{_label('instrument')} {said}  «{_quote(text, i['evidence'])}»")
    for c in result["commitments"]:
        due = c["due"] or c["due_relative"] or ""
        if c["due"] and c.get("due_precision") not in (None, "day"):
            due = f"{due} ({code_text(c['due_precision'])})"  # «2027-03-31 (month)»: the month's end
        lines.append(f"{_label('commitment')} {c['action']}  {due}  «{_quote(text, c['evidence'])}»")
    for q in result["quantities"]:
        # as the pages write a figure: grouped in the language's digits, its unit agreeing with it
        said = f"{figure(q['value'])} {unit(q['unit'], q['value'])}".strip()
        lines.append(f"{_label('quantity')} {said}  «{q['text']}»")
    for name in result.keys() - CORE_KEYS:  # kinds a component contributes (Document.more)
        for fact in result[name]:
            lines.append(f"{name.rstrip('s'):<12} {fact['summary']}  «{_quote(text, fact['evidence'])}»")
    return "\n".join(lines) + "\n\n"


def _published(iso: str | None, jalali: str | None) -> str:
    """«۱۲ آذر ۱۴۰۴ (2025-12-03)» in Persian; «2025-12-03 (1404-09-12)» in Russian and English."""
    if not iso:
        return "-"
    if spoken() == "fa":
        return f"{jalali_text(dt.date.fromisoformat(iso))} ({iso})"
    return iso + (f" ({jalali})" if jalali else "")


def _entity_lines(e: dict[str, Any], text: str) -> list[str]:
    first = e["mentions"][0]
    label = e.get("ref") or e.get("kind") or ""
    lines = [
        f"{_label(e['type'])} {e['name']}  {label}  ×{len(e['mentions'])}  «{_quote(text, first)}» "
        f"[{first[0]}:{first[1]}] {e['provenance'][0]['rule']}"
    ]
    for r in e.get("roles", []):
        where = _(", ").join(x for x in (r["region"], r["country"], r["organization"]) if x)
        lines.append(f"    {code_text('role')} {code_text(r['role'])} ({where})  «{_quote(text, r['span'])}»")
    return lines
