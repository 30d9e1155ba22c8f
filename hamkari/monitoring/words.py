"""A source's state and kind, a job's kind and state and a job item's state in words, the one
home of these words: the pages say them through the filters of the same names
(hamkari.web.templatetags.hamkari), `hamkari sources list` and `hamkari job` through these
functions, in the reader's language (the msgids of the catalogues in hamkari/web/locale)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hamkari.monitoring.models import (
    ACTIVE,
    DISABLED,
    FEED,
    ITEM_DONE,
    ITEM_DUPLICATE,
    ITEM_FAILED,
    ITEM_NEW,
    ITEM_QUEUED,
    ITEM_READ,
    ITEM_RUNNING,
    JOB_API,
    JOB_REEXTRACT,
    JOB_UPLOAD,
    SECTION,
    SITEMAP,
)

SOURCE_STATES: dict[str, Promise] = {ACTIVE: _("Active"), DISABLED: _("Disabled")}
SOURCE_KINDS: dict[str, Promise] = {FEED: _("News feed"), SITEMAP: _("Sitemap"), SECTION: _("Section page")}
JOB_KINDS: dict[str, Promise] = {
    JOB_UPLOAD: _("Upload"),
    JOB_API: _("Article sent to the API"),
    JOB_REEXTRACT: _("Re-extraction"),
}
# a job's state (monitoring.selectors.Progress.state) as its page's heading says it
JOB_STATES: dict[str, Promise] = {
    ITEM_QUEUED: _("Waiting for a worker"),
    ITEM_RUNNING: _("Running"),
    ITEM_DONE: _("Finished"),
    ITEM_FAILED: _("Finished, with failures"),
}
ITEM_STATES: dict[str, Promise] = {
    ITEM_QUEUED: _("waiting for a worker"),
    ITEM_RUNNING: _("running"),
    ITEM_NEW: _("stored"),
    ITEM_DUPLICATE: _("already known"),
    ITEM_READ: _("address read"),
    ITEM_DONE: _("done"),
    ITEM_FAILED: _("failed"),
}


def source_state(state: str) -> str:
    """«Active», «Disabled» in the active language (the code itself for a state without words)."""
    return str(SOURCE_STATES.get(state, state))


def source_kind(kind: str) -> str:
    """«News feed», «Sitemap», «Section page» in the active language."""
    return str(SOURCE_KINDS.get(kind, kind))


def job_kind(kind: str) -> str:
    """«Upload», «Article sent to the API», «Re-extraction» in the active language."""
    return str(JOB_KINDS.get(kind, kind))


def job_state(state: str) -> str:
    """«Waiting for a worker», «Running», «Finished», «Finished, with failures»."""
    return str(JOB_STATES.get(state, state))


def item_state(state: str) -> str:
    """What became of one item of a job: «stored», «already known», «failed» …"""
    return str(ITEM_STATES.get(state, state))
