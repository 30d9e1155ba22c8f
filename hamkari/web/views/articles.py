"""Articles with their facts, reviewing facts, the review queue and the history pages."""

from __future__ import annotations

import bisect
import math
import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkari.accounts.permissions import acting_user, can_review_article, role_of
from hamkari.kb import selectors, services
from hamkari.kb.calendar import typed_number
from hamkari.kb.facts import FACT_KINDS
from hamkari.kb.lookups import found
from hamkari.kb.models import Article
from hamkari.tracker.services import TrackerError, parse_date
from hamkari.web.views.common import HtmxHttpRequest

# every kind of fact the page colours, in the legend above the text
LEGEND = (
    "event",
    "instrument",
    "commitment",
    "position",
    "quantity",
    "person",
    "organization",
    "region",
    "country",
    "sector",
)


def _row(kind: str, facts: list[Any]) -> dict[str, Any]:
    """A row of the side list, described by the fact-kind registry; `facts` are one fact, or the
    mentions of one entity (shown once, with how often and where)."""
    entry, fact = FACT_KINDS[kind], facts[0]
    return {
        "kind": kind,
        "type": entry.css(fact),
        "fact": fact,
        "facts": facts,
        "count": len(facts),
        "label": entry.summary(fact),
        "link": entry.link(fact),
        "extra": entry.extra(fact),
        "templates": _templates(kind),
    }


def _templates(kind: str) -> dict[str, tuple[str, ...]]:
    """How a row of `kind` shows its words, what follows them and its edit field: the kind's own
    templates in web/facts/ (`<kind>.html`, `<kind>_after.html`, `<kind>_edit.html`) when it has
    them, else the default (the registry's summary; nothing after; no field), so that a new kind
    needs no template and the row template names no kind."""
    own = f"web/facts/{kind}"
    return {
        "label": (f"{own}.html", "web/facts/fact.html"),
        "after": (f"{own}_after.html", "web/facts/nothing.html"),
        "edit": (f"{own}_edit.html", "web/facts/nothing.html"),
    }


def _number(typed: str) -> str:
    """A number typed with Persian or Latin digits, as the field's own text («680000.0» for
    «۶۸۰٬۰۰۰»), so that a value sent back unchanged is no edit; other text is left for the model to
    refuse in the page's language."""
    try:
        return str(float(typed_number(typed.strip())))
    except ValueError:
        return typed


def _rank(kind: str) -> float:
    order = FACT_KINDS[kind].key_order
    return math.inf if order is None else order


