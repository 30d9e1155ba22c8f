"""A page asked for a record that is not there is a 404; a fault of the code behind a page is a
server error, never passed off as a missing page (kb.lookups.found)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hamkari.kb import selectors

pytestmark = pytest.mark.django_db


def _viewer(users: dict[str, Any]) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(users["viewer"])
    return client


@pytest.mark.parametrize("address", ["/stories/987654/", "/jobs/987654/", "/tracker/briefs/group/abc/"])
def test_a_record_that_is_not_there_or_an_id_that_is_no_number_is_a_404(
    users: dict[str, Any], address: str
) -> None:
    assert _viewer(users).get(address).status_code == 404


@pytest.mark.parametrize("fault", [KeyError("kind"), ValueError("invalid literal for int()")])
def test_a_key_or_value_error_inside_a_selector_is_a_server_error(
    users: dict[str, Any], monkeypatch: pytest.MonkeyPatch, fault: Exception
) -> None:
    def broken(pk: int) -> Any:
        raise fault

    monkeypatch.setattr(selectors, "story_get", broken)
    assert _viewer(users).get("/stories/1/").status_code == 500
