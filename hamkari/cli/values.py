"""Argument types shared by the commands: each refuses a wrong value with a message saying what
is allowed (argparse prints it in one line and exits 2)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

from django.utils.translation import gettext as _

from hamkari.kb.reasons import reason
from hamkari.kb.services.store import publication_check
from hamkari.sources.inputs import InputError


def date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("not a date in YYYY-MM-DD form: %(value)s") % {"value": repr(value)}
        ) from exc


def publication_date(value: str) -> dt.date:
    """A date (`date`) the Jalali calendar can show: an article's publication date."""
    day = date(value)
    try:
        publication_check(day)
    except InputError as exc:
        raise argparse.ArgumentTypeError(reason(exc)) from exc
    return day


def whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """A whole number from `low` (to `high`)."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or number < low or (high is not None and number > high):
            limits = {"low": low, "high": high, "value": repr(value)}
            if high is None:
                raise argparse.ArgumentTypeError(
                    _("must be a whole number of %(low)s or more, not %(value)s") % limits
                )
            raise argparse.ArgumentTypeError(
                _("must be a whole number from %(low)s to %(high)s, not %(value)s") % limits
            )
        return number

    parse.__name__ = "whole number"
    return parse


PORT = whole(1, 65535)


def release(value: str) -> tuple[int, int, int]:
    """FIRST,BATCH,SECONDS: three whole numbers of at least 1 (`sources add --release`)."""
    parts = value.split(",")
    try:
        numbers = tuple(int(p) for p in parts)
    except ValueError:
        numbers = ()
    if len(numbers) != 3 or min(numbers) < 1:
        raise argparse.ArgumentTypeError(
            f"must be FIRST,BATCH,SECONDS, three whole numbers of at least 1 (12,3,30), not {value!r}"
        )
    return numbers[0], numbers[1], numbers[2]
