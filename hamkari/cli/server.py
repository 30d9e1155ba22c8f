"""The web application and Django's own commands."""

from __future__ import annotations

import argparse
import errno
import logging
from typing import Any, TextIO

from django.core.management import call_command, execute_from_command_line, get_commands
from django.core.wsgi import get_wsgi_application
from django.utils.translation import gettext as _
from waitress.server import create_server

from hamkari.accounts.selectors import user_find
from hamkari.accounts.services import administrator_ensure
from hamkari.alerts.services import watchlist_demo_ensure
from hamkari.cli.command import CliError, command, option
from hamkari.cli.monitoring import PERIODIC
from hamkari.cli.values import PORT, whole
from hamkari.kb.reasons import reason
from hamkari.kb.selectors import article_count
from hamkari.kb.services import reference_load
from hamkari.monitoring import demo
from hamkari.monitoring.services import demo_source_register, source_poll
from hamkari.monitoring.worker import Pool, WorkerError
from hamkari.web.i18n import compile_messages


@command(
    "serve",
    option("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"),
    option("--port", type=PORT, default=8000, help="port, 1 to 65535 (default 8000)"),
    option("--threads", type=whole(1, 64), default=4, help="worker threads, 1 to 64 (default 4)"),
    option(
        "--no-samples", action="store_true", help="do not register the bundled demo feed of sample articles"
    ),
    option("--no-worker", action="store_true", help="do not run background jobs here (run 'hamkari worker')"),
    help="run the web application",
    description=(
        "Run the web application: migrate the database, load the reference data (all Iranian and "
        "Russian regions, countries), register the bundled demo feed of sample articles when the "
        "knowledge base is empty (a few arrive at a time), create an administrator on the first "
        "run (its password is printed once) and serve pages, API and static files with waitress, "
        "with one worker thread running background jobs and due source polls and watchlist "
        "digests beside it unless --no-worker."
    ),
)
def serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    server = _listen(args.host, args.port, args.threads)  # a port in use is found before any work
    compile_messages()
    call_command("collectstatic", interactive=False, verbosity=0)
    reference_load()
    first_run = not args.no_samples and not article_count()
    if first_run:
        _samples(out, worker=not args.no_worker)
    _administrator(out)
    if first_run:
        _demo_watchlist(out)
    logging.basicConfig()
    pool = None if args.no_worker else _worker()
    address = f"http://{args.host}:{args.port}/"
    print(
        "hamkari: " + _("serving on %(address)s (Ctrl-C stops)") % {"address": address}, file=out, flush=True
    )
    try:
        server.run()
    finally:
        server.close()
        if pool is not None:
            pool.stop()
    return 0


def _samples(out: TextIO, *, worker: bool) -> None:
    """The demo feed as a watched source, and its first articles now; the worker brings the rest."""
    source, _created = demo_source_register()
    fetch = source_poll(source=source)
    said = _("sample articles (invented for the demo, marked «sample»): %(n)s now") % {"n": fetch.new}
    print(f"hamkari: {said}", file=out)
    later = demo.total() - fetch.items
    if later > 0:
        when = _("while it runs") if worker else _("when 'hamkari worker' runs")
        said = _(
            "%(later)s more arrive %(batch)s at a time every %(seconds)s s %(when)s"
            " (source %(source)s, a local feed: 'hamkari sources list')"
        ) % {
            "later": later,
            "batch": source.release_batch,
            "seconds": source.release_every,
            "when": when,
            "source": source.pk,
        }
        print(f"hamkari: {said}", file=out)


def _demo_watchlist(out: TextIO) -> None:
    """The administrator follows the pair the next samples speak of: an alert in the first minute."""
    admin = user_find(username="admin")
    if admin is not None and watchlist_demo_ensure(owner=admin) is not None:
        print(
            "hamkari: "
            + _(
                "'admin' follows Gilan and Astrakhan (a demo watchlist): the samples about them that"
                " arrive next appear under Notifications"
            ),
            file=out,
        )


def _worker() -> Pool | None:
    """One worker thread beside the web server, when the task backend keeps jobs in the database."""
    try:
        pool = Pool(threads=1, periodic=PERIODIC)
    except WorkerError:
        return None  # jobs run at once where they are queued (the immediate backend)
    pool.start()
    return pool


def _administrator(out: TextIO) -> None:
    created = administrator_ensure()
    if created is not None and created.generated_password:  # never a password the operator chose
        said = _("created the administrator 'admin' with the password %(password)s")
        print("hamkari: " + said % {"password": created.generated_password}, file=out)
        print("hamkari: " + _("change it after logging in (Change password)"), file=out)
    elif created is not None:
        print(
            "hamkari: " + _("created the administrator 'admin' with the password of HAMKARI_ADMIN_PASSWORD"),
            file=out,
        )


def _listen(host: str, port: int, threads: int) -> Any:
    try:
        return create_server(get_wsgi_application(), host=host, port=port, threads=threads, ident="hamkari")
    except ValueError as exc:  # waitress: a --host that is no address and resolves to none
        cause = exc.__context__
        why = cause.strerror if isinstance(cause, OSError) and cause.strerror else str(exc)
        raise CliError(
            _("cannot listen on %(host)s:%(port)s: %(why)s") % {"host": host, "port": port, "why": why}
        ) from exc
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CliError(
                _("port %(port)s on %(host)s is already in use: stop the other server or give --port")
                % {"port": port, "host": host}
            ) from exc
        if exc.errno == errno.EACCES:
            raise CliError(
                _("no permission to listen on port %(port)s (ports below 1024 need root)") % {"port": port}
            ) from exc
        raise CliError(
            _("cannot listen on %(host)s:%(port)s: %(why)s")
            % {"host": host, "port": port, "why": reason(exc)}
        ) from exc


@command(
    "manage",
    option("args", nargs=argparse.REMAINDER),
    help="run a Django management command (migrate, createsuperuser, …)",
    database=False,
    add_help=False,
)
def manage(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    name = args.args[0] if args.args else "help"
    if not name.startswith("-") and name != "help" and name not in get_commands():
        raise CliError(
            _("unknown management command %(name)s (see hamkari manage help)") % {"name": repr(name)}, 2
        )
    execute_from_command_line(["hamkari manage", *args.args])
    return 0
