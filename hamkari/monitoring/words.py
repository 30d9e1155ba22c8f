"""A source's state and kind in words, the one home of these words: the sources pages say them
through the `source_state` and `source_kind` filters (hamkari.web.templatetags.hamkari),
`hamkari sources list` through the same two functions, in the reader's language (the msgids of the
catalogues in hamkari/web/locale)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hamkari.monitoring.models import ACTIVE, DISABLED, FEED, SECTION, SITEMAP

SOURCE_STATES: dict[str, Promise] = {ACTIVE: _("Active"), DISABLED: _("Disabled")}
SOURCE_KINDS: dict[str, Promise] = {FEED: _("News feed"), SITEMAP: _("Sitemap"), SECTION: _("Section page")}


def source_state(state: str) -> str:
    """«Active», «Disabled» in the active language (the code itself for a state without words)."""
    return str(SOURCE_STATES.get(state, state))


def source_kind(kind: str) -> str:
    """«News feed», «Sitemap», «Section page» in the active language."""
    return str(SOURCE_KINDS.get(kind, kind))
