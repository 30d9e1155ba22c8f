"""`hamkari groups` and `hamkari remind` (hamkari/cli/tracker.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io

import pytest

from hamkari.cli import main
from hamkari.tracker import selectors

pytestmark = pytest.mark.django_db


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def test_a_group_is_made_from_region_names_in_any_language_and_listed_with_its_number() -> None:
    code, out, _ = run(["groups", "add", "Caspian fisheries", "گیلان", "Астраханская область"])
    assert code == 0
    group = selectors.group_list()[0]
    made = f"created working group {group.pk}: Caspian fisheries (IR-01 Gilan, RU-AST Astrakhan Region)"
    assert out == f"hamkari: {made}\n"
    assert {r.ref for r in group.regions.all()} == {"IR-01", "RU-AST"}
    code, out, err = run(["groups", "list"])
    assert (code, err) == (0, "hamkari: 1 working group\n")
    assert out.split()[:2] == [str(group.pk), "Caspian"]
    assert run(["brief", "--working-group", str(group.pk), "--language", "en"])[0] == 0


def test_the_count_of_groups_is_in_persian_digits_when_the_command_line_speaks_persian(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(["groups", "add", "Caspian fisheries", "IR-01", "RU-AST"])[0] == 0
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    assert run(["groups", "list"])[2] == "hamkari: ۱ کارگروه\n"
    assert run(["remind", "--dry-run"])[2] == "hamkari: ۰ خلاصه نوشته شد\n"


def test_the_digest_says_one_day_not_one_days(monkeypatch: pytest.MonkeyPatch) -> None:
    from hamkari.accounts.services import user_create
    from hamkari.tracker.services import item_add

    run(["groups", "add", "Caspian fisheries", "IR-01", "RU-AST"])
    group = selectors.group_list()[0]
    user_create(username="boss", password=None, role="administrator", email="boss@example.org")
    today = dt.date.today()
    item_add(group=group, title="Draft the fisheries protocol", due=today, status="planned", user=None)
    code, out, err = run(["remind", "--days", "1", "--dry-run", "--language", "en"])
    assert code == 0 and "(next 1 day):" in out and "Draft the fisheries protocol" in out
    assert err == "hamkari: 1 digest composed\n"
