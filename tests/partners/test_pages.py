"""Partner pages, the consortium page, capacities declared by editors, the API, the route map."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from hamkari.accounts.services import user_create
from hamkari.kb import services as kb
from hamkari.kb.models import Entity
from hamkari.partners.models import Capacity
from hamkari.web.i18n import compile_messages
from hamkari.web.templatetags.hamkari import place

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor() -> Any:
    compile_messages()
    kb.reference_load()
    gilan = Entity.objects.get(type="region", ref="IR-01")
    client = Client()
    client.force_login(user_create(username="ed", password="pw-editor-123", role="editor", scope=[gilan]))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_an_editor_declares_offers_and_needs_of_their_region_only(editor: Client) -> None:
    gilan = Entity.objects.get(type="region", ref="IR-01")
    isfahan = Entity.objects.get(type="region", ref="IR-10")
    assert (
        editor.post(
            f"/entities/{gilan.pk}/capacity/", {"kind": "offer", "sector": "fisheries", "strength": "5"}
        ).status_code
        == 302
    )
    assert (
        editor.post(
            f"/entities/{isfahan.pk}/capacity/", {"kind": "offer", "sector": "steel", "strength": "5"}
        ).status_code
        == 403
    )
    bad = editor.post(
        f"/entities/{gilan.pk}/capacity/", {"kind": "offer", "sector": "magic", "strength": "5"}, follow=True
    )
    assert "unknown sector" in bad.content.decode()
    assert list(Capacity.objects.values_list("entity__ref", "sector")) == [("IR-01", "fisheries")]
    page = editor.get("/regions/IR-01/").content.decode()
    assert "fisheries" in page and "declared offer 5/5" in page


def test_partner_and_consortium_pages_and_the_route_map(editor: Client) -> None:
    gilan = Entity.objects.get(type="region", ref="IR-01")
    from hamkari.partners.services import capacity_set

    capacity_set(entity=gilan, sector="fisheries", kind="offer", strength=5, user=None)
    capacity_set(
        entity=Entity.objects.get(ref="RU-AST"), sector="shipbuilding", kind="offer", strength=4, user=None
    )
    page = editor.get("/partners/IR-01/", {"route": "0.5"}).content.decode()
    assert "shipbuilding" in page and "that Gilan lacks" in page and 'value="0.5"' in page
    consortium = editor.get("/consortium/", {"market": "europe", "sector": ["fisheries", "shipbuilding"]})
    body = consortium.content.decode()
    assert "Proposal" in body and "Gilan" in body
    pair = editor.get("/regions/IR-01/RU-AST/").content.decode()
    assert '<svg class="route-map"' in pair and "days" in pair


def test_the_partner_api_and_its_errors(editor: Client) -> None:
    body = editor.get("/api/partners/IR-01", {"top": 3}).json()
    assert len(body) == 3 and set(body[0]["components"]) == {"complement", "trade", "ties", "route"}
    assert editor.get("/api/partners/XX-01").status_code == 404
    assert editor.get("/api/partners/IR-01", {"route": "-1"}).status_code == 422
    assert editor.get("/api/consortium", {"market": "africa", "sectors": "magic"}).status_code == 400
    routes = editor.get("/api/route", {"from": "IR-27", "to": "Волгоград"}).json()
    assert routes and all({"legs", "km", "days", "mode_changes", "branch"} <= set(r) for r in routes)
    assert editor.get("/api/route", {"from": "Atlantis", "to": "IR-01"}).status_code == 404
    assert editor.get("/api/route", {"from": "IR-27", "to": "RU-VGG", "modes": "air"}).status_code == 400
    by_rail = editor.get("/api/route", {"from": "IR-27", "to": "RU-VGG", "modes": "rail,sea"}).json()
    assert by_rail[0]["branch"] == "east" and by_rail[0]["legs"][0]["mode"] == "rail"
    assert {"from", "to", "stops", "published"} <= set(by_rail[0]["legs"][0])  # the alias, not `from_`
    del editor.cookies[settings.LANGUAGE_COOKIE_NAME]  # (the language chosen on the site comes first)
    in_russian = editor.get("/api/route", {"from": "IR-27", "to": "RU-VGG"}, HTTP_ACCEPT_LANGUAGE="ru").json()
    assert in_russian[0]["branch_name"] == "Восточная ветвь"  # the code's name in the request's language
    example = editor.get("/api/consortium", {"market": "africa", "sectors": "steel,machinery"})
    assert example.status_code == 200 and example.json() and all(p["score"] > 0 for p in example.json())


def test_the_region_page_charts_rca_complementarity_and_growth(editor: Client) -> None:
    from hamkari.partners.services import trade_import

    rows = [
        "region,partner,hs,year,period,flow,value",
        "IR-01,WLD,03,2024,H1,export,300",
        "IR-01,WLD,03,2023,H1,export,200",
        "IR-01,WLD,89,2024,H1,import,50",
        "RU-AST,WLD,89,2024,H1,export,400",
        "RU-AST,WLD,03,2024,H1,export,100",
    ]
    trade_import(data="\n".join(rows).encode(), name="t.csv")
    page = editor.get("/regions/IR-01/").content.decode()
    # fish (03): Gilan 300/300 = 1.0 of its exports; all regions 400/800 = 0.5 → RCA 2.0 → 200
    assert "<title>03: 200</title>" in page
    # Gilan imports only 89, Astrakhan exports 89 (0.8) and 03 (0.2) → 100·(1 − 0.4/2) = 80
    with translation.override("en"):  # the chart names the region, not its code
        astrakhan = place("RU-AST")
    assert f"<title>{astrakhan}: 80</title>" in page
    assert 'half 1 2024: <bdi class="nowrap">50.0%</bdi>' in page


@pytest.mark.parametrize(("language", "label"), [("fa", "۰۳: ۲۰۰"), ("ru", "03: 200")])
def test_the_trade_chart_writes_hs_codes_in_the_pages_digits(
    editor: Client, language: str, label: str
) -> None:
    from hamkari.partners.services import trade_import

    rows = ["region,partner,hs,year,period,flow,value", "IR-01,WLD,03,2024,Y,export,300"]
    trade_import(data="\n".join([*rows, "RU-AST,WLD,89,2024,Y,export,300"]).encode(), name="t.csv")
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = editor.get("/regions/IR-01/").content.decode()
    assert f"<title>{label}</title>" in page


def test_firm_names_on_the_partner_and_consortium_pages_are_marked_with_their_language(
    editor: Client,
) -> None:
    from hamkari.partners.services import firms_import

    firms_import(
        data=b"name,region,sector,size,exports,markets\nKaveh Tiles,IR-01,fisheries,1200,2500000,africa\n",
        name="firms.csv",
    )
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    partners = editor.get("/partners/RU-AST/").content.decode()
    chain = {"market": "africa", "sector": ["fisheries", "food_industry"]}
    consortium = editor.get("/consortium/", chain).content.decode()
    assert '<bdi lang="en" dir="auto">Kaveh Tiles</bdi>' in partners
    assert '<bdi lang="en" dir="auto">Kaveh Tiles</bdi>' in consortium


def test_an_unknown_market_is_refused_and_regions_are_found_by_name_in_any_language(editor: Client) -> None:
    # the schema lists the markets: one outside it is refused by the validation (422)
    assert editor.get("/api/consortium", {"market": "mars", "sectors": "fisheries"}).status_code == 422
    for name in ("گیلان", "Гилян", "Gilan"):
        found = editor.get("/api/search", {"q": name}).json()["entities"]
        assert "IR-01" in {e["ref"] for e in found}, name


def test_the_region_page_shows_published_reference_values_with_their_sources(editor: Client) -> None:
    page = editor.get("/regions/IR-01/").content.decode()
    assert "Reference profile" in page and "2,530,696" in page
    assert "https://citypopulation.de/en/iran/admin/" in page and "published" in page
    # Chukotka's population comes from the package reg_normalizer, linked with its year; its gross
    # regional product, like every region's, is not in the file, and the page says so
    chukotka = editor.get("/regions/RU-CHU/").content.decode()
    assert "47,778" in chukotka and "tochno-st/reg_normalizer" in chukotka
    assert "no published figure found; left empty" in chukotka


def test_an_editor_overrides_a_reference_value_and_the_page_shows_which_is_which(editor: Client) -> None:
    response = editor.post(
        "/regions/IR-01/reference/",
        {"field": "population", "value": "2600000", "source": "https://example.org/census"},
    )
    assert response.status_code == 302
    page = editor.get("/regions/IR-01/").content.decode()
    assert "2,600,000" in page and "edited" in page and "<del><bdi>2,530,696</bdi></del>" in page
    # the finder weighs the editor's sectors
    editor.post("/regions/IR-01/reference/", {"field": "sectors", "value": "shipbuilding fisheries"})
    from hamkari.partners import finder

    evidence = finder.profiles()["IR-01"].evidence["shipbuilding"]
    assert [e.kind for e in evidence] == ["reference"] and evidence[0].detail["rank"] == 1
    # an empty value brings the published one back
    editor.post("/regions/IR-01/reference/", {"field": "population", "value": ""})
    assert (
        "edited"
        not in editor.get("/regions/IR-01/").content.decode().split("Capacity")[0].split("population")[1]
    )


def test_an_editor_cannot_override_another_region_or_give_a_bad_value(editor: Client) -> None:
    assert editor.post("/regions/IR-10/reference/", {"field": "population", "value": "1"}).status_code == 403
    bad = editor.post("/regions/IR-01/reference/", {"field": "population", "value": "many"}, follow=True)
    assert "population must be a number" in bad.content.decode()
    bad = editor.post("/regions/IR-01/reference/", {"field": "sectors", "value": "caviar"}, follow=True)
    assert "unknown: caviar" in bad.content.decode()
    assert editor.get("/regions/IR-01/reference/").status_code == 405


def test_a_weight_typed_in_persian_digits_is_read_and_shown_in_persian_digits(editor: Client) -> None:
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    page = editor.get("/partners/IR-01/", {"route": "۰٫۵", "trade": "0.25"}).content.decode()
    assert 'name="route" value="۰٫۵"' in page and 'name="trade" value="۰٫۲۵"' in page


@pytest.mark.parametrize("language", ["ru", "fa", "en"])
def test_the_route_maps_coordinates_are_numbers_in_every_language(editor: Client, language: str) -> None:
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = editor.get("/regions/IR-01/RU-AST/").content.decode()
    svg = page[
        page.index('<svg class="route-map"') : page.index("</svg>", page.index('<svg class="route-map"'))
    ]
    coordinates = re.findall(r'\b(?:x1|y1|x2|y2|cx|cy|x|y)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", c) for c in coordinates), coordinates[:6]


LATIN = re.compile(r"[A-Za-z]")


def _value_cell(page: str, field: str, language: str) -> str:
    """The value cell of a row of the reference profile, found by the row's heading."""
    with translation.override(language):
        heading = translation.gettext(field)
    cell = re.search(rf'<th scope="row">{re.escape(heading)}</th>\s*<td[^>]*>(.*?)</td>', page, re.S)
    assert cell, heading
    return cell.group(1)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_persian_region_page_names_its_ports_and_crossings_in_persian_without_a_latin_letter(
    editor: Client,
) -> None:
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    page = editor.get("/regions/IR-01/").content.decode()
    ports, crossings = _value_cell(page, "ports", "fa"), _value_cell(page, "crossings", "fa")
    assert "بندر انزلی" in ports and "بندر آستارا" in ports and "مرز آستارا" in crossings
    assert not LATIN.search(_text(ports) + _text(crossings))
    assert 'lang="' not in ports + crossings  # nothing in another language to mark


