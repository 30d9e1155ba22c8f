"""What comes from outside said in the reader's words (hamkari/sources/faults.py): golden tables of a
system fault by its error number, an HTTP status, an XML or JSON fault → the English line and its
Persian and Russian, the outside's English phrase kept only when nothing here knows it; and errors
stored before, with a server's reason phrase or the system's English, said as new ones are."""

from __future__ import annotations

import errno
import http.client
import json
import os
import socket
import ssl
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.utils import translation

from hamkari.kb.reasons import said, said_html, stored_said
from hamkari.sources.faults import (
    database_fault,
    feed_fault,
    fetch_fault,
    http_status,
    json_fault,
    os_fault,
    parse_error_fault,
    upgraded,
)
from hamkari.sources.fetch import FetchRefused, fetch
from hamkari.sources.reasons import Reason, reason_json, reason_of


def _os(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def _certificate(code: int, message: str) -> ssl.SSLCertVerificationError:
    exc = ssl.SSLCertVerificationError(
        1, f"[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: {message}"
    )
    exc.verify_code, exc.verify_message = code, message
    return exc


# (the fault, English, Persian, Russian)
OS_TABLE = [
    (
        FileNotFoundError(errno.ENOENT, "No such file or directory"),
        "no such file or folder",
        "چنین پرونده یا پوشه‌ای نیست",
        "нет такого файла или папки",
    ),
    (
        PermissionError(errno.EACCES, "Permission denied"),
        "permission denied",
        "اجازهٔ دسترسی نیست",
        "нет доступа",
    ),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), "is a folder", "پوشه است", "это папка"),
    (
        NotADirectoryError(errno.ENOTDIR, "Not a directory"),
        "a part of the path is not a folder",
        "بخشی از مسیر پوشه نیست",
        "часть пути — не папка",
    ),
    (
        _os(errno.ENOSPC),
        "no space left on the disk",
        "جای خالی روی دیسک نمانده است",
        "на диске не осталось места",
    ),
    (
        _os(errno.EMFILE),
        "too many files are open",
        "پرونده‌های باز بیش از اندازه است",
        "открыто слишком много файлов",
    ),
    (
        ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"),
        "the connection was refused",
        "اتصال پذیرفته نشد",
        "в соединении отказано",
    ),
    (
        ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"),
        "the connection was reset by the other side",
        "طرف دیگر اتصال را ناگهان قطع کرد",
        "другая сторона сбросила соединение",
    ),
    (
        TimeoutError(errno.ETIMEDOUT, "Connection timed out"),
        "no answer in time",
        "پاسخی به‌موقع نیامد",
        "нет ответа в отведённое время",
    ),
    (TimeoutError("timed out"), "no answer in time", "پاسخی به‌موقع نیامد", "нет ответа в отведённое время"),
    (_os(errno.EHOSTUNREACH), "the host cannot be reached", "میزبان در دسترس نیست", "узел недоступен"),
    (_os(errno.ENETUNREACH), "the network cannot be reached", "شبکه در دسترس نیست", "сеть недоступна"),
    (
        socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
        "the host name was not found",
        "نام میزبان پیدا نشد",
        "имя узла не найдено",
    ),
    (
        socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"),
        "the name server did not answer; try again later",
        "کارساز نام پاسخ نداد؛ بعداً دوباره بکوشید",
        "сервер имён не ответил; попробуйте позже",
    ),
    (
        _certificate(10, "certificate has expired"),
        "the site's certificate has expired",
        "گواهی وبگاه منقضی شده است",
        "срок сертификата сайта истёк",
    ),
    (
        _certificate(62, "Hostname mismatch"),
        "the site's certificate is for another name",
        "گواهی وبگاه برای نام دیگری است",
        "сертификат сайта выдан на другое имя",
    ),
    # an error number not known here: a phrase in words, the system's own English kept as the detail
    (
        _os(errno.EXDEV),
        "system error EXDEV: Invalid cross-device link",
        "خطای سامانه EXDEV: Invalid cross-device link",
        "системная ошибка EXDEV: Invalid cross-device link",
    ),
]

