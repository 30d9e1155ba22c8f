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
    shown,
)
from hamkari.api.jobs import JobStarted, job_started
from hamkari.kb import selectors, services
from hamkari.kb.facts import FACT_KINDS
from hamkari.kb.lookups import found
from hamkari.kb.models import Article, Commitment, Entity, Instrument, Story
from hamkari.kb.reasons import reason
from hamkari.monitoring.jobs import job_ingest_start
from hamkari.sources.inputs import MAX_BYTES, InputError

router = Router()


# --- schemas ------------------------------------------------------------------------------


# Every answer is built through its schema: `Schema.of(record)` beside the schema's fields says
# where each comes from, so the fields are named once and checked (no dict built by hand).


class ArticleOut(Schema):
    id: int
    title: str
    language: str
    published: dt.date | None
    published_jalali: str
    outlet: str | None
    url: str
    story: int | None
    source_region: str = Field(
        "",
        description="ISO code of the region the watched source it came from covers (sources add "
        "--region): the source's, not a fact of the text; empty when none",
    )

    @classmethod
    def of(cls, a: Article) -> "ArticleOut":
        return cls(
            id=a.pk,
            title=a.title,
            language=a.language,
            published=a.published,
            published_jalali=a.published_jalali,
            outlet=a.outlet.name if a.outlet else None,
            url=a.url,
            story=a.story_id,
            source_region=a.source_region,
        )


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

    @classmethod
    def of(cls, kind: str, fact: Any, text: str) -> "FactOut":
        """A fact of `kind` in the article whose `text` it points into; its detail as the
        registry gives it."""
        return cls(
            id=fact.pk,
            kind=kind,
            start=fact.start,
            end=fact.end,
            text=text[fact.start : fact.end],
            component=fact.component,
            rule=fact.rule,
            review_state=fact.review_state,
            detail=FACT_KINDS[kind].detail(fact),
        )


class ArticleDetail(ArticleOut):
    text: str
    highlights: list[SpanOut]
    facts: list[FactOut]

    @classmethod
    def of_detail(cls, detail: selectors.ArticleDetail) -> "ArticleDetail":
        """The article as its page shows it (`selectors.article_detail`)."""
        article = detail.article
        return cls(
            **ArticleOut.of(article).model_dump(),
            text=article.text,
            highlights=[SpanOut(**h) for h in detail.highlights],
            facts=[FactOut.of(kind, fact, article.text) for kind, fact in detail.facts_by_kind()],
        )


class EntityOut(Schema):
    id: int
    type: str
    ref: str | None
    name: str
    country: str
    spellings: list[str] = Field(default_factory=list)

    @classmethod
    def of(cls, e: Entity) -> "EntityOut":
        return cls(
            id=e.pk,
            type=e.type,
            ref=e.ref,
            name=e.name,
            country=e.country,
            spellings=sorted({a.name for a in e.aliases.all()}),
        )


class PositionOut(Schema):
    role: str
    region: str | None
    country: str | None
    organization: str | None
    title: str
    first_seen: dt.date | None
    last_seen: dt.date | None
    sources: list[int]


class MentionOut(Schema):
    id: int
    article: int
    start: int
    end: int
    text: str
    link_rule: str
    link_confidence: float

    @classmethod
    def of(cls, m: "selectors.MentionWithWords") -> "MentionOut":
        return cls(
            id=m.pk,
            article=m.article_id,
            start=m.start,
            end=m.end,
            text=m.words,
            link_rule=m.link_rule,
            link_confidence=m.link_confidence,
        )


class PersonDetail(EntityOut):
    positions: list[PositionOut]
    mentions: list[MentionOut]

    @classmethod
    def of_person(cls, person: Entity) -> "PersonDetail":
        """The person with their posts over time (`selectors.positions_of`) and every mention."""
        return cls(
            **EntityOut.of(person).model_dump(),
            positions=[PositionOut(**p) for p in selectors.positions_of(person)],
            mentions=[MentionOut.of(m) for m in selectors.person_mentions(person)],
        )


class SectorCount(Schema):
    sector: str
    sources: int


class PartnerCount(Schema):
    region: str
    name: str
    sources: int


class OfficialOut(Schema):
    person: int
    name: str
    role: str


class StoryBrief(Schema):
    id: int
    type: str
    date: dt.date | None
    title: str


class InstrumentBrief(Schema):
    id: int
    kind: str
    status: str


class CommitmentBrief(Schema):
    id: int
    action: str
    due: dt.date | None
    due_precision: str  # day, month, quarter, half or year ("" without a due date)


