"""The `hamkari` command."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from hamkari.extraction import LANGUAGES, ExtractionError, extract, to_json
from hamkari.sources.inputs import MAX_BYTES, Article, InputError, folder_files, read_bytes

SKIPPED_SUFFIXES = (".json", ".jsonl", ".py", ".pyc", ".gz", ".zip")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hamkari", description="Iran–Russia cooperation news → facts.")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser(
        "extract",
        help="extract facts from article files",
        description=(
            "Extract facts from articles. Each path is a file, a folder (its files, recursively, in name "
            "order) or '-' for standard input. A file that cannot be read gets one line on stderr and "
            "the others are still processed; the exit status is 1 when any file failed."
        ),
    )
    ex.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    ex.add_argument("--json", action="store_true", help="print JSON Lines (schema hamkari.extraction/1)")
    ex.add_argument(
        "--published",
        type=_date,
        metavar="YYYY-MM-DD",
        help="publication date to resolve relative deadlines when the text gives none",
    )
    ex.add_argument("--lang", choices=LANGUAGES, help="language of every input (default: detected)")
    ex.add_argument(
        "--max-bytes", type=int, default=MAX_BYTES, help=f"largest input file in bytes (default {MAX_BYTES})"
    )

    ing = sub.add_parser(
        "ingest",
        help="store articles and their facts in the knowledge base",
        description=(
            "Ingest articles into the knowledge base: files, folders, .html pages, .jsonl (one article per "
            "line with text, url, published, outlet), RSS/Atom feeds (files or URLs) and web pages (URLs). "
            "Each article is stored in its own transaction; the same text twice is a duplicate and changes "
            "nothing. Exit status 1 when any item failed, 130 when interrupted."
        ),
    )
    ing.add_argument("paths", nargs="+", metavar="PATH_OR_URL")
    ing.add_argument(
        "--published", type=_date, metavar="YYYY-MM-DD", help="publication date for items that carry none"
    )
    ing.add_argument(
        "--no-progress", action="store_true", help="no progress bar (the summary is still printed)"
    )

    rex = sub.add_parser(
        "reextract",
        help="extract stored articles again with the current extractor",
        description=(
            "Run the current extractor over stored articles again. Facts an analyst "
            "reviewed or edited stay exactly as they are; the others are replaced."
        ),
    )
    rex.add_argument("articles", nargs="*", type=int, metavar="ARTICLE_ID")
    rex.add_argument("--all", action="store_true", help="every stored article")

    exp = sub.add_parser(
        "export",
        help="export the knowledge base for spreadsheets",
        description=(
            "Write one kind of record as JSON Lines or CSV (UTF-8 with BOM, so that spreadsheet programs "
            "read Persian and Russian correctly)."
        ),
    )
    exp.add_argument(
        "kind", choices=("articles", "events", "people", "instruments", "commitments", "regions")
    )
    exp.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    exp.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")

    usr = sub.add_parser(
        "user",
        help="create a user with a role",
        description=(
            "Create a user: viewer (reads), analyst (reviews, merges, uploads), editor (reviews the articles "
            "and edits the profiles of the regions or organisations given with --scope) or administrator. "
            "The password is read from HAMKARI_USER_PASSWORD, else asked for."
        ),
    )
    usr.add_argument("username")
    usr.add_argument("--role", required=True, choices=("viewer", "analyst", "editor", "administrator"))
    usr.add_argument(
        "--scope",
        action="append",
        default=[],
        metavar="REGION_OR_ID",
        help="for editors: an ISO region code (IR-01) or an entity number; repeatable",
    )

    rem = sub.add_parser(
        "remind",
        help="e-mail each user the deadlines of their working groups",
        description=(
            "Send every active user with an e-mail address a digest of the overdue plan items and those due "
            "within --days in the working groups they follow; users with nothing due get no mail. Mail goes "
            "through HAMKARI_EMAIL_URL (console:// prints it)."
        ),
    )
    rem.add_argument("--days", type=int, default=7, help="lead time in days (default 7)")
    rem.add_argument("--dry-run", action="store_true", help="print the digests instead of sending them")

    bri = sub.add_parser("brief", help="a brief of a region pair or a working group as PDF or HTML")
    bri.add_argument("regions", nargs="*", metavar="REGION", help="two regions: ISO codes or names")
    bri.add_argument("--working-group", type=int, metavar="ID")
    bri.add_argument("--pdf", metavar="FILE")
    bri.add_argument("--html", metavar="FILE")
    bri.add_argument("--language", choices=LANGUAGES, default="fa")

    par = sub.add_parser("partners", help="rank partner regions on the other side for a region or a firm")
    par.add_argument("region", metavar="REGION_OR_FIRM", help="ISO code or name of a region, or firm:ID")
    par.add_argument("--top", type=int, default=10)
    par.add_argument("--json", action="store_true")
    par.add_argument("--language", choices=LANGUAGES, default="en")
    par.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="weight of a component: complement, trade, ties, route (repeatable)",
    )

    con = sub.add_parser("consortium", help="propose consortia of Iranian and Russian regions or firms")
    con.add_argument("--market", required=True, help="target market: africa, asia, europe, middle_east, …")
    con.add_argument("--sectors", required=True, help="the value chain, comma-separated sector slugs")
    con.add_argument("--proposals", type=int, default=3)
    con.add_argument("--shared-regions", action="store_true", help="allow two members from one region")
    con.add_argument("--language", choices=LANGUAGES, default="en")
    con.add_argument("--json", action="store_true")

    rou = sub.add_parser("route", help="transit routes between two places (ISO codes or names)")
    rou.add_argument("start", metavar="FROM")
    rou.add_argument("end", metavar="TO")
    rou.add_argument("--options", type=int, default=3)
    rou.add_argument("--modes", default="rail,road,sea", help="modes to use, e.g. rail,sea for bulk freight")
    rou.add_argument("--language", choices=LANGUAGES, default="en")
    rou.add_argument("--json", action="store_true")

    imp = sub.add_parser("import", help="import firms or trade figures from CSV or XLSX")
    imp.add_argument("kind", choices=("firms", "trade"))
    imp.add_argument("file")

    tok = sub.add_parser("token", help="create an API token for a user (shown once)")
    tok.add_argument("username")
    tok.add_argument("--name", default="cli", help="a label for the token")
    tok.add_argument("--create-user", action="store_true", help="create the user if it does not exist")

    srv = sub.add_parser(
        "serve",
        help="run the web application",
        description=(
            "Run the web application: migrate the database, load the reference data (all Iranian and "
            "Russian regions, countries), ingest the bundled sample articles when the knowledge base is "
            "empty, create an administrator on the first run (its password is printed once) and serve "
            "pages, API and static files with waitress."
        ),
    )
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    srv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    srv.add_argument("--threads", type=int, default=4, help="worker threads (default 4)")
    srv.add_argument("--no-samples", action="store_true", help="do not ingest the bundled samples")

    man = sub.add_parser(
        "manage", help="run a Django management command (migrate, createsuperuser, …)", add_help=False
    )
    man.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def django_setup(*, migrate: bool = True) -> None:
    """Configure Django from the environment and bring the database schema up to date."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamkari.settings")
    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)