FETCH_TABLE = [
    (
        http.client.RemoteDisconnected("Remote end closed connection without response"),
        "the server closed the connection without answering",
        "کارساز بی‌آنکه پاسخ دهد اتصال را بست",
        "сервер закрыл соединение, не ответив",
    ),
    (
        http.client.IncompleteRead(b"abc", 10),
        "the server's answer was cut short",
        "پاسخ کارساز نیمه‌کاره ماند",
        "ответ сервера оборвался",
    ),
    (
        http.client.BadStatusLine("HTTP/9 weird"),
        "the server's answer is not valid HTTP",
        "پاسخ کارساز HTTP درستی نیست",
        "ответ сервера — некорректный HTTP",
    ),
]

HTTP_TABLE = [
    (
        400,
        "the server refused the request as malformed (HTTP 400)",
        "کارساز درخواست را نادرست دانست و نپذیرفت (HTTP ۴۰۰)",
        "сервер отклонил запрос как неверный (HTTP 400)",
    ),
    (
        401,
        "the site asks for a login (HTTP 401)",
        "وبگاه ورود به حساب می‌خواهد (HTTP ۴۰۱)",
        "сайт требует входа (HTTP 401)",
    ),
    (403, "access forbidden (HTTP 403)", "دسترسی ممنوع است (HTTP ۴۰۳)", "доступ запрещён (HTTP 403)"),
    (404, "page not found (HTTP 404)", "صفحه پیدا نشد (HTTP ۴۰۴)", "страница не найдена (HTTP 404)"),
    (
        405,
        "the site does not allow this kind of request (HTTP 405)",
        "وبگاه این گونه درخواست را نمی‌پذیرد (HTTP ۴۰۵)",
        "сайт не допускает такой запрос (HTTP 405)",
    ),
    (
        408,
        "the server stopped waiting for the request (HTTP 408)",
        "کارساز دیگر منتظر درخواست نماند (HTTP ۴۰۸)",
        "сервер не дождался запроса (HTTP 408)",
    ),
    (
        410,
        "the page was removed for good (HTTP 410)",
        "صفحه برای همیشه برداشته شده است (HTTP ۴۱۰)",
        "страница удалена навсегда (HTTP 410)",
    ),
    (
        429,
        "too many requests: the site asks us to wait (HTTP 429)",
        "درخواست‌ها بیش از اندازه است: وبگاه می‌خواهد صبر کنیم (HTTP ۴۲۹)",
        "слишком много запросов: сайт просит подождать (HTTP 429)",
    ),
    (500, "error on the server (HTTP 500)", "خطا در کارساز (HTTP ۵۰۰)", "ошибка на сервере (HTTP 500)"),
    (
        502,
        "the server got no valid answer from the server behind it (HTTP 502)",
        "کارساز از کارساز پشت خود پاسخ درستی نگرفت (HTTP ۵۰۲)",
        "сервер не получил верного ответа от сервера за ним (HTTP 502)",
    ),
    (
        503,
        "the service is unavailable for now (HTTP 503)",
        "وبگاه فعلاً در دسترس نیست (HTTP ۵۰۳)",
        "сервис временно недоступен (HTTP 503)",
    ),
    (
        504,
        "the server behind the site did not answer in time (HTTP 504)",
        "کارساز پشت وبگاه به‌موقع پاسخ نداد (HTTP ۵۰۴)",
        "сервер за сайтом не ответил вовремя (HTTP 504)",
    ),
    (
        418,
        "the server answered with status 418",
        "کارساز با کد وضعیت ۴۱۸ پاسخ داد",
        "сервер ответил с кодом 418",
    ),
    (
        599,
        "the server answered with status 599",
        "کارساز با کد وضعیت ۵۹۹ پاسخ داد",
        "сервер ответил с кодом 599",
    ),
]

