"""`hamkari user` (hamkari/cli/users.py): roles, scopes and passwords."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


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
