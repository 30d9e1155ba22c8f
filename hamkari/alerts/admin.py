"""The Django admin, for administrators: watchlists (without their feed secret) and notifications."""

from django.contrib import admin

from hamkari.alerts import models


class TargetInline(admin.TabularInline[models.Target, models.Watchlist]):
    model = models.Target
    raw_id_fields = ("entity",)
    extra = 0


@admin.register(models.Watchlist)
class WatchlistAdmin(admin.ModelAdmin[models.Watchlist]):
    list_display = ("id", "name", "owner", "frequency", "language", "next_run_at", "last_run_at")
    list_filter = ("frequency", "language")
    search_fields = ("name", "owner__username")
    exclude = ("token",)  # the feed's secret is the owner's; "Give the feed a new address" renews it
    raw_id_fields = ("owner",)
    inlines = (TargetInline,)


@admin.register(models.Notification)
class NotificationAdmin(admin.ModelAdmin[models.Notification]):
    list_display = ("id", "watchlist", "kind", "summary", "created_at", "read_at", "sent_at")
    list_filter = ("kind",)
    raw_id_fields = ("watchlist", "article")
