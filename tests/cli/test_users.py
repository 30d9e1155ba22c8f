"""`hamkari user` (hamkari/cli/users.py): roles, scopes and passwords."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def test_it_creates_users_with_roles_and_refuses_weak_passwords(tmp_path: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("HAMKARI_")} | {
        "HAMKARI_HOME": str(tmp_path)
    }

    def user(*args: str, password: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "hamkari.cli", "user", *args],
            capture_output=True,
            text=True,
            env=env | {"HAMKARI_USER_PASSWORD": password},
            check=False,
            timeout=120,
        )

    weak = user("ed", "--role", "editor", "--scope", "IR-01", password="short")
    assert weak.returncode == 1 and "too short" in weak.stderr
    unknown = user("ed", "--role", "editor", "--scope", "XX-99", password="a-long-pass-1234")
    assert unknown.returncode == 1 and "no region or entity 'XX-99'" in unknown.stderr
    made = user("ed", "--role", "editor", "--scope", "IR-01", password="a-long-pass-1234")
    assert made.returncode == 0 and "created editor ed" in made.stdout
    again = user("ed", "--role", "viewer", password="a-long-pass-1234")
    assert again.returncode == 1 and "exists already" in again.stderr


def _run(argv: list[str]) -> tuple[int, str, str]:
    import contextlib
    import io

    from hamkari.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_an_editor_scope_is_named_in_any_language_and_the_email_set_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hamkari.accounts.permissions import scope_of
    from hamkari.accounts.selectors import user_find
    from hamkari.kb.selectors import region_find

    monkeypatch.setenv("HAMKARI_USER_PASSWORD", "a-long-pass-1234")
    code, out, _ = _run(
        ["user", "sem", "--role", "editor", "--scope", "Semnan", "--scope", "سمنان", "--scope", "RU-AST"]
    )
    assert (code, out) == (0, "hamkari: created editor sem\n")
    made = user_find(username="sem")
    assert made is not None and made.email == ""
    semnan, astrakhan = region_find(name="IR-20"), region_find(name="Астраханская область")
    assert semnan is not None and astrakhan is not None
    assert scope_of(made) == {semnan.pk, astrakhan.pk}
    assert (
        _run(["user", "sem", "--email", "sem@example.org"])[1]
        == "hamkari: sem: e-mail address sem@example.org\n"
    )
    made.refresh_from_db()
    assert made.email == "sem@example.org"


@pytest.mark.django_db
def test_a_new_user_gets_an_email_address(monkeypatch: pytest.MonkeyPatch) -> None:
    from hamkari.accounts.selectors import user_find

    monkeypatch.setenv("HAMKARI_USER_PASSWORD", "a-long-pass-1234")
    assert _run(["user", "ali", "--role", "analyst", "--email", " ali@example.org "])[0] == 0
    made = user_find(username="ali")
    assert made is not None and made.email == "ali@example.org"
