"""Pages: views validate, call a selector or a service, render. Every page needs a login."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkari.accounts.models import Profile
from hamkari.accounts.permissions import can_curate_people, can_edit_profile, can_review_article, can_upload
from hamkari.accounts.services import profile_update
from hamkari.kb import search, selectors, services
from hamkari.kb.ingest import item_ingest
from hamkari.kb.models import (
    FACT_MODELS,
    Article,
    AuditLog,
    Commitment,
    Entity,
    Instrument,
    InstrumentStep,
    Mention,
    Position,
    ReviewState,
    Story,
)
from hamkari.partners.services import sectors
from hamkari.partners.views import capacity_rows, route_map, trade_summary
from hamkari.sources.inputs import MAX_BYTES, InputError
from hamkari.sources.items import Item, article_item, is_url, items


def _region_pairs(limit: int = 12) -> list[tuple[str, str, int]]:
    """Iranian–Russian region pairs by the number of articles that name both."""
    rows = Mention.objects.filter(entity__type="region").values_list("article_id", "entity__ref").distinct()
    by_article: dict[int, set[str]] = {}
    for article_id, ref in rows:
        by_article.setdefault(article_id, set()).add(ref)
    pairs: Counter[tuple[str, str]] = Counter()
    for refs in by_article.values():
        iranian = sorted(r for r in refs if r.startswith("IR-"))
        russian = sorted(r for r in refs if r.startswith("RU-"))
        for a in iranian:
            for b in russian:
                pairs[(a, b)] += 1
    return [(a, b, n) for (a, b), n in pairs.most_common(limit)]


def _names(refs: set[str]) -> dict[str, str]:
    return dict(Entity.objects.filter(type="region", ref__in=refs).values_list("ref", "name"))


def _aggregates() -> dict[str, Any]:
    """Region pairs and monthly activity over the whole knowledge base; computed once per state of
    the data (cached under the number and newest id of the articles), not on every page load."""
    activity = (
        Article.objects.filter(published__isnull=False)
        .annotate(month=TruncMonth("published"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("-month")[:24]
    )
    pairs = _region_pairs()
    names = _names({a for a, _, _ in pairs} | {b for _, b, _ in pairs})
    iranian = sorted({a for a, _, _ in pairs})
    russian = sorted({b for _, b, _ in pairs})
    counts = {(a, b): n for a, b, n in pairs}
    top = max(counts.values(), default=1)
    matrix = [
        {
            "region": a,
            "name": names.get(a, a),
            "cells": [
                {"n": counts.get((a, b), 0), "level": round(4 * counts.get((a, b), 0) / top), "pair": (a, b)}
                for b in russian
            ],
        }
        for a in iranian
    ]
    return {
        "pairs": [(a, names.get(a, a), b, names.get(b, b), n) for a, b, n in pairs],
        "activity": [(row["month"].strftime("%Y-%m"), row["n"]) for row in reversed(list(activity))],
        "matrix": matrix,
        "russian": [(b, names.get(b, b)) for b in russian],
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    commitments = Commitment.objects.exclude(review_state=ReviewState.REJECTED)
    state = Article.objects.aggregate(n=Count("id"), newest=Max("id"))
    aggregates = cache.get_or_set(f"dashboard:{state['n']}:{state['newest']}", _aggregates, timeout=3600)
    context = {
        "stories": selectors.story_list()[:10],
        "open_commitments": commitments.filter(Q(due__gte=today) | Q(due__isnull=True)).order_by(
            "due", "-pk"
        )[:10],
        "overdue": commitments.filter(due__lt=today).order_by("due")[:10],
        "article_count": state["n"],
        **aggregates,
    }
    return render(request, "web/dashboard.html", context)


@login_required
def region(request: HttpRequest, code: str) -> HttpResponse:
    obj = get_object_or_404(Entity, type="region", ref=code.upper())
    profile = selectors.region_profile(obj)
    context = {
        "region": obj,
        "profile": profile,
        "sector_bars": [(s["entity__ref"], s["sources"]) for s in profile["sectors"][:15]],
        "officials": profile["officials"],
        "profile_text": Profile.objects.filter(entity=obj).first(),
        "capacity": capacity_rows(obj),
        "sectors": sorted(sectors()),
        "can_edit_profile": can_edit_profile(request.user, obj.pk),
        "trade": trade_summary(obj.ref or ""),
    }
    return render(request, "web/region.html", context)


@login_required
def entity(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's (or any other entity's) page: its profile, spellings and mentions."""
    obj = get_object_or_404(Entity, pk=pk)
    if obj.type == "region" and obj.ref:
        return redirect("region", code=obj.ref)
    if obj.type == "person":
        return redirect("person", pk=obj.pk)
    mentions = selectors.with_words(
        obj.mentions.select_related("article").defer("article__text", "article__search_text")
    ).order_by("-article_id", "start")[:100]
    context = {
        "entity": obj,
        "spellings": sorted({a.name for a in obj.aliases.all()}),
        "mentions": [{"m": m, "words": m.words} for m in mentions],
        "profile": Profile.objects.filter(entity=obj).first(),
        "capacity": capacity_rows(obj),
        "sectors": sorted(sectors()),
        "can_edit_profile": can_edit_profile(request.user, obj.pk),
    }
    return render(request, "web/entity.html", context)


