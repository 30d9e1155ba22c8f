"""Tracker pages: working groups and their plans, deadline boards, calendars, briefs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkari.accounts.permissions import acting_user, can_edit_group, role_of
from hamkari.extraction.vocabulary import EVENT_TYPES
from hamkari.kb import selectors as kb_selectors
from hamkari.kb.lookups import found, typed_id
from hamkari.kb.models import Entity, Instrument
from hamkari.tracker import brief, ical, selectors, services
from hamkari.tracker.models import ItemStatus, PlanItem, WorkingGroup

PARTY = ("person", "organization")


def _picked(request: HttpRequest, field: str, types: tuple[str, ...]) -> list[Entity]:
    """The records a name picker (web/_picker.html) submitted: chosen by number, or typed by name
    in any language; a name that means no record or several is refused with the reason."""
    values = request.POST.getlist(field)
    typed = ", ".join([request.POST.get(f"{field}_q", ""), *(v for v in values if not v.isdecimal())])
    chosen, refused = kb_selectors.entities_picked(ids=values, typed=typed, types=types)
    unknown = [name for name, candidates in refused if not candidates]
    if unknown:
        what = (
            _("Unknown region: %(names)s")
            if types == ("region",)
            else _("No person or organisation is named %(names)s.")
        )
        raise services.TrackerError(what % {"names": _(", ").join(unknown)})
    if refused:
        name, candidates = refused[0]
        raise services.TrackerError(
            _("«%(name)s» may be %(choices)s: choose one of the suggestions.")
            % {"name": name, "choices": _(", ").join(c.name for c in candidates)}
        )
    return chosen


def _typed(request: HttpRequest, field: str, types: tuple[str, ...]) -> dict[str, Any]:
    """What a refused form gives back to its name picker: the records chosen and the text typed."""
    return {
        f"{field}_picked": kb_selectors.entities_chosen(request.POST.getlist(field), types),
        f"{field}_q": request.POST.get(f"{field}_q", ""),
    }


def _editable(request: HttpRequest, group: WorkingGroup) -> None:
    if not can_edit_group(request.user, group):
        raise PermissionDenied(_("You may not edit this working group."))


@login_required
def groups(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if role_of(request.user) not in ("analyst", "administrator", "editor"):
            raise PermissionDenied(_("You may not create working groups."))
        instrument = selectors.instrument_find(request.POST.get("instrument") or 0)
        try:
            regions = _picked(request, "regions", ("region",))
            # the same rule decides who may create a group as who may edit it; a refused group is rolled back
            with transaction.atomic():
                group = services.group_create(
                    name=request.POST.get("name", ""),
                    regions=regions,
                    user=acting_user(request),
                    instrument=instrument,
                )
                if not can_edit_group(request.user, group):
                    raise services.TrackerError(
                        _("An editor creates working groups of their own regions only.")
                    )
        except services.TrackerError as exc:
            # the form comes back with what was typed and the reason beside it
            typed = {**request.POST.dict(), **_typed(request, "regions", ("region",))}
            return _groups_page(request, error=str(exc), typed=typed, status=400)
        return redirect("group", pk=group.pk)
    return _groups_page(request)


def _groups_page(
    request: HttpRequest, *, error: str = "", typed: Any = None, status: int = 200
) -> HttpResponse:
    context = {
        "error": error,
        "typed": typed or {},
        "regions": kb_selectors.region_choices(),
        "groups": selectors.groups_newest_first(),
        "instruments": selectors.working_group_instruments(limit=50),
    }
    return render(request, "tracker/groups.html", context, status=status)


def _gantt(items: list[PlanItem], today: dt.date) -> dict[str, Any]:
    dated = [(i, i.due) for i in items if i.due is not None]
    if not dated:
        return {"rows": [], "width": 0, "height": 0}
    first = min(i.start or due for i, due in dated)
    last = max(due for _, due in dated)
    span = max(1, (last - first).days + 1)
    width, row = 600, 22
    rows = []
    for n, (i, due) in enumerate(dated):
        start = i.start or due
        x = round((start - first).days / span * width)
        w = max(4, round(((due - start).days + 1) / span * width))
        late = due < today and i.status not in (ItemStatus.DONE, ItemStatus.CANCELLED)
        rows.append({"item": i, "x": x + 40, "w": w, "y": n * row, "late": late})
    marker = round((today - first).days / span * width) + 40 if first <= today <= last else None
    # the date axis under the bars: the first day, the middle and the last due date
    middle = first + dt.timedelta(days=span // 2)
    ticks = [
        {"x": round((d - first).days / span * width) + 40, "date": d}
        for d in dict.fromkeys((first, middle, last))
    ]
    height = row * len(rows) + 4
    return {
        "rows": rows,
        "width": width + 90,
        "height": height + 22,
        "axis": height + 16,
        "ticks": ticks,
        "today": marker,
    }


@login_required
def group(request: HttpRequest, pk: int) -> HttpResponse:
    return _group_page(request, found(selectors.group_get, pk))


def _group_page(
    request: HttpRequest, obj: WorkingGroup, *, member_error: str = "", typed: Any = None, status: int = 200
) -> HttpResponse:
    """The working group's page; a refused member comes back with what was typed and the reason."""
    detail = selectors.group_detail(obj)
    items, baseline = detail["items"], detail["baseline"]
    today = timezone.localdate()
    context = {
        "group": obj,
        "items": items,
        "members": detail["members"],
        "meetings": detail["meetings"],
        "baseline": baseline,
        "slips": services.plan_compare(group=obj, baseline=baseline) if baseline else [],
        "gantt": _gantt(items, today),
        "can_edit": can_edit_group(request.user, obj),
        "statuses": ItemStatus.values,
        "today": today,
        "member_error": member_error,
        "typed": typed or {},
    }
    return render(request, "tracker/group.html", context, status=status)


