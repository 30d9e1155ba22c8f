"""Background jobs: where a queued ingest or re-extraction stands (`GET /api/jobs/{id}`) and
starting a re-extraction (`POST /api/reextract`). `POST /api/articles` (in kb.py) answers 202 with
`job_started`. A job is seen by its creator and administrators only (403 for others)."""

# No `from __future__ import annotations` here: django-ninja reads the annotations at import.
import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from hamkari.accounts import permissions
from hamkari.api.core import TokenAuth, shown
from hamkari.kb.reasons import stored_said
from hamkari.monitoring import selectors
from hamkari.monitoring.jobs import job_reextract_start
from hamkari.monitoring.models import Job

router = Router()


class JobStarted(Schema):
    job: int
    status: str
    status_url: str
    page: str


class JobItemOut(Schema):
    source: str
    state: str
    error: str
    article: int | None
    article_url: str | None


class JobOut(Schema):
    id: int
    kind: str
    state: str
    created: dt.datetime
    total: int
    finished: int
    counts: dict[str, int]
    failed: list[JobItemOut]
    done: list[JobItemOut]


class ReextractIn(Schema):
    articles: list[int] | None = Field(None, max_length=10000)
    all: bool = False


def job_started(job: Job) -> dict[str, Any]:
    return {
        "job": job.pk,
        "status": "queued",
        "status_url": reverse("api:job", args=[job.pk]),
        "page": reverse("job", args=[job.pk]),
    }


def _item_out(item: Any) -> dict[str, Any]:
    return {
        "source": item.source,
        "state": item.state,
        "error": stored_said(item.error, item.error_reason),  # in the request's language
        "article": item.article_id,
        "article_url": reverse("api:article", args=[item.article_id]) if item.article_id else None,
    }


@router.get("/jobs/{job_id}", response=JobOut, url_name="job", tags=["jobs"])
def job(request: HttpRequest, job_id: int, limit: int = Query(100, ge=1, le=500)) -> Any:
    """A job's state (queued, running, done, failed: finished with failures), its items counted
    by state, and up to `limit` failed items with their one-line errors and finished items with
    their articles (newest first)."""
    found = selectors.job_find(pk=job_id) if job_id < 2**63 else None
    if found is None:
        raise HttpError(404, _("No job %(id)s.") % {"id": shown(job_id)})
    if not permissions.can_see_job(request.user, found.creator_id):
        raise HttpError(403, _("Only the user who started a job and administrators see it."))
    p = selectors.job_progress(job=found, limit=limit)
    return {
        "id": found.pk,
        "kind": found.kind,
        "state": p.state,
        "created": found.created,
        "total": p.total,
        "finished": p.finished,
        "counts": p.counts,
        "failed": [_item_out(i) for i in p.failed],
        "done": [_item_out(i) for i in p.done],
    }


@router.post("/reextract", response={202: JobStarted}, auth=TokenAuth(), tags=["jobs"])
def reextract(request: HttpRequest, payload: ReextractIn) -> Any:
    """Extract the given articles, or all (`{"all": true}`), again as a job (administrators)."""
    if not permissions.can_reextract(request.user):
        raise HttpError(403, _("This user may not extract articles again."))
    if payload.all == bool(payload.articles):
        raise HttpError(400, _("Give article numbers or all (not both)."))
    ids = None if payload.all else [n for n in payload.articles or [] if 0 < n < 2**63]
    return Status(
        202, job_started(job_reextract_start(creator=permissions.acting_user(request), articles=ids))
    )
