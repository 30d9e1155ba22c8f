from __future__ import annotations

from collections.abc import Iterator

import pytest

from hamkari.partners import finder


@pytest.fixture(autouse=True)
def fresh_profiles() -> Iterator[None]:
    """Rolled-back test data can repeat the counts and ids an earlier test left in the finder's
    cache key (as in tests/partners)."""
    finder.clear_caches()
    yield
    finder.clear_caches()
