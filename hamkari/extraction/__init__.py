"""Hamkari's extraction core: a plain Python package (no Django) that turns one article into
facts, each with the span of the original text it came from.

    >>> from hamkari.extraction import extract
    >>> doc = extract("…", source="a.txt")
    >>> to_json(doc)["entities"]
"""

from __future__ import annotations

import datetime as dt
import functools

from hamkari.extraction.components.commitments import CommitmentFinder
from hamkari.extraction.components.events import EventFinder, InstrumentFinder
from hamkari.extraction.components.lexical import Gazetteer, LexiconMatcher
from hamkari.extraction.components.organizations import OrganizationFinder
from hamkari.extraction.components.outlets import OutletFinder
from hamkari.extraction.components.people import PeopleFinder
from hamkari.extraction.components.quantities import QuantityFinder
from hamkari.extraction.components.text import (
    HeaderReader,
    LanguageDetector,
    Normalizer,
    SentenceSplitter,
    Tokenizer,
)
from hamkari.extraction.document import Document, Provenance
from hamkari.extraction.pipeline import Pipeline
from hamkari.extraction.serialize import to_json

__all__ = ["VERSION", "Document", "default_pipeline", "extract", "to_json"]

VERSION = "1.0.0"
LANGUAGES = ("fa", "ru", "en")


@functools.cache
def default_pipeline() -> Pipeline:
    return Pipeline(
        [
            Normalizer(),
            LanguageDetector(),
            SentenceSplitter(),
            Tokenizer(),
            HeaderReader(),
            LexiconMatcher(),
            OutletFinder(),
            Gazetteer(),
            OrganizationFinder(),
            PeopleFinder(),
            EventFinder(),
            InstrumentFinder(),
            CommitmentFinder(),
            QuantityFinder(),
        ]
    )


def extract(
    text: str, *, source: str = "-", language: str | None = None, published: dt.date | None = None
) -> Document:
    """Run the default pipeline over one article's decoded text."""
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; use one of {', '.join(LANGUAGES)}")
    doc = Document(text=text, source=source, language=language, published=published)
    if published is not None:
        doc.published_provenance = Provenance("input", "given by the caller")
    return default_pipeline()(doc)
