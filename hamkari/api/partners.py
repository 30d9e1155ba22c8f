"""API: partner ranking, consortium proposals and routes (mounted under /api/)."""

# No `from __future__ import annotations`: django-ninja reads the annotations at import.
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from hamkari.api.core import Market
from hamkari.partners import finder, routes

router = Router(tags=["partners"])


# The answers' shapes, named so the OpenAPI document describes them (the finder's and the route's
# `as_dict` fill them; ninja checks each answer against its schema).


class PartnerOut(Schema):
    region: str
    name: str
    score: float
    components: dict[str, float | None]
    explanation: str
    firms: list[str]
    details: dict[str, Any]


class MemberOut(Schema):
    kind: str
    id: str
    name: str
    country: str
    region: str
    sector: str
    strength: float
    reason: str


class ProposalOut(Schema):
    score: float
    coverage: float
    competition: float
    members: list[MemberOut]


class LegOut(Schema):
    from_: str = Field(..., alias="from")
    to: str
    mode: str
    km: int
    days: float
    stops: list[str]
    sources: list[str]
    published: bool


class RouteOut(Schema):
    km: int
    days: float
    mode_changes: int
    branch: str
    branch_name: str
    cost: int
    via: list[str]
    summary: str
    legs: list[LegOut]


@router.get("/partners/{code}", response=list[PartnerOut])
def partners(
    request: HttpRequest,
    code: str,
    top: int = Query(10, ge=1, le=100),
    complement: float = Query(finder.DEFAULT_WEIGHTS["complement"], ge=0),
    trade: float = Query(finder.DEFAULT_WEIGHTS["trade"], ge=0),
    ties: float = Query(finder.DEFAULT_WEIGHTS["ties"], ge=0),
    route: float = Query(finder.DEFAULT_WEIGHTS["route"], ge=0),
) -> Any:
    weights = {"complement": complement, "trade": trade, "ties": ties, "route": route}
    try:
        found = finder.rank(code.upper(), top=top, weights=weights, language=get_language())
        return [r.as_dict() for r in found]
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc
    except KeyError as exc:
        raise HttpError(404, _("No region with the code %(code)s.") % {"code": code}) from exc


@router.get("/consortium", response=list[ProposalOut])
def consortium(
    request: HttpRequest,
    market: Market,
    sectors_: str = Query(..., alias="sectors", max_length=500),
    proposals: int = Query(3, ge=1, le=10),
    shared_regions: bool = False,
) -> Any:
    wanted = [s.strip() for s in sectors_.split(",") if s.strip()]
    try:
        found = finder.propose(
            market=market,
            sectors=wanted,
            proposals=proposals,
            shared_regions=shared_regions,
            language=get_language(),
        )
        return [p.as_dict() for p in found]
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc


@router.get("/route", response=list[RouteOut], by_alias=True)  # a leg says "from"
def route(
    request: HttpRequest,
    start: str = Query(..., alias="from", max_length=100),
    end: str = Query(..., alias="to", max_length=100),
    options: int = Query(3, ge=1, le=5),
    modes: str = Query("rail,road,sea", max_length=30),
) -> Any:
    a, b = routes.resolve(start), routes.resolve(end)
    if a is None or b is None:
        place = start if a is None else end
        raise HttpError(
            404,
            _("Unknown place %(place)s: give a region code or a port or crossing by name.")
            % {"place": repr(place)},
        )
    try:
        found = routes.routes(
            a, b, options=options, modes=tuple(m.strip() for m in modes.split(",") if m.strip())
        )
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc
    return [r.as_dict(get_language()) for r in found]