FEED_TABLE = [
    (
        b'<?xml version="1.0"?>\n<rss>\n<channel><item>\x01</item></channel></rss>',
        "not well-formed XML at line 3, column 16: a character that XML does not allow",
        "XML خوش‌ساخت نیست، سطر ۳، ستون ۱۶: نویسه‌ای که XML نمی‌پذیرد",
        "XML составлен неправильно в строке 3, столбце 16: символ, недопустимый в XML",
    ),
    (
        b'<?xml version="1.0"?><rss><channel><item></channel></rss>',
        "not well-formed XML at line 1, column 44: a closing tag that does not match its opening tag",
        "XML خوش‌ساخت نیست، سطر ۱، ستون ۴۴: برچسب پایانی‌ای که با برچسب آغازینش جور نیست",
        "XML составлен неправильно в строке 1, столбце 44: закрывающий тег не соответствует открывающему",
    ),
    (b"  \n ", "the document is empty", "سند خالی است", "документ пуст"),
    (
        b"<!DOCTYPE html>\n<html><body><p>A page, not its feed</p></body></html>",
        "the document is an HTML page",
        "سند یک صفحهٔ HTML است",
        "документ — страница HTML",
    ),
    (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
        "no entries",
        "بی هیچ مدخلی",
        "нет записей",
    ),
]

JSON_TABLE = [
    (
        "{'text': 1}",
        "not JSON: a name in double quotes was expected at column 2",
        "JSON نیست: نامی در گیومهٔ دوتایی باید می‌آمد در ستون ۲",
        "не JSON: ожидалось имя в двойных кавычках в столбце 2",
    ),
    (
        '{"text": "a"} x',
        "not JSON: more text after the value at column 15",
        "JSON نیست: متن اضافه پس از مقدار در ستون ۱۵",
        "не JSON: лишний текст после значения в столбце 15",
    ),
]


def _said(reason: Reason) -> tuple[str, str, str]:
    out = [str(reason)]
    for language in ("fa", "ru"):
        with translation.override(language):
            out.append(said(reason))
    return out[0], out[1], out[2]


@pytest.mark.parametrize(("fault", "english", "persian", "russian"), OS_TABLE)
def test_a_system_fault_is_said_by_its_error_number(
    fault: OSError, english: str, persian: str, russian: str
) -> None:
    assert _said(os_fault(fault)) == (english, persian, russian)


@pytest.mark.parametrize(("fault", "english", "persian", "russian"), FETCH_TABLE)
def test_a_broken_http_answer_is_said_in_words(
    fault: Exception, english: str, persian: str, russian: str
) -> None:
    assert _said(fetch_fault(fault)) == (english, persian, russian)


@pytest.mark.parametrize(("status", "english", "persian", "russian"), HTTP_TABLE)
def test_an_http_status_is_said_by_its_code_not_the_servers_reason_phrase(
    status: int, english: str, persian: str, russian: str
) -> None:
    assert _said(http_status(status)) == (english, persian, russian)


@pytest.mark.parametrize(("data", "english", "persian", "russian"), FEED_TABLE)
def test_a_feed_without_entries_says_what_is_wrong_and_where(
    data: bytes, english: str, persian: str, russian: str
) -> None:
    assert _said(feed_fault(feedparser.parse(data).get("bozo_exception"), data)) == (
        english,
        persian,
        russian,
    )


@pytest.mark.parametrize(("line", "english", "persian", "russian"), JSON_TABLE)
def test_a_line_that_is_not_json_says_what_is_wrong(
    line: str, english: str, persian: str, russian: str
) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(line)
    assert _said(json_fault(caught.value)) == (english, persian, russian)


def test_a_sitemap_that_is_not_xml_says_where_in_the_readers_digits() -> None:
    with pytest.raises(ET.ParseError) as caught:
        ET.fromstring(b"<urlset>\n<url></urlset>")
    fault = parse_error_fault(caught.value)
    assert (
        str(fault)
        == "not well-formed XML at line 2, column 8: a closing tag that does not match its opening tag"
    )
    with translation.override("fa"):
        assert said(fault).startswith("XML خوش‌ساخت نیست، سطر ۲، ستون ۸: ")


