"""Russian morphology through pymorphy3 (its dictionaries ship in the `pymorphy3-dicts-ru`
package, so nothing is downloaded). Words of other scripts pass through unchanged."""

from __future__ import annotations

import functools
import re
from typing import Any

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@functools.cache
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=200_000)
def _parse(word: str) -> tuple[str, frozenset[str]]:
    try:
        parsed = _analyzer().parse(word)[0]
    except Exception:  # any word the analyser cannot take is an unknown word
        # pymorphy3 fails on some letters of other scripts inside a Cyrillic word (it looks up
        # Unicode names that Python's tables lack: «ValueError: no such name»)
        return word, frozenset()
    return parsed.normal_form.replace("ё", "е"), frozenset(parsed.tag.grammemes)


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of a folded (lower-case) word."""
    if not _CYRILLIC.search(word):
        return word
    return _parse(word)[0]


def grammemes(word: str) -> frozenset[str]:
    """pymorphy3 grammemes of a Russian word (Name, Surn, Patr, Geox, gent …); empty otherwise."""
    if not _CYRILLIC.search(word):
        return frozenset()
    return _parse(word.lower())[1]
