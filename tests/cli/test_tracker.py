"""`hamkari groups` and `hamkari remind` (hamkari/cli/tracker.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io

import pytest

from hamkari.cli import main
from hamkari.kb.calendar import digits_in
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
    made = f"created working group {group.pk}: Caspian fisheries (Gilan, Astrakhan Region)"
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


def test_groups_add_and_list_name_the_regions_in_the_command_lines_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    code, out, _ = run(["groups", "add", "Caspian fisheries", "Gilan", "IR-۲۷"])
    group = selectors.group_list()[0]
    assert (code, out) == (
        0,
        f"hamkari: کارگروه {digits_in(group.pk, 'fa')} ساخته شد: Caspian fisheries (گیلان، گلستان)\n",
    )
    code, out, err = run(["groups", "list"])
    assert (code, err) == (0, "hamkari: ۱ کارگروه\n") and out.endswith(
        "  Caspian fisheries  (گیلان، گلستان)\n"
    )
    monkeypatch.setenv("HAMKARI_LANGUAGE", "ru")
    assert run(["groups", "list"])[1].endswith("  Caspian fisheries  (Гилян, Голестан)\n")


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
