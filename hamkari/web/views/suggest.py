"""Suggestions while a name is typed (htmx): people, organisations and regions found by any of
their spellings, in any language, offered as choices a form submits by record."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from hamkari.kb import selectors

KINDS = {"person": "person", "organization": "organization", "region": "region"}
LIMIT = 8


@login_required
def suggest(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        return HttpResponseBadRequest(_("Unknown kind of record."))
    q = request.GET.get("q", "").strip()[:100]
    field = request.GET.get("field", "entity")
    if not field.isidentifier():
        return HttpResponseBadRequest(_("Unknown kind of record."))
    exclude = request.GET.get("exclude", "")
    found = (
        [e for e in selectors.entity_search(q, KINDS[kind], limit=LIMIT + 1) if str(e.pk) != exclude]
        if q
        else []
    )
    context = {"entities": found[:LIMIT], "field": field, "q": q}
    return render(request, "web/_suggestions.html", context)
