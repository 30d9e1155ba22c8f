"""Who may do what beyond the four roles: the regions and organisations an editor looks after."""

from django.conf import settings
from django.db import models

from hamkari.kb.models import Entity


class EditorScope(models.Model):
    """An editor edits only the records of the regions and organisations listed for them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_scopes")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="editors")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "entity"], name="editor_scope_unique")]


class Profile(models.Model):
    """The text a region's or organisation's own editor keeps about it (contacts, priorities)."""

    entity = models.OneToOneField(Entity, on_delete=models.CASCADE, related_name="profile")
    summary = models.TextField(blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)
