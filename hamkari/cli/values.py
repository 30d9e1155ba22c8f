"""Argument types shared by the commands: each refuses a wrong value with a message saying what
is allowed (argparse prints it in one line and exits 2)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable


def date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from exc


def whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """A whole number from `low` (to `high`)."""
    allowed = f"from {low} to {high}" if high is not None else f"of {low} or more"

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or number < low or (high is not None and number > high):
            raise argparse.ArgumentTypeError(f"must be a whole number {allowed}, not {value!r}")
        return number

    parse.__name__ = "whole number"
    return parse


PORT = whole(1, 65535)
