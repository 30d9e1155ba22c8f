"""Suggestions while a name is typed (htmx): people, organisations and regions found by any of
their spellings, in any language, offered as choices a form submits by record — as radio buttons
(`web/_suggestions.html`, the merge form) or, with `pick=1`, as buttons that add the record to a
name picker (`web/_picker.html`); and stories by title (the story merge form)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from hamkari.kb import selectors
from hamkari.kb.lookups import typed_id

# the kinds of record a form asks for; a party (of a working group, an instrument, an event) is a
# person or an organisation
KINDS = {
    "person": ("person",),
    "organization": ("organization",),
    "region": ("region",),
    "party": ("person", "organization"),
    "story": ("story",),  # by title (story_search), not among entities
}
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
    if kind == "story":
        excluded = typed_id(exclude)
        stories = selectors.story_search(q, exclude=excluded, limit=LIMIT)
        return render(request, "web/_story_suggestions.html", {"stories": stories, "field": field, "q": q})
    found = (
        [e for e in selectors.entities_search(q, KINDS[kind], limit=LIMIT + 1) if str(e.pk) != exclude]
        if q
        else []
    )
    context = {"entities": found[:LIMIT], "field": field, "q": q}
    template = "web/_picks.html" if request.GET.get("pick") else "web/_suggestions.html"
    return render(request, template, context)
