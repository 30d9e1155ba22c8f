"""Roles and object-level permissions.

- viewer: reads everything published (every logged-in user can read);
- analyst: reviews facts and links, merges and splits people and stories, uploads articles,
  watches the sources (their health) and enables a disabled one again;
- editor: reviews the facts of articles that mention a region or organisation in their scope;
- administrator: everything, and the Django admin (staff or superuser)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from hamkari.accounts.models import EditorScope
from hamkari.kb.models import Mention

ROLES = ("viewer", "analyst", "editor", "administrator")


def acting_user(request: HttpRequest) -> User:
    """The signed-in user who makes a change. Every writing page and endpoint is behind a login,
    so an anonymous user here is a wiring error, refused rather than recorded as nobody."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def role_of(user: Any) -> str:
    if not user.is_authenticated:
        return "anonymous"
    if user.is_superuser or user.is_staff:
        return "administrator"
    groups = set(user.groups.values_list("name", flat=True))
    for role in ("analyst", "editor"):
        if role in groups:
            return role
    return "viewer"


def scope_of(user: Any) -> set[int]:

    return set(EditorScope.objects.filter(user=user).values_list("entity_id", flat=True))


def can_review_article(user: Any, article_id: int) -> bool:
    role = role_of(user)
    if role in ("analyst", "administrator"):
        return True
    if role != "editor":
        return False
    return Mention.objects.filter(article_id=article_id, entity_id__in=scope_of(user)).exists()


def can_curate_people(user: Any) -> bool:
    return role_of(user) in ("analyst", "administrator")


def can_curate_stories(user: Any) -> bool:
    """Merging stories and splitting articles off one: analysts and administrators."""
    return role_of(user) in ("analyst", "administrator")


def can_upload(user: Any) -> bool:
    return role_of(user) in ("analyst", "administrator")


def can_manage_sources(user: Any) -> bool:
    """The watched sources' page (their health, fetch history) and enabling a disabled source
    again are for analysts and administrators."""
    return role_of(user) in ("analyst", "administrator")


def can_edit_profile(user: Any, entity_id: int) -> bool:
    """Administrators edit every profile; an editor only those of the regions and organisations in
    their scope; analysts and viewers none."""
    role = role_of(user)
    if role == "administrator":
        return True
    return role == "editor" and entity_id in scope_of(user)


def can_edit_group(user: Any, group: Any) -> bool:
    """Analysts and administrators edit every working group; an editor only those of the regions
    (or with members) in their scope: an editor of Semnan cannot edit Isfahan's plan."""
    role = role_of(user)
    if role in ("analyst", "administrator"):
        return True
    if role != "editor":
        return False
    scope = scope_of(user)
    return (
        bool(set(group.regions.values_list("pk", flat=True)) & scope)
        or group.members.filter(entity_id__in=scope).exists()
    )


def can_see_job(user: Any, creator_id: int | None) -> bool:
    """A background job (an upload, an API ingest, a re-extraction) is seen by the user who started
    it and by administrators; a job started from the command line by administrators only."""
    if role_of(user) == "administrator":
        return True
    return bool(user.is_authenticated and creator_id is not None and user.pk == creator_id)


def can_reextract(user: Any) -> bool:
    """Re-extracting stored articles (all of them, from the web or the API) is for administrators."""
    return role_of(user) == "administrator"
