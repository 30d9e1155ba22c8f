"""Hamkari's extraction core: a plain Python package (no Django) that turns one article into
facts, each with the span of the original text it came from.

    >>> from hamkari.extraction import extract
    >>> doc = extract("…", source="a.txt")
    >>> to_json(doc)["entities"]
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import os

from hamkari.extraction.components import COMPONENTS
from hamkari.extraction.document import Budget, Document, Provenance, TimeBudgetExceeded
from hamkari.extraction.errors import ExtractionError
from hamkari.extraction.normalize import Folded
from hamkari.extraction.pipeline import Pipeline
from hamkari.extraction.serialize import to_json

__all__ = [
    "DEFAULT_BUDGET",
    "VERSION",
    "Document",
    "ExtractionError",
    "TimeBudgetExceeded",
    "default_pipeline",
    "extract",
    "to_json",
]

VERSION = "1.0.0"
LANGUAGES = ("fa", "ru", "en")
# Seconds one article may take. An article of the largest accepted size (5 MiB) takes a few
# seconds, so only a pathological text reaches it; HAMKARI_EXTRACTION_BUDGET overrides it.
DEFAULT_BUDGET = 30.0
BUDGET_VARIABLE = "HAMKARI_EXTRACTION_BUDGET"


@functools.cache
def default_pipeline() -> Pipeline:
    """Every registered component (`hamkari.extraction.components`), in the order their
    declarations give (`pipeline.in_order`)."""
    return Pipeline(component() for component in COMPONENTS)


def default_budget() -> float:
    """The time budget of one article in seconds: HAMKARI_EXTRACTION_BUDGET, else DEFAULT_BUDGET;
    `0` or `inf` there means no limit."""
    raw = os.environ.get(BUDGET_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_BUDGET
    try:
        seconds = float(raw)
    except ValueError:
        raise ExtractionError(
            "%(variable)s must be a number of seconds, not %(value)s",
            variable=BUDGET_VARIABLE,
            value=repr(raw[:40]),
        ) from None
    if math.isnan(seconds) or seconds < 0:
        raise ExtractionError(
            "%(variable)s must be a number of seconds, not %(value)s",
            variable=BUDGET_VARIABLE,
            value=repr(raw[:40]),
        )
    return seconds or math.inf


def extract(
    text: str,
    *,
    source: str = "-",
    language: str | None = None,
    published: dt.date | None = None,
    budget: float | None = None,
    folded: Folded | None = None,
) -> Document:
    """Run the default pipeline over one article's decoded text.

    `budget` is the most seconds it may take (default: `default_budget()`; `math.inf` for no
    limit); `folded` is the text's `normalize.fold` when the caller made it already. Raises
    `ExtractionError` (one line) and nothing else: for a bad argument, a spent budget
    (`TimeBudgetExceeded`) or a fault inside a component."""
    if not isinstance(text, str):
        raise ExtractionError("the text must be a str, not %(type)s", type=type(text).__name__)
    if language is not None and language not in LANGUAGES:
        raise ExtractionError(
            "unsupported language %(language)s; use one of %(languages)s",
            language=repr(language),
            languages=", ".join(LANGUAGES),
        )
    seconds = default_budget() if budget is None else budget
    if not seconds > 0:
        raise ExtractionError(
            "the time budget must be a positive number of seconds, not %(value)s", value=repr(seconds)
        )
    doc = Document(text=text, source=source, language=language, published=published, folded=folded)
    if published is not None:
        doc.published_provenance = Provenance("input", "given by the caller")
    if seconds != math.inf:
        doc.budget = Budget.starting_now(seconds)
    return default_pipeline()(doc)
