"""A missing record as a 404, for every page and endpoint: one place says what "missing" is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

T = TypeVar("T")


class Missing(Http404):
    """No record for what was asked; its message (already in the reader's language) says which.
    The web shows the site's 404 page; the API answers with the message in its error shape."""


def found(getter: Callable[..., T], *args: Any, missing: str = "", **kwargs: Any) -> T:
    """`getter(*args, **kwargs)` (a selector), else `Missing(missing)`.

    A selector says "no such record" with the model's DoesNotExist, or with KeyError / ValueError
    when what was asked cannot name a record (an unknown fact kind, a code that is no code)."""
    try:
        return getter(*args, **kwargs)
    except (ObjectDoesNotExist, KeyError, ValueError) as exc:
        raise Missing(missing) from exc
