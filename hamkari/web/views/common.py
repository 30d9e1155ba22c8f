"""What the page modules share: turning a missing record into a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest
from django_htmx.middleware import HtmxDetails

T = TypeVar("T")


def found(getter: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`getter(*args)`, or a 404 page when the record does not exist."""
    try:
        return getter(*args, **kwargs)
    except (ObjectDoesNotExist, KeyError, ValueError) as exc:
        raise Http404 from exc


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (typed for the checker)."""

    htmx: HtmxDetails
