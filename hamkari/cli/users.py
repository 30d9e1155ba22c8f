"""Users: create one with a role, scope and e-mail address, change its address, make API tokens."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any, TextIO

from django.utils.translation import gettext as _

from hamkari.accounts.permissions import ROLES
from hamkari.accounts.selectors import user_find
from hamkari.accounts.services import email_check, password_check, token_create, user_create, user_email_set
from hamkari.cli.command import CliError, command, option
from hamkari.kb.lookups import typed_id
from hamkari.kb.selectors import entity_find, region_find
from hamkari.kb.services import reference_load


@command(
    "user",
    option("username"),
    option("--role", choices=ROLES, help="the role of a new user"),
    option(
        "--scope",
        action="append",
        default=[],
        metavar="REGION_OR_ID",
        help=(
            "for editors: a region (ISO code IR-20, or its name in Persian, Russian or English) "
            "or an entity number (shown on its page); repeatable"
        ),
    ),
    option("--email", metavar="ADDRESS", help="the address `hamkari remind` writes to (name@example.org)"),
    help="create a user with a role, or set a user's e-mail address",
    description=(
        "Create a user: viewer (reads), analyst (reviews, merges, uploads), editor (reviews the articles "
        "and edits the profiles of the regions or organisations given with --scope) or administrator. "
        "The password is read from HAMKARI_USER_PASSWORD, else asked for twice on the terminal; it "
        "needs at least 10 characters, not common, not only digits, not like the user name. "
        "For an existing user, --email alone changes the e-mail address."
    ),
    examples=(
        (
            "create an analyst with an e-mail address",
            "hamkari user ali --role analyst --email ali@example.org",
        ),
        (
            "an editor who may edit two regions",
            "hamkari user semnan-editor --role editor --scope Semnan --scope IR-20",
        ),
        ("change a user's e-mail address", "hamkari user ali --email ali@example.org"),
    ),
)
def user(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    existing = user_find(username=args.username)
    if existing is not None:
        if args.role or args.scope or args.email is None:
            raise CliError(
                _("the user %(name)s exists already (only --email can be changed)")
                % {"name": repr(args.username)}
            )
        _email_set(existing, args.email)
        said = (
            _("%(name)s: e-mail address %(address)s") % {"name": args.username, "address": args.email}
            if args.email
            else _("%(name)s: e-mail address removed") % {"name": args.username}
        )
        print(f"hamkari: {said}", file=out)
        return 0
    if not args.role:
        raise CliError(_("no user %(name)s: give --role to create it") % {"name": repr(args.username)}, 2)
    if args.scope and args.role != "editor":
        raise CliError(_("--scope is for editors only, not for the role %(role)s") % {"role": args.role}, 2)
    _email_check(args.email or "")
    reference_load()
    scope = [_scope(item) for item in args.scope]
    password = _password(args.username)
    try:
        password_check(username=args.username, password=password)
        user_create(
            username=args.username, password=password, role=args.role, scope=scope, email=args.email or ""
        )
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    print("hamkari: " + _("created %(role)s %(name)s") % {"role": args.role, "name": args.username}, file=out)
    return 0


def _scope(item: str) -> Any:
    pk = typed_id(item)
    found = entity_find(pk=pk) if pk is not None else region_find(name=item)
    if found is None:
        raise CliError(
            _("no region or entity %(name)s (give an ISO code like IR-20, a region's name or a number)")
            % {"name": repr(item)}
        )
    return found


def _email_check(email: str) -> None:
    try:
        email_check(address=email)
    except ValueError as exc:
        raise CliError(str(exc), 2) from exc


def _email_set(found: Any, email: str) -> None:
    _email_check(email)
    user_email_set(user=found, email=email)


def _password(username: str) -> str:
    password = os.environ.get("HAMKARI_USER_PASSWORD")
    if password:
        return password
    if not sys.stdin.isatty():
        raise CliError(_("no terminal to ask for the password: set HAMKARI_USER_PASSWORD"))
    try:
        first = getpass.getpass(_("password for %(name)s: ") % {"name": username})
        again = getpass.getpass(_("the same password again: "))
    except (EOFError, KeyboardInterrupt) as exc:
        raise CliError(_("no password given")) from exc
    if first != again:
        raise CliError(_("the two passwords differ"))
    return first


@command(
    "token",
    option("username"),
    option("--name", default="cli", help="a label for the token (default cli)"),
    option("--create-user", action="store_true", help="create the user, a viewer, if it does not exist"),
    help="create an API token for a user (shown once)",
    description=(
        "Print a new API token for the user; only its hash is stored. --create-user makes a viewer "
        "(who cannot log in and whose token can only read); give writers a role with `hamkari user`."
    ),
)
def token(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    found = user_find(username=args.username)
    if found is None and args.create_user:
        found = user_create(username=args.username, password=None, role="viewer")
    if found is None:
        raise CliError(_("no user %(name)s (use --create-user)") % {"name": repr(args.username)})
    print(token_create(user=found, name=args.name), file=out)
    return 0
