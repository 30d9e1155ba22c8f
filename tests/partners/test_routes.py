"""Transit routes over the network of data/transit_*.tsv: published figures, corridor branches,
changes of mode."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import networkx as nx
import pytest
from django.utils import translation

from hamkari.partners import routes

C = routes.centres


def test_every_region_has_a_centre_and_the_network_is_connected() -> None:
    import pycountry

    codes = {s.code for s in pycountry.subdivisions if s.country_code in ("IR", "RU")}
    assert set(routes.centres()) == codes
    assert nx.is_connected(nx.Graph(routes.network()))
    for _, _, data in routes.network().edges(data=True):
        assert data["source"].strip() and data["km"] > 0 and data["days"] > 0


def test_at_least_forty_edges_carry_a_published_figure_with_its_address() -> None:
    published = {(frozenset((a, b)), mode) for a, b, mode in routes.published_edges()}
    assert len(published) >= 40
    # the corridor's own legs are among them
    for a, b in (("gorgan", "incheh_borun"), ("incheh_borun", "serhetyaka"), ("qazvin", "rasht")):
        assert (frozenset((a, b)), "rail") in published


def test_the_rasht_astara_gap_has_no_rail_edge() -> None:
    graph = routes.network()
    assert all(d["mode"] != "rail" for d in graph.get_edge_data("rasht", "astara", default={}).values())


def test_gilan_to_astrakhan_offers_the_anzali_sea_leg_first_or_second() -> None:
    found = routes.routes(C()["IR-01"], C()["RU-AST"], options=3)
    sea = [i for i, r in enumerate(found) if r.branch == "caspian"]
    assert sea and sea[0] <= 1, [r.summary("en") for r in found]
    leg = next(leg for leg in found[sea[0]].legs if leg.mode == "sea")
    assert (leg.start, leg.end) == ("anzali", "astrakhan_port")


@pytest.mark.parametrize("modes", [routes.MODES, ("rail", "sea")])
def test_golestan_to_volgograd_goes_by_the_eastern_rail_branch_via_incheh_borun(
    modes: tuple[str, ...],
) -> None:
    offered = routes.routes(C()["IR-27"], C()["RU-VGG"], options=3, modes=modes)
    assert offered[0].branch == "east" and "incheh_borun" in offered[0].via
    assert offered[0].modes() == ["rail"] and offered[0].mode_changes == 0
    assert {"west", "east", "caspian"} >= {r.branch for r in offered}


@pytest.fixture
def sea_cost(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[float], None]]:
    """Sets the assumed cost of a tonne-km by sea for one test; the cached searches are dropped
    before and after."""

    def clear() -> None:
        routes.state_graph.cache_clear()
        routes._search.cache_clear()

    def set_to(value: float) -> None:
        monkeypatch.setitem(routes.COST_PER_KM, "sea", value)
        clear()

    yield set_to
    monkeypatch.undo()
    clear()


def test_the_order_of_the_eastern_and_caspian_branches_turns_on_the_assumed_cost_by_sea(
    sea_cost: Callable[[float], None],
) -> None:
    # Golestan → Volgograd: rail all the way (3,012 km, 7.7 days) against rail–sea–rail via
    # Amirabad (1,979 km, 8.9 days, two changes of mode); the assumption decides, and says so
    sea_cost(0.5)
    assert [r.branch for r in routes.routes(C()["IR-27"], C()["RU-VGG"])][:2] == ["caspian", "east"]
    sea_cost(0.8)
    assert routes.routes(C()["IR-27"], C()["RU-VGG"])[0].branch == "east"


@pytest.mark.parametrize(("start", "end"), [("IR-27", "RU-VGG"), ("IR-01", "RU-AST"), ("IR-10", "RU-TA")])
def test_the_options_are_one_a_branch_cheapest_first_each_with_its_cost(start: str, end: str) -> None:
    offered = routes.routes(C()[start], C()[end], options=5)
    assert len({r.branch for r in offered}) == len(offered) == 3
    assert [r.cost for r in offered] == sorted(r.cost for r in offered)
    for r in offered:
        per_km = sum(leg.km * routes.COST_PER_KM[leg.mode] for leg in r.legs)
        assert r.cost == pytest.approx(
            per_km + r.days * routes.COST_PER_DAY + r.mode_changes * routes.COST_PER_CHANGE
        )


def test_the_caspian_port_of_gilan_is_a_node_with_sea_legs_to_the_russian_ports() -> None:
    assert routes.resolve("بندر کاسپین") == routes.resolve("порт Каспиан") == "caspian_port"
    graph = routes.network()
    sea = {b for a, b, d in graph.edges("caspian_port", data=True) if d["mode"] == "sea"}
    assert sea == {"astrakhan_port", "olya", "makhachkala_port"}
    assert routes.node_name("caspian_port", "fa") == "بندر کاسپین"


def test_a_route_that_starts_at_a_port_sails_from_it_without_a_change_of_mode() -> None:
    sea = next(r for r in routes.routes("caspian_port", C()["RU-AST"]) if r.branch == "caspian")
    assert sea.legs[0].mode == "sea" and sea.legs[0].start == "caspian_port"
    assert sea.mode_changes == len(sea.legs) - 1


def test_ardabil_to_dagestan_goes_by_the_western_branch() -> None:
    best = routes.routes(C()["IR-24"], C()["RU-DA"], options=3)[0]
    assert best.branch == "west" and "astara" in best.via and "samur" in best.via


def test_options_differ_by_branch_and_legs_of_one_mode_are_one_leg() -> None:
    found = routes.routes(C()["IR-10"], C()["RU-TA"], options=3)
    assert len({r.branch for r in found}) == len(found) == 3
    for r in found:
        modes = r.modes()
        assert all(a != b for a, b in itertools.pairwise(modes))
        assert r.mode_changes == len(modes) - 1
        assert r.days == pytest.approx(
            sum(leg.days for leg in r.legs) + r.mode_changes * routes.MODE_CHANGE_DAYS
        )
        assert r.km == sum(leg.km for leg in r.legs)


def test_a_change_of_mode_costs_a_day() -> None:
    # Rasht to Anzali is a road leg; going on by sea from Anzali adds one change of mode
    sea = next(r for r in routes.routes(C()["IR-01"], C()["RU-AST"], options=3) if r.branch == "caspian")
    assert sea.mode_changes == 2
    assert sea.days >= sum(leg.days for leg in sea.legs) + 2


def test_unknown_modes_are_refused() -> None:
    with translation.override("en"), pytest.raises(ValueError, match="modes are rail, road, sea; not air"):
        routes.routes(C()["IR-01"], C()["RU-AST"], modes=("air",))


@pytest.mark.parametrize(("language", "word"), [("fa", "روز"), ("ru", "сут."), ("en", "days")])
def test_the_summary_is_in_the_language_asked(language: str, word: str) -> None:
    from hamkari.web.i18n import compile_messages

    compile_messages()
    best = routes.routes(C()["IR-24"], C()["RU-DA"], options=1)[0]
    assert word in best.summary(language)


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
        # a port with no entry of its own in the places table starts at its province's centre
        ("بندر امام خمینی", "ahvaz"),
    ],
)
def test_a_named_port_or_crossing_is_its_own_node(name: str, node: str) -> None:
    assert routes.resolve(name) == node


def test_every_place_of_the_routes_table_is_a_lexicon_place_and_a_node() -> None:
    from hamkari.extraction.lexicon import load_table

    keys = {e.key for e in load_table("en", "places")}
    assert set(routes.places()) <= keys and set(routes.places().values()) <= set(routes.network())


def test_places_are_found_by_code_or_name_in_three_languages() -> None:
    assert routes.resolve("IR-27") == C()["IR-27"]
    assert routes.resolve("Волгоград") == C()["RU-VGG"]
    assert routes.resolve("Volgograd Oblast") == C()["RU-VGG"]
    assert routes.resolve("Atlantis") is None


def test_a_route_from_russia_to_iran_offers_the_same_branches_reversed() -> None:
    there = routes.routes(C()["IR-01"], C()["RU-AST"], options=3)
    back = routes.routes(C()["RU-AST"], C()["IR-01"], options=3)
    assert [(r.branch, round(r.days, 1)) for r in back] == [(r.branch, round(r.days, 1)) for r in there]
    sea = next(r for r in back if r.branch == "caspian")
    assert [(leg.start, leg.end) for leg in sea.legs if leg.mode == "sea"] == [("astrakhan_port", "anzali")]
