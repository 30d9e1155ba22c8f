"""The tracker: working groups, briefs, deadline reminders."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, TextIO

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hamkari.cli.command import CliError, command, option, output_path, write_output
from hamkari.cli.language import digits, spoken
from hamkari.cli.values import region_typed, whole
from hamkari.extraction import LANGUAGES
from hamkari.kb.names import place_name
from hamkari.kb.selectors import region_find
from hamkari.kb.services import reference_load
from hamkari.tracker import brief as briefs
from hamkari.tracker import selectors
from hamkari.tracker.remind import send_digests
from hamkari.tracker.services import TrackerError, group_create
from hamkari.web.i18n import compile_messages

REGION_HELP = "an ISO code (IR-20, RU-AST) or a name in Persian, Russian or English"


def regions_find(names: Sequence[str]) -> list[Any]:
    """The regions named, in order; an unknown name is a mistake (exit 1)."""
    found = [(name, region_find(name=name)) for name in names]
    missing = [name for name, region in found if region is None]
    if missing:
        names = ", ".join(repr(m) for m in missing)
        raise CliError(
            _("unknown region %(names)s: give %(help)s") % {"names": names, "help": _(REGION_HELP)}
        )
    return [region for _name, region in found]


@command(
    "groups add",
    option("name", help="the name of the working group"),
    option("regions", nargs="+", type=region_typed, metavar="REGION", help=f"its regions: {REGION_HELP}"),
    help="create a working group of regions",
    examples=(
        (
            "a group of two regions, named in any language",
            "hamkari groups add 'Semnan–Astrakhan trade' سمنان 'Astrakhan Oblast'",
        ),
    ),
)
def groups_add(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    reference_load()
    regions = regions_find(args.regions)
    try:
        group = group_create(name=args.name, regions=regions, user=None)
    except TrackerError as exc:
        raise CliError(str(exc), 2) from exc
    said = _("created working group %(id)s: %(name)s (%(regions)s)")
    print(
        "hamkari: " + said % {"id": digits(group.pk), "name": group.name, "regions": _names(regions)},
        file=out,
    )
    return 0


@command("groups list", help="list the working groups with their numbers and regions")
def groups_list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    groups = selectors.group_list()
    for group in groups:
        print(f"{digits(group.pk):>4}  {group.name}  ({_names(group.regions.all())})", file=out)
    said = ngettext("%(n)s working group", "%(n)s working groups", len(groups)) % {"n": digits(len(groups))}
    print(f"hamkari: {said}", file=err)
    return 0


def _names(regions: Any) -> str:
    """The regions' gazetteer names in the command line's language («گیلان، آستاراخان»), in the
    order of their codes (a many-to-many relation has none of its own: PostgreSQL's differs)."""
    return _(", ").join(place_name(r.ref, spoken()) for r in sorted(regions, key=lambda r: r.ref or ""))


@command(
    "brief",
    option("regions", nargs="*", type=region_typed, metavar="REGION", help=f"two regions: {REGION_HELP}"),
    option("--working-group", type=whole(1), metavar="ID", help="a working group (see hamkari groups list)"),
    option("--pdf", metavar="FILE", help="write a PDF (its folder must exist)"),
    option("--html", metavar="FILE", help="write HTML (its folder must exist)"),
    option("--language", choices=LANGUAGES, default="fa", help="fa (default), ru or en"),
    help="a brief of a region pair or a working group as PDF or HTML",
    description=(
        "A brief of two regions or of a working group: parties and members, instruments, the plan "
        "(overdue items first), recent stories. Without --pdf and --html the HTML goes to standard output."
    ),
    examples=(
        ("the brief of two regions as a PDF", "hamkari brief IR-10 نووگورود --pdf brief.pdf"),
        ("the brief of working group 1 as an HTML page", "hamkari brief --working-group 1 --html brief.html"),
    ),
)
def brief(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    by_group, by_pair = args.working_group is not None, len(args.regions) == 2
    if not ((by_group and not args.regions) or (by_pair and not by_group)):
        raise CliError(_("give two regions or --working-group ID"), 2)
    for name in (args.pdf, args.html):
        if name:
            output_path(name)  # a missing folder is found before the brief is made
    compile_messages()
    reference_load()
    if args.working_group is not None:
        group = selectors.group_find(pk=args.working_group)
        if group is None:
            raise CliError(
                _("no working group %(id)s (see hamkari groups list)") % {"id": digits(args.working_group)}
            )
        data = selectors.group_brief(group)
    else:
        data = selectors.pair_brief(*regions_find(args.regions))
    html = briefs.render_html(data, language=args.language)
    if args.html:
        write_output(args.html, html)
    if args.pdf:
        write_output(args.pdf, briefs.render_pdf(html))
    if not args.html and not args.pdf:
        out.write(html)
    return 0


@command(
    "remind",
    option("--days", type=whole(0, 366), default=7, help="lead time in days, 0 to 366 (default 7)"),
    option("--dry-run", action="store_true", help="print the digests instead of sending them"),
    option(
        "--language", choices=LANGUAGES, default="fa", help="the digests' language: fa (default), ru or en"
    ),
    help="e-mail each user the deadlines of their working groups",
    description=(
        "Send every active user with an e-mail address (hamkari user NAME --email ADDRESS) a digest of "
        "the overdue plan items and those due within --days in the working groups they follow; users "
        "with nothing due get no mail. The digest is in Persian (Jalali dates) unless --language "
        "says otherwise. Mail goes through HAMKARI_EMAIL_URL (console:// prints it)."
    ),
)
def remind(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    sent = send_digests(
        today=timezone.localdate(), lead_days=args.days, dry_run=args.dry_run, language=args.language
    )
    for address, body in sent if args.dry_run else []:
        print(f"== {address}\n{body}", file=out)
    n = len(sent)
    said = (
        ngettext("%(n)s digest composed", "%(n)s digests composed", n)
        if args.dry_run
        else ngettext("%(n)s digest sent", "%(n)s digests sent", n)
    )
    print("hamkari: " + said % {"n": digits(n)}, file=err)
    return 0
