"""Every message an API client can get is in the request's language — the language the user chose
on the site (its cookie), else the Accept-Language header, else Persian — in the one error shape:
django-ninja's and pydantic's validation errors said again as one sentence naming the field, the
refusals of the endpoints and of the services they call, and what the middleware answers itself.
Golden tables of (request, status, message) per language."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import polib
import pytest
from django.test import Client
from django.utils import translation

from hamkari.accounts import services as account_services
from hamkari.accounts.services import user_create
from hamkari.api.core import NINJA_MESSAGES
from hamkari.api.middleware import status_message

pytestmark = pytest.mark.django_db

# name → (method, path, JSON body or None, who asks, status)
REQUESTS: dict[str, tuple[str, str, Any, str, int]] = {
    "missing": ("get", "/api/search", None, "viewer", 422),
    "whole_number": ("get", "/api/articles?limit=abc", None, "viewer", 422),
    "date": ("get", "/api/articles?published_from=13/12/2025", None, "viewer", 422),
    "too_long": ("get", "/api/search?q=" + "x" * 301, None, "viewer", 422),
    "at_least": ("get", "/api/articles?limit=0", None, "viewer", 422),
    "choice": ("get", "/api/articles?language=de", None, "viewer", 422),
    "pattern": ("get", "/api/people?country=iran", None, "viewer", 422),
    "text_type": ("post", "/api/articles", {"text": "x", "url": 5}, "analyst", 422),
    "empty_list": ("post", "/api/events/1/split", {"articles": []}, "analyst", 422),
    "list_item": ("post", "/api/events/1/split", {"articles": [1, "two"]}, "analyst", 422),
    "not_json": ("post", "/api/articles", "{not json", "analyst", 400),
    "no_text": ("post", "/api/articles", {"text": "\u0001\u0002 "}, "analyst", 400),
    "before_jalali": (
        "post",
        "/api/articles",
        {"text": "Kazan, Tabriz.", "published": "0335-08-08"},
        "analyst",
        400,
    ),
    "unknown_kind": ("post", "/api/facts/rumour/1/review", {"state": "accepted"}, "analyst", 422),
    "no_article": ("get", "/api/articles/987654", None, "viewer", 404),
    "no_job": ("get", "/api/jobs/987654", None, "viewer", 404),
    "no_region": ("get", "/api/regions/XX-00", None, "viewer", 404),
    "no_person": ("post", "/api/people/987654/merge", {"into": 1}, "analyst", 404),
    "unknown_place": ("get", "/api/route?from=IR-27&to=Atlantis", None, "viewer", 404),
    "sectors": ("get", "/api/consortium?market=africa&sectors=rockets", None, "viewer", 400),
    "may_not": ("post", "/api/articles", {"text": "Kazan and Tabriz."}, "viewer", 403),
    "anonymous": ("get", "/api/articles", None, "nobody", 401),
    "method": ("delete", "/api/articles", None, "viewer", 405),
    "nul": ("get", "/api/articles?q=a%00b", None, "viewer", 400),
    "several": ("get", "/api/partners/IR-10?top=0&trade=-1&route=x", None, "viewer", 422),
}

# what each request is told, per language (the field is named as the client sends it)
MESSAGES: dict[str, dict[str, str]] = {
    "fa": {
        "missing": "«q» لازم است.",
        "whole_number": "«limit» باید عددی صحیح باشد.",
        "date": "«published_from» باید تاریخی به شکل YYYY-MM-DD باشد (مثلاً 2025-12-17).",
        "too_long": "«q» حداکثر ۳۰۰ نویسه می‌تواند داشته باشد.",
        "at_least": "«limit» باید ۱ یا بیشتر باشد.",
        "choice": "«language»: مقدار ناشناختهٔ 'de'؛ یکی از این‌ها را بدهید: fa, ru, en.",
        "pattern": "«country» شکل درستی ندارد (^[A-Z]{2}$).",
        "text_type": "«url» باید متن (رشتهٔ JSON) باشد.",
        "empty_list": "«articles» باید دست‌کم ۱ قلم داشته باشد.",
        "list_item": "«articles[1]» باید عددی صحیح باشد.",
        "not_json": "بدنهٔ درخواست JSON درستی نیست.",
        "no_text": "متن خالی است یا تنها فاصله و نویسهٔ کنترلی دارد",
        "before_jalali": "تاریخ انتشار 0335-08-08 پیش از آغاز گاه‌شماری جلالی (0622-03-21) است",
        "unknown_kind": "«kind»: مقدار ناشناختهٔ 'rumour'؛ یکی از این‌ها را بدهید: mention, position, "
        "event_source, instrument_step, commitment, quantity, delegation.",
        "no_article": "خبر ۹۸۷۶۵۴ نیست.",
        "no_job": "کار ۹۸۷۶۵۴ نیست.",
        "no_region": "استان یا منطقه‌ای با کد XX-00 نیست.",
        "no_person": "شخص ۹۸۷۶۵۴ نیست.",
        "unknown_place": "مکان ناشناخته 'Atlantis': کد استان یا منطقه، یا نام یک بندر یا گذرگاه مرزی را "
        "بدهید.",
        "sectors": "۱ تا ۶ بخش شناخته‌شده بدهید؛ ناشناخته: rockets",
        "may_not": "این کاربر اجازهٔ افزودن خبر ندارد.",
        "anonymous": "وارد شوید یا سرآیند 'Authorization: Bearer <token>' را بفرستید.",
        "method": "این روش (method) اینجا پذیرفته نیست.",
        "nul": "پارامتر 'q' نویسهٔ NUL دارد.",
        "several": "«top» باید ۱ یا بیشتر باشد. «trade» باید ۰ یا بیشتر باشد. «route» باید عدد باشد.",
    },
    "ru": {
        "missing": "«q»: обязательно.",
        "whole_number": "«limit»: должно быть целым числом.",
        "date": "«published_from»: должно быть датой вида ГГГГ-ММ-ДД (YYYY-MM-DD).",
        "too_long": "«q»: не больше 300 символов.",
        "at_least": "«limit»: должно быть не меньше 1.",
        "choice": "«language»: неизвестное значение 'de'; допустимы: fa, ru, en.",
        "pattern": "«country»: неверный вид значения (^[A-Z]{2}$).",
        "text_type": "«url»: должно быть текстом (строкой JSON).",
        "empty_list": "«articles»: нужен хотя бы 1 элемент.",
        "list_item": "«articles[1]»: должно быть целым числом.",
        "not_json": "Тело запроса — неверный JSON.",
        "no_text": "текст пуст или состоит только из пробелов и управляющих символов",
        "before_jalali": "дата публикации 0335-08-08 раньше начала иранского календаря (0622-03-21)",
        "unknown_kind": "«kind»: неизвестное значение 'rumour'; допустимы: mention, position, event_source, "
        "instrument_step, commitment, quantity, delegation.",
        "no_article": "Статьи 987654 нет.",
        "no_job": "Задания 987654 нет.",
        "no_region": "Региона с кодом XX-00 нет.",
        "no_person": "Человека 987654 нет.",
        "unknown_place": "Неизвестное место 'Atlantis': укажите код региона или название порта или пункта "
        "пропуска.",
        "sectors": "укажите от 1 до 6 известных отраслей; неизвестны: rockets",
        "may_not": "Этому пользователю нельзя добавлять статьи.",
        "anonymous": "Войдите или передайте заголовок 'Authorization: Bearer <token>'.",
        "method": "Этот метод здесь не разрешён.",
        "nul": "Параметр 'q' содержит символ NUL.",
        "several": "«top»: должно быть не меньше 1. «trade»: должно быть не меньше 0. «route»: должно быть "
        "числом.",
    },
    "en": {
        "missing": "«q» is required.",
        "whole_number": "«limit» must be a whole number.",
        "date": "«published_from» must be a date in the form YYYY-MM-DD.",
        "too_long": "«q» may have at most 300 characters.",
        "at_least": "«limit» must be 1 or more.",
        "choice": "«language»: unknown value 'de'; use one of fa, ru, en.",
        "pattern": "«country» does not have the expected form (^[A-Z]{2}$).",
        "text_type": "«url» must be a text (a JSON string).",
        "empty_list": "«articles» must have at least 1 item.",
        "list_item": "«articles[1]» must be a whole number.",
        "not_json": "The request body is not valid JSON.",
        "no_text": "text is empty or only blanks and control characters",
        "before_jalali": "publication date 0335-08-08 is before the Jalali calendar (0622-03-21)",
        "unknown_kind": "«kind»: unknown value 'rumour'; use one of mention, position, event_source, "
        "instrument_step, commitment, quantity, delegation.",
        "no_article": "No article 987654.",
        "no_job": "No job 987654.",
        "no_region": "No region with the code XX-00.",
        "no_person": "No person 987654.",
        "unknown_place": "Unknown place 'Atlantis': give a region code or a port or crossing by name.",
        "sectors": "give 1 to 6 known sectors; unknown: rockets",
        "may_not": "This user may not add articles.",
        "anonymous": "Log in or send the header 'Authorization: Bearer <token>'.",
        "method": "This method is not allowed here.",
        "nul": "The parameter 'q' contains a NUL character.",
        "several": "«top» must be 1 or more. «trade» must be 0 or more. «route» must be a number.",
    },
}
CASES = [(language, name) for language in MESSAGES for name in REQUESTS]


@pytest.fixture
def ask(db: Any, settings: Any) -> Any:
    """Send one of REQUESTS as the given user with the given headers and cookies."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # 80 cases: quick users
    tokens = {
        role: account_services.token_create(
            user=user_create(username=f"api-{role}", password="x" * 12, role=role), name="test"
        )
        for role in ("viewer", "analyst")
    }

    def send(name: str, headers: dict[str, str] | None = None, cookie: str | None = None) -> Any:
        method, path, body, who, _ = REQUESTS[name]
        client = Client()
        if cookie:
            client.cookies["django_language"] = cookie
        extra = dict(headers or {})
        if who in tokens:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {tokens[who]}"
        if body is None:
            return getattr(client, method)(path, **extra)
        data = body if isinstance(body, str) else json.dumps(body)
        return getattr(client, method)(path, data, content_type="application/json", **extra)

    return send


