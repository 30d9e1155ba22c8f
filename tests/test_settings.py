"""Settings come from the environment; wrong values fail loudly; production passes check --deploy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "s3cr3t-" + "x" * 30 + "-Qz9!" * 5


def manage(args: list[str], env: dict[str, str], home: Path) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("HAMKARI_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "-m", "hamkari.cli", "manage", *args],
        env={**clean, "HAMKARI_HOME": str(home), **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks(tmp_path: Path) -> None:
    result = manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {
            "HAMKARI_ENV": "production",
            "HAMKARI_SECRET_KEY": SECRET,
            "HAMKARI_ALLOWED_HOSTS": "hamkari.example.org",
        },
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"HAMKARI_ENV": "staging"}, "HAMKARI_ENV='staging' is not one of development, production"),
        ({"HAMKARI_ENV": "production"}, "HAMKARI_SECRET_KEY must be set when HAMKARI_ENV=production"),
        ({"HAMKARI_SECRET_KEY": "short"}, "HAMKARI_SECRET_KEY must be at least 50 characters long"),
        ({"HAMKARI_ENV": "production", "HAMKARI_SECRET_KEY": SECRET}, "HAMKARI_ALLOWED_HOSTS must be set"),
        ({"HAMKARI_ALLOWED_HOSTS": "a.org,,b.org"}, "must be a comma-separated list without blanks"),
        ({"HAMKARI_DATABASE_URL": "mysql://u@h/db"}, "must be a postgres:// or sqlite:// URL"),
        ({"HAMKARI_LOG_LEVEL": "LOUD"}, "HAMKARI_LOG_LEVEL='LOUD' is not one of"),
        ({"HAMKARI_PUBLIC_READ": "maybe"}, "HAMKARI_PUBLIC_READ='maybe' must be true or false"),
        ({"HAMKARI_LOGIN_FAILURE_LIMIT": "0"}, "HAMKARI_LOGIN_FAILURE_LIMIT='0' must be a whole number"),
        ({"HAMKARI_PROXY_COUNT": "two"}, "HAMKARI_PROXY_COUNT='two' must be a whole number of at least 0"),
        (
            {"HAMKARI_WORKER_LOST_SECONDS": "1"},
            "HAMKARI_WORKER_LOST_SECONDS='1' must be a whole number of at least 5",
        ),
    ],
)
def test_a_wrong_setting_fails_loudly_and_names_the_variable(
    tmp_path: Path, env: dict[str, str], message: str
) -> None:
    result = manage(["check"], env, tmp_path)
    assert result.returncode != 0
    assert message in result.stderr


def test_a_sqlite_url_gets_the_same_locking_as_the_default_file(tmp_path: Path) -> None:
    """Several worker processes write to one SQLite file: a transaction takes the write lock when it
    begins and waits for another writer, whether the file is named by HAMKARI_DATABASE_URL or not."""
    script = (
        "from django.conf import settings; from django.db import connection; connection.ensure_connection(); "
        "print(settings.DATABASES['default']['OPTIONS']['transaction_mode'], "
        "connection.cursor().execute('PRAGMA journal_mode').fetchone()[0])"
    )
    url = f"sqlite:///{tmp_path / 'named.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "hamkari.settings", "HAMKARI_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["IMMEDIATE", "wal"], result.stderr


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("fa", "hamkari: خطای تنظیمات: HAMKARI_PUBLIC_READ='maybe' باید true یا false باشد\n"),
        ("ru", "hamkari: ошибка настройки: HAMKARI_PUBLIC_READ='maybe' должно быть true или false\n"),
        ("en", "hamkari: setting error: HAMKARI_PUBLIC_READ='maybe' must be true or false\n"),
    ],
)
def test_a_wrong_setting_is_said_in_the_command_lines_language(
    tmp_path: Path, language: str, line: str
) -> None:
    result = manage(["check"], {"HAMKARI_PUBLIC_READ": "maybe", "HAMKARI_LANGUAGE": language}, tmp_path)
    assert (result.returncode, result.stderr) == (2, line)
