"""Every command against the mistakes a user makes: one line on standard error naming the problem,
exit status 2 for a wrong command line and 1 for a request that cannot be done, never a
traceback, and nothing changed."""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hamkari.cli import main
from hamkari.cli.language import cli_language

pytestmark = pytest.mark.django_db

FIRMS = "name,region,sector,size,exports,markets"
TRADE = "region,partner,hs,year,period,flow,value"
FILES = {
    "size.csv": f"{FIRMS}\nKaveh Tiles,IR-10,construction,large,100,\n",
    "comma.csv": f'{FIRMS}\nKaveh Tiles,IR-10,construction,12,"1,5",\n',
    "negative.csv": f"{FIRMS}\nKaveh Tiles,IR-10,construction,12,-300,\n",
    "market.csv": f"{FIRMS}\nKaveh Tiles,IR-10,construction,12,300,Mars\n",
    "columns.csv": "name,region,sector\nKaveh Tiles,IR-10,construction\n",
    "region.csv": f"{FIRMS}\nKaveh Tiles,Isfahan,construction,12,300,\n",
    "sector.csv": f"{FIRMS}\nKaveh Tiles,IR-10,rockets,12,300,\n",
    "second_row.csv": f"{FIRMS}\nKaveh Tiles,IR-10,construction,12,300,\nLena Nets,RU-AST,fisheries,x,1,\n",
    "partner.csv": f"{TRADE}\nIR-10,Russia,72,2024,Y,export,100\n",
    "period.csv": f"{TRADE}\nIR-10,RU,72,2024,Q5,export,100\n",
    "flow.csv": f"{TRADE}\nIR-10,RU,72,2024,Y,transit,100\n",
    "hs.csv": f"{TRADE}\nIR-10,RU,steel,2024,Y,export,100\n",
    "year.csv": f"{TRADE}\nIR-10,RU,72,24,Y,export,100\n",
    "value.csv": f"{TRADE}\nIR-10,RU,72,2024,Y,export,-5\n",
    "trade_columns.csv": "region,hs,year,flow,value\nIR-10,72,2024,export,100\n",
    "firms.xlsx": "not a workbook",
}