@login_required
@require_POST
def group_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    obj = found(selectors.group_get, pk)
    _editable(request, obj)
    data = request.POST
    try:
        if action == "item":
            owner = selectors.owner_find(data.get("owner") or 0)
            depends = services.parse_numbers(data.get("depends", ""))
            item = services.item_add(
                group=obj,
                title=data.get("title", ""),
                owner=owner,
                start=data.get("start"),
                due=data.get("due"),
                status=str(data.get("status") or "planned"),
                progress=int(data.get("progress") or 0),
                notes=data.get("notes", ""),
                user=acting_user(request),
            )
            services.dependencies_set(item=item, numbers=depends)
        elif action == "update":
            item = found(selectors.plan_item_get, data.get("item"), group=obj)
            changes: dict[str, Any] = {"status": data.get("status", item.status)}
            if data.get("progress", "") != "":
                changes["progress"] = int(data["progress"])
            if data.get("due", "") != "":
                changes["due"] = data["due"]
            services.item_update(item=item, user=acting_user(request), **changes)
        elif action == "baseline":
            services.baseline_freeze(group=obj, user=acting_user(request))
        elif action == "member":
            return _member_add(request, obj)
        elif action == "meeting":
            services.meeting_add(
                group=obj,
                date=data.get("date"),
                title=data.get("title", ""),
                minutes=data.get("minutes", ""),
                user=acting_user(request),
            )
        elif action == "import":
            upload = request.FILES.get("plan")
            if upload is None:
                raise services.TrackerError(_("Choose a CSV or XLSX file."))
            fmt = "xlsx" if (upload.name or "").lower().endswith(".xlsx") else "csv"
            count = services.plan_import(group=obj, data=upload.read(), fmt=fmt, user=acting_user(request))
            messages.success(request, _("%(n)s rows imported.") % {"n": count})
        else:
            raise services.TrackerError(_("Unknown action."))
    except (services.TrackerError, ValueError) as exc:
        messages.error(request, str(exc))
    return redirect("group", pk=obj.pk)


def _member_add(request: HttpRequest, obj: WorkingGroup) -> HttpResponse:
    data = request.POST
    try:
        chosen = _picked(request, "entity", PARTY)
        if len(chosen) != 1:
            raise services.TrackerError(_("Type a name and choose one person or organisation."))
        services.member_add(
            group=obj,
            entity=chosen[0],
            side=data.get("side", ""),
            chair=bool(data.get("chair")),
            since=data.get("since"),
            user=acting_user(request),
        )
    except (services.TrackerError, ValueError) as exc:
        typed = {**data.dict(), **_typed(request, "entity", PARTY)}
        return _group_page(request, obj, member_error=str(exc), typed=typed, status=400)
    return redirect("group", pk=obj.pk)