def error(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) <= {"status", "code", "message", "details"}
    assert body["error"]["status"] == response.status_code
    return dict(body["error"])


@pytest.mark.parametrize(("language", "name"), CASES, ids=[f"{lang}-{name}" for lang, name in CASES])
def test_every_error_is_in_the_language_the_request_asks_for(ask: Any, language: str, name: str) -> None:
    response = ask(name, {"HTTP_ACCEPT_LANGUAGE": f"{language},en;q=0.5"})
    assert response.status_code == REQUESTS[name][4]
    said = error(response)
    assert said["message"] == MESSAGES[language][name]
    for detail in said.get("details", []):  # each validation error: where, its type, and the sentence
        assert set(detail) == {"where", "type", "message"} and detail["message"] in said["message"]


@pytest.mark.parametrize("name", ["missing", "no_article", "anonymous", "not_json", "no_text"])
def test_without_accept_language_the_users_chosen_language_then_persian_is_used(ask: Any, name: str) -> None:
    assert error(ask(name))["message"] == MESSAGES["fa"][name]
    assert error(ask(name, cookie="ru"))["message"] == MESSAGES["ru"][name]
    assert error(ask(name, cookie="en"))["message"] == MESSAGES["en"][name]


@pytest.mark.parametrize("name", ["missing", "no_article", "anonymous"])
def test_the_language_the_user_chose_on_the_site_outweighs_accept_language(ask: Any, name: str) -> None:
    russian = ask(name, {"HTTP_ACCEPT_LANGUAGE": "en"}, cookie="ru")
    persian = ask(name, {"HTTP_ACCEPT_LANGUAGE": "ru,en;q=0.5"}, cookie="fa")
    assert error(russian)["message"] == MESSAGES["ru"][name]
    assert error(persian)["message"] == MESSAGES["fa"][name]


