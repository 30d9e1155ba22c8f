"""Writes of the web application: accounts and roles."""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from hamkari.accounts.models import ApiToken, EditorScope, Profile
from hamkari.kb.models import Entity
from hamkari.kb.services import audit_record

GROUPS = ("viewer", "analyst", "editor")


@transaction.atomic
@dataclass(frozen=True)
class AdminCreated:
    # the random password, to be shown once; None when it came from HAMKARI_ADMIN_PASSWORD
    generated_password: str | None


def administrator_ensure() -> AdminCreated | None:
    """On the first run, create the administrator `admin` (None when there is one already).
    HAMKARI_ADMIN_PASSWORD sets the password; otherwise a random one is generated and returned."""
    user_model = get_user_model()
    if user_model.objects.filter(is_superuser=True).exists():
        return None
    chosen = os.environ.get("HAMKARI_ADMIN_PASSWORD")
    password = chosen or secrets.token_urlsafe(12)
    user_model.objects.create_superuser(username="admin", password=password, email="")
    return AdminCreated(generated_password=None if chosen else password)


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    role: str,
    scope: list[Entity] | None = None,
    email: str = "",
) -> User:
    """A user with one role (viewer, analyst, editor, administrator); editors get their scope.
    Without a password the user cannot log in (an API token's user). Raises ValueError for an
    unknown role, a scope for another role or a malformed e-mail address."""
    user_model = get_user_model()
    email = email_check(address=email)
    if role not in (*GROUPS, "administrator"):
        raise ValueError(f"unknown role {role!r}; roles are {', '.join((*GROUPS, 'administrator'))}")
    if scope and role != "editor":
        raise ValueError(f"a scope is for editors only, not for the role {role}")
    if role == "administrator":
        return user_model.objects.create_superuser(username=username, password=password, email=email)
    user = user_model.objects.create_user(username=username, password=password, email=email)
    group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    for entity in {e.pk: e for e in scope or []}.values():  # a region named twice is one scope
        EditorScope.objects.create(user=user, entity=entity)
    return user


@transaction.atomic
def user_email_set(*, user: User, email: str) -> User:
    """Set (or with "" remove) the address `hamkari remind` writes to."""
    user.email = email_check(address=email)
    user.save(update_fields=["email"])
    return user


def password_check(*, username: str, password: str) -> None:
    """Django's password validators (length, common, digits only, like the name): ValueError with
    all their reasons in one line."""
    try:
        validate_password(password, user=get_user_model()(username=username))
    except ValidationError as exc:
        raise ValueError(" ".join(exc.messages)) from exc


def email_check(*, address: str) -> str:
    """The address without blanks around it; ValueError when it is not one."""
    address = address.strip()
    if address:
        try:
            validate_email(address)
        except ValidationError as exc:
            raise ValueError(
                gettext("%(address)s is not an e-mail address (name@example.org)")
                % {"address": repr(address)}
            ) from exc
    return address


@transaction.atomic
def profile_update(*, entity: Entity, summary: str, user: User) -> Profile:

    profile, _ = Profile.objects.get_or_create(entity=entity)
    before = profile.summary
    profile.summary = summary.strip()[:10_000]
    profile.updated_by = user
    profile.save()
    audit_record(
        user=user,
        action="profile.update",
        obj=entity,
        data={"before": before[:500], "after": profile.summary[:500]},
    )
    return profile


def token_create(*, user: User, name: str) -> str:
    """A new API token for `user`; only its hash is stored, so this is the one time it is seen."""
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name[:100], key_hash=_digest(token))
    return token


def token_use(*, token: str) -> User | None:
    """The active user a token belongs to (its last use recorded), or None."""
    found = (
        ApiToken.objects.select_related("user").filter(key_hash=_digest(token), user__is_active=True).first()
    )
    if found is None:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
