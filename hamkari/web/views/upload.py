"""Adding articles: files, a page or feed address, or pasted text."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hamkari.accounts.permissions import can_upload
from hamkari.kb.ingest import item_ingest
from hamkari.sources.inputs import MAX_BYTES, InputError
from hamkari.sources.items import Item, article_item, is_url, items


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    if not can_upload(request.user):
        raise PermissionDenied(_("Only analysts add articles."))
    results: list[dict[str, Any]] = []
    if request.method == "POST":
        batch = _batch(request)
        if not batch:
            messages.error(request, _("Choose a file, give an address or paste a text."))
        results = [_ingest_one(item) for item in batch]
    return render(request, "web/upload.html", {"results": results})


def _batch(request: HttpRequest) -> list[Item]:
    batch = [_uploaded(f) for f in request.FILES.getlist("files")]
    url = request.POST.get("url", "").strip()
    if url:
        if not is_url(url):
            batch.append(Item(url, error=_("an address must start with http:// or https://")))
        else:
            batch.extend(items([url]))
    text = request.POST.get("text", "").strip()
    if text:
        batch.append(Item(_("pasted text"), text=text))
    return batch


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