@login_required
def plan_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    obj = found(selectors.group_get, pk)
    if fmt == "xlsx":
        response = HttpResponse(
            services.plan_export_xlsx(obj),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            services.plan_export_csv(obj).encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="plan-{obj.pk}.{fmt}"'
    return response


@login_required
def deadlines(request: HttpRequest) -> HttpResponse:
    scope: dict[str, Any] = {}
    region_code = request.GET.get("region", "")
    owner_id = request.GET.get("owner", "")
    if region_code:
        scope["region"] = found(kb_selectors.region_by_code, region_code)
    if (owner := typed_id(owner_id)) is not None:
        scope["owner"] = found(kb_selectors.entity_get, owner)
    board = selectors.deadline_board(today=timezone.localdate(), **scope)
    return render(request, "tracker/deadlines.html", {"board": board, "scope": scope})


@login_required
def events(request: HttpRequest) -> HttpResponse:
    """Meetings, webinars, visits, exhibitions, competitions from news and meetings entered by hand."""
    if request.method == "POST":
        if role_of(request.user) not in ("analyst", "administrator", "editor"):
            raise PermissionDenied(_("You may not add events."))
        try:
            people = _picked(request, "participants", PARTY)
            services.event_add(
                date=request.POST.get("date"),
                type_=request.POST.get("type", ""),
                title=request.POST.get("title", ""),
                outcome=request.POST.get("outcome", ""),
                participants=people,
                user=acting_user(request),
            )
        except services.TrackerError as exc:
            typed = {**request.POST.dict(), **_typed(request, "participants", PARTY)}
            return _events_page(request, error=str(exc), typed=typed, status=400)
        return redirect("events")
    return _events_page(request)


def _events_page(
    request: HttpRequest, *, error: str = "", typed: Any = None, status: int = 200
) -> HttpResponse:
    """The events page; a refused event comes back with what was typed and the reason."""
    context = {
        **selectors.events_overview(limit=100),
        "types": EVENT_TYPES,
        "error": error,
        "typed": typed or {},
    }
    return render(request, "tracker/events.html", context, status=status)


@login_required
def instrument(request: HttpRequest, pk: int) -> HttpResponse:
    obj = found(selectors.instrument_get, pk)
    if request.method == "POST":
        if role_of(request.user) not in ("analyst", "administrator"):
            raise PermissionDenied(_("Only analysts change the status of an instrument."))
        try:
            if "member" in request.POST or "member_q" in request.POST:
                chosen = _picked(request, "member", PARTY)
                if len(chosen) != 1:
                    raise services.TrackerError(_("Type a name and choose one person or organisation."))
                services.instrument_member_add(
                    instrument=obj,
                    entity=chosen[0],
                    joined=request.POST.get("joined"),
                    user=acting_user(request),
                )
            else:
                services.instrument_status_change(
                    instrument=obj,
                    status=request.POST.get("status", ""),
                    date=request.POST.get("date"),
                    reason=request.POST.get("reason", ""),
                    user=acting_user(request),
                )
        except services.TrackerError as exc:
            if "member" in request.POST or "member_q" in request.POST:
                typed = {**request.POST.dict(), **_typed(request, "member", PARTY)}
                return _instrument_page(request, obj, member_error=str(exc), typed=typed, status=400)
            messages.error(request, str(exc))
        return redirect("instrument", pk=obj.pk)
    return _instrument_page(request, obj)


def _instrument_page(
    request: HttpRequest, obj: Instrument, *, member_error: str = "", typed: Any = None, status: int = 200
) -> HttpResponse:
    """The instrument's page; a refused member comes back with what was typed and the reason."""
    context = {
        "instrument": obj,
        **selectors.instrument_detail(obj),  # steps, history, parties, members
        "statuses": services.STATUSES,
        "next_status": services.status_next(obj.status),  # never a backward step by default
        "member_error": member_error,
        "typed": typed or {},
    }
    return render(request, "tracker/instrument.html", context, status=status)


def calendar_response(name: str, items: Any, meetings: Any, entries: Any = ()) -> HttpResponse:
    text = ical.calendar(name, items, meetings, entries=entries, language=(get_language() or "fa")[:2])
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="hamkari.ics"'
    return response


@login_required
def group_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    obj = found(selectors.group_get, pk)
    return calendar_response(obj.name, *selectors.group_calendar(obj))


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    items, meetings, entries = selectors.user_calendar(request.user)
    return calendar_response(request.user.get_username(), items, meetings, entries)


@login_required
def brief_page(request: HttpRequest, kind: str, first: str, second: str = "") -> HttpResponse:
    """A brief as a page in the site's layout, or with ?format=pdf as a PDF file (its print layout)."""
    group: WorkingGroup | None = None
    if kind == "group":
        # a number that is no number («abc», «²») is a 404 like a missing group, not a 500
        group = found(selectors.group_get, first)
        data = selectors.group_brief(group)
    else:
        a = found(kb_selectors.region_by_code, first)
        b = found(kb_selectors.region_by_code, second)
        data = selectors.pair_brief(a, b)
    if request.GET.get("format") == "pdf":
        html = brief.render_html(data, language=request.LANGUAGE_CODE or "fa")
        response = HttpResponse(brief.render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="brief.pdf"'
        return response
    return render(request, "tracker/brief_page.html", {**brief.context(data), "group": group})
