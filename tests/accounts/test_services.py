from __future__ import annotations

import pytest
from django.contrib.auth import authenticate

from hamkari.accounts.services import administrator_ensure

pytestmark = pytest.mark.django_db


def test_a_generated_administrator_password_is_returned_to_be_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HAMKARI_ADMIN_PASSWORD", raising=False)
    created = administrator_ensure()
    assert created is not None and created.generated_password
    assert authenticate(username="admin", password=created.generated_password) is not None


def test_a_chosen_administrator_password_is_never_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMKARI_ADMIN_PASSWORD", "chosen-by-the-operator-1")
    created = administrator_ensure()
    assert created is not None and created.generated_password is None
    assert authenticate(username="admin", password="chosen-by-the-operator-1") is not None


def test_no_second_administrator_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HAMKARI_ADMIN_PASSWORD", raising=False)
    administrator_ensure()
    assert administrator_ensure() is None
