"""The Django admin, for administrators: every record, read and corrected by hand."""

from django.contrib import admin

from hamkari.kb import models


@admin.register(models.Article)
class ArticleAdmin(admin.ModelAdmin[models.Article]):
    list_display = ("id", "title", "language", "published", "outlet", "story")
    list_filter = ("language",)
    search_fields = ("title", "url", "source")
    raw_id_fields = ("outlet", "story")


@admin.register(models.Entity)
class EntityAdmin(admin.ModelAdmin[models.Entity]):
    list_display = ("id", "type", "ref", "name", "country", "merged_into")
    list_filter = ("type",)
    search_fields = ("name", "ref", "aliases__name")
    raw_id_fields = ("merged_into",)


@admin.register(models.Story)
class StoryAdmin(admin.ModelAdmin[models.Story]):
    list_display = ("id", "type", "date", "title")
    list_filter = ("type",)


@admin.register(models.Instrument)
class InstrumentAdmin(admin.ModelAdmin[models.Instrument]):
    list_display = ("id", "kind", "status", "story")
    list_filter = ("kind", "status")
    raw_id_fields = ("story", "parties")


@admin.register(models.AuditLog)
class AuditLogAdmin(admin.ModelAdmin[models.AuditLog]):
    list_display = ("at", "actor", "action", "object_type", "object_id")
    list_filter = ("action",)


for model in (
    models.Mention,
    models.Position,
    models.EventSource,
    models.InstrumentStep,
    models.Commitment,
    models.Quantity,
):
    admin.site.register(
        model,
        list_display=("id", "article", "start", "end", "review_state", "reviewed_by"),
        list_filter=("review_state",),
        raw_id_fields=("article", "run"),
    )

admin.site.register(models.Outlet)
