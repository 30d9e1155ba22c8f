"""Background work and watched sources: `worker`, `sources add|list|poll|enable|disable`."""

from __future__ import annotations

import argparse
from typing import TextIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hamkari.alerts.tasks import due_runs_enqueue
from hamkari.cli.command import CliError, command, option
from hamkari.cli.language import digits, spoken
from hamkari.cli.values import region_typed, release, whole
from hamkari.kb.calendar import moment_text
from hamkari.kb.names import place_name
from hamkari.kb.reasons import stored_said
from hamkari.monitoring.models import FEED, KINDS, Source
from hamkari.monitoring.selectors import job_find, job_progress, source_find, source_list, sources_active
from hamkari.monitoring.services import (
    LANGUAGES,
    SourceError,
    source_add,
    source_disable,
    source_enable,
    source_poll,
)
from hamkari.monitoring.tasks import due_polls_enqueue, poll_enqueue
from hamkari.monitoring.words import item_state, job_kind, job_state, source_kind, source_state
from hamkari.monitoring.worker import Periodic, WorkerError, workers_run
from hamkari.tracker.tasks import due_reminders_enqueue

# What `hamkari worker` and `hamkari serve` queue when its time comes (next-run times on the
# rows): source polls, watchlist runs, the daily deadline digest.
PERIODIC: tuple[Periodic, ...] = (due_polls_enqueue, due_runs_enqueue, due_reminders_enqueue)


