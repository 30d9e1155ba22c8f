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
MESSAGES = {405: "this method is not allowed here", 413: "the request body is too large"}


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
        return error_response(400, "the address contains a NUL character")
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in v for v in values):
            return error_response(400, f"parameter {key.replace(chr(0), '')!r} contains a NUL character")
    if request.method in ("POST", "PUT", "PATCH"):
        try:
            body = request.body
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            return error_response(413, f"the request body is larger than {limit:,} bytes")
        if request.content_type == "application/json" and body:
            try:
                where = nul_where(json.loads(body))
            except (ValueError, RecursionError):
                return None  # the endpoint answers malformed JSON itself
            if where:
                return error_response(400, f"{where} contains a NUL character, which no text may hold")
    return None


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
            shaped = error_response(
                response.status_code, MESSAGES.get(response.status_code, response.reason_phrase)
            )
            if response.has_header("Allow"):
                shaped["Allow"] = response["Allow"]
            return shaped
        return response
