from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def analyst(db: Any) -> Any:
    from tests.kb.factories import UserFactory

    return UserFactory(username="analyst")
