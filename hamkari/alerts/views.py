"""Alert pages: a user's watchlists (create, change, delete, what each follows), their
notifications, and each watchlist's Atom feed behind the secret in its address.

Object permissions: every page that takes a number looks it up among the user's own watchlists
(someone else's is a 404, as if it did not exist)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hamkari.accounts.permissions import acting_user
from hamkari.alerts import feeds, present, selectors, services
from hamkari.alerts.models import (
    FREQUENCIES,
    INSTRUMENT,
    ORGANIZATION,
    PAIR,
    PERSON,
    REGION,
    SEARCH,
    SECTOR,
    Target,
    Watchlist,
)
from hamkari.alerts.services import AlertError, TargetSpec
from hamkari.extraction.vocabulary import INSTRUMENT_KINDS
from hamkari.kb import selectors as kb_selectors
from hamkari.kb.lookups import typed_id
from hamkari.kb.models import Entity


def _own(request: HttpRequest, pk: int) -> Watchlist:
    watchlist = selectors.watchlist_of(acting_user(request), pk)
    if watchlist is None:
        raise Http404(_("No such watchlist."))
    return watchlist


@login_required
def watchlists(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            watchlist = services.watchlist_create(
                owner=acting_user(request),
                name=request.POST.get("name", ""),
                frequency=request.POST.get("frequency", ""),
                language=request.POST.get("language", ""),
            )
        except AlertError as exc:
            return _list_page(request, error=str(exc), typed=request.POST, status=400)
        messages.success(request, _("Watchlist created: now choose what it follows."))
        return redirect("watchlist", pk=watchlist.pk)
    return _list_page(request)


def _list_page(
    request: HttpRequest, *, error: str = "", typed: Any = None, status: int = 200
) -> HttpResponse:
    language = translation.get_language() or "fa"
    context = {
        "watchlists": [_described(w) for w in selectors.watchlists_of(acting_user(request))],
        "error": error,
        "typed": typed or {"language": language[:2], "frequency": "daily"},
        "frequencies": [(f, present.frequency_text(f)) for f in FREQUENCIES],
        "languages": services.LANGUAGES,
    }
    return render(request, "alerts/watchlists.html", context, status=status)


def _described(watchlist: Watchlist) -> Watchlist:
    watchlist.follows = [  # type: ignore[attr-defined]
        {"pk": t.pk, "kind": present.target_kind(t.kind), "text": present.target_text(t)}
        for t in watchlist.targets.all()
    ]
    watchlist.every = present.frequency_text(watchlist.frequency)  # type: ignore[attr-defined]
    return watchlist


@login_required
def watchlist(request: HttpRequest, pk: int) -> HttpResponse:
    own = _own(request, pk)
    if request.method == "POST":
        try:
            services.watchlist_update(
                watchlist=own,
                name=request.POST.get("name", ""),
                frequency=request.POST.get("frequency", ""),
                language=request.POST.get("language", ""),
            )
        except AlertError as exc:
            return _page(request, own, error=str(exc), status=400)
        messages.success(request, _("Saved."))
        return redirect("watchlist", pk=own.pk)
    return _page(request, own)


def _page(
    request: HttpRequest,
    own: Watchlist,
    *,
    error: str = "",
    target_error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "watchlist": _described(own),
        "error": error,
        "target_error": target_error,
        "frequencies": [(f, present.frequency_text(f)) for f in FREQUENCIES],
        "languages": services.LANGUAGES,
        "regions": kb_selectors.region_choices(),
        "sectors": services.sector_codes(),
        "instrument_kinds": INSTRUMENT_KINDS,
        "feed_url": request.build_absolute_uri(feeds.feed_path(own)),
        "entity_kinds": [
            (PERSON, present.target_kind(PERSON)),
            (ORGANIZATION, present.target_kind(ORGANIZATION)),
        ],
        "recent": _rows(selectors.feed_items(own)[:20]),
    }
    return render(request, "alerts/watchlist.html", context, status=status)


@login_required
@require_POST
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    own = _own(request, pk)
    try:
        services.target_add(watchlist=own, spec=_spec(request.POST))
    except AlertError as exc:
        return _page(request, own, target_error=str(exc), status=400)
    return redirect("watchlist", pk=own.pk)


def _spec(form: Any) -> TargetSpec:
    """What the add form asks to follow: codes from the lists, records from the suggestions (or a
    name that only one record has)."""
    kind = form.get("kind", "")
    if kind in (PERSON, ORGANIZATION):
        return TargetSpec(kind, entity=_entity(form, kind))
    if kind == PAIR:
        return TargetSpec(kind, f"{form.get('first', '')} {form.get('second', '')}")
    if kind in (REGION, SECTOR, INSTRUMENT, SEARCH):
        return TargetSpec(kind, form.get("value", ""))
    raise AlertError(_("Unknown kind of target."))


def _entity(form: Any, kind: str) -> Entity | None:
    chosen = form.get("entity", "")
    if (pk := typed_id(chosen)) is not None:
        return kb_selectors.entity_find(pk=pk)
    found = kb_selectors.entity_search(form.get("q", ""), kind, limit=2) if form.get("q", "").strip() else []
    return found[0] if len(found) == 1 else None


@login_required
@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    """«Follow» on a region, pair, person or organisation page, «save as a watchlist» on the search
    page: a new daily watchlist of that one thing, named after it in the page's language."""
    language = (translation.get_language() or "fa")[:2]
    try:
        spec = _spec(request.POST)
        name = present.target_text(Target(kind=spec.kind, value=spec.value, entity=spec.entity))
        watchlist = services.watchlist_create(
            owner=acting_user(request),
            name=name[: services.NAME_CHARS],
            frequency="daily",
            language=language if language in services.LANGUAGES else "fa",
            targets=[spec],
        )
    except AlertError as exc:
        messages.error(request, str(exc))
        return redirect("watchlists")
    messages.success(request, _("You follow it now: once a day, in the app and by e-mail."))
    return redirect("watchlist", pk=watchlist.pk)