def cmd_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    django_setup()
    from hamkari.kb.ingest import run_batch

    summary = run_batch(args.paths, progress=not args.no_progress and err.isatty(), published=args.published)
    for line in summary.lines():
        print(line, file=out)
    if summary.interrupted:
        return 130
    return 1 if summary.failed else 0


def cmd_reextract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    django_setup()
    from hamkari.kb.models import Article
    from hamkari.kb.services import article_reextract

    if not args.all and not args.articles:
        print("hamkari: give article numbers or --all", file=err)
        return 2
    articles = Article.objects.all() if args.all else Article.objects.filter(pk__in=args.articles)
    missing = set(args.articles) - set(articles.values_list("pk", flat=True))
    for pk in sorted(missing):
        print(f"hamkari: no article {pk}", file=err)
    count = 0
    for article in articles.iterator(chunk_size=200):
        article_reextract(article=article)
        count += 1
    print(f"hamkari: extracted {count} article(s) again", file=out)
    return 1 if missing else 0


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    django_setup()
    from hamkari.kb.exports import write_export

    def export(handle: TextIO) -> int:
        if args.format == "csv":
            handle.write("\ufeff")  # spreadsheet programs read CSV as UTF-8 only after a BOM
        return write_export(args.kind, args.format, handle)

    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as handle:
            count = export(handle)
    else:
        count = export(out)
    print(f"hamkari: exported {count} {args.kind}", file=err)
    return 0