def test_a_known_fault_on_a_page_keeps_no_english_and_an_unknown_one_keeps_it_marked() -> None:
    known = Reason("cannot read %(path)s: %(fault)s", path="/feeds/a.rss", fault=os_fault(_os(errno.EACCES)))
    unknown = Reason("cannot read %(path)s: %(fault)s", path="/feeds/a.rss", fault=os_fault(_os(errno.EXDEV)))
    with translation.override("fa"):
        page = str(said_html(known))
        assert "Permission" not in page and "اجازهٔ دسترسی نیست" in page
        detail = str(said_html(unknown))
    assert '<bdi dir="ltr" lang="en">Invalid cross-device link</bdi>' in detail
    assert '<bdi dir="ltr" lang="zxx">EXDEV</bdi>' in detail


def test_errors_stored_with_a_reason_phrase_or_the_systems_english_are_said_as_new_ones() -> None:
    old_status = {
        "template": "HTTP %(status)s %(reason)s",
        "params": {"status": 503, "reason": "Service Unavailable"},
    }
    old_busy = {"template": "HTTP %(status)s", "params": {"status": "429"}}
    old_file = {
        "template": "cannot read %(path)s: %(fault)s",
        "params": {"path": "/f.rss", "fault": "Permission denied"},
    }
    old_fetch = {"template": "cannot fetch: %(fault)s", "params": {"fault": "[Errno 111] Connection refused"}}
    nested = {"template": "attempt %(n)s: %(reason)s", "params": {"n": 2, "reason": old_status}}
    with translation.override("fa"):
        assert (
            stored_said("HTTP 503 Service Unavailable", old_status) == "وبگاه فعلاً در دسترس نیست (HTTP ۵۰۳)"
        )
        assert "(HTTP ۴۲۹)" in stored_said("HTTP 429", old_busy)
        assert stored_said("", old_file).endswith(": اجازهٔ دسترسی نیست")
        assert stored_said("", old_fetch) == "دریافت ممکن نشد: اتصال پذیرفته نشد"
        assert "Service Unavailable" not in stored_said("", nested) and "۵۰۳" in stored_said("", nested)
    unknown = Reason("cannot read %(path)s: %(fault)s", path="/f.rss", fault="Something odd")
    assert upgraded(unknown) is unknown  # a fault no table knows stays as it was (shown marked English)


def test_a_new_reason_is_stored_with_the_new_template_and_its_nested_fault() -> None:
    stored = reason_json(
        Reason("cannot connect to %(host)s: %(fault)s", host="a.example", fault=os_fault(_os(111)))
    )
    assert stored == {
        "template": "cannot connect to %(host)s: %(fault)s",
        "params": {"host": "a.example", "fault": {"template": "the connection was refused", "params": {}}},
    }


# what the database drivers say (psycopg, sqlite3) → English, Persian, Russian
DATABASE_TABLE = [
    (
        'connection failed: connection to server at "127.0.0.1", port 5999 failed: Connection refused',
        "cannot connect to 127.0.0.1:5999: the connection was refused",
        "اتصال به 127.0.0.1:5999 ممکن نشد: اتصال پذیرفته نشد",
        "не удалось подключиться к 127.0.0.1:5999: в соединении отказано",
    ),
    (
        'connection failed: connection to server at "10.1.2.3", port 5432 failed: FATAL:  password '
        'authentication failed for user "desk"',
        "cannot connect to 10.1.2.3:5432: the database refused the user name or password",
        "اتصال به 10.1.2.3:5432 ممکن نشد: پایگاه داده نام کاربری یا گذرواژه را نپذیرفت",
        "не удалось подключиться к 10.1.2.3:5432: база данных не приняла имя пользователя или пароль",
    ),
    (
        "failed to resolve host 'db.invalid': [Errno -2] Name or service not known",
        "the host name was not found",
        "نام میزبان پیدا نشد",
        "имя узла не найдено",
    ),
    (
        "unable to open database file",
        "the database file cannot be opened (is its folder there?)",
        "پروندهٔ پایگاه داده باز نمی‌شود (آیا پوشه‌اش هست؟)",
        "файл базы данных не открывается (есть ли его папка?)",
    ),
    (
        "database is locked",
        "the database is locked by another process; try again",
        "پایگاه داده در دست فرایند دیگری قفل است؛ دوباره بکوشید",
        "база данных заблокирована другим процессом; попробуйте снова",
    ),
]