def test_the_russian_region_page_names_its_ports_in_cyrillic(editor: Client) -> None:
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = editor.get("/regions/RU-PRI/").content.decode()
    ports = _value_cell(page, "ports", "ru")
    assert "порт Владивосток" in ports and "порт Находка" in ports and "порт Восточный" in ports
    assert not LATIN.search(_text(ports)) and 'lang="' not in ports


def test_a_port_without_a_translation_is_shown_as_published_and_marked_english(
    editor: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hamkari.partners import place_names

    monkeypatch.setattr(place_names, "table", dict)  # a names table that knows no place
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    ports = _value_cell(editor.get("/regions/IR-01/").content.decode(), "ports", "fa")
    assert '<bdi lang="en" dir="auto">Bandar Anzali</bdi>، <bdi lang="en" dir="auto">Astara</bdi>' in ports


def test_an_editors_ports_stay_as_typed_above_the_published_ones_in_the_pages_language(
    editor: Client,
) -> None:
    editor.post("/regions/IR-01/reference/", {"field": "ports", "value": "Энзели, Kiashahr"})
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    ports = _value_cell(editor.get("/regions/IR-01/").content.decode(), "ports", "fa")
    assert '<bdi lang="ru" dir="auto">Энзели, Kiashahr</bdi>' in ports
    assert '<del><bdi dir="auto">بندر انزلی</bdi>، <bdi dir="auto">بندر آستارا</bdi></del>' in ports


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("fa", ["گیلان", "آستارا (جمهوری آذربایجان)", "آستاراخان"]),
        ("ru", ["Гилян", "Астара (Азербайджан)", "Астраханская область"]),
    ],
)
def test_the_route_maps_labels_are_in_the_pages_language_unmarked(
    editor: Client, language: str, labels: list[str]
) -> None:
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = editor.get("/regions/IR-01/RU-AST/").content.decode()
    shown = re.findall(r"<text x=\"[^\"]*\" y=\"[^\"]*\"( lang=\"[^\"]*\")?>([^<]+)</text>", page)
    assert [name for _, name in shown if name in labels] == labels
    assert [(lang, name) for lang, name in shown if lang] == []
