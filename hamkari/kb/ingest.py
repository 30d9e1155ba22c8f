"""Storing what `hamkari.sources.items` reads: one article per transaction, a summary per batch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import get_language, gettext
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from hamkari.extraction import ExtractionError
from hamkari.kb.calendar import digits_in
from hamkari.kb.reasons import said
from hamkari.kb.services import IngestOutcome, article_ingest
from hamkari.sources.inputs import InputError
from hamkari.sources.items import Item, items
from hamkari.sources.reasons import Reason, reason_of


@dataclass
class Summary:
    new: int = 0
    duplicate: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False

    def lines(self) -> list[str]:
        """The summary in the active language, its counts in its digits (each failure's reason too,
        when it has a template)."""
        language = get_language() or "en"
        counts = {
            name: digits_in(count, language)
            for name, count in (
                ("new", self.new),
                ("duplicate", self.duplicate),
                ("failed", len(self.failed)),
            )
        }
        out = [gettext("new %(new)s, duplicate %(duplicate)s, failed %(failed)s") % counts]
        out += [
            "  " + gettext("failed %(item)s: %(reason)s") % {"item": source, "reason": said(reason)}
            for source, reason in self.failed
        ]
        if self.interrupted:
            out.append(
                gettext(
                    "interrupted: every article stored so far is complete; the one in progress was not stored"
                )
            )
        return out


def item_ingest(item: Item, *, published: dt.date | None = None) -> IngestOutcome:
    """Store one item read by `items` (its own date wins over `published`); an item that could
    not be read, an article the extractor cannot finish, or one the store refuses, raises
    InputError with the reason."""
    if item.error is not None or item.text is None:
        raise InputError.of(item.error or Reason("no text"))
    try:
        return article_ingest(
            text=item.text,
            source=item.source,
            url=item.url,
            published=item.published or published,
            outlet=item.outlet,
        )
    except ExtractionError as exc:  # this item fails alone; nothing of it was stored
        raise InputError.of(reason_of(exc)) from exc


def run_batch(paths: list[str], *, progress: bool = True, published: dt.date | None = None) -> Summary:
    """Ingest every item of every path, each article in its own transaction."""
    summary = Summary()
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    # the bar goes to standard error, so that the summary on standard output can be piped
    with Progress(*columns, disable=not progress, transient=False, console=Console(stderr=True)) as bar:
        task = bar.add_task("ingesting", total=None)
        try:
            for item in items(paths):
                bar.update(task, description=f"ingesting {Path(item.source).name[:40]}")
                try:
                    outcome = item_ingest(item, published=published)
                except InputError as exc:
                    summary.failed.append((item.source, reason_of(exc)))
                else:
                    if outcome.status == "new":
                        summary.new += 1
                    else:
                        summary.duplicate += 1
                bar.advance(task)
        except KeyboardInterrupt:
            summary.interrupted = True
    return summary