@login_required
@require_POST
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(Entity, pk=pk, type__in=("region", "organization"))
    if not can_edit_profile(request.user, obj.pk):
        raise PermissionDenied(_("Only the editor of this region or organisation may edit its profile."))
    profile_update(entity=obj, summary=request.POST.get("summary", ""), user=request.user)
    messages.success(request, _("Saved."))
    return (
        redirect("region", code=obj.ref)
        if obj.type == "region" and obj.ref
        else redirect("entity", pk=obj.pk)
    )


@login_required
def region_pair(request: HttpRequest, first: str, second: str) -> HttpResponse:
    a = get_object_or_404(Entity, type="region", ref=first.upper())
    b = get_object_or_404(Entity, type="region", ref=second.upper())
    both = (
        Mention.objects.filter(entity=a)
        .values("article_id")
        .intersection(Mention.objects.filter(entity=b).values("article_id"))
    )
    ids = [row["article_id"] for row in both]
    articles = Article.objects.filter(pk__in=ids).select_related("outlet").order_by("-published")
    sectors = (
        Mention.objects.filter(article_id__in=ids, entity__type="sector")
        .values("entity__ref")
        .annotate(n=Count("article", distinct=True))
        .order_by("-n")
    )
    context = {
        "a": a,
        "b": b,
        "articles": articles[:100],
        "article_count": len(ids),
        "stories": Story.objects.filter(articles__in=ids).distinct().order_by("-date")[:50],
        "instruments": Instrument.objects.filter(parties=a).filter(parties=b).distinct(),
        "commitments": Commitment.objects.filter(article_id__in=ids).exclude(
            review_state=ReviewState.REJECTED
        )[:50],
        "sector_bars": [(s["entity__ref"], s["n"]) for s in sectors[:15]],
        "route_map": route_map(a.ref or "", b.ref or ""),
    }
    return render(request, "web/region_pair.html", context)


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(Entity, pk=pk, type="person")
    if obj.merged_into_id:
        return redirect("person", pk=obj.merged_into_id)
    mentions = selectors.with_words(obj.mentions.all()).order_by("article_id", "start")
    context = {
        "person": obj,
        "spellings": sorted({a.name for a in obj.aliases.all()}),
        "positions": selectors.positions_of(obj),
        "mentions": [{"m": m, "words": m.words} for m in mentions],
    }
    return render(request, "web/person.html", context)


