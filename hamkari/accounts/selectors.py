"""Reads of accounts: profiles for the pages, users by name."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from hamkari.accounts.models import Profile
from hamkari.kb.models import Entity


def profile_of(entity: Entity) -> Profile | None:
    """The profile text an editor keeps about a region or organisation, if any."""
    return Profile.objects.filter(entity=entity).first()


def user_find(*, username: str) -> User | None:
    return get_user_model().objects.filter(username=username).first()
