"""Who may do what beyond the four roles (the regions and organisations an editor looks after),
the text an editor keeps about them, and API tokens.

The tables keep the names they had when these models lived in `web` and `kb`
(migrations `accounts.0001`, `web.0003`, `kb.0004` move them without touching the data)."""

from django.conf import settings
from django.db import models

# connects the receiver that writes locked-out logins to the audit log (loaded with the models)
from hamkari.accounts import lockout  # noqa: F401
from hamkari.kb.models import Entity


class EditorScope(models.Model):
    """An editor edits only the records of the regions and organisations listed for them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_scopes")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="editors")

    class Meta:
        db_table = "web_editorscope"
        constraints = [models.UniqueConstraint(fields=["user", "entity"], name="editor_scope_unique")]


class Profile(models.Model):
    """The text a region's or organisation's own editor keeps about it (contacts, priorities)."""

    entity = models.OneToOneField(Entity, on_delete=models.CASCADE, related_name="profile")
    summary = models.TextField(blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "web_profile"


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)  # sha256 of the token; the token is shown once
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "kb_apitoken"
