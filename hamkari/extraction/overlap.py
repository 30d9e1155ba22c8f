"""Overlap resolution: the one place that decides which of two overlapping matches stands."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from typing import TypeVar

from hamkari.extraction.document import Span

T = TypeVar("T")
_Keyed = tuple[int, int, int, int, T]  # (start, end, rank, n, item)


def resolve_overlaps(items: Iterable[T], span: Callable[[T], Span], rank: Callable[[T], int]) -> list[T]:
    """Keep a set of non-overlapping items: the longest span wins; on equal length the lower
    `rank` wins, then the earlier start. Items with exactly the same span and rank all stay
    (one term can name two things, e.g. a city and its port), and the caller decides. The
    result is in the order of start, then rank, then the order of `items`.

    Only items that overlap, directly or through a chain, can take a place from one another, so
    each such group is settled on its own in text order: a long text's items are read once, in
    the order they sit in memory, rather than sorted all together by length."""
    keyed: list[_Keyed[T]] = []
    for n, item in enumerate(items):
        s = span(item)
        keyed.append((s.start, s.end, rank(item), n, item))
    return resolve_keyed(keyed)


def resolve_keyed(keyed: list[_Keyed[T]]) -> list[T]:
    """`resolve_overlaps` of items already keyed as `(start, end, rank, n, item)` (n: the item's
    place in the input); the caller that makes the keys itself spares a call per item. Sorts
    `keyed` in place."""
    keyed.sort(key=_START)  # stable: the items of one start keep their order
    out: list[T] = []
    i, size = 0, len(keyed)
    while i < size:
        first = keyed[i]
        reach = first[1]
        j = i + 1
        while j < size and keyed[j][0] < reach:
            if keyed[j][1] > reach:
                reach = keyed[j][1]
            j += 1
        if j == i + 1:
            out.append(first[4])  # most items overlap nothing
        else:
            _settle(keyed[i:j], out)
        i = j
    return out


_START = operator.itemgetter(0)
_RESULT_ORDER = operator.itemgetter(0, 2, 3)  # start, rank, place in the input


def _settle(group: list[_Keyed[T]], out: list[T]) -> None:
    """Resolve one group of overlapping items and add the kept ones to `out` in result order."""
    if len(group) == 1:
        out.append(group[0][4])
        return
    # longest first, then the lower rank, the earlier start, the earlier item
    ordered = sorted(group, key=lambda k: (k[0] - k[1], k[2], k[0], k[3]))
    base = group[0][0]
    occupied = bytearray(max(k[1] for k in group) - base)
    exact: dict[tuple[int, int], int] = {}
    kept: list[_Keyed[T]] = []
    for k in ordered:
        start, end, r = k[0], k[1], k[2]
        if exact.get((start, end)) == r:
            kept.append(k)
            continue
        if occupied.find(1, start - base, end - base) != -1:
            continue
        occupied[start - base : end - base] = b"\x01" * (end - start)
        exact[(start, end)] = r
        kept.append(k)
    kept.sort(key=_RESULT_ORDER)
    out.extend(k[4] for k in kept)