class RegionProfile(EntityOut):
    article_count: int
    sectors: list[SectorCount]
    partners: list[PartnerCount]
    officials: list[OfficialOut]
    events: list[StoryBrief]
    instruments: list[InstrumentBrief]
    commitments: list[CommitmentBrief]

    @classmethod
    def of_region(cls, region: Entity) -> "RegionProfile":
        """The region's page in data (`selectors.region_profile`)."""
        profile = selectors.region_profile(region)
        return cls(
            **EntityOut.of(region).model_dump(),
            article_count=profile["article_count"],
            sectors=[SectorCount(sector=s["entity__ref"], sources=s["sources"]) for s in profile["sectors"]],
            partners=[
                PartnerCount(region=s["entity__ref"], name=s["entity__name"], sources=s["sources"])
                for s in profile["partners"]
            ],
            officials=[
                OfficialOut(person=pid, name=name, role=role) for pid, name, role in profile["officials"]
            ],
            events=[StoryBrief(id=s.pk, type=s.type, date=s.date, title=s.title) for s in profile["stories"]],
            instruments=[
                InstrumentBrief(id=i.pk, kind=i.kind, status=i.status) for i in profile["instruments"]
            ],
            commitments=[
                CommitmentBrief(id=c.pk, action=c.action, due=c.due, due_precision=c.due_precision)
                for c in profile["commitments"]
            ],
        )


class ReviewOut(Schema):
    id: int
    kind: str
    review_state: str
    edited: bool


class StoryOut(Schema):
    id: int
    type: str
    date: dt.date | None
    title: str
    sources: list[ArticleOut]

    @classmethod
    def of(cls, s: Story) -> "StoryOut":
        return cls(
            id=s.pk,
            type=s.type,
            date=s.date,
            title=s.title,
            sources=[ArticleOut.of(a) for a in s.articles.all()],
        )


class InstrumentOut(Schema):
    id: int
    kind: str
    status: str
    story: int | None
    parties: list[str]
    steps: list[dict[str, Any]]

    @classmethod
    def of(cls, i: Instrument) -> "InstrumentOut":
        steps = [
            {
                "status": s.status,
                "date": s.date,
                "article": s.article_id,
                "start": s.start,
                "end": s.end,
                "review_state": s.review_state,
            }
            for s in i.steps.all()
        ]
        parties = [p.ref or p.name for p in i.parties.all()]
        return cls(id=i.pk, kind=i.kind, status=i.status, story=i.story_id, parties=parties, steps=steps)


class CommitmentOut(Schema):
    id: int
    action: str
    actor: str | None
    due: dt.date | None
    # how exact `due` is: day, month, quarter, half or year ("" without a due date)
    due_precision: str
    due_relative: str
    due_expression: str
    article: int
    review_state: str

    @classmethod
    def of(cls, c: Commitment) -> "CommitmentOut":
        return cls(
            id=c.pk,
            action=c.action,
            actor=c.actor.name if c.actor else None,
            due=c.due,
            due_precision=c.due_precision,
            due_relative=c.due_relative,
            due_expression=c.due_expression,
            article=c.article_id,
            review_state=c.review_state,
        )


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
    return _Mapped(articles, ArticleOut.of)


@router.get("/articles/{article_id}", response=ArticleDetail, tags=["articles"])
def article(request: HttpRequest, article_id: int) -> Any:
    missing = _("No article %(id)s.") % {"id": shown(article_id)}
    return ArticleDetail.of_detail(found(selectors.article_detail, article_id, missing=missing))


@router.get("/people", response=list[EntityOut], tags=["people"])
@paginate(Paged)
def people(
    request: HttpRequest,
    q: str | None = Query(None, max_length=300),
    country: str | None = Query(None, pattern="^[A-Z]{2}$"),
    region: str | None = Query(None, max_length=10),
) -> Any:
    return _Mapped(selectors.people_list(q=q, country=country, region=region), EntityOut.of)


@router.get("/people/{person_id}", response=PersonDetail, tags=["people"])
def person(request: HttpRequest, person_id: int) -> Any:
    obj = found(selectors.person_get, person_id, missing=_("No person %(id)s.") % {"id": shown(person_id)})
    if obj.merged_into_id:
        raise HttpError(
            404,
            _("Person %(id)s was merged into person %(into)s.")
            % {"id": shown(person_id), "into": shown(obj.merged_into_id)},
        )
    return PersonDetail.of_person(obj)


@router.get("/regions", response=list[EntityOut], tags=["regions"])
@paginate(Paged)
def regions(request: HttpRequest) -> Any:
    return _Mapped(selectors.region_list().prefetch_related("aliases"), EntityOut.of)


