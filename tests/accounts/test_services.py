from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from hamkari.accounts.services import administrator_ensure

pytestmark = pytest.mark.django_db


def test_a_generated_administrator_password_is_returned_to_be_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HAMKARI_ADMIN_PASSWORD", raising=False)
    created = administrator_ensure()
    assert created is not None and created.generated_password
    assert get_user_model().objects.get(username="admin").check_password(created.generated_password)


def test_a_chosen_administrator_password_is_never_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMKARI_ADMIN_PASSWORD", "chosen-by-the-operator-1")
    created = administrator_ensure()
    assert created is not None and created.generated_password is None
    assert get_user_model().objects.get(username="admin").check_password("chosen-by-the-operator-1")


def test_no_second_administrator_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HAMKARI_ADMIN_PASSWORD", raising=False)
    administrator_ensure()
    assert administrator_ensure() is None