@login_required
def story(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(Story, pk=pk)
    context = {
        "story": obj,
        "articles": obj.articles.select_related("outlet").order_by("published", "pk"),
        "people": selectors.story_entities(obj, "person"),
        "regions": selectors.story_entities(obj, "region"),
        "instruments": obj.instruments.all(),
    }
    return render(request, "web/story.html", context)


def _fact_rows(article: Article, facts: dict[str, list[Any]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for m in facts["mention"]:
        rows.append(
            {
                "kind": "mention",
                "type": m.entity.type,
                "fact": m,
                "label": m.entity.name,
                "link": m.entity if m.entity.type == "person" else None,
                "extra": f"{m.link_rule} {m.link_confidence:.2f}" if m.link_rule else "",
            }
        )
    for p in facts["position"]:
        rows.append(
            {
                "kind": "position",
                "type": "position",
                "fact": p,
                "label": f"{p.person.name}: {_(p.role)}",
                "extra": p.region,
            }
        )
    for e in facts["event_source"]:
        rows.append({"kind": "event_source", "type": "event", "fact": e, "label": _(e.type), "extra": ""})
    for s in facts["instrument_step"]:
        rows.append(
            {
                "kind": "instrument_step",
                "type": "instrument",
                "fact": s,
                "label": f"{_(s.instrument.kind)}: {_(s.status)}",
                "extra": "",
            }
        )
    for c in facts["commitment"]:
        rows.append(
            {
                "kind": "commitment",
                "type": "commitment",
                "fact": c,
                "label": c.action[:80],
                "extra": str(c.due or c.due_relative or ""),
            }
        )
    for q in facts["quantity"]:
        rows.append(
            {"kind": "quantity", "type": "quantity", "fact": q, "label": f"{q.value:g} {q.unit}", "extra": ""}
        )
    for row in rows:
        row["anchor"] = f"f-{row['kind']}-{row['fact'].pk}"
        row["words"] = article.text[row["fact"].start : row["fact"].end]
    rows.sort(key=lambda r: r["fact"].start)
    return rows


@login_required
def article(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(Article.objects.select_related("outlet", "story"), pk=pk)
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
    model = FACT_MODELS.get(kind)
    if model is None:
        return HttpResponseBadRequest(_("Unknown kind of fact."))
    fact = get_object_or_404(model, pk=pk)
    if not can_review_article(request.user, fact.article_id):
        raise PermissionDenied(_("You may not review the facts of this article."))
    state = request.POST.get("state", "")
    changes: dict[str, Any] = {}
    for field in services.EDITABLE.get(kind, ()):
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
    only = {k: [selectors.article_fact(kind, fact.pk)] if k == kind else [] for k in FACT_MODELS}
    (row,) = _fact_rows(fact.article, only)
    if request.htmx:
        return render(request, "web/_fact_row.html", {"row": row, "can_review": True})
    messages.success(request, _("Saved."))
    return redirect("article", pk=fact.article_id)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Proposed facts, least certain first: person links by confidence, then the other facts."""
    links = (
        selectors.with_words(Mention.objects.filter(review_state=ReviewState.PROPOSED, entity__type="person"))
        .select_related("entity")
        .order_by("link_confidence", "pk")
    )
    page = Paginator(links, 50).get_page(request.GET.get("page"))
    others = {
        "positions": Position.objects.filter(review_state=ReviewState.PROPOSED).select_related("person")[:20],
        "steps": InstrumentStep.objects.filter(review_state=ReviewState.PROPOSED).select_related(
            "instrument"
        )[:20],
        "commitments": Commitment.objects.filter(review_state=ReviewState.PROPOSED)[:20],
    }
    rows = [{"m": m, "words": m.words} for m in page]
    return render(request, "web/review_queue.html", {"page": page, "rows": rows, **others})


@login_required
@require_POST
def person_merge(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_curate_people(request.user):
        raise PermissionDenied(_("Only analysts merge and split people."))
    source = get_object_or_404(Entity, pk=pk, type="person", merged_into=None)
    try:
        target_id = int(request.POST.get("into", ""))
    except ValueError:
        return HttpResponseBadRequest(_("Give the number of the person to merge into."))
    target = get_object_or_404(Entity, pk=target_id, type="person", merged_into=None)
    try:
        services.person_merge(source=source, target=target, user=request.user)
    except services.ReviewError as exc:
        return HttpResponseBadRequest(str(exc))
    messages.success(request, _("Merged."))
    return redirect("person", pk=target.pk)


@login_required
@require_POST
def person_split(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_curate_people(request.user):
        raise PermissionDenied(_("Only analysts merge and split people."))
    obj = get_object_or_404(Entity, pk=pk, type="person", merged_into=None)
    try:
        ids = [int(x) for x in request.POST.getlist("mentions")]
        other = services.person_split(person=obj, mention_ids=ids, user=request.user)
    except (ValueError, services.ReviewError) as exc:
        return HttpResponseBadRequest(str(exc) or _("Choose mentions to move."))
    messages.success(request, _("Split."))
    return redirect("person", pk=other.pk)


AUDITED = {"person": Entity, "entity": Entity, **FACT_MODELS}


@login_required
def audit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = AUDITED.get(kind)
    if model is None:
        return HttpResponseBadRequest(_("Unknown kind of record."))
    obj = get_object_or_404(model, pk=pk)
    model_name = obj._meta.model_name
    entries = (
        AuditLog.objects.filter(object_type=model_name, object_id=obj.pk)
        .select_related("actor")
        .order_by("-at")
    )
    return render(request, "web/audit.html", {"kind": kind, "obj": obj, "entries": entries})


FACET_KINDS = ("articles", "people", "organizations", "regions")


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:300]
    language = request.GET.get("language", "")
    region_ref = request.GET.get("region", "")
    sector = request.GET.get("sector", "")
    kind = request.GET.get("kind", "articles")
    date_from = _date(request.GET.get("from"))
    date_to = _date(request.GET.get("to"))
    articles: list[Article] = []
    entities: list[Entity] = []
    if q or region_ref or sector:
        if kind == "articles":
            qs = selectors.article_list(
                language=language if language in ("fa", "ru", "en") else None,
                region=region_ref or None,
                q=q or None,
                published_from=date_from,
                published_to=date_to,
            )
            if sector:
                qs = qs.filter(
                    pk__in=Mention.objects.filter(entity__type="sector", entity__ref=sector).values(
                        "article_id"
                    )
                )
            articles = list(qs[:100])
        else:
            type_ = {"people": "person", "organizations": "organization", "regions": "region"}.get(
                kind, "person"
            )
            entities = list(
                Entity.objects.filter(pk__in=search.entity_ids(q), type=type_, merged_into=None)[:100]
            )
    facets = {
        "regions": Entity.objects.filter(type="region", mentions__isnull=False).distinct().order_by("ref"),
        "sectors": Entity.objects.filter(type="sector", mentions__isnull=False).distinct().order_by("ref"),
    }
    context = {
        "q": q,
        "language": language,
        "region": region_ref,
        "sector": sector,
        "kind": kind,
        "from": request.GET.get("from", ""),
        "to": request.GET.get("to", ""),
        "articles": articles,
        "entities": entities,
        "facets": facets,
        "kinds": FACET_KINDS,
        "searched": bool(q or region_ref or sector),
    }
    return render(request, "web/search.html", context)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    if not can_upload(request.user):
        raise PermissionDenied(_("Only analysts add articles."))
    results: list[dict[str, Any]] = []
    if request.method == "POST":
        batch: list[Item] = []
        for f in request.FILES.getlist("files"):
            batch.append(_uploaded(f))
        url = request.POST.get("url", "").strip()
        if url:
            if not is_url(url):
                batch.append(Item(url, error=_("an address must start with http:// or https://")))
            else:
                batch.extend(items([url]))
        text = request.POST.get("text", "").strip()
        if text:
            batch.append(Item(_("pasted text"), text=text))
        if not batch:
            messages.error(request, _("Choose a file, give an address or paste a text."))
        for item in batch:
            results.append(_ingest_one(item))
    return render(request, "web/upload.html", {"results": results})


def _uploaded(f: Any) -> Item:

    name = str(f.name)[:200]
    if f.size > MAX_BYTES:  # refused before it is read into memory
        return Item(name, error=_("file is too large"))
    return article_item(name, f.read())


def _ingest_one(item: Item) -> dict[str, Any]:
    try:
        outcome = item_ingest(item)
    except InputError as exc:
        return {"source": item.source, "ok": False, "message": str(exc)}
    message = _("stored") if outcome.status == "new" else _("already known")
    return {"source": item.source, "ok": True, "message": message, "article": outcome.article}
