"""What the API's endpoints cannot answer themselves, in the API's one error shape: a NUL
character anywhere in a request (PostgreSQL cannot store it; no text has one) is a 400, a body
over the upload limit a 413, and a response Django or django-ninja made without the shape
(405 for a wrong method) is rewritten into it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from hamkari.kb.calendar import digits_in

API_PREFIX = "/api/"
# Pages that are not JSON: the interactive documentation.
NOT_JSON = ("/api/docs",)
CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
}
# in the request's language: LocaleMiddleware, before this one, has activated it
MESSAGES = {
    400: gettext_lazy("The request is not valid."),
    401: gettext_lazy("Log in or send the header 'Authorization: Bearer <token>'."),
    403: gettext_lazy("This user may not do this."),
    404: gettext_lazy("Nothing was found at this address."),
    405: gettext_lazy("This method is not allowed here."),
    413: gettext_lazy("The request body is too large."),
    500: gettext_lazy("Unexpected server error; it has been logged."),
}


def too_large_message() -> str:
    limit = digits_in(f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,}", get_language() or "fa")
    return _("The request body is larger than %(limit)s bytes.") % {"limit": limit}


def error_response(status: int, message: str, code: str | None = None) -> JsonResponse:
    body = {"status": status, "code": code or CODES.get(status, "error"), "message": message}
    return JsonResponse({"error": body}, status=status)


def nul_where(value: Any, where: str = "body") -> str | None:
    """Where in a parsed JSON value a NUL character sits (a key or a string), or None."""
    if isinstance(value, str):
        return where if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = nul_where(key, where) or nul_where(item, f"{where}.{key}")
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = nul_where(item, f"{where}[{index}]")
            if found:
                return found
    return None


def _refusal(request: HttpRequest) -> JsonResponse | None:
    if "\x00" in request.path:
        return error_response(400, _("The address contains a NUL character."))
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in v for v in values):
            name = repr(key.replace(chr(0), ""))
            return error_response(400, _("The parameter %(name)s contains a NUL character.") % {"name": name})
    if request.method in ("POST", "PUT", "PATCH"):
        try:
            body = request.body
        except RequestDataTooBig:
            return error_response(413, too_large_message())
        if request.content_type == "application/json" and body:
            try:
                where = nul_where(json.loads(body))
            except (ValueError, RecursionError):
                return None  # the endpoint answers malformed JSON itself
            if where:
                return error_response(
                    400, _("%(where)s contains a NUL character, which no text may hold.") % {"where": where}
                )
    return None


def status_message(status: int) -> str:
    """The sentence of an error status in the request's language; a status without one of its own
    is named by its number, never by its English reason phrase («Unsupported Media Type»)."""
    said = MESSAGES.get(status)
    if said is not None:
        return str(said)
    number = digits_in(status, get_language() or "fa")
    return _("The request failed with status %(status)s.") % {"status": number}


class ApiErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX) or request.path.startswith(NOT_JSON):
            return self.get_response(request)
        refused = _refusal(request)
        if refused is not None:
            return refused
        response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            shaped = error_response(response.status_code, status_message(response.status_code))
            if response.has_header("Allow"):
                shaped["Allow"] = response["Allow"]
            return shaped
        return response
