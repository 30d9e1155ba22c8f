"""Storing an article and every fact extracted from it, and extracting it again."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from django.db import IntegrityError, OperationalError, connection, transaction

from hamkari.extraction import VERSION, extract
from hamkari.extraction.dates import JALALI_END, JALALI_START, to_jalali
from hamkari.extraction.document import Document
from hamkari.extraction.normalize import fold
from hamkari.kb import duplicates, search
from hamkari.kb.facts import FACT_KINDS, FactKind, Found, NaturalKey, instrument_status_update
from hamkari.kb.models import (
    SAMPLE_URL_PREFIX,
    Article,
    ExtractionRun,
    Instrument,
    Outlet,
    ReviewState,
)
from hamkari.kb.services import stories
from hamkari.kb.services.resolve import aliases_add, people_known, resolve_all
from hamkari.kb.signals import article_stored
from hamkari.sources.inputs import InputError, text_check
from hamkari.sources.items import is_url

T = TypeVar("T")


def publication_check(published: dt.date | None) -> None:
    """A publication date the Jalali dates of pages and exports can show, else InputError."""
    # the templates are msgids of the catalogues: the error is said in the reader's language
    if published is not None and published < JALALI_START:
        raise InputError(
            "publication date %(date)s is before the Jalali calendar (%(start)s)",
            date=published,
            start=JALALI_START,
        )
    if published is not None and published > JALALI_END:
        raise InputError(
            "publication date %(date)s is after the last day of the Jalali calendar (%(end)s)",
            date=published,
            end=JALALI_END,
        )


def content_hash(folded: str) -> str:
    """The duplicate key of an article's folded text (`normalize.fold`): equal for the same article
    re-encoded, with other letter forms or other whitespace."""
    return hashlib.sha256("".join(unicodedata.normalize("NFC", folded).split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IngestOutcome:
    status: Literal["new", "duplicate"]
    article: Article


def article_ingest(
    *,
    text: str,
    source: str = "",
    url: str = "",
    published: dt.date | None = None,
    outlet: str | None = None,
    language: str | None = None,
    source_region: str = "",
) -> IngestOutcome:
    """Store one article with all its facts in one transaction; the same text again changes nothing.
    `source_region` is the region code the watched source it came from covers, kept on the article
    as the source's (not as a fact of the text).
    A text that is not one (NUL characters, only control characters) or a date before the Jalali
    calendar raises InputError; an article the extractor cannot finish raises ExtractionError."""
    text = text_check(text)
    publication_check(published)
    # the one folding of the text: the duplicate key, the shingles, the extractor and the index use it
    folded = fold(text)
    digest = content_hash(folded.text)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return IngestOutcome("duplicate", existing)
    doc = extract(text, source=source or url or "-", language=language, published=published, folded=folded)
    if doc.published is not None and doc.published < JALALI_START:
        doc.published = None  # a date read from the text that no calendar of ours can show
    shingles = duplicates.shingles(folded.text)
    return busy_retry(
        lambda: _article_store(
            doc, text, digest, shingles, source=source, url=url, outlet=outlet, source_region=source_region
        )
    )


def busy_retry(write: Callable[[], T], *, attempts: int = 5) -> T:
    """SQLite lets one writer in at a time; a writer that waited past the busy timeout gets
    «database is locked». The whole transaction is tried again (outside any caller's
    transaction only), so that an accepted article is never lost."""
    for attempt in range(attempts):
        try:
            return write()
        except OperationalError as exc:
            last = attempts - 1
            if "database is locked" not in str(exc) or connection.in_atomic_block or attempt == last:
                raise
            time.sleep(0.2 * 2**attempt)
    raise AssertionError("unreachable")


def _article_store(
    doc: Document,
    text: str,
    digest: str,
    shingles: set[bytes],
    *,
    source: str,
    url: str,
    outlet: str | None,
    source_region: str = "",
) -> IngestOutcome:
    with transaction.atomic():
        existing = Article.objects.select_for_update().filter(content_hash=digest).first()
        if existing is not None:
            return IngestOutcome("duplicate", existing)
        outlet_name = outlet or (doc.outlets[0].name if doc.outlets else None)
        try:
            # PostgreSQL: the same text ingested at the same moment by another process is only
            # seen at the unique index; the savepoint lets us answer with the stored article
            with transaction.atomic():
                article = Article.objects.create(
                    outlet=_outlet(outlet_name) if outlet_name else None,
                    source=source[:1000],
                    # the page links to it: a «javascript:» address must not survive (the
                    # bundled samples' own addresses are kept: they mark them, never linked)
                    url=url[:2000] if is_url(url) or url.startswith(SAMPLE_URL_PREFIX) else "",
                    title=(doc.title or "")[:500],
                    text=text,
                    content_hash=digest,
                    language=doc.language or "",
                    published=doc.published,
                    published_jalali=to_jalali(doc.published) if doc.published else "",
                    minhash=duplicates.signature(shingles) if shingles else [],
                    shingles=len(shingles),
                    source_region=source_region[:10],
                )
        except IntegrityError:
            existing = Article.objects.filter(content_hash=digest).first()
            if existing is None:
                raise
            return IngestOutcome("duplicate", existing)
        run = ExtractionRun.objects.create(article=article, extractor_version=VERSION)
        _store(doc, article, run, keep=set())
        assert doc.folded is not None
        search.index_article(article, doc.folded.text)
        # after the commit, so that listeners (alerts) see the article with all its facts
        transaction.on_commit(lambda: _announce(article.pk), robust=True)
    return IngestOutcome("new", article)


def _announce(article_id: int) -> None:
    article_stored.send(sender=Article, article_id=article_id)


def article_reextract(*, article: Article) -> ExtractionRun:
    """Extract an article again. Facts an analyst reviewed or edited stay exactly as they are;
    unreviewed facts are replaced by the new extraction's."""
    doc = extract(
        article.text,
        source=article.source or "-",
        language=article.language or None,
        published=article.published,
    )
    with transaction.atomic():
        # the article's instruments are reused, not created again, when their steps are replaced
        previous = {i.kind: i for i in Instrument.objects.filter(steps__article=article).distinct()}
        keep: set[NaturalKey] = set()
        for kind in FACT_KINDS.values():
            facts = kind.model._default_manager.filter(article=article)
            keep |= {kind.natural_key(fact) for fact in facts.select_related(*kind.related) if fact.reviewed}
            facts.filter(review_state=ReviewState.PROPOSED, edited=False).delete()
        run = ExtractionRun.objects.create(article=article, extractor_version=VERSION)
        _store(doc, article, run, keep=keep, previous=previous)
        for instrument in Instrument.objects.filter(steps__article=article).distinct():
            instrument_status_update(instrument=instrument)
        # an instrument the new extraction no longer finds goes, unless a user tied work to it
        Instrument.objects.filter(
            pk__in=[i.pk for i in previous.values()],
            steps__isnull=True,
            working_group__isnull=True,
            members__isnull=True,
        ).delete()
        assert doc.folded is not None
        search.index_article(article, doc.folded.text)
    return run