@pytest.mark.parametrize(("message", "english", "persian", "russian"), DATABASE_TABLE)
def test_a_database_drivers_message_is_said_in_words(
    message: str, english: str, persian: str, russian: str
) -> None:
    fault = database_fault(message)
    assert isinstance(fault, Reason)
    assert _said(fault) == (english, persian, russian)


def test_a_database_message_nothing_here_knows_stays_as_it_came() -> None:
    message = "server closed the connection unexpectedly"
    assert database_fault(message) == message and not isinstance(database_fault(message), Reason)


ADDRESS_TABLE = [
    (
        "http://news.example:99999/feed",
        "refused: not a valid address: the port is not a number from 0 to 65535",
        "رد شد: نشانی معتبر نیست: درگاه عددی از ۰ تا ۶۵۵۳۵ نیست",
    ),
    (
        "http://[2001:db8::1/feed",
        "refused: not a valid address: a malformed IPv6 address in brackets",
        "رد شد: نشانی معتبر نیست: نشانی IPv6 درون کروشه بدشکل است",
    ),
]


@pytest.mark.parametrize(("address", "english", "persian"), ADDRESS_TABLE)
def test_an_address_that_cannot_be_split_is_refused_in_words(
    address: str, english: str, persian: str
) -> None:
    with pytest.raises(FetchRefused) as caught:
        fetch(address, max_bytes=100)
    refused = reason_of(caught.value)
    assert str(refused) == english
    with translation.override("fa"):
        assert said(refused) == persian


OLD_FAULTS = [
    (
        Reason("not JSON: %(fault)s at column %(column)s", fault="Expecting value", column=1),
        "not JSON: a value was expected at column 1",
    ),
    (
        Reason(
            "not a readable RSS/Atom feed: %(fault)s", fault="<unknown>:3:15: not well-formed (invalid token)"
        ),
        "not a readable RSS/Atom feed: not well-formed XML at line 3, column 16: "
        "a character that XML does not allow",
    ),
    (
        Reason("not a readable sitemap: %(fault)s", fault="mismatched tag: line 2, column 7"),
        "not a readable sitemap: not well-formed XML at line 2, column 8: "
        "a closing tag that does not match its opening tag",
    ),
    (
        Reason("cannot connect to %(host)s: %(fault)s", host="a.example", fault="No route to host"),
        "cannot connect to a.example: the host cannot be reached",
    ),
    # a fault under a template that never held a system's words is left as it was
    (
        Reason("internal error in component %(component)s: %(fault)s", component="x", fault="timed out"),
        "internal error in component x: timed out",
    ),
]


@pytest.mark.parametrize(("old", "now"), OLD_FAULTS)
def test_a_fault_stored_as_its_english_text_gets_the_words_a_new_one_would(old: Reason, now: str) -> None:
    assert str(upgraded(Reason.from_json(reason_json(old)) or old)) == now


@pytest.mark.parametrize(
    ("data", "template"),
    [
        (b"<!-- built -->\n<!DOCTYPE html><html><body>news</body></html>", "the document is an HTML page"),
        # a run of empty comments and no page: once a pattern that backtracked exponentially here
        (b"<!---->" * 40 + b"x", "no entries"),
        (b"<?xml version='1.0'?><rss><channel></channel></rss>", "no entries"),
    ],
)
def test_a_feed_without_entries_is_told_apart_from_a_page(data: bytes, template: str) -> None:
    assert feed_fault(None, data).template == template
