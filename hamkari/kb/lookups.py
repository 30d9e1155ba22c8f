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


class NoRecord(LookupError):
    """What was asked names no record though no model said DoesNotExist: an unknown kind of
    record, an id that is no number (`record_id`), a finder that found nothing."""


# more digits than any record's number (int() refuses over 4,300 digits; a database's ids fit in 18)
MAX_ID_DIGITS = 18


def typed_id(text: str) -> int | None:
    """A record's number typed as text (Persian digits too), or None when the text is no number; a
    number longer than any id is 0, which no record has (so a lookup says it is missing)."""
    text = text.strip()
    if not text.isdecimal():
        return None
    return int(text) if len(text) <= MAX_ID_DIGITS else 0


def record_id(value: object) -> int:
    """`value` (an address's or a form's text) as a record's number, else NoRecord."""
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError as exc:
        raise NoRecord(value) from exc


def found(getter: Callable[..., T], *args: Any, missing: str = "", **kwargs: Any) -> T:
    """`getter(*args, **kwargs)` (a selector), else `Missing(missing)` when it says that no record
    answers what was asked: the model's DoesNotExist, or NoRecord. Anything else it raises — a
    KeyError or ValueError of a fault in the selector too — goes on as it is (a server error)."""
    try:
        return getter(*args, **kwargs)
    except (ObjectDoesNotExist, NoRecord) as exc:
        raise Missing(missing) from exc
