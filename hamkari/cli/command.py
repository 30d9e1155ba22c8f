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
from django.utils.translation import gettext as _

from hamkari.cli.language import speaking
from hamkari.kb.reasons import reason
from hamkari.kb.reasons import said as said_reason
from hamkari.sources.faults import database_fault

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
    epilog: str | Callable[[], str] | None = None  # a function: made in the command line's language
    database: bool = True  # migrate the database before running
    extra: dict[str, Any] = field(default_factory=dict)
    # (what it does, the command line as typed): the first said in the command line's language
    examples: tuple[tuple[str, str], ...] = ()


COMMANDS: list[Command] = []


def command(
    name: str,
    *options: Option,
    help: str,
    description: str | None = None,
    epilog: str | Callable[[], str] | None = None,
    examples: tuple[tuple[str, str], ...] = (),
    database: bool = True,
    add_help: bool = True,
) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of `hamkari NAME` with these options;
    `examples` are (what it does, in English, the msgid; the command line exactly as typed)."""

    def register(handler: Handler) -> Handler:
        extra = {"add_help": add_help}
        COMMANDS.append(Command(name, handler, help, options, description, epilog, database, extra, examples))
        return handler

    return register


class Parser(argparse.ArgumentParser):
    """Errors in one line, naming the command and where its help is."""

    def error(self, message: str) -> NoReturn:
        self.exit(
            2,
            _("%(prog)s: %(message)s (see '%(prog)s --help')") % {"prog": self.prog, "message": message}
            + "\n",
        )


def parser() -> Parser:
    top = Parser(prog="hamkari", description=_("Iran–Russia cooperation news → facts."))
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    families: dict[str, argparse._SubParsersAction[Parser]] = {}
    for cmd in COMMANDS:
        family, _space, leaf = cmd.name.partition(" ")
        where = commands
        if leaf:
            if family not in families:
                sub = commands.add_parser(
                    family, help=" | ".join(f"{family} {leaf}" for leaf in _leaves(family))
                )
                families[family] = sub.add_subparsers(dest="action", required=True, metavar="ACTION")
            where = families[family]
        # the help is written in English beside each command and said in the command line's language
        # when the catalogue has it (its English text is the msgid)
        one = where.add_parser(
            leaf or family,
            help=_said(cmd.help),
            description=_said(cmd.description or cmd.help),
            epilog=_epilog(cmd),
            formatter_class=argparse.RawDescriptionHelpFormatter,
            add_help=cmd.extra["add_help"],
        )
        for opt in cmd.options:
            settings = (
                {**opt.settings, "help": _said(opt.settings["help"])}
                if "help" in opt.settings
                else opt.settings
            )
            one.add_argument(*opt.flags, **settings)
        one.set_defaults(run=cmd, parser=one)
    return top


def _said(text: str | None) -> str | None:
    return _(text) if text else text


def _epilog(cmd: Command) -> str | None:
    """The end of a command's help: its examples (what each does in the command line's language,
    the command as typed below it), then its epilog."""
    parts = [cmd.epilog() if callable(cmd.epilog) else _said(cmd.epilog)]
    if cmd.examples:
        lines = [_("examples:")]
        for what, typed in cmd.examples:
            lines += [f"  {_(what)}:", f"    {typed}"]
        parts.insert(0, "\n".join(lines))
    return "\n\n".join(p for p in parts if p) or None


def _leaves(family: str) -> list[str]:
    return [c.name.partition(" ")[2] for c in COMMANDS if c.name.partition(" ")[0] == family]


def run(argv: Sequence[str] | None, out: TextIO, err: TextIO, language: str = "en") -> int:
    """Parse the command line (a mistake exits 2 through argparse) and run the command, speaking
    `language` (hamkari.cli.language: HAMKARI_LANGUAGE, else the locale, else English); the
    commands with a --language option render their documents in that language themselves."""
    with speaking(language):
        return _run(argv, out, err)


def _run(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    args, unknown = parser().parse_known_args(argv)
    if unknown:  # said by the command's own parser: `hamkari extract: …`, with its --help
        args.parser.error(_("unrecognized arguments: %s") % " ".join(unknown))
    cmd: Command = args.run
    try:
        if cmd.database:
            call_command("migrate", interactive=False, verbosity=0)
        return cmd.handler(args, out, err)
    except CliError as exc:
        print(f"hamkari: {exc.message}", file=err)
        return exc.status
    except BrokenPipeError:
        # the reader (`head`, a pager) stopped early; what it read is whole
        _silence(out)
        print("hamkari: " + _("the output was closed before the end (broken pipe)"), file=err)
        return 1
    except KeyboardInterrupt:
        print("hamkari: " + _("interrupted"), file=err)
        return 130
    except OperationalError as exc:  # unreachable server, wrong password, locked or read-only file
        line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        reason = said_reason(database_fault(line))  # the driver's English in words when known
        said = _("the database cannot be used: %(reason)s (check HAMKARI_DATABASE_URL)") % {"reason": reason}
        print(f"hamkari: {said}", file=err)
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
        raise CliError(_("%(name)s: is a folder; give a file name") % {"name": name})
    if not folder.is_dir():
        raise CliError(
            _("%(name)s: no such folder %(folder)s; create it first")
            % {"name": name, "folder": repr(str(folder))}
        )
    if not os.access(folder, os.W_OK):
        raise CliError(
            _("%(name)s: permission denied (cannot write in %(folder)s)")
            % {"name": name, "folder": repr(str(folder))}
        )
    return path


def write_output(name: str, data: str | bytes) -> None:
    path = output_path(name)
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise CliError(_("%(name)s: cannot write: %(why)s") % {"name": name, "why": reason(exc)}) from exc