def _outlet(name: str) -> Outlet:
    key = " ".join(fold(name).text.split())[:300]
    outlet, _ = Outlet.objects.get_or_create(key=key, defaults={"name": name[:300]})
    return outlet


def _store(
    doc: Document,
    article: Article,
    run: ExtractionRun,
    keep: set[NaturalKey],
    previous: dict[str, Instrument] | None = None,
) -> None:
    """Every fact of the document, kind by kind as the registry lists them; the story is assigned
    once the article's mentions are stored (it compares them), before the kinds that need it."""
    doc.entities.extend(people_known(doc))
    resolved = resolve_all(doc)
    entities = {key: entity for key, (entity, _) in resolved.items()}
    aliases_add(doc, entities)
    found = Found(doc=doc, article=article, run=run, resolved=resolved, previous=previous or {})
    kinds = [k for k in FACT_KINDS.values() if k.build is not None]
    for kind in [k for k in kinds if not k.needs_story]:
        _store_kind(kind, found, keep)
    found.story = stories.story_assign(article=article, doc=doc, keep=keep, run=run, entities=entities)
    for kind in [k for k in kinds if k.needs_story]:
        _store_kind(kind, found, keep)
    for instrument in found.instruments:
        instrument_status_update(instrument=instrument)


def _store_kind(kind: FactKind, found: Found, keep: set[NaturalKey]) -> None:
    assert kind.build is not None
    facts = [f for f in kind.build(found) if kind.natural_key(f) not in keep]
    kind.model._default_manager.bulk_create(facts)
    kind.after_create(facts)
