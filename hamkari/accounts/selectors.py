"""Reads of accounts data for the pages."""

from __future__ import annotations

from hamkari.accounts.models import Profile
from hamkari.kb.models import Entity


def profile_of(entity: Entity) -> Profile | None:
    """The profile text an editor keeps about a region or organisation, if any."""
    return Profile.objects.filter(entity=entity).first()
