"""The `hamkari` command. `main` configures Django from the environment (a wrong setting is one
line naming the variable, exit status 2), then imports the command modules, which may use models,
services and selectors at their top level: this is the one place that imports inside a function
(what it needs before, to say a wrong setting in the command line's language, imports no model
and is imported at the top).

One module per command family, each command's options beside its handler:
`articles` (extract, ingest, reextract, export), `users` (user, token), `tracker` (groups,
brief, remind), `partners` (partners, firms, import, consortium, route), `monitoring` (worker),
`alerts` (watch, alerts), `server` (serve, manage)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

import django
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import translation

# these read no setting when imported: they may come before Django is configured
from hamkari.cli.language import LANGUAGES, cli_language
from hamkari.kb.reasons import reason
from hamkari.web.i18n import LOCALE, compile_messages


def configure() -> None:
    """Configure Django from the environment (raises ImproperlyConfigured for a wrong setting)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamkari.settings")
    django.setup()


def django_setup(*, migrate: bool = True) -> None:
    """Configure Django and bring the database schema up to date (for scripts and benchmarks)."""
    configure()
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)


def _setting_error(exc: ImproperlyConfigured) -> str:
    """«hamkari: setting error: …» in the command line's language; when HAMKARI_LANGUAGE itself is
    wrong the language is not known, so the line is said in Persian, Russian and English, one line
    each. A setting that stopped Django's set-up leaves it unconfigured: the catalogues are then
    read with a configuration of their own, which is all this process does before it exits."""
    try:
        languages: Sequence[str] = (cli_language(),)
    except ImproperlyConfigured:
        languages = LANGUAGES
    english = f"hamkari: setting error: {exc}"
    if tuple(languages) == ("en",):
        return english
    try:
        if not settings.configured:
            settings.configure(USE_I18N=True, LOCALE_PATHS=[LOCALE], INSTALLED_APPS=[])
            django.setup()
        with contextlib.suppress(OSError):  # a read-only installation: its compiled catalogues
            compile_messages()
        lines = []
        for language in languages:
            with translation.override(language):
                said = translation.gettext("setting error: %(reason)s") % {"reason": reason(exc)}
            lines.append(f"hamkari: {said}")
        return "\n".join(lines)
    except Exception:
        return english


def main(argv: Sequence[str] | None = None) -> int:
    try:
        configure()
        # the command line's language (HAMKARI_LANGUAGE, else the locale's, else English)
        language = cli_language()
    except ImproperlyConfigured as exc:
        print(_setting_error(exc), file=sys.stderr)
        return 2
    # the command modules register their commands when imported, in the order of --help
    from hamkari.cli import alerts, articles, monitoring, partners, server, tracker, users  # noqa: F401
    from hamkari.cli.command import run

    return run(argv, sys.stdout, sys.stderr, language)
