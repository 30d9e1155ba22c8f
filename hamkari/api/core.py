"""The JSON API under /api/ (OpenAPI at /api/docs): the one NinjaAPI, its authentication and
its one error shape, `{"error": {"status": 404, "code": "not_found", "message": "…"}}`: a
malformed request is a 4xx with a message, never a 500. Routers per concern add the endpoints
(`hamkari.api.kb`, `hamkari.api.partners`).

Reads need a logged-in session or a bearer token (`ReadAuth`); `HAMKARI_PUBLIC_READ=true` opens
them to anyone. A bearer token that is sent must be valid, whatever else the request carries.
Writes need a token (`TokenAuth`)."""

# No `from __future__ import annotations` here: django-ninja reads the annotations at import.
import logging
from collections.abc import Callable
from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import LimitOffsetPagination
from ninja.security import HttpBearer
from pydantic import AfterValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from hamkari.accounts import services as account_services
from hamkari.api import messages
from hamkari.api.middleware import too_large_message
from hamkari.extraction.vocabulary import INSTRUMENT_KINDS, MARKETS, TRACKER_STATUSES
from hamkari.kb import services
from hamkari.kb.calendar import digits_in
from hamkari.kb.facts import FACT_KINDS
from hamkari.kb.lookups import Missing
from hamkari.kb.models import ReviewState


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = account_services.token_use(token=token)
        if user is not None:
            request.user = user
        return user


class ReadAuth(HttpBearer):
    """A read: a valid bearer token, else a logged-in session, else (only with
    HAMKARI_PUBLIC_READ) anyone. A wrong token is refused even with a session."""

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization"):
            return TokenAuth()(request)
        if request.user.is_authenticated:
            return request.user
        return "public" if settings.HAMKARI_PUBLIC_READ else None

    def authenticate(self, request: HttpRequest, token: str) -> Any:  # pragma: no cover - see __call__
        return TokenAuth().authenticate(request, token)


def _member(allowed: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in allowed:  # said in the request's language by hamkari.api.messages
            raise PydanticCustomError(
                "not_one_of",
                "unknown value {value}; use one of {allowed}",
                {"value": value, "allowed": ", ".join(allowed)},
            )
        return value

    return check


def _enum(allowed: tuple[str, ...]) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "enum": list(allowed)})


# Parameters with a fixed set of values, named once in hamkari.extraction.vocabulary (or the fact
# kinds and review states of the knowledge base): the OpenAPI schema lists them as an enum and a
# value outside them is a 422.
LANGUAGES = ("fa", "ru", "en")
FACT_KIND_NAMES = tuple(FACT_KINDS)
REVIEW_STATES = tuple(str(v) for v in ReviewState.values)
Language = Annotated[str, AfterValidator(_member(LANGUAGES)), _enum(LANGUAGES)]
InstrumentKind = Annotated[str, AfterValidator(_member(INSTRUMENT_KINDS)), _enum(INSTRUMENT_KINDS)]
InstrumentStatus = Annotated[str, AfterValidator(_member(TRACKER_STATUSES)), _enum(TRACKER_STATUSES)]
FactKindName = Annotated[str, AfterValidator(_member(FACT_KIND_NAMES)), _enum(FACT_KIND_NAMES)]
ReviewStateName = Annotated[str, AfterValidator(_member(REVIEW_STATES)), _enum(REVIEW_STATES)]
Market = Annotated[str, AfterValidator(_member(MARKETS)), _enum(MARKETS)]


def shown(value: object) -> str:
    """A number in a message: Persian digits in Persian."""
    return digits_in(value, get_language() or "fa")


def one(queryset: Any, missing: str, **lookup: Any) -> Any:
    """The one record `lookup` finds in `queryset` (or a model), else a 404 saying `missing` (a
    sentence already in the request's language: «No article 5.»)."""
    try:
        return get_object_or_404(queryset, **lookup)
    except Http404:
        raise HttpError(404, missing) from None


