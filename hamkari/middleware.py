"""A NUL character in a page's address, query or form is refused with 400 before any view runs:
no text holds one, and PostgreSQL refuses to compare or store it (a 500 otherwise). The JSON
API answers the same in its own error shape (`hamkari.api.middleware`)."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse


def has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    fields = [request.GET] + ([request.POST] if request.method == "POST" else [])
    return any("\x00" in key or any("\x00" in v for v in values) for q in fields for key, values in q.lists())


class NulGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/") and has_nul(request):
            raise SuspiciousOperation("a NUL character in the address or a form field")
        return self.get_response(request)