@router.get("/regions/{code}", response=RegionProfile, tags=["regions"])
def region(request: HttpRequest, code: str) -> Any:
    missing = _("No region with the code %(code)s.") % {"code": code}
    obj = found(selectors.region_by_code, code, missing=missing)
    return RegionProfile.of_region(obj)


@router.get("/events", response=list[StoryOut], tags=["events"])
@paginate(Paged)
def events(
    request: HttpRequest,
    region: str | None = Query(None, max_length=10),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Any:
    return _Mapped(selectors.story_list(region=region, date_from=date_from, date_to=date_to), StoryOut.of)


@router.get("/events/{event_id}", response=StoryOut, tags=["events"])
def event(request: HttpRequest, event_id: int) -> Any:
    return StoryOut.of(_story(event_id))


@router.get("/instruments", response=list[InstrumentOut], tags=["instruments"])
@paginate(Paged)
def instruments(
    request: HttpRequest,
    kind: InstrumentKind | None = None,
    status: InstrumentStatus | None = None,
) -> Any:
    return _Mapped(selectors.instrument_list(kind=kind, status=status), InstrumentOut.of)


@router.get("/commitments", response=list[CommitmentOut], tags=["commitments"])
@paginate(Paged)
def commitments(request: HttpRequest, overdue_on: dt.date | None = None) -> Any:
    return _Mapped(selectors.commitment_list(overdue_on=overdue_on), CommitmentOut.of)


@router.get("/search", response=SearchOut, tags=["search"])
def search_view(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=300),
    limit: int = Query(20, ge=1, le=100),
) -> Any:
    articles, entities = selectors.search_results(q, limit=limit)
    return SearchOut(
        articles=[ArticleOut.of(a) for a in articles], entities=[EntityOut.of(e) for e in entities]
    )


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


@router.post("/facts/{kind}/{fact_id}/review", response=ReviewOut, auth=TokenAuth(), tags=["review"])
def fact_review(request: HttpRequest, kind: FactKindName, fact_id: int, payload: ReviewIn) -> Any:
    entry = FACT_KINDS.get(kind)
    if entry is None:  # the parameter's type refuses it first (422); kept for a kind removed later
        raise HttpError(404, _("Unknown fact kind %(kind)s.") % {"kind": repr(kind)})
    missing = _("No %(kind)s %(id)s.") % {"kind": entry.noun, "id": shown(fact_id)}  # the kind's own word
    reviewed = found(selectors.article_fact, kind, fact_id, missing=missing)
    _allow(
        permissions.can_review_article(request.user, reviewed.article_id),
        _("This user may not review this article's facts."),
    )
    fact = services.fact_review(
        kind=kind,
        fact_id=fact_id,
        state=payload.state,
        user=permissions.acting_user(request),
        changes=payload.changes,
    )
    return ReviewOut(id=fact.pk, kind=kind, review_state=fact.review_state, edited=fact.edited)


@router.post("/people/{person_id}/merge", response=EntityOut, auth=TokenAuth(), tags=["people"])
def person_merge(request: HttpRequest, person_id: int, payload: MergeIn) -> Any:
    _allow(permissions.can_curate_people(request.user), _("This user may not merge people."))
    source = _person(person_id)
    target = _person(payload.into)
    return EntityOut.of(
        services.person_merge(source=source, target=target, user=permissions.acting_user(request))
    )


@router.post("/people/{person_id}/split", response=EntityOut, auth=TokenAuth(), tags=["people"])
def person_split(request: HttpRequest, person_id: int, payload: SplitIn) -> Any:
    _allow(permissions.can_curate_people(request.user), _("This user may not split people."))
    person = _person(person_id)
    return EntityOut.of(
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
    return StoryOut.of(_story(merged.pk))


@router.post("/events/{event_id}/split", response=StoryOut, auth=TokenAuth(), tags=["events"])
def event_split(request: HttpRequest, event_id: int, payload: StorySplitIn) -> Any:
    """The given articles of this story become a new story (audited; kept there on re-extraction)."""
    _allow(permissions.can_curate_stories(request.user), _("This user may not split stories."))
    story = _story(event_id)
    other = services.story_split(
        story=story, article_ids=payload.articles, user=permissions.acting_user(request)
    )
    return StoryOut.of(_story(other.pk))


def _person(pk: int) -> Entity:
    """A person not merged into another, else a 404."""
    return found(selectors.person_get, pk, live=True, missing=_("No person %(id)s.") % {"id": shown(pk)})


def _story(pk: int) -> Story:
    return found(selectors.story_with_sources, pk, missing=_("No story %(id)s.") % {"id": shown(pk)})
