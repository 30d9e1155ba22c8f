"""The knowledge base's endpoints: articles, people, regions, events, instruments, commitments,
search, ingest and review.

Reads need a login or a token (or HAMKARI_PUBLIC_READ); writes need `Authorization: Bearer
<token>` (`hamkari token USER`). Every error has one shape:
`{"error": {"status": 404, "code": "not_found", "message": "…"}}`, and a malformed request is a
4xx with a message, never a 500."""

# No `from __future__ import annotations` here: django-ninja reads the annotations at import.
import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from hamkari.accounts import permissions
from hamkari.api.core import (
    MAX_ID,
    FactKindName,
    InstrumentKind,
    InstrumentStatus,
    Language,
    Paged,
    ReviewStateName,
    TokenAuth,
    one,
    shown,
)
from hamkari.api.jobs import JobStarted, job_started
from hamkari.kb import search, selectors, services
from hamkari.kb.facts import FACT_KINDS
from hamkari.kb.models import Article, Commitment, Entity, Instrument, Story
from hamkari.kb.reasons import reason
from hamkari.monitoring.jobs import job_ingest_start
from hamkari.sources.inputs import MAX_BYTES, InputError

router = Router()


# --- schemas ------------------------------------------------------------------------------


class ArticleOut(Schema):
    id: int
    title: str
    language: str
    published: dt.date | None
    published_jalali: str
    outlet: str | None
    url: str
    story: int | None


def _article_out(a: Article) -> dict[str, Any]:
    return {
        "id": a.pk,
        "title": a.title,
        "language": a.language,
        "published": a.published,
        "published_jalali": a.published_jalali,
        "outlet": a.outlet.name if a.outlet else None,
        "url": a.url,
        "story": a.story_id,
    }


class SpanOut(Schema):
    start: int
    end: int
    kind: str
    text: str


class FactOut(Schema):
    id: int
    kind: str
    start: int
    end: int
    text: str
    component: str
    rule: str
    review_state: str
    detail: dict[str, Any]


class ArticleDetail(ArticleOut):
    text: str
    highlights: list[SpanOut]
    facts: list[FactOut]


class EntityOut(Schema):
    id: int
    type: str
    ref: str | None
    name: str
    country: str
    spellings: list[str] = Field(default_factory=list)


class PersonDetail(EntityOut):
    positions: list[dict[str, Any]]
    mentions: list[dict[str, Any]]


class StoryOut(Schema):
    id: int
    type: str
    date: dt.date | None
    title: str
    sources: list[ArticleOut]


class InstrumentOut(Schema):
    id: int
    kind: str
    status: str
    story: int | None
    parties: list[str]
    steps: list[dict[str, Any]]


class CommitmentOut(Schema):
    id: int
    action: str
    actor: str | None
    due: dt.date | None
    due_relative: str
    due_expression: str
    article: int
    review_state: str


class SearchOut(Schema):
    articles: list[ArticleOut]
    entities: list[EntityOut]


class IngestIn(Schema):
    text: str = Field(min_length=1, max_length=MAX_BYTES)
    url: str = Field("", max_length=2000)
    published: dt.date | None = None
    outlet: str | None = Field(None, max_length=300)


class ReviewIn(Schema):
    state: ReviewStateName
    changes: dict[str, Any] | None = None


class MergeIn(Schema):
    into: int


class SplitIn(Schema):
    mentions: list[int] = Field(min_length=1)


class StorySplitIn(Schema):
    # database ids are signed 64-bit: a larger number is a 422, not a failed query
    articles: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(min_length=1)


# --- reads --------------------------------------------------------------------------------


