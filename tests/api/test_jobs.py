"""`POST /api/articles` answers 202 with a job; `GET /api/jobs/{id}` follows it (its creator and
administrators only); `POST /api/reextract` (administrators)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hamkari.accounts import services as account_services
from hamkari.accounts.services import user_create
from hamkari.kb.models import Article
from hamkari.monitoring.jobs import job_upload_start
from hamkari.monitoring.models import JobItem
from hamkari.monitoring.worker import jobs_run_waiting
from hamkari.sources.items import Item
from hamkari.sources.reasons import Reason
from tests.kb.factories import EN_JALALI, RU_JALALI

pytestmark = pytest.mark.django_db


def bearer(role: str, name: str) -> dict[str, str]:
    user = user_create(username=name, password="pw-not-used-here", role=role)
    return {"HTTP_AUTHORIZATION": f"Bearer {account_services.token_create(user=user, name='t')}"}


def post(client: Client, path: str, body: Any, auth: dict[str, str]) -> Any:
    return client.post(path, body, content_type="application/json", **auth)


def test_an_ingest_answers_202_with_where_to_follow_it(client: Client) -> None:
    writer = bearer("analyst", "writer")
    started = post(client, "/api/articles", {"text": EN_JALALI}, writer)
    body = started.json()
    assert started.status_code == 202
    assert body == {
        "job": body["job"],
        "status": "queued",
        "status_url": f"/api/jobs/{body['job']}",
        "page": f"/jobs/{body['job']}/",
    }
    waiting = client.get(body["status_url"], **writer).json()
    assert (waiting["state"], waiting["counts"], waiting["finished"]) == ("queued", {"queued": 1}, 0)
    jobs_run_waiting()
    done = client.get(body["status_url"], **writer).json()
    article = Article.objects.get()
    assert done["state"] == "done" and done["done"][0]["article_url"] == f"/api/articles/{article.pk}"


def test_only_the_creator_and_administrators_read_a_job(client: Client) -> None:
    writer, other, admin = bearer("analyst", "w"), bearer("analyst", "o"), bearer("administrator", "a")
    status_url = post(client, "/api/articles", {"text": EN_JALALI}, writer).json()["status_url"]
    assert client.get(status_url, **other).status_code == 403
    assert client.get(status_url).status_code == 403  # the session of the test's viewer
    assert client.get(status_url, **admin).status_code == 200
    assert client.get("/api/jobs/99999", **writer).status_code == 404
    assert client.get(f"/api/jobs/{2**64}", **writer).status_code in (404, 422)


def test_a_reextraction_is_for_administrators_and_runs_as_a_job(client: Client) -> None:
    writer, admin = bearer("analyst", "w"), bearer("administrator", "a")
    for text in (EN_JALALI, RU_JALALI):
        post(client, "/api/articles", {"text": text}, writer)
    jobs_run_waiting()
    assert post(client, "/api/reextract", {"all": True}, writer).status_code == 403
    assert post(client, "/api/reextract", {"all": True, "articles": [1]}, admin).status_code == 400
    started = post(client, "/api/reextract", {"all": True}, admin)
    assert started.status_code == 202
    assert jobs_run_waiting() == 3
    job = client.get(started.json()["status_url"], **admin).json()
    assert (job["kind"], job["state"], job["counts"]) == ("reextract", "done", {"done": 2})


def test_a_failed_items_error_is_said_in_the_requests_language(client: Client) -> None:
    user = user_create(username="w", password="pw-not-used-here", role="analyst")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {account_services.token_create(user=user, name='t')}"}
    address = "http://127.0.0.1:9/a"
    job = job_upload_start(
        creator=user, read=[Item("a.txt", error=Reason("file is empty"))], addresses=[address]
    )
    jobs_run_waiting()

    def failed(language: str) -> dict[str, str]:
        answer = client.get(f"/api/jobs/{job.pk}", HTTP_ACCEPT_LANGUAGE=language, **auth).json()
        return {i["source"]: i["error"] for i in answer["failed"]}

    ru, fa, en = failed("ru"), failed("fa"), failed("en")
    assert ru["a.txt"] == "файл пуст" and ru[address].startswith(
        "отклонено: 127.0.0.1 — это адрес обратной петли"
    )
    assert fa["a.txt"] == "پرونده خالی است" and fa[address].startswith("رد شد: 127.0.0.1 نشانی بازگشتی")
    assert en["a.txt"] == "file is empty" and en[address].startswith(
        "refused: 127.0.0.1 is a loopback address"
    )


def test_a_failed_items_system_fault_is_said_in_words_and_an_old_rows_status_too(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMKARI_FETCH_ALLOW_HOSTS", "127.0.0.1")  # read, and nothing listens there
    user = user_create(username="w", password="pw-not-used-here", role="analyst")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {account_services.token_create(user=user, name='t')}"}
    address = "http://127.0.0.1:9/a"
    job = job_upload_start(creator=user, read=[], addresses=[address])
    jobs_run_waiting()
    old = {"template": "HTTP %(status)s %(reason)s", "params": {"status": "404", "reason": "Not Found"}}
    JobItem.objects.create(
        job=job, source="old.html", state="failed", error="HTTP 404 Not Found", error_reason=old
    )

    def failed(language: str) -> dict[str, str]:
        answer = client.get(f"/api/jobs/{job.pk}", HTTP_ACCEPT_LANGUAGE=language, **auth).json()
        return {i["source"]: i["error"] for i in answer["failed"]}

    fa, ru, en = failed("fa"), failed("ru"), failed("en")
    assert fa == {
        address: "اتصال به 127.0.0.1 ممکن نشد: اتصال پذیرفته نشد",
        "old.html": "صفحه پیدا نشد (HTTP ۴۰۴)",
    }
    assert ru[address] == "не удалось подключиться к 127.0.0.1: в соединении отказано"
    assert en == {
        address: "cannot connect to 127.0.0.1: the connection was refused",
        "old.html": "page not found (HTTP 404)",
    }