def _fact_rows(article: Article, facts: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """The side list of the article page: the key facts (every kind but mentions) in the order of
    the text, then one row per entity mentioned, most mentioned first."""
    rows = [_row(kind, [fact]) for kind in FACT_KINDS if kind != "mention" for fact in facts[kind]]
    # what an analyst looks for first (events, instruments, commitments), as the registry ranks it
    rows.sort(key=lambda r: (_rank(r["kind"]), r["fact"].start))
    groups: dict[int, list[Any]] = {}
    for m in facts["mention"]:
        groups.setdefault(m.entity_id, []).append(m)
    mentions = sorted(
        (_row("mention", ms) for ms in groups.values()), key=lambda r: (-r["count"], r["fact"].start)
    )
    for row in [*rows, *mentions]:
        row["anchor"] = f"f-{row['kind']}-{row['fact'].pk}"
        row["words"] = article.text[row["fact"].start : row["fact"].end]
        row["marks"] = [f"f-{row['kind']}-{f.pk}" for f in row["facts"]]
    return [*rows, *mentions]


def _point_at_highlights(rows: list[dict[str, Any]], marks: list[dict[str, Any]]) -> None:
    """Every occurrence link jumps to highlighted words: a fact inside another fact's highlight (a city
    in an organisation's name) has none of its own, so it points to the highlight that holds it; a
    fact with no words shown (rejected) keeps no link of its own. Each place is linked once."""
    own = {m["anchor"] for m in marks}
    # highlights do not overlap (they are cut into the text), so the one holding a place is the
    # last one starting at or before it: one bisect a fact, not a scan of every highlight
    ordered = sorted(marks, key=lambda m: m["start"])
    starts = [m["start"] for m in ordered]
    for row in rows:
        targets: list[str] = []
        for fact, anchor in zip(row["facts"], row["marks"], strict=True):
            holder = anchor if anchor in own else _holder(ordered, starts, fact.start)
            if holder and holder not in targets:
                targets.append(holder)
        row["marks"] = targets or row["marks"][:1]


def _holder(ordered: list[dict[str, Any]], starts: list[int], start: int) -> str | None:
    i = bisect.bisect_right(starts, start) - 1
    return str(ordered[i]["anchor"]) if i >= 0 and start < ordered[i]["end"] else None


@login_required
def article(request: HttpRequest, pk: int) -> HttpResponse:
    detail = found(selectors.article_detail, pk)
    obj = detail.article
    rows = _fact_rows(obj, detail.facts)
    marks = [
        {**h, "anchor": f"f-{h['fact_kind']}-{h['fact'].pk}", "label": _(h["kind"])}
        for h in detail.highlights
    ]
    marked = {m["anchor"] for m in marks}
    _point_at_highlights(rows, marks)
    context = {
        "article": obj,
        "key_rows": [r for r in rows if r["kind"] != "mention"],
        "mention_rows": [r for r in rows if r["kind"] == "mention"],
        "marked": marked,
        "legend": LEGEND,
        "marks": marks,
        "can_review": can_review_article(request.user, obj.pk),
    }
    return render(request, "web/article.html", context)


@login_required
@require_POST
def review(request: HtmxHttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in FACT_KINDS:
        return HttpResponseBadRequest(_("Unknown kind of fact."))
    fact = found(selectors.article_fact, kind, pk)
    if not can_review_article(request.user, fact.article_id):
        raise PermissionDenied(_("You may not review the facts of this article."))
    state = request.POST.get("state", "")
    changes: dict[str, Any] = {}
    try:
        for field in FACT_KINDS[kind].editable:
            value = request.POST.get(field)
            if field == "due" and value:  # typed in Jalali or Gregorian, Persian or Latin digits
                value = parse_date(value).isoformat()  # type: ignore[union-attr]
            if isinstance(getattr(fact, field), float) and value:  # «۶۸۰۰۰۰», «680,000», «12٫5»
                value = _number(value)
            if value not in (None, "") and value != str(getattr(fact, field)):
                changes[field] = value
        # the article page shows one row per entity: its review covers every mention of it there
        ids = [m.pk for m in selectors.mention_group(fact)] if kind == "mention" else [pk]
        services.facts_review(
            kind=kind, fact_ids=ids, state=state, user=acting_user(request), changes=changes or None
        )
    except TrackerError:
        return HttpResponseBadRequest(_("Not a date: write it as 1404/09/26 or 2025-12-17."))
    except services.ReviewError as exc:
        return HttpResponseBadRequest(str(exc))
    except ValidationError as exc:  # an edited value the model refuses
        return HttpResponseBadRequest("; ".join(exc.messages))
    reviewed = selectors.mention_group(fact) if kind == "mention" else [selectors.article_fact(kind, pk)]
    only = {k: reviewed if k == kind else [] for k in FACT_KINDS}
    (row,) = _fact_rows(fact.article, only)
    if request.POST.get("in_queue"):
        row["context"] = sentence_of(fact.article.text, row["fact"].start, row["fact"].end)
    if request.htmx:
        return render(request, "web/_fact_row.html", {"row": row, "can_review": True, "swapped": True})
    messages.success(request, _("Saved."))
    return redirect("article", pk=fact.article_id)


# a sentence ends at . ! ? ؟ or a line's end, but not at the point inside a number («1.5 million»)
SENTENCE_END = re.compile(r"[!?؟\n]|\.(?!\d)")
CONTEXT_CHARS = 160
ELLIPSIS = "…"


def sentence_of(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, words, after): the sentence around a fact's words, at most CONTEXT_CHARS each side; a
    side cut short of its sentence's end is cut between words and marked with «…»."""
    left = max(0, start - CONTEXT_CHARS)
    cuts = [m.end() for m in SENTENCE_END.finditer(text, left, start)]
    if cuts or left == 0:
        before = text[cuts[-1] if cuts else 0 : start].lstrip()
    else:
        before = _cut(text[left:start], keep_end=True)
    right = min(len(text), end + CONTEXT_CHARS)
    stop = SENTENCE_END.search(text, end, right)
    if stop or right == len(text):
        after = text[end : stop.end() if stop else right].rstrip()
    else:
        after = _cut(text[end:right], keep_end=False)
    return before, text[start:end], after


def _cut(part: str, *, keep_end: bool) -> str:
    """`part` without the word cut in half at its far end, «…» in its place."""
    if " " not in part.strip():
        return part
    return ELLIPSIS + part.split(maxsplit=1)[1] if keep_end else part.rsplit(maxsplit=1)[0] + ELLIPSIS


def _queue_row(kind: str, fact: Any) -> dict[str, Any]:
    (row,) = _fact_rows(fact.article, {k: [fact] if k == kind else [] for k in FACT_KINDS})
    row["context"] = sentence_of(fact.article.text, fact.start, fact.end)
    return row


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Proposed facts, least certain first: person links by confidence, then the other facts; each
    in its sentence, reviewed in place."""
    queue = selectors.review_queue()
    page = Paginator(queue.pop("links"), 50).get_page(request.GET.get("page"))
    sections = [
        (_("Links to people, least certain first"), [_queue_row("mention", m) for m in page]),
        (_("Posts"), [_queue_row("position", p) for p in queue["positions"]]),
        (_("Instruments"), [_queue_row("instrument_step", s) for s in queue["steps"]]),
        (_("Commitments"), [_queue_row("commitment", c) for c in queue["commitments"]]),
    ]
    context = {
        "page": page,
        "sections": sections,
        "can_review": role_of(request.user) != "viewer",
        "marked": set(),
    }
    return render(request, "web/review_queue.html", context)


@login_required
def audit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in selectors.AUDITED:
        return HttpResponseBadRequest(_("Unknown kind of record."))
    obj = found(selectors.audited_get, kind, pk)
    # a fact kind names itself (its registry entry's words); people, entities, stories: the catalogues
    context = {
        "kind": kind,
        "kind_words": FACT_KINDS[kind].noun if kind in FACT_KINDS else None,
        "obj": obj,
        "entries": selectors.audit_entries(obj),
    }
    return render(request, "web/audit.html", context)