def cmd_user(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import getpass
    import os

    django_setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from hamkari.accounts.services import user_create
    from hamkari.kb.models import Entity
    from hamkari.kb.services import reference_load

    if get_user_model().objects.filter(username=args.username).exists():
        print(f"hamkari: the user {args.username!r} exists already", file=err)
        return 1
    reference_load()
    scope = []
    for item in args.scope:
        found = (
            Entity.objects.filter(pk=int(item)).first()
            if item.isdigit()
            else Entity.objects.filter(type="region", ref=item.upper()).first()
        )
        if found is None:
            print(f"hamkari: no region or entity {item!r}", file=err)
            return 1
        scope.append(found)
    password = os.environ.get("HAMKARI_USER_PASSWORD") or getpass.getpass(f"password for {args.username}: ")
    try:
        validate_password(password)
    except ValidationError as exc:
        print("hamkari: " + " ".join(exc.messages), file=err)
        return 1
    user_create(username=args.username, password=password, role=args.role, scope=scope)
    print(f"hamkari: created {args.role} {args.username}", file=out)
    return 0


def cmd_remind(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    django_setup()
    from django.utils import timezone

    from hamkari.tracker.remind import send_digests

    sent = send_digests(today=timezone.localdate(), lead_days=args.days, dry_run=args.dry_run)
    for address, body in sent if args.dry_run else []:
        print(f"== {address}\n{body}", file=out)
    print(f"hamkari: {len(sent)} digest(s) {'composed' if args.dry_run else 'sent'}", file=err)
    return 0


def _region(name: str) -> Any:
    from hamkari.extraction import extract
    from hamkari.kb.models import Entity

    found = Entity.objects.filter(type="region", ref=name.upper()).first()
    if found is None:
        refs = [e.ref for e in extract(name).entities if e.type == "region" and e.ref]
        found = Entity.objects.filter(type="region", ref__in=refs[:1]).first()
    return found


def cmd_brief(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    django_setup()
    from hamkari.kb.services import reference_load
    from hamkari.tracker import brief, selectors
    from hamkari.tracker.models import WorkingGroup
    from hamkari.web.i18n import compile_messages

    compile_messages()
    reference_load()
    if args.working_group is not None:
        group = WorkingGroup.objects.filter(pk=args.working_group).first()
        if group is None:
            print(f"hamkari: no working group {args.working_group}", file=err)
            return 1
        data = selectors.group_brief(group)
    elif len(args.regions) == 2:
        regions = [_region(name) for name in args.regions]
        if None in regions:
            missing = [n for n, r in zip(args.regions, regions, strict=True) if r is None]
            print(f"hamkari: unknown region {', '.join(missing)}", file=err)
            return 1
        data = selectors.pair_brief(*regions)
    else:
        print("hamkari: give two regions or --working-group ID", file=err)
        return 2
    html = brief.render_html(data, language=args.language)
    if args.html:
        Path(args.html).write_text(html, encoding="utf-8")
    if args.pdf:
        Path(args.pdf).write_bytes(brief.render_pdf(html))
    if not args.html and not args.pdf:
        out.write(html)
    return 0


def _print_json(out: TextIO, value: object) -> None:
    out.write(json.dumps(value, ensure_ascii=False, indent=1, default=str) + "\n")


def cmd_partners(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    django_setup()
    from hamkari.kb.services import reference_load
    from hamkari.partners.finder import rank
    from hamkari.partners.models import Firm

    reference_load()
    weights = {}
    for item in args.weight:
        name, _, value = item.partition("=")
        try:
            weights[name] = float(value)
        except ValueError:
            print(f"hamkari: weight {name} needs a number, not {value!r}", file=err)
            return 2
    sector = None
    if args.region.startswith("firm:"):
        number = args.region[5:]
        firm = (
            Firm.objects.select_related("region").filter(pk=int(number)).first() if number.isdigit() else None
        )
        if firm is None:
            print(f"hamkari: no firm {args.region[5:]}", file=err)
            return 1
        code, sector = firm.region.ref, firm.sector
    else:
        region = _region(args.region)
        if region is None:
            print(f"hamkari: unknown region {args.region!r}", file=err)
            return 1
        code = region.ref
    try:
        results = rank(code, top=args.top, weights=weights, sector=sector, language=args.language)
    except ValueError as exc:
        print(f"hamkari: {exc}", file=err)
        return 2
    if args.json:
        _print_json(out, [r.as_dict() for r in results])
    else:
        for n, r in enumerate(results, start=1):
            parts = "  ".join(f"{k} {'-' if v is None else f'{v:.2f}'}" for k, v in r.components.items())
            print(f"{n:>2}. {r.code:<7} {r.score:.3f}  {parts}\n    {r.explanation}", file=out)
    return 0


def cmd_consortium(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    django_setup()
    from hamkari.partners.finder import propose

    wanted = [s.strip() for s in args.sectors.split(",") if s.strip()]
    try:
        found = propose(
            market=args.market,
            sectors=wanted,
            proposals=args.proposals,
            shared_regions=args.shared_regions,
            language=args.language,
        )
    except ValueError as exc:
        print(f"hamkari: {exc}", file=err)
        return 2
    if args.json:
        _print_json(out, [p.as_dict() for p in found])
    else:
        for n, p in enumerate(found, start=1):
            print(
                f"{n}. score {p.score:.3f} (coverage {p.coverage:.2f}, competition {p.competition:.2f})",
                file=out,
            )
            for m in p.members:
                print(f"   {m.country} {m.kind} {m.name}: {m.reason}", file=out)
    return 0


def cmd_route(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from hamkari.partners import routes

    django_setup(migrate=False)
    start, end = routes.resolve(args.start), routes.resolve(args.end)
    if start is None or end is None:
        print(f"hamkari: unknown place {args.start if start is None else args.end!r}", file=err)
        return 1
    try:
        found = routes.routes(start, end, options=args.options, modes=tuple(args.modes.split(",")))
    except ValueError as exc:
        print(f"hamkari: {exc}", file=err)
        return 2
    lang = args.language
    if args.json:
        _print_json(out, [r.as_dict(lang) for r in found])
    else:
        for n, r in enumerate(found, start=1):
            print(f"{n}. [{r.branch}] {r.summary(lang)}, {r.mode_changes} change(s) of mode", file=out)
            for leg in r.legs:
                ends = f"{routes.node_name(leg.start, lang)} → {routes.node_name(leg.end, lang)}"
                line = f"   {leg.mode:<4} {ends}: {leg.km} km, {leg.days:.1f} days"
                cited = "; ".join(
                    "estimate from coordinates" if s.startswith("estimate:") else s for s in leg.sources
                )
                print(f"{line} ({cited})", file=out)
    if not found:
        print("hamkari: no route", file=err)
        return 1
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    django_setup()
    from hamkari.kb.services import reference_load
    from hamkari.partners.services import ImportError_, firms_import, trade_import

    reference_load()
    try:
        data = Path(args.file).read_bytes()
        count = (firms_import if args.kind == "firms" else trade_import)(data=data, name=args.file)
    except (OSError, ImportError_) as exc:
        print(f"hamkari: {args.file}: {exc}", file=err)
        return 1
    print(f"hamkari: imported {count} {args.kind} rows", file=out)
    return 0


def cmd_token(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    django_setup()
    from django.contrib.auth import get_user_model

    from hamkari.accounts.services import token_create

    user_model = get_user_model()
    user = user_model.objects.filter(username=args.username).first()
    if user is None and args.create_user:
        user = user_model.objects.create_user(username=args.username)
    if user is None:
        print(f"hamkari: no user {args.username!r} (use --create-user)", file=err)
        return 1
    print(token_create(user=user, name=args.name), file=out)
    return 0


def cmd_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    django_setup()
    from django.core.management import call_command

    from hamkari.accounts.services import administrator_ensure
    from hamkari.kb.ingest import run_batch
    from hamkari.kb.models import Article
    from hamkari.kb.services import reference_load
    from hamkari.web.i18n import compile_messages

    compile_messages()
    call_command("collectstatic", interactive=False, verbosity=0)
    reference_load()
    if not args.no_samples and not Article.objects.exists():
        summary = run_batch([str(Path(__file__).parent / "samples")], progress=False)
        print(f"hamkari: sample articles: {summary.lines()[0]}", file=out)
    created = administrator_ensure()
    if created is not None and created.generated_password:  # never a password the operator chose
        print(
            f"hamkari: created the administrator 'admin' with the password {created.generated_password}",
            file=out,
        )
        print("hamkari: change it after logging in (Change password)", file=out)
    elif created is not None:
        print(
            "hamkari: created the administrator 'admin' with the password of HAMKARI_ADMIN_PASSWORD", file=out
        )
    import waitress

    from hamkari.wsgi import application

    print(f"hamkari: serving on http://{args.host}:{args.port}/ (Ctrl-C stops)", file=out, flush=True)
    waitress.serve(application, host=args.host, port=args.port, threads=args.threads, ident="hamkari")
    return 0


def cmd_manage(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    django_setup(migrate=False)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["hamkari manage", *args.args])
    return 0


def iter_inputs(paths: Sequence[str], max_bytes: int = MAX_BYTES) -> Iterator[tuple[str, bytes | InputError]]:
    for raw in paths:
        if raw == "-":
            yield "-", sys.stdin.buffer.read()
            continue
        path = Path(raw)
        if path.is_dir():
            files = folder_files(path, SKIPPED_SUFFIXES)
            if not files:
                yield raw, InputError("folder holds no article files")
            for f in files:
                yield from _read_file(f, max_bytes)
        else:
            yield from _read_file(path, max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[tuple[str, bytes | InputError]]:
    try:
        size = path.stat().st_size
        if size > max_bytes:  # refused before it is read into memory
            yield str(path), InputError(f"file is too large: {size:,} bytes (limit {max_bytes:,})")
            return
        yield str(path), path.read_bytes()
    except FileNotFoundError:
        yield str(path), InputError("no such file or folder")
    except IsADirectoryError:
        yield str(path), InputError("is a folder")
    except PermissionError:
        yield str(path), InputError("permission denied")
    except OSError as exc:
        yield str(path), InputError(f"cannot read: {exc.strerror or exc}")


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    failed = 0
    for source, data in iter_inputs(args.paths, args.max_bytes):
        try:
            if isinstance(data, InputError):
                raise data
            article = read_bytes(data, source, max_bytes=args.max_bytes)
        except InputError as exc:
            failed += 1
            print(f"hamkari: {source}: {exc}", file=err)
            continue
        for note in article.notes:
            print(f"hamkari: {source}: note: {note}", file=err)
        try:
            doc = extract(
                article.text, source=source, language=args.lang, published=args.published or article.published
            )
        except ExtractionError as exc:  # this article fails alone, in one line
            failed += 1
            print(f"hamkari: {source}: {exc}", file=err)
            continue
        result = to_json(doc)
        if args.json:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
        else:
            out.write(report(result, article))
    return 1 if failed else 0


def _quote(text: str, span: list[int], width: int = 90) -> str:
    words = " ".join(text[span[0] : span[1]].split())
    return words if len(words) <= width else words[: width - 1] + "…"


CORE_KEYS = {"schema", "document", "entities", "events", "instruments", "commitments", "quantities"}


def report(result: dict[str, Any], article: Article) -> str:
    """A readable report that quotes the words behind every fact."""
    text = article.text
    d = result["document"]
    lines = [
        f"== {d['source']}",
        f"language {d['language']}  published {d['published'] or '-'}"
        + (f" ({d['published_jalali']})" if d["published_jalali"] else ""),
    ]
    if d["title"]:
        lines.append(f"title    {d['title']}")
    for o in d["outlets"]:
        lines.append(f"outlet   {o['name']}  [{o['span'][0]}:{o['span'][1]}]")
    for e in result["entities"]:
        first = e["mentions"][0]
        label = e.get("ref") or e.get("kind") or ""
        lines.append(
            f"{e['type']:<12} {e['name']}  {label}  ×{len(e['mentions'])}  «{_quote(text, first)}» "
            f"[{first[0]}:{first[1]}] {e['provenance'][0]['rule']}"
        )
        for r in e.get("roles", []):
            where = ", ".join(x for x in (r["region"], r["country"], r["organization"]) if x)
            lines.append(f"    role {r['role']} ({where})  «{_quote(text, r['span'])}»")
    for ev in result["events"]:
        lines.append(f"event        {ev['type']} {ev['date'] or ''}  «{_quote(text, ev['evidence'])}»")
    for i in result["instruments"]:
        lines.append(f"instrument   {i['kind']} → {i['status']}  «{_quote(text, i['evidence'])}»")
    for c in result["commitments"]:
        due = c["due"] or c["due_relative"] or ""
        lines.append(f"commitment   {c['action']}  {due}  «{_quote(text, c['evidence'])}»")
    for q in result["quantities"]:
        lines.append(f"quantity     {q['value']} {q['unit'] or ''}  «{q['text']}»")
    for name in result.keys() - CORE_KEYS:  # kinds a component contributes (Document.more)
        for fact in result[name]:
            lines.append(f"{name.rstrip('s'):<12} {fact['summary']}  «{_quote(text, fact['evidence'])}»")
    return "\n".join(lines) + "\n\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands = {
        "extract": cmd_extract,
        "ingest": cmd_ingest,
        "reextract": cmd_reextract,
        "serve": cmd_serve,
        "user": cmd_user,
        "remind": cmd_remind,
        "brief": cmd_brief,
        "partners": cmd_partners,
        "consortium": cmd_consortium,
        "route": cmd_route,
        "import": cmd_import,
        "export": cmd_export,
        "token": cmd_token,
        "manage": cmd_manage,
    }
    return commands[args.command](args, sys.stdout, sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
