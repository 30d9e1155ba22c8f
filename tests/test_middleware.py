"""A NUL character anywhere in a page request is a 400, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from django.test import Client

from hamkari.accounts.services import user_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/regions/IR-%00/",
        "/search/?region=%00",
        "/search/?q=%00",
        "/tracker/deadlines/?region=%00",
        "/partners/IR%00/",
        "/?x%00=1",
    ],
)
def test_a_nul_character_in_a_page_address_is_a_400(path: str) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(user_create(username="a", password="x" * 12, role="administrator"))
    assert client.get(path).status_code == 400


def test_a_nul_character_in_a_form_is_a_400() -> None:
    client = Client(raise_request_exception=False)
    client.force_login(user_create(username="a", password="x" * 12, role="administrator"))
    assert client.post("/tracker/groups/", {"name": "WG\x00", "regions": "IR-20"}).status_code == 400
