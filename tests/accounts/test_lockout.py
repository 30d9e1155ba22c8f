"""Password guessing: ten wrong passwords lock the login, the right one is refused until an
administrator unlocks it, and the lockout is in the audit log."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from hamkari.accounts.services import user_create
from hamkari.kb.models import AuditLog
from hamkari.web.i18n import compile_messages

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def catalogues() -> None:
    compile_messages()


PASSWORD = "right-password-for-test-1"


def _login(client: Client, password: str) -> int:
    return client.post("/accounts/login/", {"username": "guessed", "password": password}).status_code


def test_ten_wrong_passwords_lock_the_login_until_an_administrator_unlocks_it() -> None:
    user = user_create(username="guessed", password=PASSWORD, role="viewer")
    client = Client()
    statuses = [_login(client, f"wrong-{n}") for n in range(10)]
    assert statuses[:9] == [200] * 9  # the form again, with its error
    assert statuses[9] == 429
    assert _login(client, PASSWORD) == 429
    assert "_auth_user_id" not in client.session
    entry = AuditLog.objects.get(action="login.locked_out")
    assert (entry.object_type, entry.object_id) == ("user", user.pk)
    assert entry.data == {"username": "guessed", "ip_address": "127.0.0.1", "failures": 10}
    assert AuditLog.objects.filter(action="login.refused_locked").count() == 1
    call_command("axes_reset_username", "guessed")
    assert _login(client, PASSWORD) == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_lockout_page_is_translated() -> None:
    user_create(username="guessed", password=PASSWORD, role="viewer")
    client = Client()
    for n in range(10):
        _login(client, f"wrong-{n}")
    page = client.post(
        "/accounts/login/", {"username": "guessed", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="fa"
    )
    assert page.status_code == 429
    assert "قفل" in page.content.decode()


def test_a_right_password_before_the_limit_resets_the_count() -> None:
    user_create(username="guessed", password=PASSWORD, role="viewer")
    client = Client()
    for n in range(9):
        _login(client, f"wrong-{n}")
    assert _login(client, PASSWORD) == 302
    client.logout()
    assert [_login(client, f"wrong-{n}") for n in range(9)] == [200] * 9
