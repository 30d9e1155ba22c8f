"""Partners: ranking partner regions, firms, imports of firms and trade figures, consortia, routes."""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path
from typing import Any, TextIO

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hamkari.cli.command import CliError, command, option
from hamkari.cli.language import code_text, digits, spoken
from hamkari.cli.values import region_typed, whole
from hamkari.extraction import LANGUAGES
from hamkari.kb.lookups import typed_id
from hamkari.kb.names import place_name
from hamkari.kb.reasons import reason
from hamkari.kb.selectors import region_find
from hamkari.kb.services import reference_load
from hamkari.partners import routes
from hamkari.partners.finder import DEFAULT_WEIGHTS, propose, rank
from hamkari.partners.names import number, region_name, sector_name
from hamkari.partners.selectors import firm_find, firm_list
from hamkari.partners.services import (
    FIRM_COLUMNS,
    PERIODS,
    TRADE_COLUMNS,
    ImportError_,
    firms_import_listed,
    markets,
    sectors,
    trade_import,
)

REGION_HELP = "an ISO code (IR-10, RU-NGR) or a name in Persian, Russian or English"
MARKETS = ", ".join(markets())


def _wrapped(words: list[str]) -> str:
    return textwrap.fill(", ".join(words), width=96, initial_indent=" " * 13, subsequent_indent=" " * 13)


def _column(name: str, said: str) -> str:
    return f"    {name:<8} {said}"


def import_formats() -> str:
    """The file formats at the end of `hamkari import --help`, in the command line's language
    (column names, codes and numbers as they are typed)."""
    checked = _(
        "numbers: digits with a point for decimals (2500000.50); thousands may be separated by commas "
        "in groups of three (2,500,000) — quote such a cell in CSV. Codes and names are "
        "case-insensitive. Every row is checked before anything is stored: a bad row stops the import "
        "with `line N: column: reason` and nothing is applied. Importing again updates firms (same "
        "region and name) and figures (same region, partner, hs, year, period and flow)."
    )
    region = _("ISO 3166-2 code of an Iranian or Russian region")
    lines = [
        _("file formats (CSV in UTF-8 with a header line, or XLSX: the first sheet):"),
        "",
        f"  firms:  {','.join(FIRM_COLUMNS)}",
        _column("name", _("the firm's name (text, required)")),
        _column("region", f"{region}: IR-10, RU-NGR"),
        _column("sector", _("a sector slug, one of:")),
        _wrapped(sorted(sectors())),
        _column("size", _("employees: a whole number of 0 or more (empty is 0)")),
        _column("exports", _("exports in US dollars a year: a number of 0 or more (empty is 0)")),
        _column("markets", _("third markets where it sells, separated by spaces (empty: none), of:")),
        _wrapped(markets()),
        f"  trade:  {','.join(TRADE_COLUMNS)}",
        _column("region", region),
        _column(
            "partner",
            _("ISO 3166-1 country code (CN, TR), a region code (RU-NGR) or WLD for the world (empty is WLD)"),
        ),
        _column("hs", _("Harmonized System code: 2 to 10 digits (72, 7208)")),
        _column("year", _("the year, e.g. 2024")),
        _column(
            "period",
            _("%(periods)s, M01 … M12 (empty is Y, the whole year)") % {"periods": ", ".join(PERIODS[:7])},
        ),
        _column("flow", _("export or import")),
        _column("value", _("US dollars: a number of 0 or more")),
        "",
        textwrap.fill(checked, width=96),
    ]
    return "\n".join(lines)


def sectors_epilog() -> str:
    """The sectors at the end of `hamkari consortium --help` (codes, as typed)."""
    return _("sectors:") + "\n" + _wrapped(sorted(sectors()))


def _print_json(out: TextIO, value: object) -> None:
    out.write(json.dumps(value, ensure_ascii=False, indent=1, default=str) + "\n")


