"""Reads of the tracker: deadline boards, calendars, the data of a brief."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from hamkari.accounts.permissions import role_of, scope_of
from hamkari.kb import selectors as kb_selectors
from hamkari.kb.lookups import record_id
from hamkari.kb.models import AuditLog, Commitment, Entity, Instrument, Mention, ReviewState, Story
from hamkari.tracker.models import EventEntry, ItemStatus, Meeting, PlanItem, WorkingGroup

OPEN = (ItemStatus.PROPOSED, ItemStatus.PLANNED, ItemStatus.IN_PROGRESS, ItemStatus.BLOCKED)


def open_items(*, region: Entity | None = None, owner: Entity | None = None) -> QuerySet[PlanItem]:
    qs = PlanItem.objects.filter(status__in=OPEN, due__isnull=False).select_related("group", "owner")
    if region is not None:
        qs = qs.filter(group__regions=region)
    if owner is not None:
        qs = qs.filter(owner=owner)
    return qs.distinct().order_by("due", "group_id", "number")


def news_commitments(*, region: Entity | None = None, owner: Entity | None = None) -> QuerySet[Commitment]:
    """Commitments read in the news with a due date, that no analyst rejected: of a region (made by
    it, or in an article that names it) or of an owner (made by them)."""
    qs = Commitment.objects.filter(due__isnull=False).exclude(review_state=ReviewState.REJECTED)
    if region is not None:
        named = Mention.objects.filter(entity=region).values("article_id")
        qs = qs.filter(Q(actor=region) | Q(article_id__in=named))
    if owner is not None:
        qs = qs.filter(actor=owner)
    return qs.select_related("actor", "article").distinct().order_by("due", "pk")


# commitments from the news have no «done»: those past due are shown for this long, then left out
NEWS_OVERDUE_DAYS = 365


def deadline_board(*, today: dt.date, lead_days: int = 14, **scope: Any) -> dict[str, list[Any]]:
    """Overdue plan items and those due within `lead_days`, oldest first; beside them the
    commitments from the news past due (within NEWS_OVERDUE_DAYS) and due within `lead_days`."""
    items = open_items(**scope)
    soon = today + dt.timedelta(days=lead_days)
    news = news_commitments(**scope)
    return {
        "overdue": list(items.filter(due__lt=today)),
        "due_soon": list(items.filter(due__gte=today, due__lte=soon)),
        "news_overdue": list(
            news.filter(due__lt=today, due__gte=today - dt.timedelta(days=NEWS_OVERDUE_DAYS))
        ),
        "news_due_soon": list(news.filter(due__gte=today, due__lte=soon)),
    }


def groups_of(user: Any) -> QuerySet[WorkingGroup]:
    """The working groups a user follows: of the regions and organisations in their editor scope,
    and those they created; administrators and analysts follow all."""

    if role_of(user) in ("administrator", "analyst"):
        return WorkingGroup.objects.all()
    scope = scope_of(user)
    return WorkingGroup.objects.filter(
        Q(regions__in=scope) | Q(members__entity__in=scope) | Q(created_by=user)
    ).distinct()


def pair_brief(a: Entity, b: Entity) -> dict[str, Any]:
    both = (
        Mention.objects.filter(entity=a)
        .values("article_id")
        .intersection(Mention.objects.filter(entity=b).values("article_id"))
    )
    ids = [row["article_id"] for row in both]
    groups = WorkingGroup.objects.filter(regions=a).filter(regions=b).distinct()
    return {
        "title": "",  # the brief names the two regions from the gazetteer, in its language
        "parties": [a, b],
        "instruments": list(Instrument.objects.filter(parties=a).filter(parties=b).distinct()),
        "items": _items_overdue_first(PlanItem.objects.filter(group__in=groups)),
        "stories": list(Story.objects.filter(articles__in=ids).distinct().order_by("-date")[:15]),
        "entity_facts": kb_selectors.entity_facts([a, b], limit=15),
    }


def group_brief(group: WorkingGroup) -> dict[str, Any]:
    instruments = [group.instrument] if group.instrument else []
    regions = list(group.regions.all())
    stories = Story.objects.filter(
        articles__in=Mention.objects.filter(entity__in=regions).values("article_id")
    )
    if group.instrument and group.instrument.story_id:
        stories = Story.objects.filter(pk=group.instrument.story_id) | stories
    return {
        "title": group.name,
        "parties": regions,
        "members": list(group.members.select_related("entity")),
        "instruments": instruments,
        "items": _items_overdue_first(group.items.all()),
        "stories": list(stories.distinct().order_by("-date")[:15]),
        "entity_facts": kb_selectors.entity_facts(regions, limit=15),
    }


def _items_overdue_first(items: QuerySet[PlanItem]) -> list[PlanItem]:
    today = timezone.localdate()
    listed = list(items.select_related("owner", "group"))
    return sorted(
        listed, key=lambda i: (not (i.due and i.due < today and i.status in OPEN), i.due or dt.date.max)
    )


def group_find(*, pk: int) -> WorkingGroup | None:
    return WorkingGroup.objects.filter(pk=pk).first()


def group_list() -> list[WorkingGroup]:
    """Every working group with its regions, oldest first."""
    return list(WorkingGroup.objects.prefetch_related("regions").order_by("pk"))


# --- what the tracker's pages read ----------------------------------------------------------


def group_get(pk: int | str) -> WorkingGroup:
    """A working group (raises WorkingGroup.DoesNotExist, or NoRecord for a number that is no
    number: «abc», «²»)."""
    return WorkingGroup.objects.get(pk=record_id(pk))


def groups_newest_first() -> QuerySet[WorkingGroup]:
    return WorkingGroup.objects.prefetch_related("regions").order_by("-pk")


def working_group_instruments(*, limit: int = 50) -> QuerySet[Instrument]:
    """Instruments that set up a working group and have none yet: a new group may take one."""
    return Instrument.objects.filter(kind="working_group", working_group__isnull=True)[:limit]


def instrument_find(pk: Any) -> Instrument | None:
    """The instrument a form names by its number, or None (no number: 0)."""
    return Instrument.objects.filter(pk=pk).first()


def instrument_get(pk: int) -> Instrument:
    """An instrument (raises Instrument.DoesNotExist)."""
    return Instrument.objects.get(pk=pk)


def owner_find(pk: Any) -> Entity | None:
    """The person or organisation a plan form names as an item's owner by its number, or None."""
    return Entity.objects.filter(pk=pk).first()


