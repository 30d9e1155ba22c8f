"""The `hamkari` command. `main` configures Django from the environment (a wrong setting is one
line naming the variable, exit status 2), then imports the command modules, which may use models,
services and selectors at their top level: this is the one place that imports inside a function.

One module per command family, each command's options beside its handler:
`articles` (extract, ingest, reextract, export), `users` (user, token), `tracker` (groups,
brief, remind), `partners` (partners, firms, import, consortium, route), `monitoring` (worker),
`alerts` (watch, alerts), `server` (serve, manage)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import django
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command


def configure() -> None:
    """Configure Django from the environment (raises ImproperlyConfigured for a wrong setting)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamkari.settings")
    django.setup()


def django_setup(*, migrate: bool = True) -> None:
    """Configure Django and bring the database schema up to date (for scripts and benchmarks)."""
    configure()
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        configure()
        # the command line's language (HAMKARI_LANGUAGE, else the locale's, else English)
        from hamkari.cli.language import cli_language

        language = cli_language()
    except ImproperlyConfigured as exc:
        print(f"hamkari: setting error: {exc}", file=sys.stderr)
        return 2
    # the command modules register their commands when imported, in the order of --help
    from hamkari.cli import alerts, articles, monitoring, partners, server, tracker, users  # noqa: F401
    from hamkari.cli.command import run

    return run(argv, sys.stdout, sys.stderr, language)
