"""Watchlists and alerts: `watch add|list`, `alerts run`; and the periodic work the worker's
scheduler queues (the polls of due sources, the runs of due watchlists)."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hamkari.accounts.selectors import user_find
from hamkari.alerts import present, selectors
from hamkari.alerts.feeds import feed_path
from hamkari.alerts.models import FREQUENCIES, ORGANIZATION, PAIR, PERSON, REGION, SEARCH, SECTOR, Target
from hamkari.alerts.services import (
    LANGUAGES,
    AlertError,
    TargetSpec,
    digests_run,
    watchlist_create,
    watchlist_delete,
)
from hamkari.cli.command import CliError, command, option
from hamkari.cli.language import digits, language_name, spoken
from hamkari.cli.values import region_typed, whole
from hamkari.extraction.vocabulary import INSTRUMENT_KINDS
from hamkari.kb.calendar import moment_text
from hamkari.kb.lookups import typed_id
from hamkari.kb.reasons import said as said_here
from hamkari.kb.selectors import entity_find, entity_search, region_find
from hamkari.kb.services import reference_load


@command(
    "alerts run",
    option("--all", action="store_true", help="run every watchlist now, not only the due ones"),
    help="run the due watchlists now, here: match, find deadlines, send the digests",
    description=(
        "Run every watchlist whose next run has come, in this process (no worker needed): match the "
        "articles stored since its last run, find the deadlines coming due, and send one e-mail "
        "digest of what is new (none when nothing happened, or when its owner has no address). "
        "Mail goes through HAMKARI_EMAIL_URL (console:// prints it). With --all, every watchlist "
        "runs now and its next run is one period from now."
    ),
)
def alerts_run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    outcomes = digests_run(now=timezone.now(), every=args.all)
    failed = 0
    for o in outcomes:
        w = o.watchlist
        if o.error:
            failed += 1
            line = _("not sent: %(why)s") % {"why": said_here(o.error)}
        elif o.sent:
            line = ngettext("sent a digest of %(n)s item", "sent a digest of %(n)s items", o.sent) % {
                "n": digits(o.sent)
            }
        else:
            line = _("nothing to send")
        said = _("watchlist %(id)s (%(name)s): %(line)s") % {"id": digits(w.pk), "name": w.name, "line": line}
        print(f"hamkari: {said}", file=out)
    n = len(outcomes)
    said = ngettext("%(n)s watchlist run, %(failed)s failed", "%(n)s watchlists run, %(failed)s failed", n)
    print("hamkari: " + said % {"n": digits(n), "failed": digits(failed)}, file=err)
    return 1 if failed else 0


REGION_HELP = "an ISO code (IR-01, RU-AST) or a name in Persian, Russian or English"
TARGET_OPTIONS = "--region, --pair, --person, --organization, --sector, --instrument or --search"


@command(
    "watch add",
    option("username", metavar="USER", help="whose watchlist it is (hamkari user NAME creates one)"),
    option(
        "--region",
        action="extend",
        nargs="+",
        type=region_typed,
        default=[],
        metavar="REGION",
        help=REGION_HELP,
    ),
    option(
        "--pair",
        action="append",
        nargs=2,
        type=region_typed,
        default=[],
        metavar=("REGION", "REGION"),
        help="two regions",
    ),
    option("--person", action="append", default=[], metavar="NAME_OR_ID", help="a person, by name or number"),
    option(
        "--organization",
        action="append",
        default=[],
        metavar="NAME_OR_ID",
        help="an organisation, by name or number",
    ),
    option("--sector", action="append", default=[], metavar="SECTOR", help="a sector, by code or name"),
    option(
        "--instrument",
        action="append",
        default=[],
        choices=INSTRUMENT_KINDS,
        metavar="KIND",
        help=f"a kind of instrument: {', '.join(INSTRUMENT_KINDS)}",
    ),
    option("--search", action="append", default=[], metavar="QUERY", help="a saved search (its words)"),
    option("--every", choices=FREQUENCIES, default="daily", help="immediate, daily (default) or weekly"),
    option("--language", choices=LANGUAGES, default="fa", help="of the e-mail and the feed (default fa)"),
    option("--name", default="", help="the watchlist's name (default: what it follows)"),
    help="make a watchlist for a user",
    description=(
        "Make a watchlist: what the user follows (any number of regions, pairs, people, organisations, "
        "sectors, kinds of instrument and saved searches) and how often they hear of it. News counts "
        "from now on: new stories and articles, new instruments and status steps, new commitments and "
        "deadlines coming due, people seen in new posts. Prints its number and its Atom feed address."
    ),
    examples=(
        ("follow two regions, news once a day", "hamkari watch add ali --region Gilan IR-02 --every daily"),
        (
            "follow a pair of regions and their memoranda, at once",
            "hamkari watch add ali --pair Gilan 'Astrakhan Oblast' --instrument memorandum --every immediate",
        ),
        (
            "follow a saved search, once a week in English",
            "hamkari watch add ali --search 'ferry grain' --language en --every weekly",
        ),
    ),
)
def watch_add(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    owner = _user(args.username)
    reference_load()
    specs = _specs(args)
    if not specs:
        raise CliError(_("give something to follow: %(options)s") % {"options": TARGET_OPTIONS}, 2)
    name = args.name or _default_name(specs, args.language)
    try:
        watchlist = watchlist_create(
            owner=owner, name=name[:200], frequency=args.every, language=args.language, targets=specs
        )
    except AlertError as exc:
        raise CliError(str(exc), 2) from exc
    feed = settings.HAMKARI_SITE_URL + feed_path(watchlist)
    said = _("created watchlist %(id)s for %(user)s: %(name)s (%(every)s, %(language)s); feed %(feed)s") % {
        "id": digits(watchlist.pk),
        "user": args.username,
        "name": watchlist.name,
        "every": present.frequency_text(watchlist.frequency),
        "language": language_name(watchlist.language),
        "feed": feed,
    }
    print(f"hamkari: {said}", file=out)
    return 0


def _default_name(specs: Sequence[TargetSpec], language: str) -> str:
    """What the watchlist follows, named in its language («گیلان، آستاراخان»)."""
    with translation.override(language):
        texts = [present.target_text(Target(kind=s.kind, value=s.value, entity=s.entity)) for s in specs]
        return str(translation.gettext(", ")).join(texts)


def _user(username: str) -> Any:
    found = user_find(username=username)
    if found is None:
        raise CliError(
            _("no user %(name)s (create one with 'hamkari user %(user)s --role viewer')")
            % {"name": repr(username), "user": username}
        )
    return found


def _specs(args: argparse.Namespace) -> list[TargetSpec]:
    specs = [TargetSpec(REGION, _region(name)) for name in args.region]
    specs += [TargetSpec(PAIR, f"{_region(a)} {_region(b)}") for a, b in args.pair]
    specs += [TargetSpec(PERSON, entity=_entity(name, PERSON)) for name in args.person]
    specs += [TargetSpec(ORGANIZATION, entity=_entity(name, ORGANIZATION)) for name in args.organization]
    specs += [TargetSpec(SECTOR, _sector(name)) for name in args.sector]
    specs += [TargetSpec("instrument", kind) for kind in args.instrument]
    specs += [TargetSpec(SEARCH, query) for query in args.search]
    return specs


def _region(name: str) -> str:
    found = region_find(name=name)
    if found is None:
        raise CliError(
            _("unknown region %(names)s: give %(help)s") % {"names": repr(name), "help": _(REGION_HELP)}
        )
    return str(found.ref)


def _entity(name: str, kind: str) -> Any:
    person = kind == PERSON
    if (pk := typed_id(name)) is not None:
        found = entity_find(pk=pk)
        if found is None or found.type != kind:
            said = (
                _("no person %(id)s (the number is on its page)")
                if person
                else _("no organisation %(id)s (the number is on its page)")
            )
            raise CliError(said % {"id": name})
        return found
    matches = entity_search(name, kind, limit=6)
    if not matches:
        said = (
            _("no person named %(name)s in the knowledge base")
            if person
            else _("no organisation named %(name)s in the knowledge base")
        )
        raise CliError(said % {"name": repr(name)})
    if len(matches) > 1:
        listed = ", ".join(f"{e.pk} ({e.name})" for e in matches[:5])
        said = _("%(n)s records match %(name)s: give the number of one: %(listed)s")
        raise CliError(said % {"n": len(matches), "name": repr(name), "listed": listed})
    return matches[0]


def _sector(name: str) -> str:
    found = selectors.sector_find(name)
    if found is None:
        raise CliError(
            _("unknown sector %(name)s: give a code or name, e.g. fisheries, agriculture")
            % {"name": repr(name)}
        )
    return found


@command(
    "watch list",
    option("username", nargs="?", metavar="USER", help="only this user's watchlists"),
    help="list the watchlists with what they follow",
)
def watch_list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rows = list(selectors.watchlist_list(owner=_user(args.username) if args.username else None))
    for w in rows:
        print("\t".join(_watchlist_fields(w)), file=out)
    counted = ngettext("%(n)s watchlist", "%(n)s watchlists", len(rows)) % {"n": digits(len(rows))}
    print(f"hamkari: {counted}", file=err)
    return 0


def _watchlist_fields(w: Any) -> list[str]:
    """One row of `watch list`: number, owner, name, how often, language, what it follows, unread,
    next run, in the command line's words and digits (the owner and name as typed)."""
    follows = _("; ").join(_follows(w.targets.all()))
    due = moment_text(w.next_run_at, spoken())
    fields = [digits(w.pk), w.owner.get_username(), w.name, present.frequency_text(w.frequency)]
    fields += [language_name(w.language), follows, _("unread %(n)s") % {"n": digits(w.unread)}]
    return [*fields, _("next run %(when)s") % {"when": due}]


def _follows(targets: Iterable[Target]) -> list[str]:
    return [f"{present.target_kind(t.kind)}: {present.target_text(t)}" for t in targets]


@command(
    "watch delete",
    option("id", type=whole(1), metavar="ID", help="the watchlist's number (see hamkari watch list)"),
    help="delete a watchlist and its notifications",
)
def watch_delete(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    found = selectors.watchlist_get(args.id)
    if found is None:
        raise CliError(_("no watchlist %(id)s (see 'hamkari watch list')") % {"id": digits(args.id)})
    watchlist_delete(watchlist=found)
    print("hamkari: " + _("deleted watchlist %(id)s") % {"id": digits(args.id)}, file=out)
    return 0
