"""Adding articles (files, a page or feed address, or pasted text) and following the jobs that
store them: the upload queues a job and sends the browser to its progress page at once."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkari.accounts.permissions import acting_user, can_reextract, can_see_job, can_upload, role_of
from hamkari.kb.lookups import NoRecord, found
from hamkari.monitoring import selectors
from hamkari.monitoring.jobs import job_reextract_start, job_upload_start
from hamkari.sources.inputs import MAX_BYTES
from hamkari.sources.items import Item, article_item, is_url
from hamkari.sources.reasons import Reason
from hamkari.web.views.common import HtmxHttpRequest


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    if not can_upload(request.user):
        raise PermissionDenied(_("Only analysts add articles."))
    if request.method == "POST":
        read, addresses = _batch(request)
        if read or addresses:
            job = job_upload_start(creator=acting_user(request), read=read, addresses=addresses)
            return redirect("job", job.pk)
        messages.error(request, _("Choose a file, give an address or paste a text."))
    return render(request, "web/upload.html", {})


def _batch(request: HttpRequest) -> tuple[list[Item], list[str]]:
    """What was sent: files and pasted text read now (they are in this request), addresses to be
    read by the job (reading the web may take a while)."""
    read = [_uploaded(f) for f in request.FILES.getlist("files")]
    addresses = []
    url = request.POST.get("url", "").strip()
    if url:
        if is_url(url):
            addresses.append(url)
        else:
            read.append(Item(url, error=Reason("an address must start with http:// or https://")))
    text = request.POST.get("text", "").strip()
    if text:
        read.append(Item(_("pasted text"), text=text))
    return read, addresses


def _uploaded(f: Any) -> Item:
    name = str(f.name)[:200]
    if f.size > MAX_BYTES:  # refused before it is read into memory
        return Item(name, error=Reason("file is too large"))
    return article_item(name, f.read())


@login_required
def jobs(request: HttpRequest) -> HttpResponse:
    """The user's jobs (an administrator's page lists everyone's)."""
    mine = None if role_of(request.user) == "administrator" else acting_user(request)
    return render(
        request,
        "web/jobs.html",
        {"jobs": selectors.job_list(creator=mine)[:100], "can_reextract": can_reextract(request.user)},
    )


@login_required
def job(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A job's progress; htmx asks for the progress part again every two seconds until it is done."""
    obj = found(_job_get, pk)
    if not can_see_job(request.user, obj.creator_id):
        raise PermissionDenied(_("Only the user who started a job and administrators see it."))
    progress = selectors.job_progress(job=obj)
    template = "web/_job_progress.html" if request.htmx else "web/job.html"
    return render(request, template, {"progress": progress, "job": obj})


def _job_get(pk: int) -> Any:
    found_job = selectors.job_find(pk=pk)
    if found_job is None:
        raise NoRecord(pk)
    return found_job


@login_required
@require_POST
def reextract(request: HttpRequest) -> HttpResponse:
    """Extract every stored article again, as a job (administrators)."""
    if not can_reextract(request.user):
        raise PermissionDenied(_("Only administrators extract every article again."))
    return redirect("job", job_reextract_start(creator=acting_user(request)).pk)
