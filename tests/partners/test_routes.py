"""Transit routes over the network of data/transit_*.tsv."""

from __future__ import annotations

import networkx as nx
import pytest

from hamkari.partners import routes


def test_every_region_has_a_centre_and_the_network_is_connected() -> None:
    import pycountry

    codes = {s.code for s in pycountry.subdivisions if s.country_code in ("IR", "RU")}
    assert set(routes.centres()) == codes
    assert nx.is_connected(routes.mode_graph())
    for _, _, data in routes.network().edges(data=True):
        assert data["source"].strip() and data["km"] > 0 and data["days"] > 0


@pytest.mark.parametrize(
    ("name", "node"),
    [
        ("اینچه برون", "incheh_borun"),
        ("بندر انزلی", "anzali"),
        ("Инче-Бурун", "incheh_borun"),
        ("порт Оля", "olya"),
        ("port of Anzali", "anzali"),
        ("گیلان", "rasht"),
        ("RU-AST", "astrakhan"),
        # a port with no node of its own starts at its province's centre
        ("بندر امام خمینی", "ahvaz"),
    ],
)
def test_a_named_port_or_crossing_is_its_own_node(name: str, node: str) -> None:
    assert routes.resolve(name) == node


def test_every_place_of_the_routes_table_is_a_lexicon_place_and_a_node() -> None:
    from hamkari.extraction.lexicon import load_table

    keys = {e.key for e in load_table("en", "places")}
    assert set(routes.places()) <= keys and set(routes.places().values()) <= set(routes.network())


def test_the_eastern_rail_route_links_golestan_and_volgograd() -> None:
    found = routes.routes(routes.centres()["IR-27"], routes.centres()["RU-VGG"], options=3)
    assert found
    eastern = [r for r in found if any("Incheh" in v for v in r.via)]
    assert eastern, [r.summary() for r in found]
    assert {leg.mode for leg in eastern[0].legs} == {"rail"}


def test_a_sea_leg_links_gilan_and_astrakhan() -> None:
    found = routes.routes(routes.centres()["IR-01"], routes.centres()["RU-AST"], options=3)
    assert any("sea" in {leg.mode for leg in r.legs} for r in found), [r.summary() for r in found]
    best = found[0]
    assert best.days == sorted(r.days for r in found)[0]
    assert best.km == sum(leg.km for leg in best.legs)


def test_places_are_found_by_code_or_name_in_three_languages() -> None:
    assert routes.resolve("IR-27") == routes.centres()["IR-27"]
    assert (
        routes.resolve("گرگان") == routes.centres()["IR-27"]
        or routes.resolve("گلستان") == routes.centres()["IR-27"]
    )
    assert routes.resolve("Волгоград") == routes.centres()["RU-VGG"]
    assert routes.resolve("Volgograd Oblast") == routes.centres()["RU-VGG"]
    assert routes.resolve("Atlantis") is None