def _weights(items: list[str]) -> dict[str, float]:
    weights = {}
    for item in items:
        name, sign, value = item.partition("=")
        try:
            weights[name.strip()] = float(value)
        except ValueError:
            raise CliError(
                _("--weight %(item)s: give NAME=NUMBER, e.g. route=0.5") % {"item": repr(item)}, 2
            ) from None
        if not sign:
            raise CliError(_("--weight %(item)s: give NAME=NUMBER, e.g. route=0.5") % {"item": repr(item)}, 2)
    return weights


def _origin(name: str) -> tuple[str, str | None]:
    """The region code (and, for firm:ID, the firm's sector) to rank partners for."""
    if name.startswith("firm:"):
        number = name[5:]
        pk = typed_id(number)
        firm = firm_find(pk=pk) if pk is not None else None
        if firm is None:
            raise CliError(_("no firm %(id)s (see hamkari firms)") % {"id": number})
        return str(firm.region.ref), firm.sector
    region = region_find(name=name)
    if region is None:
        raise CliError(
            _("unknown region %(names)s: give %(help)s, or firm:ID")
            % {"names": repr(name), "help": _(REGION_HELP)}
        )
    return str(region.ref), None


@command(
    "partners",
    option(
        "region",
        type=region_typed,
        metavar="REGION_OR_FIRM",
        help=f"{REGION_HELP}, or firm:ID (see hamkari firms)",
    ),
    option("--top", type=whole(1, 200), default=10, help="how many partners, 1 to 200 (default 10)"),
    option("--json", action="store_true", help="print JSON"),
    option(
        "--language",
        choices=LANGUAGES,
        help="names and explanations in fa, ru or en (default: the language of the command line)",
    ),
    option(
        "--weight",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=f"weight of a component, 0 or more: {', '.join(DEFAULT_WEIGHTS)} (repeatable)",
    ),
    help="rank partner regions on the other side for a region or a firm",
)
def partners(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    reference_load()
    weights = _weights(args.weight)
    code, sector = _origin(args.region)
    try:
        results = rank(code, top=args.top, weights=weights, sector=sector, language=args.language or spoken())
    except KeyError as exc:
        raise CliError(_("no capacity profile for %(code)s") % {"code": code}) from exc
    except ValueError as exc:
        raise CliError(str(exc), 2) from exc
    if args.json:
        _print_json(out, [r.as_dict() for r in results])
        return 0
    lang = args.language or spoken()
    with translation.override(lang):
        for n, r in enumerate(results, start=1):
            print(_partner_line(n, r, lang), file=out)
    return 0


def _partner_line(n: int, r: Any, lang: str) -> str:
    """« 1. RU-DA   0.280  complement 0.22  trade -  ties 0.00  route 0.66» and its explanation: the
    code as `partners` takes it, the components' names and the numbers in the language's words."""
    parts = "  ".join(
        f"{code_text(k)} {'-' if v is None else number(v, lang, 2)}" for k, v in r.components.items()
    )
    return f"{number(n, lang):>2}. {r.code:<7} {number(r.score, lang, 3)}  {parts}\n    {r.explanation}"


@command(
    "firms",
    option(
        "region",
        nargs="?",
        type=region_typed,
        metavar="REGION",
        help=f"only the firms of this region: {REGION_HELP}",
    ),
    option("--sector", metavar="SLUG", help="only the firms of this sector"),
    option("--json", action="store_true", help="print JSON"),
    help="list the imported firms with their numbers (for partners firm:ID)",
)
def firms(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    reference_load()
    region = None
    if args.region:
        region = region_find(name=args.region)
        if region is None:
            raise CliError(
                _("unknown region %(names)s: give %(help)s")
                % {"names": repr(args.region), "help": _(REGION_HELP)}
            )
    sector = args.sector.lower() if args.sector else None
    if sector and sector not in sectors():
        known = ", ".join(sorted(sectors()))
        raise CliError(
            _("unknown sector %(name)s: sectors are %(known)s") % {"name": repr(args.sector), "known": known},
            2,
        )
    found = firm_list(region=region, sector=sector)
    if args.json:
        _print_json(out, [_firm(f) for f in found])
    else:
        for f in found:
            print(_firm_line(f), file=out)
    print(
        "hamkari: " + ngettext("%(n)s firm", "%(n)s firms", len(found)) % {"n": digits(len(found))}, file=err
    )
    return 0


def _firm(f: Any) -> dict[str, Any]:
    return {
        "id": f.pk,
        "name": f.name,
        "region": f.region.ref,
        "sector": f.sector,
        "size": f.size,
        "exports": f.exports,
        "markets": f.markets.split(),
    }


def _firm_line(f: Any) -> str:
    """`firm:12  Kaveh Tiles  Isfahan  construction  1,200 staff  $2,500,000 exports`: the number as
    `partners firm:ID` takes it, the name as imported, the rest in the command line's language."""
    lang = spoken()
    size = _("%(n)s staff") % {"n": number(f.size, lang)}
    exports = _("$%(amount)s exports") % {"amount": number(f.exports, lang)}
    said = (region_name(f.region.ref, lang), sector_name(f.sector, lang), size, exports)
    return f"firm:{f.pk:<5} {f.name}  " + "  ".join(said)


@command(
    "import",
    option("kind", choices=("firms", "trade")),
    option("file", help="a .csv (UTF-8) or .xlsx file"),
    help="import firms or trade figures from CSV or XLSX",
    description="Import firms or trade figures; every row is checked first and a bad row stops the import.",
    epilog=import_formats,
)
def import_table(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    reference_load()
    try:
        data = Path(args.file).read_bytes()
    except FileNotFoundError:
        raise CliError(_("%(name)s: no such file") % {"name": args.file}) from None
    except OSError as exc:
        raise CliError(_("%(name)s: cannot read: %(why)s") % {"name": args.file, "why": reason(exc)}) from exc
    try:
        if args.kind == "firms":
            stored = firms_import_listed(data=data, name=args.file)
            for f in stored:
                print(_firm_line(f), file=out)
            n = len(stored)
            print(
                "hamkari: " + ngettext("imported %(n)s firm", "imported %(n)s firms", n) % {"n": digits(n)},
                file=err,
            )
        else:
            count = trade_import(data=data, name=args.file)
            said = ngettext("imported %(n)s trade figure", "imported %(n)s trade figures", count)
            print("hamkari: " + said % {"n": digits(count)}, file=err)
    except ImportError_ as exc:
        raise CliError(
            _("%(name)s: %(why)s; nothing was imported") % {"name": args.file, "why": exc}
        ) from exc
    return 0


@command(
    "consortium",
    option("--market", required=True, help=f"the third market (any case): {MARKETS}"),
    option("--sectors", required=True, help="the value chain: 1 to 6 sector slugs, comma-separated"),
    option("--proposals", type=whole(1, 20), default=3, help="how many proposals, 1 to 20 (default 3)"),
    option("--shared-regions", action="store_true", help="allow two members from one region"),
    option(
        "--language",
        choices=LANGUAGES,
        help="names and reasons in fa, ru or en (default: the language of the command line)",
    ),
    option("--json", action="store_true", help="print JSON"),
    help="propose consortia of Iranian and Russian regions or firms",
    epilog=sectors_epilog,
)
def consortium(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    market = args.market.strip().lower()
    if market not in markets():
        raise CliError(
            _("unknown market %(name)s; markets are %(known)s")
            % {"name": repr(args.market), "known": MARKETS},
            2,
        )
    wanted = [s.strip().lower() for s in args.sectors.split(",") if s.strip()]
    try:
        found = propose(
            market=market,
            sectors=wanted,
            proposals=args.proposals,
            shared_regions=args.shared_regions,
            language=args.language or spoken(),
        )
    except ValueError as exc:
        raise CliError(str(exc), 2) from exc
    if args.json:
        _print_json(out, [p.as_dict() for p in found])
        return 0
    lang = args.language or spoken()
    with translation.override(lang):
        for n, p in enumerate(found, start=1):
            figures = {"score": number(p.score, lang, 3), "coverage": number(p.coverage, lang, 2)}
            figures["competition"] = number(p.competition, lang, 2)
            said = _("score %(score)s (coverage %(coverage)s, competition %(competition)s)") % figures
            print(f"{number(n, lang)}. {said}", file=out)
            for m in p.members:  # «firm Kaveh Tiles (Iran): …», «region Saint Petersburg (Russia): …»
                print(
                    f"   {code_text(m.kind)} {m.name} ({place_name(m.country, lang)}): {m.reason}", file=out
                )
    return 0


@command(
    "route",
    option(
        "start",
        type=region_typed,
        metavar="FROM",
        help="a region (ISO code or name), a port or crossing, or a node id",
    ),
    option("end", type=region_typed, metavar="TO", help="the same kinds of place"),
    option("--options", type=whole(1, 10), default=3, help="how many routes, 1 to 10 (default 3)"),
    option(
        "--modes",
        default="rail,road,sea",
        help="modes to use, comma-separated: rail, road, sea (default all; rail,sea for bulk freight)",
    ),
    option(
        "--language",
        choices=LANGUAGES,
        help="place names in fa, ru or en (default: the language of the command line)",
    ),
    option("--json", action="store_true", help="print JSON"),
    help="transit routes between two places (ISO codes or names)",
    database=False,
)
def route(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    start, end = routes.resolve(args.start), routes.resolve(args.end)
    for name, node in ((args.start, start), (args.end, end)):
        if node is None:
            raise CliError(
                _("unknown place %(name)s: give %(help)s, a port or a border crossing")
                % {"name": repr(name), "help": _(REGION_HELP)}
            )
    if start == end:
        same = {"start": args.start, "node": routes.node_name(str(start), args.language or spoken())}
        raise CliError(_("origin and destination are the same place (%(start)s → %(node)s)") % same, 2)
    try:
        found = routes.routes(start, end, options=args.options, modes=tuple(args.modes.split(",")))  # type: ignore[arg-type]
    except ValueError as exc:
        raise CliError(str(exc), 2) from exc
    if not found:
        raise CliError(_("no route between %(start)s and %(end)s") % {"start": args.start, "end": args.end})
    lang = args.language or spoken()
    if args.json:
        _print_json(out, [r.as_dict(lang) for r in found])
        return 0
    with translation.override(lang):
        for n, r in enumerate(found, start=1):
            print(_route_line(n, r, lang), file=out)
            for leg in r.legs:
                print(_leg_line(leg, lang), file=out)
    return 0


def _route_line(n: int, r: routes.Route, lang: str) -> str:
    changes = ngettext("%(n)s change of mode", "%(n)s changes of mode", r.mode_changes) % {
        "n": number(r.mode_changes, lang)
    }
    cost = _("cost index %(cost)s") % {"cost": number(r.cost, lang)}
    comma = _(",") + " "  # «، » in Persian
    return f"{n}. {r.branch_name(lang)}: {r.summary(lang)}{comma}{changes}{comma}{cost}"


def _leg_line(leg: routes.Leg, lang: str) -> str:
    ends = f"{routes.node_name(leg.start, lang)} → {routes.node_name(leg.end, lang)}"
    distance = _("%(km)s km, %(days)s") % {"km": number(leg.km, lang), "days": plural_days(leg.days, lang)}
    cited = "; ".join(_("estimate from coordinates") if x.startswith("estimate:") else x for x in leg.sources)
    return f"   {_(leg.mode):<4} {ends}: {distance} ({cited})"


def plural_days(days: float, lang: str = "en") -> str:
    return _("1 day") if round(days, 1) == 1 else _("%(days)s days") % {"days": number(days, lang, 1)}
