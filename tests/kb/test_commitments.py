"""Commitment facts in the knowledge base: a deadline keeps how exact the text gave it
(`due_precision`), which the pages, the API and the export show and an analyst's edit keeps true."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.test import Client

from hamkari.accounts.services import user_create
from hamkari.kb import exports, services
from hamkari.kb.models import Commitment

# the kind's example article: tests/kb/test_exports.py stores it too (every export kind has rows)
EXAMPLE = (
    "date 2026-11-20\n"
    "The governors of Mazandaran and Dagestan agreed that the port authority must open a cold "
    "storage terminal by the end of April."
)


@pytest.fixture
def commitment(db: Any) -> Commitment:
    services.reference_load()
    services.article_ingest(text=EXAMPLE, source="terminal.txt")
    return Commitment.objects.get()


@pytest.fixture
def client(db: Any) -> Client:
    client = Client()
    client.force_login(user_create(username="reader", password="pw-not-used-here", role="analyst"))
    client.cookies["django_language"] = "en"
    return client


def test_a_month_deadline_is_stored_with_its_precision(commitment: Commitment) -> None:
    assert (str(commitment.due), commitment.due_precision) == ("2027-04-30", "month")


def test_a_year_deadline_and_a_relative_one_keep_theirs(db: Any) -> None:
    services.article_ingest(
        text="date 2026-11-20\nСтороны договорились построить зерновой терминал до 2029 года.", source="y.txt"
    )
    services.article_ingest(
        text="date 2026-11-20\nاستانداران توافق کردند کارگروه ظرف دو هفته آینده گزارش بدهد.", source="r.txt"
    )
    stored = sorted((str(c.due), c.due_precision) for c in Commitment.objects.all())
    assert stored == [("2026-12-04", "day"), ("2029-12-31", "year")]


def test_the_api_and_the_export_carry_the_precision(commitment: Commitment, client: Client) -> None:
    listed = client.get("/api/commitments").json()["items"]
    assert [(c["due"], c["due_precision"]) for c in listed] == [("2027-04-30", "month")]
    out = io.StringIO()
    exports.write_export("commitments", "jsonl", out)
    (row,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert (row["due"], row["due_precision"], row["due_expression"]) == (
        "2027-04-30",
        "month",
        "by the end of April",
    )


def test_the_article_page_shows_a_month_deadline_as_the_month(commitment: Commitment, client: Client) -> None:
    page = client.get(f"/articles/{commitment.article_id}/").content.decode()
    assert "April 2027" in page and "2027-04-30 (" not in page


@pytest.mark.parametrize(
    ("due", "precision"),
    [("2027-05-31", "month"), ("2027-05-14", "day"), (None, "")],
)
def test_an_analysts_due_date_keeps_the_precision_only_when_it_fits(
    commitment: Commitment, due: str | None, precision: str
) -> None:
    analyst = user_create(username="curator", password="pw-not-used-here", role="analyst")
    services.fact_review(
        kind="commitment", fact_id=commitment.pk, state="accepted", user=analyst, changes={"due": due}
    )
    commitment.refresh_from_db()
    assert commitment.due_precision == precision
