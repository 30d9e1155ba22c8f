"""The JSON API: reads, filters and pages, token-protected writes, one error shape, no 500s."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hamkari.accounts import services as account_services
from hamkari.accounts.services import user_create
from hamkari.kb import services
from hamkari.kb.models import Article, Mention
from hamkari.monitoring.worker import jobs_run_waiting
from tests.kb.factories import EN_JALALI, FA_JALALI_FULL, FA_JALALI_SHORT, RU_JALALI

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> None:
    for text in (FA_JALALI_FULL, FA_JALALI_SHORT, RU_JALALI, EN_JALALI):
        services.article_ingest(text=text, source="t")


@pytest.fixture
def token() -> str:
    writer = user_create(username="writer", password="pw-not-used-here", role="analyst")
    return account_services.token_create(user=writer, name="test")


def error(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == response.status_code
    return dict(body["error"])


def test_articles_list_filters_and_pages(client: Client, loaded: None) -> None:
    body = client.get("/api/articles", {"language": "fa", "limit": 1}).json()
    assert body["count"] == 2 and len(body["items"]) == 1
    assert client.get("/api/articles", {"region": "IR-01"}).json()["count"] == 1


def test_an_article_comes_with_its_facts_and_highlighted_words(client: Client, loaded: None) -> None:
    article_id = client.get("/api/articles", {"language": "ru"}).json()["items"][0]["id"]
    body = client.get(f"/api/articles/{article_id}").json()
    assert body["highlights"] and all(
        body["text"][h["start"] : h["end"]] == h["text"] for h in body["highlights"]
    )
    kinds = {f["kind"] for f in body["facts"]}
    assert {"mention", "position"} <= kinds
    assert all(f["component"] and f["rule"] for f in body["facts"])


def test_a_person_lists_spellings_posts_and_mentions(client: Client, loaded: None) -> None:
    people = client.get("/api/people", {"q": "Jalali"}).json()["items"]
    assert len(people) == 1
    body = client.get(f"/api/people/{people[0]['id']}").json()
    assert "Казем Джалали" in body["spellings"]
    assert body["positions"][0]["role"] == "ambassador"
    assert len(body["mentions"]) >= 4
    texts = {a.pk: a.text for a in Article.objects.all()}
    assert all(m["text"] == texts[m["article"]][m["start"] : m["end"]] for m in body["mentions"])
    assert any(m["text"] == "Казем Джалали" for m in body["mentions"])


def test_region_events_instruments_commitments_and_search(client: Client, loaded: None) -> None:
    region = client.get("/api/regions/RU-AST").json()
    assert region["ref"] == "RU-AST" and region["article_count"] == 2
    assert client.get("/api/events").json()["count"] >= 1
    assert client.get("/api/instruments").status_code == 200
    assert client.get("/api/commitments").status_code == 200
    with_zwnj = client.get("/api/search", {"q": "همکاری"}).json()
    arabic = client.get("/api/search", {"q": "همكاري"}).json()
    assert with_zwnj["articles"] and [a["id"] for a in with_zwnj["articles"]] == [
        a["id"] for a in arabic["articles"]
    ]
    assert client.get("/api/search", {"q": "Джалали"}).json()["entities"]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/articles/999999", 404, "not_found"),
        ("/api/articles/abc", 422, "invalid_request"),
        ("/api/articles?language=de", 422, "invalid_request"),
        ("/api/articles?limit=-5", 422, "invalid_request"),
        ("/api/articles?published_from=2025-13-40", 422, "invalid_request"),
        ("/api/search", 422, "invalid_request"),
        ("/api/people?country=iran", 422, "invalid_request"),
        ("/api/regions/XX-99", 404, "not_found"),
        ("/api/no-such-endpoint", 404, "not_found"),
    ],
)
def test_malformed_reads_get_a_4xx_in_one_shape(client: Client, path: str, status: int, code: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert error(response)["code"] == code


def test_writes_need_a_token(client: Client) -> None:
    response = client.post("/api/articles", {"text": EN_JALALI}, content_type="application/json")
    assert response.status_code == 401 and error(response)["code"] == "unauthenticated"
    bad = client.post(
        "/api/articles",
        {"text": EN_JALALI},
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer not-a-token",
    )
    assert bad.status_code == 401


def test_a_viewer_token_may_not_write(client: Client, loaded: None) -> None:
    viewer = user_create(username="reader", password="pw-not-used-here", role="viewer")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {account_services.token_create(user=viewer, name='r')}"}
    mention = Mention.objects.first()
    assert mention is not None
    responses = [
        client.post("/api/articles", {"text": EN_JALALI}, content_type="application/json", **auth),
        client.post(
            f"/api/facts/mention/{mention.pk}/review",
            {"state": "rejected"},
            content_type="application/json",
            **auth,
        ),
        client.post(
            f"/api/people/{mention.entity_id}/split",
            {"mentions": [mention.pk]},
            content_type="application/json",
            **auth,
        ),
    ]
    assert [(r.status_code, error(r)["code"]) for r in responses] == [(403, "forbidden")] * 3
    mention.refresh_from_db()
    assert mention.review_state != "rejected"


def test_an_address_that_is_not_http_is_not_kept(client: Client, token: str) -> None:
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = {"text": EN_JALALI, "url": "javascript:alert(1)"}
    started = client.post("/api/articles", body, content_type="application/json", **auth).json()
    assert jobs_run_waiting() == 1
    article_id = client.get(started["status_url"], **auth).json()["done"][0]["article"]
    assert client.get(f"/api/articles/{article_id}").json()["url"] == ""


def test_a_token_queues_an_ingest_and_a_second_post_is_a_duplicate(client: Client, token: str) -> None:
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    first = client.post(
        "/api/articles",
        {"text": EN_JALALI, "url": "https://example.org/a"},
        content_type="application/json",
        **auth,
    )
    again = client.post("/api/articles", {"text": EN_JALALI}, content_type="application/json", **auth)
    assert (first.status_code, again.status_code) == (202, 202)
    assert not Article.objects.exists()  # answered at once: the worker stores it
    assert jobs_run_waiting() == 2
    outcomes = [client.get(r.json()["status_url"], **auth).json() for r in (first, again)]
    assert [(o["state"], o["counts"]) for o in outcomes] == [("done", {"new": 1}), ("done", {"duplicate": 1})]
    assert outcomes[0]["done"][0]["article"] == outcomes[1]["done"][0]["article"] == Article.objects.get().pk


@pytest.mark.parametrize(
    "body",
    ["{not json", "[]", '{"text": ""}', '{"text": 5}', '{"text": "x", "published": "yesterday"}'],
)
def test_malformed_writes_get_a_4xx(client: Client, token: str, body: str) -> None:
    response = client.post(
        "/api/articles", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert 400 <= response.status_code < 500
    assert error(response)["message"]


def test_review_through_the_api_is_recorded(client: Client, loaded: None, token: str) -> None:
    mention = Mention.objects.first()
    assert mention is not None
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    ok = client.post(
        f"/api/facts/mention/{mention.pk}/review",
        {"state": "rejected"},
        content_type="application/json",
        **auth,
    )
    assert ok.status_code == 200 and ok.json()["review_state"] == "rejected"
    highlights = client.get(f"/api/articles/{mention.article_id}").json()["highlights"]
    assert (mention.start, mention.end) not in {(h["start"], h["end"]) for h in highlights}
    assert all(set(h) == {"start", "end", "kind", "text"} for h in highlights)
    wrong = client.post(
        f"/api/facts/mention/{mention.pk}/review",
        {"state": "maybe"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **auth,
    )
    assert wrong.status_code == 422
    assert "«state»: unknown value 'maybe'" in error(wrong)["details"][0]["message"]
    missing = client.post(
        "/api/facts/mention/999999/review", {"state": "accepted"}, content_type="application/json", **auth
    )
    assert missing.status_code == 404
    unknown = client.post(
        "/api/facts/rumour/1/review",
        {"state": "accepted"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **auth,
    )
    assert unknown.status_code == 422
    assert "«kind»: unknown value 'rumour'" in error(unknown)["details"][0]["message"]


def test_list_pages_run_a_fixed_number_of_queries(client: Client, loaded: None) -> None:
    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    small = {p: queries(p) for p in ("/api/articles?limit=1", "/api/people?limit=1", "/api/events?limit=1")}
    large = {p.replace("limit=1", "limit=50"): queries(p.replace("limit=1", "limit=50")) for p in small}
    assert list(small.values()) == list(large.values())
    assert max(large.values()) <= 6


def test_an_article_the_extractor_cannot_finish_fails_its_job_and_nothing_is_stored(
    client: Client, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMKARI_EXTRACTION_BUDGET", "1e-9")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    response = client.post("/api/articles", {"text": EN_JALALI}, content_type="application/json", **auth)
    assert response.status_code == 202
    jobs_run_waiting()
    job = client.get(response.json()["status_url"], HTTP_ACCEPT_LANGUAGE="en", **auth).json()
    assert (job["state"], job["counts"]) == ("failed", {"failed": 1})
    assert job["failed"][0]["error"].startswith("extraction took longer than its time budget of 1e-09 s")
    persian = client.get(response.json()["status_url"], **auth).json()  # (Persian without Accept-Language)
    assert persian["failed"][0]["error"].startswith("استخراج بیش از بودجهٔ زمانی 1e-09 ثانیه طول کشید")
    assert not Article.objects.exists()


def test_an_analysts_token_merges_and_splits_stories_and_a_viewers_is_refused(
    client: Client, token: str
) -> None:
    a = services.article_ingest(text=FA_JALALI_FULL, source="a").article
    b = services.article_ingest(text=EN_JALALI, source="b").article
    if a.story_id == b.story_id:
        b = services.article_ingest(text=RU_JALALI, source="c").article
    assert a.story_id != b.story_id
    viewer = user_create(username="story-viewer", password="pw-not-used-here", role="viewer")
    refused = client.post(
        f"/api/events/{a.story_id}/merge",
        {"into": b.story_id},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {account_services.token_create(user=viewer, name='v')}",
    )
    assert (refused.status_code, error(refused)["code"]) == (403, "forbidden")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    merged = client.post(
        f"/api/events/{a.story_id}/merge", {"into": b.story_id}, content_type="application/json", **auth
    )
    assert merged.status_code == 200 and merged.json()["id"] == b.story_id
    assert {s["id"] for s in merged.json()["sources"]} >= {a.pk, b.pk}
    itself = client.post(
        f"/api/events/{b.story_id}/merge", {"into": b.story_id}, content_type="application/json", **auth
    )
    assert (itself.status_code, error(itself)["code"]) == (400, "bad_request")
    split = client.post(
        f"/api/events/{b.story_id}/split", {"articles": [a.pk]}, content_type="application/json", **auth
    )
    assert split.status_code == 200 and [s["id"] for s in split.json()["sources"]] == [a.pk]
    assert Article.objects.get(pk=a.pk).story_id == split.json()["id"] != b.story_id
    empty = client.post(
        f"/api/events/{b.story_id}/split", {"articles": []}, content_type="application/json", **auth
    )
    assert empty.status_code == 422


def test_an_article_tells_the_region_of_its_watched_source_apart_from_its_facts(client: Client) -> None:
    sourced = services.article_ingest(text=EN_JALALI, source="t", source_region="IR-10").article
    other = services.article_ingest(text=RU_JALALI, source="t").article
    body = client.get(f"/api/articles/{sourced.pk}").json()
    assert body["source_region"] == "IR-10"  # Isfahan, which the text does not name
    assert not Mention.objects.filter(article=sourced, entity__ref="IR-10").exists()
    assert client.get(f"/api/articles/{other.pk}").json()["source_region"] == ""
    listed = {a["id"]: a["source_region"] for a in client.get("/api/articles").json()["items"]}
    assert listed == {sourced.pk: "IR-10", other.pk: ""}
