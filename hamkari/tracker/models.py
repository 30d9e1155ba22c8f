"""Working groups, their members, meetings and itemised action plans, with frozen baselines."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamkari.kb.models import Commitment, Entity, Instrument


class WorkingGroup(models.Model):
    name = models.CharField(max_length=300)
    instrument = models.OneToOneField(
        Instrument, null=True, blank=True, on_delete=models.SET_NULL, related_name="working_group"
    )
    regions = models.ManyToManyField(
        Entity, related_name="working_groups", limit_choices_to={"type": "region"}
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="group_memberships")
    side = models.CharField(max_length=2)  # IR or RU
    chair = models.BooleanField(default=False)
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)


class Meeting(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    title = models.CharField(max_length=300)
    minutes = models.TextField(blank=True)


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", "proposed"  # from a commitment in the news, not yet confirmed
    PLANNED = "planned", "planned"
    IN_PROGRESS = "in_progress", "in progress"
    DONE = "done", "done"
    BLOCKED = "blocked", "blocked"
    CANCELLED = "cancelled", "cancelled"


class PlanItem(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveIntegerField()  # the item's number in the plan: 1, 2, 3 …
    title = models.CharField(max_length=500)
    owner = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_items"
    )
    start = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ItemStatus.choices, default=ItemStatus.PLANNED)
    progress = models.PositiveSmallIntegerField(default=0)
    depends_on = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="blocks")
    notes = models.TextField(blank=True)
    commitment = models.ForeignKey(
        Commitment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "number"], name="plan_item_number")]
        ordering = ["group", "number"]


class Baseline(models.Model):
    """The plan frozen at one moment, to compare plan with actual later."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="baselines")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    items = models.JSONField()  # [{number, title, start, due, status, progress}]


class InstrumentMember(models.Model):
    """A party that joins an instrument (an association gaining members) or leaves it, over time."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="members")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="instrument_memberships")
    joined = models.DateField(null=True, blank=True)
    left = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)


class EventEntry(models.Model):
    """An event entered by hand (a meeting, webinar, visit, exhibition, competition …)."""

    date = models.DateField()
    type = models.CharField(max_length=30)
    title = models.CharField(max_length=300)
    outcome = models.TextField(blank=True)
    participants = models.ManyToManyField(Entity, blank=True, related_name="event_entries")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)


class ReminderRun(models.Model):
    """When the worker next sends the deadline digests (`tracker.tasks.due_reminders_enqueue`):
    one row (pk 1), made by the scheduler's first call, which then moves `next_run_at` on to the
    next morning at each run."""

    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_sent = models.PositiveIntegerField(default=0)