@command(
    "worker",
    option("--threads", type=whole(1, 64), default=1, help="jobs run at the same time, 1 to 64 (default 1)"),
    option("--batch", action="store_true", help="run the jobs waiting now, then stop"),
    help="run background jobs (polls, ingest, re-extraction, watchlists, reminders) until stopped",
    description=(
        "Run the queued background jobs until Ctrl-C or SIGTERM, which let the job in hand finish: "
        "articles to ingest or extract again, and, when their time comes, the polls of watched "
        "sources, the runs of watchlists and the daily deadline digest. "
        "Jobs are rows of the database: start workers on as many machines "
        "as needed against one PostgreSQL; each job is taken by one of them. A job that fails for "
        "a passing reason (the database busy) is retried up to 5 times, waiting 30 s, then twice "
        "as long each time."
    ),
)
def worker(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not args.batch:
        said = ngettext(
            "worker running with %(n)s thread (Ctrl-C stops)",
            "worker running with %(n)s threads (Ctrl-C stops)",
            args.threads,
        )
        print("hamkari: " + said % {"n": digits(args.threads)}, file=out, flush=True)
    try:
        done = workers_run(
            threads=args.threads, batch=args.batch, interval=0 if args.batch else 1.0, periodic=PERIODIC
        )
    except WorkerError as exc:
        raise CliError(str(exc)) from exc
    ran = ngettext("worker ran %(n)s job", "worker ran %(n)s jobs", done) % {"n": digits(done)}
    print(f"hamkari: {ran}", file=out)
    return 0


@command(
    "sources add",
    option(
        "location",
        metavar="URL_OR_FEED_FILE",
        help="the address of a feed, sitemap or section page, or a local feed or sitemap file",
    ),
    option(
        "--kind",
        choices=KINDS,
        default=FEED,
        help="feed (RSS/Atom, the default), sitemap (sitemap.xml, news sitemap or sitemap index) "
        "or section (an HTML page listing articles; needs --links)",
    ),
    option(
        "--links",
        metavar="REGEX",
        default="",
        help="a regular expression the address of an article must match (a section page's "
        "article links; on a sitemap, optional)",
    ),
    option("--outlet", default="", help="the outlet's name (default: the feed's title)"),
    option("--language", choices=LANGUAGES, default="", help="fa, ru or en (default: read from each text)"),
    option("--region", type=region_typed, default="", help="default region, ISO code (IR-01, RU-AST)"),
    option(
        "--every", type=whole(1, 10080), default=60, help="minutes between polls, 1 to 10080 (default 60)"
    ),
    option(
        "--release",
        metavar="FIRST,BATCH,SECONDS",
        type=release,
        help="let the listing out a few at a time: FIRST items at the first poll, then BATCH more "
        "every SECONDS (the demo feed: 12,3,30); default: all at once",
    ),
    help="watch a feed, sitemap or section page",
)
def sources_add(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        source = source_add(
            location=args.location,
            kind=args.kind,
            links=args.links,
            outlet=args.outlet,
            language=args.language,
            region=args.region,
            every=args.every,
            release=args.release,
        )
    except SourceError as exc:
        raise CliError(str(exc)) from exc
    # one sentence per kind: a kind's word does not fit one slot in every language
    said = {
        FEED: _("added source %(id)s: %(location)s (every %(every)s min)"),
        "sitemap": _("added sitemap source %(id)s: %(location)s (every %(every)s min)"),
        "section": _("added section page source %(id)s: %(location)s (every %(every)s min)"),
    }[source.kind]
    facts = {"id": digits(source.pk), "location": source.location}
    facts["every"] = digits(source.every)
    said = said % facts
    print(f"hamkari: {said}", file=out)
    return 0


@command("sources list", help="the watched sources and their health")
def sources_list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rows = list(source_list())
    counted = ngettext("%(n)s source", "%(n)s sources", len(rows)) % {"n": digits(len(rows))}
    print(f"hamkari: {counted}", file=err)
    for s in rows:
        print("\t".join(_source_fields(s)), file=out)
    return 0


def _source_fields(s: Source) -> list[str]:
    """One source's line of `sources list`: its id, state and kind (as words), its location (as
    typed), then its health, all in the command line's language and digits."""
    success = moment_text(s.last_success, spoken()) if s.last_success else _("never")
    due = moment_text(s.next_poll_at, spoken()) if s.next_poll_at else "-"
    state, kind = source_state(s.state), source_kind(s.kind)  # the words of the sources page
    fields = [digits(s.pk), state, kind, s.location, _("every %(n)s min") % {"n": digits(s.interval)}]
    fields += [_("last success %(when)s") % {"when": success}, _("items %(n)s") % {"n": digits(s.items_seen)}]
    fields += [_("failures %(n)s") % {"n": digits(s.failures)}, _("next %(when)s") % {"when": due}]
    if s.region:
        fields.append(_("region %(code)s") % {"code": place_name(s.region, spoken())})
    if s.release_first:
        release = {k: digits(v) for k, v in (("first", s.release_first), ("batch", s.release_batch))}
        release["seconds"] = digits(s.release_every)
        fields.append(_("releases %(first)s, then %(batch)s every %(seconds)s s") % release)
    if s.last_error:
        fields.append(_("error %(reason)s") % {"reason": stored_said(s.last_error, s.last_error_reason)})
    return fields


@command(
    "sources poll",
    option("id", nargs="?", type=whole(1), help="one source (default: every active source)"),
    option("--once", action="store_true", help="poll and ingest now, in this process"),
    help="poll sources now (queued for the worker, or --once here)",
)
def sources_poll(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    chosen = [_one(args.id)] if args.id is not None else list(sources_active())
    for source in chosen:
        if not args.once:
            poll_enqueue(source=source)
            continue
        fetch = source_poll(source=source)
        line = _("source %(id)s: %(outcome)s, items %(items)s, new %(new)s") % {
            "id": digits(source.pk),
            "outcome": _(fetch.get_outcome_display()),
            "items": digits(fetch.items),
            "new": digits(fetch.new),
        }
        error = stored_said(fetch.error, fetch.error_reason)
        print(f"hamkari: {line}" + (f": {error}" if fetch.error else ""), file=out)
        for item, reason, *kept in fetch.failed:
            why = stored_said(reason, kept[0] if kept else None)
            print("  " + _("failed %(item)s: %(reason)s") % {"item": item, "reason": why}, file=out)
    if not args.once:
        n = len(chosen)
        queued = ngettext(
            "queued %(n)s poll; 'hamkari worker' runs them",
            "queued %(n)s polls; 'hamkari worker' runs them",
            n,
        )
        print("hamkari: " + queued % {"n": digits(n)}, file=out)
    return 0


def _one(pk: int) -> Source:
    source = source_find(pk=pk)
    if source is None:
        raise CliError(_("no source %(id)s (see 'hamkari sources list')") % {"id": digits(pk)})
    return source


@command(
    "sources enable",
    option("id", type=whole(1), help="the source (see 'hamkari sources list')"),
    help="poll a disabled source again",
    description=(
        "Enable a source that was disabled after repeated errors (or by hand): its count of "
        "errors starts again from zero and it is polled at the next scheduler round."
    ),
)
def sources_enable(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    source = source_enable(source=_one(args.id))
    said = _("enabled source %(id)s: %(location)s") % {"id": digits(source.pk), "location": source.location}
    print(f"hamkari: {said}", file=out)
    return 0


@command(
    "sources disable",
    option("id", type=whole(1), help="the source (see 'hamkari sources list')"),
    help="stop polling a source until it is enabled again",
)
def sources_disable(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    source = source_disable(source=_one(args.id))
    said = _("disabled source %(id)s: %(location)s") % {"id": digits(source.pk), "location": source.location}
    print(f"hamkari: {said}", file=out)
    return 0


@command(
    "job",
    option("id", type=whole(1), help="the job's number (printed by 'reextract --queue', shown on the web)"),
    help="where a background job stands",
)
def job(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    found = job_find(pk=args.id)
    if found is None:
        raise CliError(_("no job %(id)s") % {"id": digits(args.id)})
    p = job_progress(job=found, limit=1000)
    counted = sorted(p.counts.items())
    # the words of the job's web page
    counts = ", ".join(f"{item_state(state)} {digits(n)}" for state, n in counted)
    facts = {
        "id": digits(found.pk),
        "kind": job_kind(found.kind),
        "state": job_state(p.state),
        "finished": digits(p.finished),
        "total": digits(p.total),
        "counts": counts or _("no items yet"),
    }
    said = _("job %(id)s (%(kind)s): %(state)s, %(finished)s of %(total)s finished (%(counts)s)") % facts
    print(f"hamkari: {said}", file=out)
    for item in p.failed:
        why = stored_said(item.error, item.error_reason)
        print("  " + _("failed %(item)s: %(reason)s") % {"item": item.source, "reason": why}, file=out)
    return 0
