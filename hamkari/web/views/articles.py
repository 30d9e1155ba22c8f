"""Stories, articles with their facts, reviewing facts, the review queue and the history pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkari.accounts.permissions import can_review_article
from hamkari.kb import selectors, services
from hamkari.kb.facts import FACT_KINDS
from hamkari.kb.models import Article
from hamkari.web.views.common import found


@login_required
def story(request: HttpRequest, pk: int) -> HttpResponse:
    obj = found(selectors.story_get, pk)
    return render(request, "web/story.html", {"story": obj, **selectors.story_detail(obj)})


def _fact_rows(article: Article, facts: dict[str, list[Any]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {
            "kind": kind,
            "type": entry.css(fact),
            "fact": fact,
            "label": entry.summary(fact),
            "link": entry.link(fact),
            "extra": entry.extra(fact),
        }
        for kind, entry in FACT_KINDS.items()
        for fact in facts[kind]
    ]
    for row in rows:
        row["anchor"] = f"f-{row['kind']}-{row['fact'].pk}"
        row["words"] = article.text[row["fact"].start : row["fact"].end]
    rows.sort(key=lambda r: r["fact"].start)
    return rows


@login_required
def article(request: HttpRequest, pk: int) -> HttpResponse:
    obj = found(selectors.article_get, pk)
    facts = selectors.article_facts(obj)
    rows = _fact_rows(obj, facts)
    by_fact = {(r["kind"], r["fact"].pk): r for r in rows}
    marks = [
        {**h, **{k: by_fact[(h["fact_kind"], h["fact"].pk)][k] for k in ("anchor", "label")}}
        for h in selectors.highlights(obj, facts)
    ]
    context = {
        "article": obj,
        "rows": rows,
        "marks": marks,
        "can_review": can_review_article(request.user, obj.pk),
    }
    return render(request, "web/article.html", context)


@login_required
@require_POST
def review(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in FACT_KINDS:
        return HttpResponseBadRequest(_("Unknown kind of fact."))
    fact = found(selectors.article_fact, kind, pk)
    if not can_review_article(request.user, fact.article_id):
        raise PermissionDenied(_("You may not review the facts of this article."))
    state = request.POST.get("state", "")
    changes: dict[str, Any] = {}
    for field in FACT_KINDS[kind].editable:
        value = request.POST.get(field)
        if value not in (None, "") and value != str(getattr(fact, field)):
            changes[field] = value
    try:
        fact = services.fact_review(
            kind=kind, fact_id=pk, state=state, user=request.user, changes=changes or None
        )
    except services.ReviewError as exc:
        return HttpResponseBadRequest(str(exc))
    except ValidationError as exc:  # an edited value the model refuses
        return HttpResponseBadRequest("; ".join(exc.messages))
    only = {k: [selectors.article_fact(kind, fact.pk)] if k == kind else [] for k in FACT_KINDS}
    (row,) = _fact_rows(fact.article, only)
    if request.htmx:
        return render(request, "web/_fact_row.html", {"row": row, "can_review": True})
    messages.success(request, _("Saved."))
    return redirect("article", pk=fact.article_id)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Proposed facts, least certain first: person links by confidence, then the other facts."""
    queue = selectors.review_queue()
    page = Paginator(queue.pop("links"), 50).get_page(request.GET.get("page"))
    rows = [{"m": m, "words": m.words} for m in page]
    return render(request, "web/review_queue.html", {"page": page, "rows": rows, **queue})


@login_required
def audit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in selectors.AUDITED:
        return HttpResponseBadRequest(_("Unknown kind of record."))
    obj = found(selectors.audited_get, kind, pk)
    return render(
        request, "web/audit.html", {"kind": kind, "obj": obj, "entries": selectors.audit_entries(obj)}
    )
