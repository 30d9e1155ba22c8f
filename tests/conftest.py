from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    """The translations are compiled before any test reads a catalogue. pytest-django has set
    Django up already by then, and that loads the default language's (Persian) catalogue: one just
    compiled again is read afresh, else the first run after a .po change says the old Persian."""
    import gettext

    from django.utils.translation import trans_real

    from hamkari.web.i18n import compile_messages

    if compile_messages():  # Django's cache, and the gettext module's of each .mo by its path
        gettext._translations.clear()  # type: ignore[attr-defined]
        trans_real._translations = {}
        trans_real._default = None


# the `recording_server` fixture: a local HTTP server that records every request it gets
pytest_plugins = ["tests.recording_server"]


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared folder (`../shared`): seeds, gold, spec and scorer.

    Tests that need it skip with the reason when it is absent, except in CI, where its absence
    is a failure."""
    if not (SHARED / "seeds").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the shared folder is missing at {SHARED}")
        pytest.skip(f"needs the shared folder beside the repository ({SHARED} is absent)")
    return SHARED


@pytest.fixture(autouse=True)
def english_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line speaks HAMKARI_LANGUAGE, else the locale's language (hamkari.cli.language):
    the tests read it in English whatever the machine's locale, unless a test asks for another."""
    monkeypatch.setenv("HAMKARI_LANGUAGE", "en")
