"""Overlap resolution: the one place that decides which of two overlapping matches stands."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from hamkari.extraction.document import Span

T = TypeVar("T")


def resolve_overlaps(items: Iterable[T], span: Callable[[T], Span], rank: Callable[[T], int]) -> list[T]:
    """Keep a set of non-overlapping items: the longest span wins; on equal length the lower
    `rank` wins, then the earlier start. Items with exactly the same span and rank all stay
    (one term can name two things, e.g. a city and its port), and the caller decides."""
    ordered = sorted(items, key=lambda i: (-len(span(i)), rank(i), span(i).start))
    if not ordered:
        return []
    occupied = bytearray(max(span(i).end for i in ordered))
    exact: dict[tuple[int, int], int] = {}
    kept: list[T] = []
    for item in ordered:
        s, r = span(item), rank(item)
        if exact.get((s.start, s.end)) == r:
            kept.append(item)
            continue
        if occupied.find(1, s.start, s.end) != -1:
            continue
        occupied[s.start : s.end] = b"\x01" * len(s)
        exact[(s.start, s.end)] = r
        kept.append(item)
    return sorted(kept, key=lambda i: (span(i).start, rank(i)))
