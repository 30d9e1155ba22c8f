"""The readable report of `hamkari extract`: every fact with the words it came from."""

from __future__ import annotations

from typing import Any

from hamkari.sources.inputs import Article


def _quote(text: str, span: list[int], width: int = 90) -> str:
    words = " ".join(text[span[0] : span[1]].split())
    return words if len(words) <= width else words[: width - 1] + "…"


CORE_KEYS = {"schema", "document", "entities", "events", "instruments", "commitments", "quantities"}


def report(result: dict[str, Any], article: Article) -> str:
    """A readable report that quotes the words behind every fact."""
    text = article.text
    d = result["document"]
    lines = [
        f"== {d['source']}",
        f"language {d['language']}  published {d['published'] or '-'}"
        + (f" ({d['published_jalali']})" if d["published_jalali"] else ""),
    ]
    if d["title"]:
        lines.append(f"title    {d['title']}")
    for o in d["outlets"]:
        lines.append(f"outlet   {o['name']}  [{o['span'][0]}:{o['span'][1]}]")
    for e in result["entities"]:
        first = e["mentions"][0]
        label = e.get("ref") or e.get("kind") or ""
        lines.append(
            f"{e['type']:<12} {e['name']}  {label}  ×{len(e['mentions'])}  «{_quote(text, first)}» "
            f"[{first[0]}:{first[1]}] {e['provenance'][0]['rule']}"
        )
        for r in e.get("roles", []):
            where = ", ".join(x for x in (r["region"], r["country"], r["organization"]) if x)
            lines.append(f"    role {r['role']} ({where})  «{_quote(text, r['span'])}»")
    for ev in result["events"]:
        lines.append(f"event        {ev['type']} {ev['date'] or ''}  «{_quote(text, ev['evidence'])}»")
    for i in result["instruments"]:
        lines.append(f"instrument   {i['kind']} → {i['status']}  «{_quote(text, i['evidence'])}»")
    for c in result["commitments"]:
        due = c["due"] or c["due_relative"] or ""
        if c["due"] and c.get("due_precision") not in (None, "day"):
            due = f"{due} ({c['due_precision']})"  # «2027-03-31 (month)»: the end of the month named
        lines.append(f"commitment   {c['action']}  {due}  «{_quote(text, c['evidence'])}»")
    for q in result["quantities"]:
        lines.append(f"quantity     {q['value']} {q['unit'] or ''}  «{q['text']}»")
    for name in result.keys() - CORE_KEYS:  # kinds a component contributes (Document.more)
        for fact in result[name]:
            lines.append(f"{name.rstrip('s'):<12} {fact['summary']}  «{_quote(text, fact['evidence'])}»")
    return "\n".join(lines) + "\n\n"
