"""A region is always shown with its gazetteer name in the page's language, never with a name an
article gave its record (an organisation's or a zone's, «لوتوس» for Astrakhan)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from hamkari.accounts.services import user_create
from hamkari.extraction.lexicon import load_table
from hamkari.kb import names as kb_names
from hamkari.kb import services as kb
from hamkari.kb.models import Entity
from hamkari.partners import finder
from hamkari.partners import names as partner_names
from hamkari.web.templatetags import hamkari as tags

pytestmark = pytest.mark.django_db

LANGUAGES = ("fa", "ru", "en")
MARK = "ZONE-NAME-"


@pytest.fixture
def client() -> Client:
    """Every region record carries a wrong name, as an article naming a zone could leave it."""
    kb.reference_load()
    for region in Entity.objects.filter(type="region"):
        region.name = f"{MARK}{region.ref}"
        region.save(update_fields=["name"])
    c = Client()
    c.force_login(user_create(username="admin1", password="pw-admin-12345", role="administrator", scope=[]))
    return c


def _names(language: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in load_table(language, "regions"):
        names.setdefault(entry.key, entry.terms[0])
    return names


def _get(client: Client, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode())


def _escaped(name: str) -> str:
    return name.replace("&", "&amp;").replace("'", "&#x27;").replace('"', "&quot;")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_region_page_shows_the_gazetteer_name(client: Client, language: str) -> None:
    names = _names(language)
    assert len(names) == 114
    for code, name in names.items():
        page = _get(client, f"/regions/{code}/", language)
        assert _escaped(name) in page and MARK not in page, (code, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_partner_list_names_regions_from_the_gazetteer(client: Client, language: str) -> None:
    names = _names(language)
    for code in names:
        for r in finder.rank(code, top=83, language=language):
            assert r.name == names[r.code] and MARK not in r.explanation, (code, r.code)
            assert r.explanation.startswith(names[r.code])
    for code in ("IR-01", "IR-10", "RU-AST", "RU-MOW"):
        page = _get(client, f"/partners/{code}/", language)
        assert _escaped(names[code]) in page and MARK not in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_brief_names_both_regions_from_the_gazetteer(client: Client, language: str) -> None:
    names = _names(language)
    iranian = sorted(c for c in names if c.startswith("IR-"))
    russian = sorted(c for c in names if c.startswith("RU-"))
    # every region once, paired with one on the other side
    pairs = [(ir, russian[i % len(russian)]) for i, ir in enumerate(iranian)]
    pairs += [(iranian[i % len(iranian)], ru) for i, ru in enumerate(russian)]
    for a, b in pairs:
        page = _get(client, f"/tracker/briefs/pair/{a}/{b}/", language)
        assert _escaped(names[a]) in page and _escaped(names[b]) in page and MARK not in page, (a, b)


def test_a_region_whose_record_took_a_zones_name_keeps_its_own(client: Client) -> None:
    Entity.objects.filter(type="region", ref="RU-AST").update(name="لوتوس")
    for url in ("/regions/RU-AST/", "/partners/IR-01/", "/tracker/briefs/pair/IR-01/RU-AST/"):
        page = _get(client, url, "fa")
        assert "آستاراخان" in page and "لوتوس" not in page, url


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_layer_names_every_region_from_the_one_gazetteer_home(client: Client, language: str) -> None:
    names = _names(language)
    assert len(names) == 114
    with translation.override(language):
        for code, name in names.items():
            record = Entity.objects.get(type="region", ref=code)  # named MARK… by the fixture
            assert kb_names.place_name(code, language) == name
            assert partner_names.region_name(code, language) == name
            assert tags.place(code) == name and tags.place(record) == name and tags.named(code) == name
            assert kb_names.entity_name(record, language).text == name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dashboards_region_pairs_name_regions_from_the_gazetteer(client: Client, language: str) -> None:
    kb.article_ingest(
        text="The governor of Gilan Province met a delegation of Astrakhan Region in Rasht.", source="a"
    )
    names = _names(language)
    page = _get(client, "/", language)
    assert _escaped(names["IR-01"]) in page and _escaped(names["RU-AST"]) in page and MARK not in page