# (command line, exit status, the one line on standard error); {tmp} is a folder with FILES
MISTAKES: list[tuple[str, int, str]] = [
    ("extract --published 03/12/2025 -", 2, "not a date in YYYY-MM-DD form: '03/12/2025'"),
    ("extract --max-bytes 0 -", 2, "argument --max-bytes: must be a whole number of 1 or more, not '0'"),
    ("extract --lang de -", 2, "argument --lang: invalid choice: 'de'"),
    ("extract --jsn -", 2, "hamkari extract: unrecognized arguments: --jsn (see 'hamkari extract --help')"),
    ("sources list --json", 2, "hamkari sources list: unrecognized arguments: --json"),
    ("extract --published 1404/13/01 -", 2, "not a date in YYYY-MM-DD form: '1404/13/01'"),
    ("sources add {tmp}/size.csv --region Gilan", 1, "hamkari: unknown region 'Gilan'; give a region's ISO"),
    ("ingest --published tomorrow x.txt", 2, "not a date in YYYY-MM-DD form: 'tomorrow'"),
    ("extract --published 9999-12-31 -", 2, "is after the last day of the Jalali calendar"),
    ("ingest --published 0100-01-01 x.txt", 2, "publication date 0100-01-01 is before the Jalali calendar"),
    ("reextract", 2, "hamkari: give article numbers or --all (not both)"),
    ("reextract 1 --all", 2, "hamkari: give article numbers or --all (not both)"),
    ("reextract 0", 2, "argument ARTICLE_ID: must be a whole number of 1 or more, not '0'"),
    ("reextract 99999", 1, "hamkari: no article 99999"),
    ("export things", 2, "argument kind: invalid choice: 'things'"),
    ("export regions -o {tmp}/missing/regions.jsonl", 1, "no such folder '{tmp}/missing'; create it first"),
    ("export regions -o {tmp}", 1, "hamkari: {tmp}: is a folder; give a file name"),
    ("user ali", 2, "hamkari: no user 'ali': give --role to create it"),
    ("user ali --role wizard", 2, "argument --role: invalid choice: 'wizard'"),
    (
        "user ali --role viewer --scope Semnan",
        2,
        "hamkari: --scope is for editors only, not for the role viewer",
    ),
    ("user ali --role viewer", 1, "hamkari: no terminal to ask for the password: set HAMKARI_USER_PASSWORD"),
    ("user ali --role viewer --email ali-at-example", 2, "'ali-at-example' is not an e-mail address"),
    ("user ed --role editor --scope Atlantis", 1, "hamkari: no region or entity 'Atlantis'"),
    ("token nobody", 1, "hamkari: no user 'nobody' (use --create-user)"),
    ("groups", 2, "hamkari groups: the following arguments are required: ACTION"),
    ("groups add Caspian", 2, "the following arguments are required: REGION"),
    (
        "groups add Caspian Atlantis",
        1,
        "hamkari: unknown region 'Atlantis': give an ISO code (IR-20, RU-AST)",
    ),
    ("groups list everything", 2, "unrecognized arguments: everything"),
    ("brief IR-10", 2, "hamkari: give two regions or --working-group ID"),
    ("brief IR-10 RU-NGR --working-group 1", 2, "hamkari: give two regions or --working-group ID"),
    ("brief --working-group 999", 1, "hamkari: no working group 999 (see hamkari groups list)"),
    ("brief IR-10 Atlantis", 1, "hamkari: unknown region 'Atlantis'"),
    (
        "brief IR-10 RU-NGR --pdf {tmp}/missing/brief.pdf",
        1,
        "no such folder '{tmp}/missing'; create it first",
    ),
    ("brief IR-10 RU-NGR --html {tmp}/missing/brief.html", 1, "no such folder '{tmp}/missing'"),
    ("remind --days -3", 2, "argument --days: must be a whole number from 0 to 366, not '-3'"),
    ("remind --days soon", 2, "argument --days: must be a whole number from 0 to 366, not 'soon'"),
    ("partners IR-10 --top 0", 2, "argument --top: must be a whole number from 1 to 200, not '0'"),
    ("partners IR-10 --top -1", 2, "argument --top: must be a whole number from 1 to 200, not '-1'"),
    ("partners Atlantis", 1, "hamkari: unknown region 'Atlantis': give an ISO code (IR-10, RU-NGR)"),
    ("partners firm:999", 1, "hamkari: no firm 999 (see hamkari firms)"),
    ("partners IR-10 --weight route", 2, "hamkari: --weight 'route': give NAME=NUMBER, e.g. route=0.5"),
    ("partners IR-10 --weight luck=1", 2, "hamkari: weights are complement"),
    ("firms Atlantis", 1, "hamkari: unknown region 'Atlantis'"),
    ("firms --sector rockets", 2, "hamkari: unknown sector 'rockets': sectors are aerospace_drones"),
    ("import cars {tmp}/size.csv", 2, "argument kind: invalid choice: 'cars'"),
    ("import firms {tmp}/nothing.csv", 1, "hamkari: {tmp}/nothing.csv: no such file"),
    (
        "import firms {tmp}/size.csv",
        1,
        "line 2: size: the number of employees must be a whole number like 250",
    ),
    (
        "import firms {tmp}/comma.csv",
        1,
        "line 2: exports: exports in US dollars a year must be a number like",
    ),
    (
        "import firms {tmp}/negative.csv",
        1,
        "line 2: exports: exports in US dollars a year cannot be negative",
    ),
    ("import firms {tmp}/market.csv", 1, "line 2: markets: unknown market 'mars': markets are africa, asia"),
    (
        "import firms {tmp}/columns.csv",
        1,
        "line 1: missing column(s) size, exports, markets; the header needs",
    ),
    (
        "import firms {tmp}/region.csv",
        1,
        "line 2: region: unknown region 'Isfahan': give an ISO code like IR-10",
    ),
    ("import firms {tmp}/sector.csv", 1, "line 2: sector: unknown sector 'rockets'"),
    ("import firms {tmp}/second_row.csv", 1, "line 3: size: the number of employees must be a whole number"),
    ("import firms {tmp}/firms.xlsx", 1, "hamkari: {tmp}/firms.xlsx: the file is not an XLSX workbook"),
    (
        "import trade {tmp}/partner.csv",
        1,
        "line 2: partner: unknown partner 'Russia': an ISO country code (CN)",
    ),
    ("import trade {tmp}/period.csv", 1, "line 2: period: 'Q5' is not Y, H1, H2, Q1 to Q4 or M01 to M12"),
    ("import trade {tmp}/flow.csv", 1, "line 2: flow: export or import, not 'transit'"),
    ("import trade {tmp}/hs.csv", 1, "line 2: hs: an HS code is 2 to 10 digits, not 'steel'"),
    ("import trade {tmp}/year.csv", 1, "line 2: year: a year like 2024, not '24'"),
    ("import trade {tmp}/value.csv", 1, "line 2: value: the value in US dollars cannot be negative (-5)"),
    ("import trade {tmp}/trade_columns.csv", 1, "line 1: missing column(s) partner, period"),
    (
        "consortium --market Mars --sectors steel",
        2,
        "hamkari: unknown market 'Mars'; markets are africa, asia",
    ),
    ("consortium --market africa --sectors steel --proposals 0", 2, "argument --proposals: must be a whole"),
    (
        "consortium --market africa --sectors rockets",
        2,
        "hamkari: give 1 to 6 known sectors; unknown: rockets",
    ),
    ("route IR-27 IR-27", 2, "hamkari: origin and destination are the same place (IR-27"),
    ("route IR-27 RU-VGG --options 0", 2, "argument --options: must be a whole number from 1 to 10, not '0'"),
    ("route IR-27 Atlantis", 1, "hamkari: unknown place 'Atlantis'"),
    ("route IR-27 RU-VGG --modes air", 2, "hamkari: modes are rail, road, sea; not air"),
    ("serve --port 99999", 2, "argument --port: must be a whole number from 1 to 65535, not '99999'"),
    ("serve --port 0", 2, "argument --port: must be a whole number from 1 to 65535, not '0'"),
    ("serve --threads 0", 2, "argument --threads: must be a whole number from 1 to 64, not '0'"),
    ("manage frobnicate", 2, "hamkari: unknown management command 'frobnicate' (see hamkari manage help)"),
    ("frobnicate", 2, "argument COMMAND: invalid choice: 'frobnicate'"),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(argv: list[str], monkeypatch: pytest.MonkeyPatch, stdout: Any = None) -> tuple[int, str, str]:
    """The command in this process: its exit status, standard output and standard error."""
    out, err = stdout or io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse
        code = int(exit_.code or 0)
    return code, out.getvalue() if stdout is None else "", err.getvalue()


@pytest.mark.parametrize(("command", "status", "message"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_mistake_is_one_line_with_its_exit_status(
    command: str, status: int, message: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HAMKARI_USER_PASSWORD", raising=False)
    if command.startswith("user ed"):
        monkeypatch.setenv("HAMKARI_USER_PASSWORD", "a-long-pass-1234")
    argv = [part.replace("{tmp}", str(folder)) for part in command.split()]
    code, _, err = run(argv, monkeypatch)
    assert (code, len(err.splitlines())) == (status, 1), err
    assert message.replace("{tmp}", str(folder)) in err
    assert "Traceback" not in err


def test_a_bad_import_applies_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, _ = run(["import", "firms", str(folder / "second_row.csv")], monkeypatch)
    assert code == 1
    assert run(["firms"], monkeypatch)[1] == ""


# the same mistakes said in Persian and in Russian: (language, command line, exit status, the line)
SAID: list[tuple[str, str, int, str]] = [
    ("fa", "extract --published 03/12/2025 -", 2, "تاریخی به شکل YYYY-MM-DD نیست: '03/12/2025'"),
    ("fa", "extract --published 9999-12-31 -", 2, "پس از آخرین روز گاه‌شماری جلالی"),
    ("fa", "extract --lang de -", 2, "hamkari extract: آرگومان --lang: گزینهٔ نادرست: 'de'"),
    ("fa", "reextract", 2, "hamkari: شمارهٔ خبرها یا \u200e--all را بدهید (نه هر دو را)"),
    ("fa", "reextract 0", 2, "آرگومان ARTICLE_ID: باید عددی صحیح از 1 به بالا باشد، نه '0'"),
    ("fa", "reextract 99999", 1, "hamkari: خبر ۹۹۹۹۹ نیست"),
    ("fa", "export regions -o {tmp}/missing/r.jsonl", 1, "پوشهٔ '{tmp}/missing' نیست؛ نخست آن را بسازید"),
    ("fa", "user ali", 2, "hamkari: کاربر 'ali' نیست: برای ساختنش \u200e--role را بدهید"),
    ("fa", "groups", 2, "hamkari groups: این آرگومان‌ها لازم‌اند: ACTION (راهنما: 'hamkari groups --help')"),
    (
        "fa",
        "groups add Caspian Atlantis",
        1,
        "hamkari: استان یا منطقهٔ ناشناخته 'Atlantis': کد ISO (IR-20، RU-AST)",
    ),
    ("fa", "brief --working-group 999", 1, "hamkari: کارگروه ۹۹۹ نیست (hamkari groups list را ببینید)"),
    (
        "fa",
        "import firms {tmp}/size.csv",
        1,
        "سطر 2: size: شمار کارکنان باید عددی صحیح مانند 250 باشد، نه 'large'",
    ),
    ("fa", "import trade {tmp}/flow.csv", 1, "سطر 2: flow: export یا import، نه 'transit'"),
    ("fa", "import firms {tmp}/firms.xlsx", 1, "hamkari: {tmp}/firms.xlsx: پرونده کارپوشهٔ XLSX نیست"),
    (
        "fa",
        "consortium --market africa --sectors rockets",
        2,
        "hamkari: ۱ تا ۶ بخش شناخته‌شده بدهید؛ ناشناخته: rockets",
    ),
    ("fa", "route IR-27 RU-VGG --modes air", 2, "hamkari: شیوه‌های حمل rail, road, sea هستند؛ نه air"),
    (
        "fa",
        "manage frobnicate",
        2,
        "hamkari: فرمان مدیریتی ناشناخته 'frobnicate' (hamkari manage help را ببینید)",
    ),
    ("ru", "extract --published 03/12/2025 -", 2, "не дата вида YYYY-MM-DD: '03/12/2025'"),
    ("ru", "extract --lang de -", 2, "hamkari extract: аргумент --lang: недопустимый выбор: 'de'"),
    ("ru", "reextract 0", 2, "аргумент ARTICLE_ID: должно быть целым числом не меньше 1, а не '0'"),
    ("ru", "reextract 99999", 1, "hamkari: статьи 99999 нет"),
    (
        "ru",
        "user ali --role viewer --scope Semnan",
        2,
        "hamkari: --scope только для редакторов, не для роли viewer",
    ),
    ("ru", "groups list everything", 2, "нераспознанные аргументы: everything"),
    ("ru", "brief IR-10", 2, "hamkari: укажите два региона или --working-group ID"),
    ("ru", "partners firm:999", 1, "hamkari: фирмы 999 нет (см. hamkari firms)"),
    ("ru", "import trade {tmp}/year.csv", 1, "строка 2: year: год вроде 2024, а не '24'"),
    (
        "ru",
        "route IR-27 Atlantis",
        1,
        "hamkari: неизвестное место 'Atlantis': укажите код ISO (IR-10, RU-NGR)",
    ),
    ("ru", "serve --port 0", 2, "аргумент --port: должно быть целым числом от 1 до 65535, а не '0'"),
    ("ru", "frobnicate", 2, "аргумент COMMAND: недопустимый выбор: 'frobnicate'"),
]


@pytest.mark.parametrize(
    ("language", "command", "status", "message"), SAID, ids=[f"{m[0]}-{m[1]}" for m in SAID]
)
def test_a_mistake_is_one_line_in_the_command_lines_language(
    language: str, command: str, status: int, message: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMKARI_LANGUAGE", language)
    monkeypatch.delenv("HAMKARI_USER_PASSWORD", raising=False)
    argv = [part.replace("{tmp}", str(folder)) for part in command.split()]
    code, _, err = run(argv, monkeypatch)
    assert (code, len(err.splitlines())) == (status, 1), err
    assert message.replace("{tmp}", str(folder)) in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"HAMKARI_LANGUAGE": "ru", "LANG": "fa_IR.UTF-8"}, "ru"),
        ({"LANG": "fa_IR.UTF-8"}, "fa"),
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LC_ALL": "ru_RU.UTF-8", "LANG": "fa_IR.UTF-8"}, "ru"),
        ({"LC_MESSAGES": "fa_IR", "LANG": "en_US.UTF-8"}, "fa"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"HAMKARI_LANGUAGE": "fa_IR.UTF-8"}, "fa"),
        ({}, "en"),
    ],
)
def test_the_language_comes_from_hamkari_language_else_the_locale_else_english(
    environment: dict[str, str], language: str
) -> None:
    assert cli_language(environment) == language


