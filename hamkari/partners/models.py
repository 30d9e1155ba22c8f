"""Capacities: what regions and organisations offer and need, firms, and trade figures."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamkari.kb.models import Entity


class Capacity(models.Model):
    """An offer or a need declared by a region's or organisation's editor."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="capacities")
    sector = models.CharField(max_length=40)
    kind = models.CharField(max_length=5, choices=[("offer", "offer"), ("need", "need")])
    strength = models.PositiveSmallIntegerField(default=3)  # 1 (some) … 5 (leading)
    note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entity", "sector", "kind"], name="capacity_unique")]


class Firm(models.Model):
    name = models.CharField(max_length=300)
    region = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="firms")
    sector = models.CharField(max_length=40, db_index=True)
    size = models.PositiveIntegerField(default=0)  # employees
    exports = models.FloatField(default=0)  # USD a year
    markets = models.CharField(max_length=200, blank=True)  # market slugs, space-separated

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="firm_region_name")]
        indexes = [models.Index(fields=["region", "sector"])]


class TradeFlow(models.Model):
    """Exports or imports of one region with one partner in one product (HS code) and period."""

    region = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="trade_flows")
    partner = models.CharField(max_length=10)  # ISO country code, a region code, or WLD
    hs = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    period = models.CharField(max_length=3, default="Y")  # Y, H1, H2, Q1 … Q4, M01 … M12
    flow = models.CharField(max_length=6, choices=[("export", "export"), ("import", "import")])
    value = models.FloatField()  # USD

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "partner", "hs", "year", "period", "flow"], name="trade_unique"
            )
        ]
        indexes = [models.Index(fields=["region", "flow", "year"])]


class ReferenceOverride(models.Model):
    """An editor's correction of one reference value of a region (population, a leading sector …);
    the published value stays in the data file and the page shows which one is in force."""

    region = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="reference_overrides")
    field = models.CharField(max_length=20)  # population, grp, sectors, ports, rail_hubs, crossings
    value = models.CharField(max_length=500)
    source = models.CharField(max_length=1000, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "field"], name="reference_override_unique")]
