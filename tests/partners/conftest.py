from __future__ import annotations

from collections.abc import Iterator

import pytest

from hamkari.partners import finder


@pytest.fixture(autouse=True)
def fresh_profiles() -> Iterator[None]:
    """Rolled-back test data can repeat the counts and ids an earlier test left in the cache key."""
    finder.clear_caches()
    yield
    finder.clear_caches()


@pytest.fixture(scope="session", autouse=True)
def catalogues() -> None:
    """Explanations are translated through the compiled .po catalogues."""
    from hamkari.web.i18n import compile_messages

    compile_messages()
