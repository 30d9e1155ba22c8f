"""Starting the jobs users see (services): an upload, an API ingest, a re-extraction. Each creates a
Job with one item per article or address and queues one background task per item in the same
transaction, then returns at once; `hamkari worker` (or the worker beside `hamkari serve`) runs
them and each task records its item's outcome (tasks.py). Reading the job back is in selectors.py."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from hamkari.kb.services.store import publication_check
from hamkari.monitoring import models, tasks
from hamkari.monitoring.models import Job, JobItem
from hamkari.sources.inputs import text_check
from hamkari.sources.items import Item
from hamkari.sources.reasons import Reason, reason_json


@transaction.atomic
def job_upload_start(*, creator: User | None, read: list[Item], addresses: list[str]) -> Job:
    """An upload: the items already read from files or pasted text (one that could not be read is
    recorded as failed with its reason at once) and the page or feed addresses, read by a task."""
    job = Job.objects.create(kind=models.JOB_UPLOAD, creator=creator)
    for one in read:
        if one.error is not None or one.text is None:
            reason = one.error or Reason("no text")
            JobItem.objects.create(
                job=job,
                source=one.source[:300],
                state=models.ITEM_FAILED,
                error=reason[:500],
                error_reason=reason_json(reason),
            )
            continue
        item = JobItem.objects.create(job=job, source=one.source[:300])
        tasks.ingest_enqueue(item=one, job_item=item.pk)
    for url in addresses:
        item = JobItem.objects.create(job=job, source=url[:300])
        tasks.address_read.enqueue(url=url, job=job.pk, item=item.pk)
    return job


def job_ingest_start(
    *,
    creator: User | None,
    text: str,
    url: str = "",
    published: dt.date | None = None,
    outlet: str | None = None,
) -> Job:
    """An article sent to the API. What can be refused without extracting it (no text, a date
    before the Jalali calendar) raises InputError at once; the rest is the worker's."""
    text = text_check(text)
    publication_check(published)
    with transaction.atomic():
        job = Job.objects.create(kind=models.JOB_API, creator=creator)
        item = JobItem.objects.create(job=job, source=(url or "api")[:300])
        one = Item(url or "api", text=text, url=url, published=published, outlet=outlet)
        tasks.ingest_enqueue(item=one, job_item=item.pk)
    return job


@transaction.atomic
def job_reextract_start(*, creator: User | None, articles: list[int] | None = None) -> Job:
    """Extract stored articles again (all when `articles` is None): a task lists them as items and
    queues one task each, so that even a whole knowledge base is queued at once."""
    job = Job.objects.create(kind=models.JOB_REEXTRACT, creator=creator, planned=False)
    tasks.reextract_plan.enqueue(job=job.pk, articles=articles)
    return job