# Database integers are signed 64-bit; larger numbers in a path, a page or a body are refused (422).
MAX_ID = 2**63 - 1


class Paged(LimitOffsetPagination):
    """`limit` 1–500 and `offset` up to a billion: a huge page or offset is a 422, not a 500."""

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=10**9)


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {"type": "array", "items": {"type": "object"}},
            },
        }
    },
}
ERRORS = {
    400: "Malformed request (a NUL character, a refused value)",
    401: "No valid session or token",
    403: "The user's role does not allow it",
    404: "No such record",
    405: "Method not allowed",
    413: "Body larger than the limit",
    422: "The request does not match the schema",
}


class Api(NinjaAPI):
    """The OpenAPI schema documents the errors every operation may answer, in their one shape."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        schema["components"].setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, description in ERRORS.items():
                    operation["responses"].setdefault(
                        status, {"description": description, "content": content}
                    )
        return schema


api = Api(
    title="Hamkari",
    version="1",
    description="Iran–Russia cooperation knowledge base",
    urls_namespace="api",
    auth=ReadAuth(),
)


def _error(request: HttpRequest, status: int, code: str, message: str, details: Any = None) -> HttpResponse:
    body: dict[str, Any] = {"status": status, "code": code, "message": message}
    if details is not None:
        body["details"] = details
    return api.create_response(request, {"error": body}, status=status)


# Every message below is in the request's language, which LocaleMiddleware has activated before the
# API runs, in Django's order: the language the user chose on the site (its cookie; a choice made
# outweighs what a browser sends by default), else the Accept-Language header, else Persian.


@api.exception_handler(NinjaValidationError)
def _validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    details = messages.details(exc.errors)
    said = [d["message"] for d in details]
    message = " ".join(said[:3]) + (" …" if len(said) > 3 else "") if said else _("The request is not valid.")
    return _error(request, 422, "invalid_request", message, details)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(
        request, 401, "unauthenticated", _("Log in or send the header 'Authorization: Bearer <token>'.")
    )


# what django-ninja itself says, in English, and how we say it
NINJA_MESSAGES = {"Cannot parse request body": "The request body is not valid JSON."}


@api.exception_handler(HttpError)
def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {
        400: "bad_request",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        413: "too_large",
    }
    message = str(exc)
    if message.split(" (")[0] in NINJA_MESSAGES:
        message = _(NINJA_MESSAGES[message.split(" (")[0]])
    return _error(request, exc.status_code, codes.get(exc.status_code, "error"), message)


@api.exception_handler(RequestDataTooBig)
def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _error(request, 413, "too_large", too_large_message())


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # Django's own text names a model in English («No Entity matches the given query.»)
    return _error(request, 404, "not_found", _("Nothing was found at this address."))


@api.exception_handler(Missing)
def _missing(request: HttpRequest, exc: Missing) -> HttpResponse:
    # `kb.lookups.found` says which record, already in the request's language
    return _error(request, 404, "not_found", str(exc) or _("Nothing was found at this address."))


@api.exception_handler(services.ReviewError)
def _review(request: HttpRequest, exc: services.ReviewError) -> HttpResponse:
    return _error(request, 400, "bad_request", str(exc))


@api.exception_handler(services.StoryError)
def _story(request: HttpRequest, exc: services.StoryError) -> HttpResponse:
    return _error(request, 400, "bad_request", str(exc))


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logging.getLogger("hamkari.api").exception("unexpected error on %s", request.path)
    return _error(request, 500, "server_error", _("Unexpected server error; it has been logged."))


@api.exception_handler(DjangoValidationError)
def _model_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    # Django's messages are translated by Django's own catalogues; each is named by its field
    if hasattr(exc, "error_dict"):
        said = [f"«{field}»: {' '.join(errors)}" for field, errors in exc.message_dict.items()]
    else:
        said = list(exc.messages)
    return _error(request, 400, "bad_request", "; ".join(said))
