"""Delegation facts in the knowledge base: stored with their records, reviewable, and shown in
the API, on the article, region and person pages, in the export and in a region pair's brief."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.test import Client

from hamkari.accounts.services import user_create
from hamkari.kb import exports, selectors, services
from hamkari.kb.facts import FACT_KINDS
from hamkari.kb.models import Delegation, Entity
from hamkari.tracker import brief
from hamkari.tracker import selectors as tracker_selectors
from tests.web.test_interface_language import leaks

# the kind's example article: tests/kb/test_exports.py stores it too (every export kind has rows)
EXAMPLE = (
    "date 2025-05-12\n"
    "A 25-member delegation led by Governor of Gilan Province Asadollah Abbasi, including Minister of "
    "Industry Reza Karimi, arrived in Astrakhan to discuss shipping links across the Caspian Sea."
)

VISIT_FA = "date 2025-06-02\nهیئتی ۳۰ نفره از استان گیلان برای گسترش همکاری‌های بندری به آستاراخان سفر کرد."
SIZE = {"fa": "۳۰ نفر", "ru": "30 человек", "en": "30 people"}  # its summary on its region's page


@pytest.fixture
def delegation(db: Any) -> Delegation:
    services.reference_load()
    services.article_ingest(text=EXAMPLE, source="visit.txt")
    return Delegation.objects.get()


@pytest.fixture
def client(db: Any) -> Client:
    client = Client()
    client.force_login(user_create(username="reader", password="pw-not-used-here", role="analyst"))
    client.cookies["django_language"] = "en"
    return client


def test_an_ingested_delegation_ties_its_leader_members_and_regions(delegation: Delegation) -> None:
    assert delegation.size == 25
    assert delegation.leader is not None and delegation.leader.name == "Asadollah Abbasi"
    assert [m.name for m in delegation.members.all()] == ["Reza Karimi"]
    assert (delegation.origin.ref, delegation.destination.ref) == ("IR-01", "RU-AST")  # type: ignore[union-attr]
    assert str(delegation.date) == "2025-05-12"
    assert delegation.component == "delegations" and delegation.rule == "en/delegations.tsv:3"


def test_an_analyst_corrects_a_delegations_size(delegation: Delegation) -> None:
    analyst = user_create(username="curator", password="pw-not-used-here", role="analyst")
    services.fact_review(
        kind="delegation", fact_id=delegation.pk, state="accepted", user=analyst, changes={"size": 26}
    )
    delegation.refresh_from_db()
    assert (delegation.size, delegation.edited, delegation.review_state) == (26, True, "accepted")
    services.article_reextract(article=delegation.article)
    assert Delegation.objects.get().size == 26


def test_the_api_lists_the_delegation_among_the_articles_facts(
    delegation: Delegation, client: Client
) -> None:
    body = client.get(f"/api/articles/{delegation.article_id}").json()
    (fact,) = [f for f in body["facts"] if f["kind"] == "delegation"]
    assert fact["detail"]["size"] == 25
    assert (fact["detail"]["origin"], fact["detail"]["destination"]) == ("IR-01", "RU-AST")


def test_the_article_region_and_person_pages_show_the_delegation(
    delegation: Delegation, client: Client
) -> None:
    assert delegation.leader is not None
    pages = [
        f"/articles/{delegation.article_id}/",
        "/regions/IR-01/",
        "/regions/RU-AST/",
        f"/people/{delegation.leader.pk}/",
    ]
    for page in pages:
        body = client.get(page).content.decode()
        assert f"f-delegation-{delegation.pk}" in body, page


def test_the_export_and_the_brief_carry_the_delegation(delegation: Delegation) -> None:
    out = io.StringIO()
    assert exports.write_export("delegations", "jsonl", out) == 1
    row = json.loads(out.getvalue())
    assert (row["size"], row["leader"], row["origin"]) == (25, "Asadollah Abbasi", "IR-01")
    pair = [Entity.objects.get(ref="IR-01"), Entity.objects.get(ref="RU-AST")]
    html = brief.render_html(tracker_selectors.pair_brief(*pair), language="en")
    assert "Asadollah Abbasi" in html and "25 people" in html
    assert selectors.entity_facts(pair)[0]["kind"] == "delegation"


@pytest.mark.parametrize("language", ["fa", "ru", "en"])
def test_the_history_and_region_pages_name_the_delegation_in_the_readers_language(
    db: Any, language: str
) -> None:
    services.reference_load()
    services.article_ingest(text=VISIT_FA, source="visit-fa.txt")
    delegation = Delegation.objects.get()
    client = Client()
    client.force_login(user_create(username="reader", password="pw-not-used-here", role="analyst"))
    client.cookies["django_language"] = language
    kind = FACT_KINDS["delegation"]
    history = client.get(f"/audit/delegation/{delegation.pk}/").content.decode()
    region = client.get("/regions/IR-01/").content.decode()
    heading = kind.label.of(language)  # a section's heading begins with a capital («Делегации»)
    assert kind.noun.of(language) in history and f">{heading[0].upper()}{heading[1:]} <" in region
    assert SIZE[language] in region
    assert (leaks(history, language), leaks(region, language)) == ([], [])


@pytest.mark.parametrize(
    ("language", "route"),
    [
        ("fa", "۳۰ نفر، گیلان ← آستاراخان"),
        ("ru", "30 человек · Гилян → Астраханская область"),
        ("en", "30 people · Gilan → Astrakhan Region"),
    ],
)
def test_a_delegations_route_points_the_way_its_page_reads(db: Any, language: str, route: str) -> None:
    """Right to left in Persian: «گیلان ← آستاراخان» (an arrow «→» there points back at Gilan), and
    its parts apart with «،», not a middle dot that reads as the Persian zero beside «۳۰»."""
    services.reference_load()
    services.article_ingest(text=VISIT_FA, source="visit-fa.txt")
    client = Client()
    client.force_login(user_create(username="reader", password="pw-not-used-here", role="analyst"))
    client.cookies["django_language"] = language
    assert route in client.get("/regions/IR-01/").content.decode()
