"""The upload queues a job and answers at once; the job's page follows it (htmx) and only its
creator and administrators see it; re-extraction of every article as a job (administrators)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hamkari.accounts.services import user_create
from hamkari.kb.models import Article, ExtractionRun
from hamkari.monitoring.worker import jobs_run_waiting
from tests.web.test_interface_language import leaks

pytestmark = pytest.mark.django_db

GOOD = b"The governor of Gilan met the head of Astrakhan Region in Rasht to discuss a ferry line."
OTHER = "Kazan and Tabriz agreed to open a trade house for carpets and machine parts next year."


def logged_in(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def text_of(response: Any) -> str:
    return re.sub(r"<[^>]+>", "", response.content.decode())


def upload(client: Client, **fields: Any) -> str:
    response = client.post("/upload/", fields)
    assert response.status_code == 302
    return str(response["Location"])


def test_an_upload_answers_at_once_and_the_page_polls_until_the_job_is_done(users: dict[str, Any]) -> None:
    client = logged_in(users["analyst"])
    job = upload(client, files=[SimpleUploadedFile("a.txt", GOOD), SimpleUploadedFile("b.txt", b"")])
    waiting = client.get(job).content.decode()
    assert 'hx-trigger="every 2s"' in waiting and "1 of 2 items finished" in text_of(client.get(job))
    assert not Article.objects.exists()
    assert jobs_run_waiting() == 1
    part = client.get(job, HTTP_HX_REQUEST="true")
    body = part.content.decode()
    assert "<html" not in body and 'id="job-progress"' in body  # only the part htmx swaps
    assert "hx-trigger" not in body  # finished: the page stops asking
    article = Article.objects.get()
    assert f'href="/articles/{article.pk}/"' in body
    text = text_of(part)
    assert "Finished, with failures" in text and "b.txt: file is empty" in text and "a.txt: stored" in text


def test_only_the_creator_and_administrators_see_a_job(users: dict[str, Any]) -> None:
    job = upload(logged_in(users["analyst"]), text=OTHER)
    colleague = user_create(username="colleague", password="pw-colleague-1", role="analyst")
    assert logged_in(colleague).get(job).status_code == 403
    assert logged_in(users["viewer"]).get(job).status_code == 403
    assert logged_in(users["admin"]).get(job).status_code == 200
    assert logged_in(users["analyst"]).get(job).status_code == 200
    assert logged_in(users["analyst"]).get("/jobs/999999/").status_code == 404
    assert job in logged_in(users["analyst"]).get("/jobs/").content.decode()
    assert job not in logged_in(colleague).get("/jobs/").content.decode()


def test_an_administrator_extracts_every_article_again_as_a_job(users: dict[str, Any]) -> None:
    client = logged_in(users["analyst"])
    upload(client, text=OTHER)
    upload(client, files=[SimpleUploadedFile("a.txt", GOOD)])
    assert jobs_run_waiting() == 2
    assert client.post("/jobs/reextract/").status_code == 403
    admin = logged_in(users["admin"])
    job = admin.post("/jobs/reextract/")["Location"]
    assert "Listing the articles" in admin.get(job).content.decode()
    runs = ExtractionRun.objects.count()
    assert jobs_run_waiting() == 3  # the listing, then one task per article
    assert ExtractionRun.objects.count() == runs + 2
    text = text_of(admin.get(job))
    assert "Finished" in text and "extracted again: 2" in text


def test_the_job_pages_are_in_persian(users: dict[str, Any]) -> None:
    client = logged_in(users["analyst"], "fa")
    job = upload(client, files=[SimpleUploadedFile("a.txt", GOOD)])
    jobs_run_waiting()
    page = client.get(job).content.decode()
    assert "پایان یافت" in page and "ثبت شد" in page and "۱ از ۱" in page
    assert "کارها" in client.get("/jobs/").content.decode()


def test_an_address_nothing_answers_at_is_said_in_persian_words_on_the_jobs_page(
    users: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMKARI_FETCH_ALLOW_HOSTS", "127.0.0.1")  # read it: nothing listens on port 9
    client = logged_in(users["analyst"], "fa")
    job = upload(client, url="http://127.0.0.1:9/feed.rss")
    jobs_run_waiting()
    page = client.get(job).content.decode()
    assert "اتصال پذیرفته نشد" in page and "Connection refused" not in page
    assert leaks(page) == [], leaks(page)
