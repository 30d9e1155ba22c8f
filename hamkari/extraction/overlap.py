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
    keyed = []
    for n, item in enumerate(items):
        s, r = span(item), rank(item)
        keyed.append((s.start - s.end, r, s.start, n, s.end, item))
    if not keyed:
        return []
    keyed.sort(key=lambda k: k[:4])
    occupied = bytearray(max(k[4] for k in keyed))
    exact: dict[tuple[int, int], int] = {}
    kept: list[tuple[int, int, T]] = []
    for _, r, start, _, end, item in keyed:
        if exact.get((start, end)) == r:
            kept.append((start, r, item))
            continue
        if occupied.find(1, start, end) != -1:
            continue
        occupied[start:end] = b"\x01" * (end - start)
        exact[(start, end)] = r
        kept.append((start, r, item))
    kept.sort(key=lambda k: (k[0], k[1]))
    return [item for _, _, item in kept]