WRONG_LANGUAGE = [  # the language is not known: said in Persian, Russian and English, one line each
    "hamkari: خطای تنظیمات: HAMKARI_LANGUAGE='de' هیچ‌یک از fa، ru و en نیست",
    "hamkari: ошибка настройки: HAMKARI_LANGUAGE='de' — не одно из fa, ru, en",
    "hamkari: setting error: HAMKARI_LANGUAGE='de' is not one of fa, ru, en",
]


def test_a_wrong_hamkari_language_is_a_setting_error_said_in_all_three_languages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HAMKARI_LANGUAGE", "de")
    code, _, err = run(["route", "IR-27", "RU-VGG"], monkeypatch)
    assert (code, err.splitlines()) == (2, WRONG_LANGUAGE)


def test_a_wrong_hamkari_language_prints_three_lines_and_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hamkari.cli", "sources", "list"],
        capture_output=True,
        text=True,
        env=_env(tmp_path, HAMKARI_LANGUAGE="de"),
        check=False,
        timeout=120,
    )
    assert (result.returncode, result.stdout, result.stderr.splitlines()) == (2, "", WRONG_LANGUAGE)


def test_another_wrong_setting_beside_a_wrong_language_is_said_in_all_three_too(tmp_path: Path) -> None:
    env = _env(tmp_path, HAMKARI_LANGUAGE="xx", HAMKARI_LOG_LEVEL="verbose")
    result = subprocess.run(
        [sys.executable, "-m", "hamkari.cli", "sources", "list"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    lines = result.stderr.splitlines()
    assert (result.returncode, len(lines)) == (2, 3) and "Traceback" not in result.stderr
    assert lines[0].startswith("hamkari: خطای تنظیمات: ") and lines[1].startswith(
        "hamkari: ошибка настройки: "
    )
    assert (
        lines[2]
        == "hamkari: setting error: HAMKARI_LOG_LEVEL='verbose' is not one of DEBUG, INFO, WARNING, ERROR"
    )


def test_the_help_is_in_the_command_lines_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    code, out, _ = run(["--help"], monkeypatch)
    assert code == 0 and out.startswith("کاربرد: hamkari") and "خبرهای همکاری ایران و روسیه" in out
    monkeypatch.setenv("HAMKARI_LANGUAGE", "ru")
    assert run(["--help"], monkeypatch)[1].startswith("использование: hamkari")
    route = run(["route", "--help"], monkeypatch)[1]
    assert "сколько маршрутов, от 1 до 10 (по умолчанию 3)" in route and "параметры:" in route


@pytest.mark.parametrize(
    ("language", "heading", "explained"),
    [
        ("fa", "نمونه‌ها:", "  ساختن یک تحلیلگر با نشانی رایانامه:"),
        ("ru", "примеры:", "  создать аналитика с адресом"),
    ],
)
def test_the_examples_of_a_help_are_explained_in_the_command_lines_language_and_typed_as_they_are(
    monkeypatch: pytest.MonkeyPatch, language: str, heading: str, explained: str
) -> None:
    monkeypatch.setenv("HAMKARI_LANGUAGE", language)
    code, out, _ = run(["user", "--help"], monkeypatch)
    examples = out.split(f"\n{heading}\n")[1].splitlines()
    assert code == 0 and examples[0].startswith(explained)
    assert examples[1] == "    hamkari user ali --role analyst --email ali@example.org"
    explanations = [line for line in examples if line.strip() and not line.startswith("    ")]
    assert len(explanations) == 3 and not any(re.search("[A-Za-z]", line) for line in explanations)


def test_the_file_formats_of_import_are_in_the_command_lines_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    code, out, _ = run(["import", "--help"], monkeypatch)
    formats = out.split("قالب پرونده‌ها")[1]
    assert code == 0 and "    name     نام شرکت (متن، الزامی)" in formats and "food_industry" in formats
    assert not re.search(r"\b(the|number|required|empty)\b", formats)
    monkeypatch.setenv("HAMKARI_LANGUAGE", "ru")
    assert "отрасли:\n" in run(["consortium", "--help"], monkeypatch)[1]


def test_every_commands_summary_description_and_options_help_has_a_persian_and_a_russian_translation() -> (
    None
):
    import polib

    from hamkari.cli.command import COMMANDS

    said = {c.help for c in COMMANDS} | {c.description for c in COMMANDS if c.description}
    said |= {o.settings["help"] for c in COMMANDS for o in c.options if "help" in o.settings}
    said |= {what for c in COMMANDS for what, _typed in c.examples}
    locale = Path(__file__).resolve().parents[2] / "hamkari" / "web" / "locale"
    for language in ("fa", "ru"):
        catalogue = polib.pofile(str(locale / language / "LC_MESSAGES" / "django.po"))
        translated = {e.msgid for e in catalogue if e.msgstr}
        assert len(said) > 90 and not sorted(said - translated), language


def test_the_port_in_use_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = run(["serve", "--no-samples", "--port", str(port)], monkeypatch)
    assert (code, err) == (
        1,
        f"hamkari: port {port} on 127.0.0.1 is already in use: stop the other server or give --port\n",
    )
    assert "serving" not in out


def test_a_host_that_is_no_address_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def unknown(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    # the resolver says there is no such name, as it does for «--host 999.1.1.1»
    monkeypatch.setattr("waitress.adjustments.socket.getaddrinfo", unknown)
    argv = ["serve", "--no-samples", "--host", "no-such-host.example", "--port", "8042"]
    code, out, err = run(argv, monkeypatch)
    said = "hamkari: cannot listen on no-such-host.example:8042: Name or service not known\n"
    assert (code, err) == (1, said)
    assert "serving" not in out


class ClosedPipe(io.StringIO):
    """A reader (`head -1`) that stops after the first line."""

    def write(self, text: str) -> int:
        if self.tell() > 0:
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text[:1])


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "regions"],
        ["extract", "--json", "ARTICLES"],
        ["partners", "IR-10", "--top", "5"],
        ["route", "IR-27", "RU-VGG"],
        ["groups", "list"],
    ],
    ids=lambda argv: argv[0],
)
def test_a_reader_that_stops_early_is_one_line(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    run(["groups", "add", "Caspian fisheries", "Gilan", "RU-AST"], monkeypatch)
    argv = [str(articles(tmp_path)) if arg == "ARTICLES" else arg for arg in argv]
    code, _, err = run(argv, monkeypatch, stdout=ClosedPipe())
    assert (code, err) == (1, "hamkari: the output was closed before the end (broken pipe)\n")


def _env(tmp_path: Path, **settings: str) -> dict[str, str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HAMKARI_", "DJANGO_")) and k not in ("LC_ALL", "LC_MESSAGES")
    }
    return clean | {"HAMKARI_HOME": str(tmp_path), "LANG": "C.UTF-8"} | settings


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"HAMKARI_ENV": "prod"}, "HAMKARI_ENV='prod' is not one of development, production"),
        ({"HAMKARI_SECRET_KEY": "short"}, "HAMKARI_SECRET_KEY must be at least 50 characters long"),
        (
            {"HAMKARI_LOG_LEVEL": "verbose"},
            "HAMKARI_LOG_LEVEL='verbose' is not one of DEBUG, INFO, WARNING, ERROR",
        ),
        ({"HAMKARI_DATABASE_URL": "mysql://u:secret@db/x"}, "must be a postgres:// or sqlite:// URL"),
        ({"HAMKARI_DATABASE_URL": "foo://bar"}, "(postgres://user:password@host:5432/name or sqlite:///"),
    ],
    ids=lambda value: next(iter(value.values())) if isinstance(value, dict) else "",
)
def test_a_wrong_setting_is_one_line_naming_the_variable(
    setting: dict[str, str], message: str, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hamkari.cli", "route", "IR-27", "RU-VGG"],
        capture_output=True,
        text=True,
        env=_env(tmp_path, **setting),
        check=False,
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("hamkari: setting error: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "secret" not in result.stderr


def articles(folder: Path) -> Path:
    """A folder of two short articles."""
    (folder / "articles").mkdir()
    (folder / "articles" / "a.txt").write_text("The governor of Gilan met a delegation from Astrakhan.\n")
    (folder / "articles" / "b.txt").write_text(
        "Губернатор Астраханской области встретился с делегацией Гиляна.\n"
    )
    return folder / "articles"


def test_a_real_pipe_closed_by_head_ends_quietly(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "hamkari.cli", "extract", *[str(articles(tmp_path))] * 40]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path), text=True
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # as `head -1` does
        err = process.stderr.read()
        code = process.wait(timeout=120)
    assert (code, err) == (1, "hamkari: the output was closed before the end (broken pipe)\n")


# (language of the command line, words its route output must have, an English word it must not)
ROUTE_WORDS = [
    ("fa", ("کیلومتر", "شاخص هزینه", "گیلان", "1. شاخهٔ غربی: "), "days"),
    ("ru", ("км", "индекс стоимости", "Гилян", "1. Западная ветвь: "), "days"),
    ("en", ("km", "cost index", "Gilan", "1. Western branch: "), "сут."),
]


@pytest.mark.parametrize(("language", "words", "absent"), ROUTE_WORDS, ids=[w[0] for w in ROUTE_WORDS])
def test_route_speaks_the_command_lines_language_when_no_language_is_given(
    language: str, words: tuple[str, ...], absent: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMKARI_LANGUAGE", language)
    code, out, err = run(["route", "IR-01", "RU-AST", "--options", "2"], monkeypatch)
    assert code == 0 and all(word in out for word in words), out + err
    assert absent not in out and "[west]" not in out  # the branch by its name, not its code


def test_a_database_that_cannot_be_reached_is_said_in_persian_words(tmp_path: Path) -> None:
    env = _env(tmp_path, HAMKARI_LANGUAGE="fa", HAMKARI_DATABASE_URL="postgres://desk:pw@127.0.0.1:1/news")
    result = subprocess.run(
        [sys.executable, "-m", "hamkari.cli", "sources", "list"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (
        1,
        "hamkari: پایگاه داده در دسترس نیست: اتصال به 127.0.0.1:1 ممکن نشد: اتصال پذیرفته نشد"
        " (HAMKARI_DATABASE_URL را بررسی کنید)\n",
    )
