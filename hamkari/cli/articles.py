"""Articles: extract facts from files, ingest them into the knowledge base, extract stored
articles again, export the knowledge base."""

from __future__ import annotations

import argparse
import errno
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hamkari.cli.command import CliError, command, option, output_path
from hamkari.cli.language import digits
from hamkari.cli.report import report
from hamkari.cli.values import publication_date, whole
from hamkari.extraction import LANGUAGES, ExtractionError, extract, to_json
from hamkari.kb.exports import KINDS, write_export
from hamkari.kb.ingest import run_batch
from hamkari.kb.reasons import reason, said
from hamkari.kb.selectors import article_ids_missing, article_iter
from hamkari.kb.services import article_reextract
from hamkari.monitoring.jobs import job_reextract_start
from hamkari.sources.faults import OS_FAULTS, os_fault
from hamkari.sources.inputs import MAX_BYTES, InputError, folder_files, read_bytes
from hamkari.sources.reasons import Reason

SKIPPED_SUFFIXES = (".json", ".jsonl", ".py", ".pyc", ".gz", ".zip")
EXPORT_KINDS = tuple(KINDS)


@command(
    "extract",
    option("paths", nargs="+", metavar="FILE_OR_DIR"),
    option("--json", action="store_true", help="print JSON Lines (schema hamkari.extraction/1)"),
    option(
        "--published",
        type=publication_date,
        metavar="YYYY-MM-DD",
        help="publication date to resolve relative deadlines when the text gives none",
    ),
    option("--lang", choices=LANGUAGES, help="language of every input (default: detected)"),
    option(
        "--max-bytes",
        type=whole(1),
        default=MAX_BYTES,
        metavar="N",
        help=f"largest input file in bytes (default {MAX_BYTES})",
    ),
    help="extract facts from article files",
    description=(
        "Extract facts from articles. Each path is a file, a folder (its files, recursively, in name "
        "order) or '-' for standard input. A file that cannot be read gets one line on stderr and "
        "the others are still processed; the exit status is 1 when any file failed."
    ),
    database=False,
)
def extract_files(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    failed = 0
    for source, data in iter_inputs(args.paths, args.max_bytes):
        try:
            if isinstance(data, InputError):
                raise data
            article = read_bytes(data, source, max_bytes=args.max_bytes)
        except InputError as exc:
            failed += 1
            print(f"hamkari: {source}: {reason(exc)}", file=err)
            continue
        for note in article.notes:
            print(f"hamkari: {source}: " + _("note: %(note)s") % {"note": said(note)}, file=err)
        try:
            doc = extract(
                article.text, source=source, language=args.lang, published=args.published or article.published
            )
        except ExtractionError as exc:  # this article fails alone, in one line
            failed += 1
            print(f"hamkari: {source}: {reason(exc)}", file=err)
            continue
        result = to_json(doc)
        out.write(json.dumps(result, ensure_ascii=False) + "\n" if args.json else report(result, article))
    return 1 if failed else 0


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
            yield (
                str(path),
                InputError(
                    "file is too large: %(size)s bytes (limit %(limit)s)",
                    size=f"{size:,}",
                    limit=f"{max_bytes:,}",
                ),
            )
            return
        yield str(path), path.read_bytes()
    except OSError as exc:  # a missing file, a folder, no permission: the phrase alone
        said = os_fault(exc)
        plain = said in (OS_FAULTS[errno.ENOENT], OS_FAULTS[errno.EACCES], OS_FAULTS[errno.EISDIR])
        yield str(path), InputError.of(said if plain else Reason("cannot read: %(fault)s", fault=said))


@command(
    "ingest",
    option("paths", nargs="+", metavar="PATH_OR_URL"),
    option(
        "--published",
        type=publication_date,
        metavar="YYYY-MM-DD",
        help="publication date for items that carry none",
    ),
    option("--no-progress", action="store_true", help="no progress bar (the summary is still printed)"),
    help="store articles and their facts in the knowledge base",
    description=(
        "Ingest articles into the knowledge base: files, folders, .html pages, .jsonl (one article per "
        "line with text, url, published, outlet), RSS/Atom feeds (files or URLs) and web pages (URLs). "
        "Each article is stored in its own transaction; the same text twice is a duplicate and changes "
        "nothing. Exit status 1 when any item failed, 130 when interrupted."
    ),
)
def ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    summary = run_batch(args.paths, progress=not args.no_progress and err.isatty(), published=args.published)
    for line in summary.lines():
        print(line, file=out)
    if summary.interrupted:
        return 130
    return 1 if summary.failed else 0


@command(
    "reextract",
    option("articles", nargs="*", type=whole(1), metavar="ARTICLE_ID"),
    option("--all", action="store_true", help="every stored article"),
    option("--queue", action="store_true", help="queue a job for 'hamkari worker' instead of working here"),
    help="extract stored articles again with the current extractor",
    description=(
        "Run the current extractor over stored articles again. Facts an analyst "
        "reviewed or edited stay exactly as they are; the others are replaced. "
        "Exit status 1 when a given article does not exist. With --queue, a job does it in "
        "the background (one task per article, retried when the database is busy) and the "
        "command prints the job's number at once."
    ),
)
def reextract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.all == bool(args.articles):
        raise CliError(_("give article numbers or --all (not both)"), 2)
    if args.queue:
        job = job_reextract_start(creator=None, articles=None if args.all else args.articles)
        said = _("queued job %(job)s; 'hamkari worker' runs it ('hamkari job %(job)s' shows it)") % {
            "job": job.pk
        }
        print(f"hamkari: {said}", file=out)
        return 0
    missing = article_ids_missing(ids=args.articles) if args.articles else []
    for pk in missing:
        print("hamkari: " + _("no article %(id)s") % {"id": digits(pk)}, file=err)
    count = 0
    for article in article_iter(ids=None if args.all else args.articles):
        article_reextract(article=article)
        count += 1
    said = ngettext("extracted %(n)s article again", "extracted %(n)s articles again", count) % {
        "n": digits(count)
    }
    print(f"hamkari: {said}", file=out)
    return 1 if missing else 0


@command(
    "export",
    option("kind", choices=EXPORT_KINDS),
    option("--format", choices=("jsonl", "csv"), default="jsonl", help="JSON Lines (default) or CSV"),
    option("--output", "-o", metavar="FILE", help="write to FILE (its folder must exist) instead of stdout"),
    help="export the knowledge base for spreadsheets",
    description=(
        "Write one kind of record as JSON Lines or CSV (UTF-8 with BOM, so that spreadsheet programs "
        "read Persian and Russian correctly)."
    ),
)
def export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    def write(handle: TextIO) -> int:
        if args.format == "csv":
            handle.write("\ufeff")  # spreadsheet programs read CSV as UTF-8 only after a BOM
        return write_export(args.kind, args.format, handle)

    if args.output:
        path = output_path(args.output)
        try:
            with path.open("w", encoding="utf-8", newline="") as handle:
                count = write(handle)
        except OSError as exc:
            why = {"name": args.output, "why": reason(exc)}
            raise CliError(_("%(name)s: cannot write: %(why)s") % why) from exc
    else:
        count = write(out)
    said = ngettext("exported %(n)s record (%(kind)s)", "exported %(n)s records (%(kind)s)", count)
    print("hamkari: " + said % {"n": digits(count), "kind": args.kind}, file=err)
    return 0