ROOT = Path(__file__).resolve().parents[2] / "hamkari"
SAID = re.compile(
    r'\b(?:_|gettext|gettext_lazy|ngettext)\(\s*"((?:[^"\\]|\\.)+)"(?:,\s*"((?:[^"\\]|\\.)+)")?'
)


def _catalogue(language: str) -> set[str]:
    catalogue = polib.pofile(str(ROOT / "web" / "locale" / language / "LC_MESSAGES" / "django.po"))
    return {e.msgid for e in catalogue if e.msgstr or all(e.msgstr_plural.values())}


def test_every_message_of_the_api_and_of_the_reasons_it_passes_on_is_translated() -> None:
    wanted: set[str] = set(NINJA_MESSAGES.values())
    for path in [*ROOT.glob("api/*.py"), ROOT / "partners" / "finder.py", ROOT / "partners" / "routes.py"]:
        for single, plural in SAID.findall(path.read_text(encoding="utf-8")):
            wanted |= {single} | ({plural} if plural else set())
    for path in ROOT.glob("sources/*.py"):  # InputError's templates (plain Python: no gettext there)
        wanted |= set(re.findall(r'InputError\(\s*"([^"]+)"', path.read_text(encoding="utf-8")))
    plurals = {e.msgid_plural for e in polib.pofile(str(ROOT / "web/locale/fa/LC_MESSAGES/django.po"))}
    assert len(wanted) > 80
    for language in ("fa", "ru"):
        assert not sorted(wanted - _catalogue(language) - plurals), language


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fa", "درخواست با وضعیت ۴۱۵ ناموفق ماند."),
        ("ru", "Запрос не выполнен: код 415."),
        ("en", "The request failed with status 415."),
    ],
)
def test_a_status_without_a_sentence_of_its_own_is_named_by_its_number_not_its_reason_phrase(
    language: str, message: str
) -> None:
    with translation.override(language):
        assert status_message(415) == message
        assert status_message(404) not in (message, "Not Found")  # a sentence of its own
