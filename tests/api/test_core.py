"""Who may read the API, and the answers the endpoints cannot give themselves (405, 413, NUL
characters, huge numbers), all in the one error shape."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hamkari.accounts import services as account_services
from hamkari.accounts.services import user_create
from hamkari.api import api
from hamkari.kb import services
from hamkari.kb.models import Quantity

pytestmark = pytest.mark.django_db

READS = ["/api/articles", "/api/articles/1", "/api/people", "/api/regions", "/api/events", "/api/search?q=x"]


def error(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == response.status_code
    return dict(body["error"])


@pytest.fixture
def token() -> str:
    return account_services.token_create(
        user=user_create(username="t", password="x" * 12, role="analyst"), name="test"
    )


@pytest.mark.parametrize("path", READS)
def test_an_anonymous_read_is_refused(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 401
    assert error(response)["code"] == "unauthenticated"


def test_an_anonymous_read_gets_no_article_text() -> None:
    article = services.article_ingest(text="Tabriz and Kazan signed a memorandum on trade.").article
    response = Client().get(f"/api/articles/{article.pk}")
    assert response.status_code == 401 and "memorandum" not in response.content.decode()


def test_a_token_or_a_session_reads(token: str) -> None:
    assert Client().get("/api/articles", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    session = Client()
    session.force_login(user_create(username="s", password="x" * 12, role="viewer"))
    assert session.get("/api/articles").status_code == 200


def test_a_wrong_token_is_refused_even_with_a_session() -> None:
    session = Client()
    session.force_login(user_create(username="s", password="x" * 12, role="viewer"))
    assert session.get("/api/articles", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert Client().get("/api/articles", HTTP_AUTHORIZATION="Basic d3Jvbmc=").status_code == 401


def test_public_read_opens_reads_but_not_writes(settings: Any) -> None:
    settings.HAMKARI_PUBLIC_READ = True
    assert Client().get("/api/articles").status_code == 200
    response = Client().post("/api/articles", {"text": "x"}, content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize(
    "query", [{"offset": 2**63}, {"limit": 2**63}, {"offset": 2**64 + 5}, {"limit": 0}, {"offset": -1}]
)
def test_a_huge_or_negative_page_is_a_4xx(client: Client, query: dict[str, int]) -> None:
    for path in ("/api/articles", "/api/people", "/api/regions", "/api/events", "/api/instruments"):
        response = client.get(path, query)
        assert response.status_code == 422, path
        assert error(response)["code"] == "invalid_request"


def test_a_wrong_method_is_a_405_in_the_error_shape(client: Client) -> None:
    response = client.delete("/api/articles")
    assert response.status_code == 405
    assert error(response)["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_a_body_over_the_limit_is_a_413_in_the_error_shape(client: Client, token: str) -> None:
    body = '{"text": "' + "a" * (6 * 1024 * 1024 + 10) + '"}'
    response = client.post(
        "/api/articles", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 413
    assert error(response)["code"] == "too_large"


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles?region=IR%00",
        "/api/instruments?kind=mou%00",
        "/api/instruments?status=%00",
        "/api/regions/IR-0%001",
        "/api/partners/IR%0001",
        "/api/people?q%00=x",
    ],
)
def test_a_nul_character_in_a_parameter_is_a_400(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400, response.content
    assert "NUL" in error(response)["message"]


def test_a_nul_character_in_a_body_is_a_400(client: Client, token: str) -> None:
    for body in ('{"text": "Kazan\\u0000 and Tabriz"}', '{"text": "Kazan", "outlet": "a\\u0000"}'):
        response = client.post(
            "/api/articles", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        assert response.status_code == 400
        assert "NUL" in error(response)["message"]


def test_the_documentation_is_served_from_installed_files(client: Client) -> None:
    page = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


@pytest.fixture
def writer() -> str:
    admin = user_create(username="w", password="x" * 12, role="administrator")
    return account_services.token_create(user=admin, name="test")


def _post(client: Client, path: str, body: str, token: str) -> Any:
    return client.post(path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.parametrize("path", ["/api/articles/{n}", "/api/people/{n}", "/api/events/{n}"])
def test_a_huge_id_in_a_path_is_a_4xx(client: Client, path: str) -> None:
    for n in (2**63, 2**64 + 1, 10**30):
        response = client.get(path.format(n=n))
        assert 400 <= response.status_code < 500 and error(response)


def test_huge_numbers_in_a_split_or_merge_are_a_4xx(client: Client, writer: str) -> None:
    person = services.article_ingest(text="Ambassador Kazem Jalali met the governor of Astrakhan Oblast.")
    assert person.status == "new"
    for path, body in (
        ("/api/people/1/split", '{"mentions": [18446744073709551616]}'),
        ("/api/people/1/split", '{"mentions": [9223372036854775808, 1]}'),
        ("/api/people/1/merge", '{"into": 18446744073709551616}'),
        ("/api/people/18446744073709551616/merge", '{"into": 1}'),
        ("/api/events/1/split", '{"articles": [18446744073709551616]}'),
        ("/api/events/1/split", '{"articles": [9223372036854775808, 1]}'),
        ("/api/events/1/merge", '{"into": 18446744073709551616}'),
        ("/api/events/18446744073709551616/merge", '{"into": 1}'),
    ):
        response = _post(client, path, body, writer)
        assert 400 <= response.status_code < 500, (path, body, response.content)
        assert error(response)


def test_nan_or_infinity_in_review_changes_is_a_4xx(client: Client, writer: str) -> None:
    text = "Kazan exported 120 tonnes of grain to Tabriz in 2025."
    quantity = Quantity.objects.get(article=services.article_ingest(text=text).article)
    for value in ("NaN", "Infinity", "-Infinity", "1e999"):
        body = '{"state": "accepted", "changes": {"value": ' + value + "}}"
        response = _post(client, f"/api/facts/quantity/{quantity.pk}/review", body, writer)
        assert 400 <= response.status_code < 500, (value, response.content)
        assert error(response)
    quantity.refresh_from_db()
    assert quantity.value == 120 and not quantity.edited


def test_a_publication_date_before_the_jalali_calendar_is_a_4xx(client: Client, writer: str) -> None:
    body = '{"text": "Kazan and Tabriz agreed to open a trade house.", "published": "0335-08-08"}'
    response = _post(client, "/api/articles", body, writer)
    assert response.status_code in (400, 422) and error(response)


@pytest.mark.parametrize("text", ["\\u0001\\u0002\\u0003", "   \\t\\n  ", "\\u001b\\u007f "])
def test_a_text_of_only_blanks_or_control_characters_is_a_400(client: Client, writer: str, text: str) -> None:
    response = _post(client, "/api/articles", '{"text": "' + text + '"}', writer)
    assert response.status_code == 400
    assert error(response)["message"] == "متن خالی است یا تنها فاصله و نویسهٔ کنترلی دارد"  # Persian first


def _successes(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, response.get("content", {}).get("application/json", {}).get("schema", {}))
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        for code, response in operation["responses"].items()
        if str(code).startswith("2")
    ]


def test_every_successful_answer_is_a_named_schema_in_the_openapi_document() -> None:
    loose = [
        (method, path)
        for method, path, schema in _successes(api.get_openapi_schema())
        if "$ref" not in str(schema)  # a bare object would let an answer's fields go undocumented
    ]
    assert loose == []
