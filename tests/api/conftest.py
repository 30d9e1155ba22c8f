from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hamkari.accounts.services import user_create


@pytest.fixture
def client(db: Any) -> Client:
    """API reads need a login: the tests read as a logged-in viewer."""
    viewer = user_create(username="api-test-reader", password="pw-not-used-here", role="viewer")
    logged_in = Client()
    logged_in.force_login(viewer)
    return logged_in