def plan_item_get(pk: Any, *, group: WorkingGroup) -> PlanItem:
    """An item of `group`'s plan (raises PlanItem.DoesNotExist, or NoRecord for a number that is
    no number)."""
    return PlanItem.objects.get(pk=record_id(pk), group=group)


def group_detail(group: WorkingGroup) -> dict[str, Any]:
    """What a working group's page shows: its plan items, the last baseline, members and meetings."""
    return {
        "items": list(group.items.select_related("owner").prefetch_related("depends_on")),
        "baseline": group.baselines.order_by("-pk").first(),
        "members": group.members.select_related("entity"),
        "meetings": group.meetings.order_by("-date"),
    }


def events_overview(*, limit: int = 100) -> dict[str, Any]:
    """The events page: stories from the news, the groups' meetings, events entered by hand."""
    return {
        "stories": Story.objects.order_by("-date", "-pk")[:limit],
        "meetings": Meeting.objects.select_related("group").order_by("-date")[:limit],
        "entries": EventEntry.objects.prefetch_related("participants").order_by("-date")[:limit],
    }


def instrument_detail(instrument: Instrument) -> dict[str, Any]:
    """An instrument's page: its steps in the news, its history of changes, parties and members."""
    return {
        "steps": instrument.steps.select_related("article").order_by("pk"),
        "history": AuditLog.objects.filter(object_type="instrument", object_id=instrument.pk).order_by("at"),
        "parties": instrument.parties.all(),
        "members": instrument.members.select_related("entity").order_by("joined"),
    }


def group_calendar(group: WorkingGroup) -> tuple[QuerySet[PlanItem], QuerySet[Meeting]]:
    """A working group's plan items and meetings, for its calendar file."""
    return group.items.select_related("group"), group.meetings.select_related("group")


def user_calendar(user: Any) -> tuple[QuerySet[PlanItem], QuerySet[Meeting], QuerySet[EventEntry]]:
    """The plan items and meetings of the groups a user sees, and every event entered by hand."""
    groups = groups_of(user)
    items = PlanItem.objects.filter(group__in=groups).select_related("group")
    meetings = Meeting.objects.filter(group__in=groups).select_related("group")
    return items, meetings, EventEntry.objects.all()
