"""`hamkari watch add|list|delete` and `hamkari alerts run` (hamkari/cli/alerts.py), with the
mistakes a user makes: one line on standard error, exit 2 for a wrong command line and 1 for a
request that cannot be done, nothing changed."""

from __future__ import annotations

import datetime as dt
import io
import smtplib
import sys
from typing import Any

import pytest
from django.core import mail

from hamkari.alerts import services
from hamkari.alerts.models import Watchlist
from hamkari.cli import main
from hamkari.kb.calendar import digits_in
from hamkari.kb.services import article_ingest, reference_load
from tests.kb.factories import UserFactory

pytestmark = pytest.mark.django_db

FERRY = (
    "The governor of Gilan and the head of Astrakhan Region signed a memorandum on a ferry line for "
    "grain in Rasht on 14 January 2025. The two sides will open a joint office within two months."
)

# (command line, exit status, the one line on standard error)
MISTAKES: list[tuple[str, int, str]] = [
    ("watch add nobody --region IR-01", 1, "hamkari: no user 'nobody' (create one with 'hamkari user nobody"),
    ("watch add ali", 2, "hamkari: give something to follow: --region, --pair, --person"),
    ("watch add ali --region Atlantis", 1, "hamkari: unknown region 'Atlantis': give an ISO code (IR-01"),
    ("watch add ali --region IR-01 --every hourly", 2, "argument --every: invalid choice: 'hourly'"),
    ("watch add ali --region IR-01 --language de", 2, "argument --language: invalid choice: 'de'"),
    ("watch add ali --pair IR-01", 2, "argument --pair: expected 2 arguments"),
    ("watch add ali --pair Gilan IR-01", 2, "hamkari: A pair is two different regions."),
    ("watch add ali --region Gilan IR-01", 2, "hamkari: This watchlist follows that already."),
    ("watch add ali --sector rockets", 1, "hamkari: unknown sector 'rockets': give a code or name"),
    ("watch add ali --instrument treaty", 2, "argument --instrument: invalid choice: 'treaty'"),
    ("watch add ali --person 'Nobody Known'", 1, "hamkari: no person named 'Nobody Known' in the knowledge"),
    ("watch add ali --person 999999", 1, "hamkari: no person 999999 (the number is on its page)"),
    ("watch add ali --search '!!'", 2, "hamkari: A saved search needs at least one word."),
    ("watch list nobody", 1, "hamkari: no user 'nobody'"),
    ("watch delete 0", 2, "argument ID: must be a whole number of 1 or more, not '0'"),
    ("watch delete 999", 1, "hamkari: no watchlist 999 (see 'hamkari watch list')"),
    ("alerts run now", 2, "unrecognized arguments: now"),
]