class _Mapped:
    """A queryset seen through a function, sliced lazily, so that pagination reads one page."""

    def __init__(self, queryset: Any, convert: Any) -> None:
        self.queryset, self.convert = queryset, convert

    def count(self) -> int:
        return int(self.queryset.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[Any]:
        return [self.convert(x) for x in self.queryset[item]]


def _entity_out(e: Entity) -> dict[str, Any]:
    return {
        "id": e.pk,
        "type": e.type,
        "ref": e.ref,
        "name": e.name,
        "country": e.country,
        "spellings": sorted({a.name for a in e.aliases.all()}),
    }


def _facts(article: Article) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    facts = selectors.article_facts(article)
    out = []
    for kind, entry in FACT_KINDS.items():
        for f in facts[kind]:
            out.append(
                {
                    "id": f.pk,
                    "kind": kind,
                    "start": f.start,
                    "end": f.end,
                    "text": article.text[f.start : f.end],
                    "component": f.component,
                    "rule": f.rule,
                    "review_state": f.review_state,
                    "detail": entry.detail(f),
                }
            )
    return out, selectors.highlights(article, facts)


@router.get("/articles", response=list[ArticleOut], tags=["articles"])
@paginate(Paged)
def articles(
    request: HttpRequest,
    language: Language | None = None,
    region: str | None = Query(None, max_length=10),
    q: str | None = Query(None, max_length=300),
    published_from: dt.date | None = None,
    published_to: dt.date | None = None,
) -> Any:
    articles = selectors.article_list(
        language=language, region=region, q=q, published_from=published_from, published_to=published_to
    )
    return _Mapped(articles, _article_out)


@router.get("/articles/{article_id}", response=ArticleDetail, tags=["articles"])
def article(request: HttpRequest, article_id: int) -> Any:
    obj = one(
        Article.objects.select_related("outlet"),
        _("No article %(id)s.") % {"id": shown(article_id)},
        pk=article_id,
    )
    facts, highlights = _facts(obj)
    return {**_article_out(obj), "text": obj.text, "highlights": highlights, "facts": facts}


@router.get("/people", response=list[EntityOut], tags=["people"])
@paginate(Paged)
def people(
    request: HttpRequest,
    q: str | None = Query(None, max_length=300),
    country: str | None = Query(None, pattern="^[A-Z]{2}$"),
    region: str | None = Query(None, max_length=10),
) -> Any:
    return _Mapped(selectors.people_list(q=q, country=country, region=region), _entity_out)


@router.get("/people/{person_id}", response=PersonDetail, tags=["people"])
def person(request: HttpRequest, person_id: int) -> Any:
    obj = one(Entity, _("No person %(id)s.") % {"id": shown(person_id)}, pk=person_id, type="person")
    if obj.merged_into_id:
        raise HttpError(
            404,
            _("Person %(id)s was merged into person %(into)s.")
            % {"id": shown(person_id), "into": shown(obj.merged_into_id)},
        )
    mentions = [
        {
            "article": m.article_id,
            "start": m.start,
            "end": m.end,
            "text": m.words,
            "id": m.pk,
            "link_rule": m.link_rule,
            "link_confidence": m.link_confidence,
        }
        for m in selectors.with_words(obj.mentions.all()).order_by("article_id", "start")
    ]
    return {**_entity_out(obj), "positions": selectors.positions_of(obj), "mentions": mentions}


@router.get("/regions", response=list[EntityOut], tags=["regions"])
@paginate(Paged)
def regions(request: HttpRequest) -> Any:
    return _Mapped(selectors.region_list().prefetch_related("aliases"), _entity_out)


@router.get("/regions/{code}", response=dict[str, Any], tags=["regions"])
def region(request: HttpRequest, code: str) -> Any:
    obj = one(
        Entity.objects.prefetch_related("aliases"),
        _("No region with the code %(code)s.") % {"code": code},
        type="region",
        ref=code.upper(),
    )
    profile = selectors.region_profile(obj)
    return {
        **_entity_out(obj),
        "article_count": profile["article_count"],
        "sectors": [{"sector": s["entity__ref"], "sources": s["sources"]} for s in profile["sectors"]],
        "partners": [
            {"region": s["entity__ref"], "name": s["entity__name"], "sources": s["sources"]}
            for s in profile["partners"]
        ],
        "officials": [
            {"person": pid, "name": name, "role": role} for pid, name, role in profile["officials"]
        ],
        "events": [
            {"id": s.pk, "type": s.type, "date": s.date, "title": s.title} for s in profile["stories"]
        ],
        "instruments": [{"id": i.pk, "kind": i.kind, "status": i.status} for i in profile["instruments"]],
        "commitments": [{"id": c.pk, "action": c.action, "due": c.due} for c in profile["commitments"]],
    }


@router.get("/events", response=list[StoryOut], tags=["events"])
@paginate(Paged)
def events(
    request: HttpRequest,
    region: str | None = Query(None, max_length=10),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Any:
    return _Mapped(selectors.story_list(region=region, date_from=date_from, date_to=date_to), _story_out)


def _story_out(s: Story) -> dict[str, Any]:
    return {
        "id": s.pk,
        "type": s.type,
        "date": s.date,
        "title": s.title,
        "sources": [_article_out(a) for a in s.articles.all()],
    }


@router.get("/events/{event_id}", response=StoryOut, tags=["events"])
def event(request: HttpRequest, event_id: int) -> Any:
    return _story_out(
        one(selectors.story_list(), _("No story %(id)s.") % {"id": shown(event_id)}, pk=event_id)
    )


@router.get("/instruments", response=list[InstrumentOut], tags=["instruments"])
@paginate(Paged)
def instruments(
    request: HttpRequest,
    kind: InstrumentKind | None = None,
    status: InstrumentStatus | None = None,
) -> Any:
    return _Mapped(selectors.instrument_list(kind=kind, status=status), _instrument_out)


def _instrument_out(i: Instrument) -> dict[str, Any]:
    return {
        "id": i.pk,
        "kind": i.kind,
        "status": i.status,
        "story": i.story_id,
        "parties": [p.ref or p.name for p in i.parties.all()],
        "steps": [
            {
                "status": s.status,
                "date": s.date,
                "article": s.article_id,
                "start": s.start,
                "end": s.end,
                "review_state": s.review_state,
            }
            for s in i.steps.all()
        ],
    }


@router.get("/commitments", response=list[CommitmentOut], tags=["commitments"])
@paginate(Paged)
def commitments(request: HttpRequest, overdue_on: dt.date | None = None) -> Any:
    return _Mapped(selectors.commitment_list(overdue_on=overdue_on), _commitment_out)


def _commitment_out(c: Commitment) -> dict[str, Any]:
    return {
        "id": c.pk,
        "action": c.action,
        "actor": c.actor.name if c.actor else None,
        "due": c.due,
        "due_relative": c.due_relative,
        "due_expression": c.due_expression,
        "article": c.article_id,
        "review_state": c.review_state,
    }


@router.get("/search", response=SearchOut, tags=["search"])
def search_view(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=300),
    limit: int = Query(20, ge=1, le=100),
) -> Any:
    # what the query names (a region, a person … in any script) first, then the words of the text
    named = search.named_entities(q)
    ids = list(
        dict.fromkeys(search.entity_article_ids(named, limit=limit) + search.article_ids(q, limit=limit))
    )
    ids = ids[:limit]
    found = {a.pk: a for a in Article.objects.select_related("outlet").filter(pk__in=ids)}
    others = Entity.objects.filter(pk__in=search.entity_ids(q, limit=limit), merged_into=None).exclude(
        pk__in=[e.pk for e in named]
    )
    entities = [
        *Entity.objects.filter(pk__in=[e.pk for e in named]).prefetch_related("aliases"),
        *others.prefetch_related("aliases"),
    ]
    return {
        "articles": [_article_out(found[i]) for i in ids if i in found],
        "entities": [_entity_out(e) for e in entities],
    }


# --- writes -------------------------------------------------------------------------------


def _allow(ok: bool, refusal: str) -> None:
    """A token acts as its user: the same roles as on the web pages decide what it may write;
    `refusal` says what it may not do, in the request's language."""
    if not ok:
        raise HttpError(403, refusal)


@router.post("/articles", response={202: JobStarted}, auth=TokenAuth(), tags=["articles"])
def article_create(request: HttpRequest, payload: IngestIn) -> Any:
    """Queue the article for the background worker and answer at once (202): the job's number and
    where to follow it. A text that is no text or a date before the Jalali calendar is a 400 now;
    what the extractor makes of it is the job's outcome (`GET /api/jobs/{id}`)."""
    _allow(permissions.can_upload(request.user), _("This user may not add articles."))
    try:
        job = job_ingest_start(
            creator=permissions.acting_user(request),
            text=payload.text,
            url=payload.url,
            published=payload.published,
            outlet=payload.outlet,
        )
    except InputError as exc:  # one line for the caller, never a server error
        raise HttpError(400, reason(exc)) from exc
    return Status(202, job_started(job))


@router.post("/facts/{kind}/{fact_id}/review", response=dict[str, Any], auth=TokenAuth(), tags=["review"])
def fact_review(request: HttpRequest, kind: FactKindName, fact_id: int, payload: ReviewIn) -> Any:
    entry = FACT_KINDS.get(kind)
    if entry is None:  # the parameter's type refuses it first (422); kept for a kind removed later
        raise HttpError(404, _("Unknown fact kind %(kind)s.") % {"kind": repr(kind)})
    found = one(entry.model, _("No %(kind)s %(id)s.") % {"kind": _(kind), "id": shown(fact_id)}, pk=fact_id)
    _allow(
        permissions.can_review_article(request.user, found.article_id),
        _("This user may not review this article's facts."),
    )
    fact = services.fact_review(
        kind=kind,
        fact_id=fact_id,
        state=payload.state,
        user=permissions.acting_user(request),
        changes=payload.changes,
    )
    return {"id": fact.pk, "kind": kind, "review_state": fact.review_state, "edited": fact.edited}


@router.post("/people/{person_id}/merge", response=EntityOut, auth=TokenAuth(), tags=["people"])
def person_merge(request: HttpRequest, person_id: int, payload: MergeIn) -> Any:
    _allow(permissions.can_curate_people(request.user), _("This user may not merge people."))
    source = _person(person_id)
    target = _person(payload.into)
    return _entity_out(
        services.person_merge(source=source, target=target, user=permissions.acting_user(request))
    )


@router.post("/people/{person_id}/split", response=EntityOut, auth=TokenAuth(), tags=["people"])
def person_split(request: HttpRequest, person_id: int, payload: SplitIn) -> Any:
    _allow(permissions.can_curate_people(request.user), _("This user may not split people."))
    person = _person(person_id)
    return _entity_out(
        services.person_split(
            person=person, mention_ids=payload.mentions, user=permissions.acting_user(request)
        )
    )


@router.post("/events/{event_id}/merge", response=StoryOut, auth=TokenAuth(), tags=["events"])
def event_merge(request: HttpRequest, event_id: int, payload: MergeIn) -> Any:
    """Every article of this story joins the story `into` (audited; kept there on re-extraction)."""
    _allow(permissions.can_curate_stories(request.user), _("This user may not merge stories."))
    source = _story(event_id)
    target = _story(payload.into)
    merged = services.story_merge(source=source, target=target, user=permissions.acting_user(request))
    return _story_out(_story(merged.pk))


@router.post("/events/{event_id}/split", response=StoryOut, auth=TokenAuth(), tags=["events"])
def event_split(request: HttpRequest, event_id: int, payload: StorySplitIn) -> Any:
    """The given articles of this story become a new story (audited; kept there on re-extraction)."""
    _allow(permissions.can_curate_stories(request.user), _("This user may not split stories."))
    story = _story(event_id)
    other = services.story_split(
        story=story, article_ids=payload.articles, user=permissions.acting_user(request)
    )
    return _story_out(_story(other.pk))


def _person(pk: int) -> Entity:
    """A person not merged into another, else a 404."""
    found: Entity = one(
        Entity, _("No person %(id)s.") % {"id": shown(pk)}, pk=pk, type="person", merged_into=None
    )
    return found


def _story(pk: int) -> Story:
    found: Story = one(selectors.story_list(), _("No story %(id)s.") % {"id": shown(pk)}, pk=pk)
    return found