@login_required
@require_POST
def target_remove(request: HttpRequest, pk: int, target: int) -> HttpResponse:
    found = selectors.target_of(acting_user(request), target)
    if found is None or found.watchlist_id != pk:
        raise Http404(_("No such watchlist."))
    services.target_remove(target=found)
    return redirect("watchlist", pk=pk)


@login_required
@require_POST
def watchlist_delete(request: HttpRequest, pk: int) -> HttpResponse:
    own = _own(request, pk)
    services.watchlist_delete(watchlist=own)
    messages.success(request, _("Watchlist deleted."))
    return redirect("watchlists")


@login_required
@require_POST
def token_renew(request: HttpRequest, pk: int) -> HttpResponse:
    services.watchlist_token_renew(watchlist=_own(request, pk))
    messages.success(request, _("The feed has a new address; the old one no longer works."))
    return redirect("watchlist", pk=pk)


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.notifications_read(owner=acting_user(request))
        return redirect("notifications")
    return render(
        request,
        "alerts/notifications.html",
        {"rows": _rows(selectors.notifications_of(acting_user(request)))},
    )


def _rows(found: Any) -> list[dict[str, Any]]:
    return [{"n": n, "headline": present.headline(n), "day": present.when(n)} for n in found]


@login_required
@require_GET
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go to its page."""
    found = selectors.notification_of(acting_user(request), pk)
    if found is None:
        raise Http404(_("No such notification."))
    services.notifications_read(owner=acting_user(request), ids=[found.pk])
    return redirect(found.url)


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A watchlist's Atom feed: no login, the secret in the address is the key (a wrong one is a 404)."""
    found = selectors.watchlist_by_token(token)
    if found is None:
        raise Http404(_("No such feed."))
    return HttpResponse(feeds.atom(found, request), content_type="application/atom+xml; charset=utf-8")