def run(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def ali(db: Any) -> Any:
    reference_load()
    return UserFactory(username="ali", email="ali@example.org")


@pytest.mark.parametrize(("command", "status", "message"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_mistake_is_one_line_with_its_exit_status_and_changes_nothing(
    command: str, status: int, message: str, ali: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex

    code, _, err = run(shlex.split(command), monkeypatch)
    assert (code, len(err.splitlines())) == (status, 1), err
    assert message in err and "Traceback" not in err
    assert not Watchlist.objects.exists()


def test_watch_add_names_the_watchlist_after_what_it_follows_and_prints_its_feed(
    ali: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(
        [
            "watch",
            "add",
            "ali",
            "--region",
            "Gilan",
            "RU-AST",
            "--instrument",
            "memorandum",
            "--every",
            "weekly",
        ],
        monkeypatch,
    )
    watchlist = Watchlist.objects.get()
    assert (code, err) == (0, "")
    assert watchlist.name == "گیلان، آستاراخان، تفاهم‌نامه"
    assert (watchlist.frequency, watchlist.language, watchlist.owner) == ("weekly", "fa", ali)
    assert out == (
        f"hamkari: created watchlist {watchlist.pk} for ali: {watchlist.name} (once a week, Persian); "
        f"feed http://127.0.0.1:8000/alerts/feed/{watchlist.token}.atom\n"
    )
    assert sorted(watchlist.targets.values_list("kind", "value")) == [
        ("instrument", "memorandum"),
        ("region", "IR-01"),
        ("region", "RU-AST"),
    ]


def test_watch_add_takes_people_by_name_pairs_sectors_and_searches(
    ali: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    article_ingest(text="Governor of Gilan Arash Karimzadeh met traders in Rasht on 2 February 2025.")
    argv = ["watch", "add", "ali", "--person", "Karimzadeh", "--pair", "گیلان", "Астраханская область"]
    argv += ["--sector", "شیلات", "--search", "ferry grain", "--language", "en", "--name", "Caspian"]
    assert run(argv, monkeypatch)[0] == 0
    watchlist = Watchlist.objects.get()
    assert watchlist.name == "Caspian"
    assert sorted(watchlist.targets.values_list("kind", "value")) == [
        ("pair", "IR-01 RU-AST"),
        ("person", ""),
        ("search", "ferry grain"),
        ("sector", "fisheries"),
    ]
    code, out, err = run(["watch", "list", "ali"], monkeypatch)
    assert (code, err) == (0, "hamkari: 1 watchlist\n")
    assert out.startswith(f"{watchlist.pk}\tali\tCaspian\tonce a day\tEnglish\t")
    assert "Region pair: Gilan – Astrakhan" in out and "Person: Arash Karimzadeh" in out and "unread 0" in out


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fa", ["روزی یک بار", "انگلیسی", "منطقه: گیلان", "بخش: شیلات", "خوانده‌نشده ۰", "اجرای بعدی "]),
        ("ru", ["раз в день", "Английский", "Регион: Гилян", "Отрасль: рыболовство", "непрочитанных 0"]),
    ],
)
def test_watch_list_rows_speak_the_command_lines_language(
    ali: Any, monkeypatch: pytest.MonkeyPatch, language: str, words: list[str]
) -> None:
    argv = ["watch", "add", "ali", "--region", "IR-۰۱", "--sector", "fisheries", "--language", "en"]
    assert run([*argv, "--name", "Caspian"], monkeypatch)[0] == 0
    monkeypatch.setenv("HAMKARI_LANGUAGE", language)
    code, out, _err = run(["watch", "list"], monkeypatch)
    row = out.rstrip("\n").split("\t")
    assert code == 0 and row[1:3] == ["ali", "Caspian"] and all(w in out for w in words), out
    assert not {"daily", "en", "region", "sector", "unread", "next"} & set(" ".join(row[3:]).split())
    assert row[0] == digits_in(Watchlist.objects.get().pk, language)


def test_the_count_of_watchlists_is_in_persian_digits_when_the_command_line_speaks_persian(
    ali: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(["watch", "add", "ali", "--region", "Gilan"], monkeypatch)[0] == 0
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    assert run(["watch", "list", "ali"], monkeypatch)[2] == "hamkari: ۱ فهرست پیگیری\n"


def test_alerts_run_sends_one_digest_and_watch_delete_removes_the_watchlist(
    ali: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(["watch", "add", "ali", "--region", "IR-01", "--every", "immediate", "--language", "en"], monkeypatch)
    watchlist = Watchlist.objects.get()
    article_ingest(text=FERRY, published=dt.date(2025, 1, 14))
    Watchlist.objects.update(next_run_at=watchlist.created_at)
    code, out, err = run(["alerts", "run"], monkeypatch)
    assert (code, err) == (0, "hamkari: 1 watchlist run, 0 failed\n")
    assert out == f"hamkari: watchlist {watchlist.pk} (Gilan): sent a digest of 3 items\n"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ali@example.org"]
    assert (
        run(["watch", "delete", str(watchlist.pk)], monkeypatch)[1]
        == f"hamkari: deleted watchlist {watchlist.pk}\n"
    )
    assert not Watchlist.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker's threads read what this test committed
def test_the_worker_queues_the_due_watchlists_and_sends_their_digest(
    ali: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(["watch", "add", "ali", "--region", "IR-01", "--language", "en"], monkeypatch)
    article_ingest(text=FERRY, published=dt.date(2025, 1, 14))
    assert mail.outbox == []
    Watchlist.objects.update(next_run_at=Watchlist.objects.get().created_at)  # its day has come
    code, out, _ = run(["worker", "--batch"], monkeypatch)
    assert (code, out) == (0, "hamkari: worker ran 2 jobs\n")  # the article's matching, the watchlist's run
    assert len(mail.outbox) == 1


def test_alerts_run_all_runs_every_watchlist_now(ali: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    run(["watch", "add", "ali", "--region", "IR-01", "--every", "weekly", "--language", "en"], monkeypatch)
    article_ingest(text=FERRY, published=dt.date(2025, 1, 14))
    assert run(["alerts", "run"], monkeypatch)[1] == ""  # not due for a week
    code, out, _ = run(["alerts", "run", "--all"], monkeypatch)
    assert (code, out.endswith("sent a digest of 3 items\n")) == (0, True)
    assert len(mail.outbox) == 1
    assert run(["alerts", "run", "--all"], monkeypatch)[1].endswith("nothing to send\n")


@pytest.mark.parametrize(
    ("refusal", "why"),
    [
        (ConnectionRefusedError(111, "Connection refused"), "کارساز نامه اتصال را نپذیرفت"),
        (
            smtplib.SMTPResponseException(451, b"Try again later"),
            "کارساز نامه فعلاً نتوانست و می‌خواهد بعداً دوباره بکوشیم (SMTP ۴۵۱)",
        ),
        (smtplib.SMTPResponseException(499, b"Odd reply"), "کارساز نامه پاسخ داد SMTP ۴۹۹: Odd reply"),
    ],
)
def test_a_digest_the_mail_server_refused_is_said_in_persian_its_own_words_kept_for_an_unknown_code(
    refusal: OSError, why: str, ali: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(["watch", "add", "ali", "--region", "IR-01", "--every", "immediate", "--language", "en"], monkeypatch)
    watchlist = Watchlist.objects.get()
    article_ingest(text=FERRY, published=dt.date(2025, 1, 14))
    Watchlist.objects.update(next_run_at=watchlist.created_at)

    def refuse(*args: Any) -> None:
        raise refusal

    monkeypatch.setattr(services.digest, "send", refuse)
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    code, out, err = run(["alerts", "run"], monkeypatch)
    number = digits_in(watchlist.pk, "fa")
    assert (code, out) == (1, f"hamkari: فهرست پیگیری {number} (Gilan): فرستاده نشد: {why}\n")
    assert err.endswith("hamkari: ۱ فهرست پیگیری اجرا شد، ۱ ناموفق\n")  # after the log's English warning
    assert mail.outbox == []
