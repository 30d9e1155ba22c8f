"""How a command is declared — its options beside its handler — and run: every mistake a user can
make is one line on standard error, `hamkari: …`, with exit status 2 for a wrong command line and
1 for a request that cannot be done; never a traceback."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TextIO

from django.core.management import call_command
from django.db import OperationalError
from django.utils import translation

Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]


class CliError(Exception):
    """A user's mistake or a request that cannot be done: its one-line message and exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.message, self.status = message, status


@dataclass(frozen=True)
class Option:
    flags: tuple[str, ...]
    settings: dict[str, Any]


def option(*flags: str, **settings: Any) -> Option:
    """An argument of a command, as argparse's add_argument takes it."""
    return Option(flags, settings)


@dataclass(frozen=True)
class Command:
    name: str  # "brief", or "groups add" for a command of a family
    handler: Handler
    help: str
    options: tuple[Option, ...]
    description: str | None = None
    epilog: str | None = None
    database: bool = True  # migrate the database before running
    extra: dict[str, Any] = field(default_factory=dict)


COMMANDS: list[Command] = []


def command(
    name: str,
    *options: Option,
    help: str,
    description: str | None = None,
    epilog: str | None = None,
    database: bool = True,
    add_help: bool = True,
) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of `hamkari NAME` with these options."""

    def register(handler: Handler) -> Handler:
        COMMANDS.append(
            Command(name, handler, help, options, description, epilog, database, {"add_help": add_help})
        )
        return handler

    return register


class Parser(argparse.ArgumentParser):
    """Errors in one line, naming the command and where its help is."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def parser() -> Parser:
    top = Parser(prog="hamkari", description="Iran–Russia cooperation news → facts.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    families: dict[str, argparse._SubParsersAction[Parser]] = {}
    for cmd in COMMANDS:
        family, _, leaf = cmd.name.partition(" ")
        where = commands
        if leaf:
            if family not in families:
                sub = commands.add_parser(
                    family, help=" | ".join(f"{family} {leaf}" for leaf in _leaves(family))
                )
                families[family] = sub.add_subparsers(dest="action", required=True, metavar="ACTION")
            where = families[family]
        one = where.add_parser(
            leaf or family,
            help=cmd.help,
            description=cmd.description or cmd.help,
            epilog=cmd.epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            add_help=cmd.extra["add_help"],
        )
        for opt in cmd.options:
            one.add_argument(*opt.flags, **opt.settings)
        one.set_defaults(run=cmd)
    return top


def _leaves(family: str) -> list[str]:
    return [c.name.partition(" ")[2] for c in COMMANDS if c.name.partition(" ")[0] == family]


def run(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    """Parse the command line (a mistake exits 2 through argparse) and run the command."""
    args = parser().parse_args(argv)
    cmd: Command = args.run
    try:
        if cmd.database:
            call_command("migrate", interactive=False, verbosity=0)
        # the command line speaks English, as its help does (the site's default language is Persian);
        # the commands with a --language option render in that language themselves
        with translation.override("en"):
            return cmd.handler(args, out, err)
    except CliError as exc:
        print(f"hamkari: {exc.message}", file=err)
        return exc.status
    except BrokenPipeError:
        # the reader (`head`, a pager) stopped early; what it read is whole
        _silence(out)
        print("hamkari: the output was closed before the end (broken pipe)", file=err)
        return 1
    except KeyboardInterrupt:
        print("hamkari: interrupted", file=err)
        return 130
    except OperationalError as exc:  # unreachable server, wrong password, locked or read-only file
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"hamkari: the database cannot be used: {reason} (check HAMKARI_DATABASE_URL)", file=err)
        return 1


def _silence(out: TextIO) -> None:
    """Point the closed standard output at /dev/null so that Python's last flush does not fail."""
    if out is sys.stdout:
        with contextlib.suppress(OSError, ValueError):  # not a real file (tests): nothing to flush
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def plural(count: int, one: str, many: str | None = None) -> str:
    """«1 report», «3 reports», «1 person», «2 people»."""
    return f"{count} {one if count == 1 else many or one + 's'}"


def output_path(name: str) -> Path:
    """A file to write: its folder must exist (checked before any work is done)."""
    path = Path(name)
    folder = path.parent
    if path.is_dir():
        raise CliError(f"{name}: is a folder; give a file name")
    if not folder.is_dir():
        raise CliError(f"{name}: no such folder {str(folder)!r}; create it first")
    if not os.access(folder, os.W_OK):
        raise CliError(f"{name}: permission denied (cannot write in {str(folder)!r})")
    return path


def write_output(name: str, data: str | bytes) -> None:
    path = output_path(name)
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"{name}: cannot write: {exc.strerror or exc}") from exc
