"""Capacity as weighed evidence, graded complement, ties, partner ranking and consortia."""

from __future__ import annotations

import datetime
import math
from typing import Any

import pytest
from django.utils import translation

from hamkari.kb import services as kb
from hamkari.kb.models import Entity, Instrument
from hamkari.partners import finder, routes, services

pytestmark = pytest.mark.django_db

# (mine, theirs, my needs, their needs, expected complement) — the mean of the three largest
# differences each way, averaged; a need weighs its difference up by (1 + need).
Strengths = dict[str, float]
COMPLEMENT: list[tuple[Strengths, Strengths, Strengths, Strengths, float]] = [
    ({}, {}, {}, {}, 0.0),
    ({"steel": 1.0}, {"forestry": 1.0}, {}, {}, (1.0 + 1.0) / 6),
    ({"steel": 1.0}, {"forestry": 0.5}, {}, {}, (0.5 + 1.0) / 6),
    ({"steel": 1.0}, {"forestry": 0.5}, {"forestry": 1.0}, {}, (1.0 + 1.0) / 6),
    ({"steel": 1.0}, {"steel": 0.4, "forestry": 0.5}, {}, {}, (0.5 + 0.6) / 6),
    ({"steel": 1.0}, {"forestry": 1.0, "machinery": 1.0, "fisheries": 1.0, "tourism": 1.0}, {}, {}, 4.0 / 6),
]


@pytest.mark.parametrize(("mine", "theirs", "my_needs", "their_needs", "expected"), COMPLEMENT)
def test_complement_is_graded_by_how_much_stronger_each_side_is(
    mine: dict[str, float],
    theirs: dict[str, float],
    my_needs: dict[str, float],
    their_needs: dict[str, float],
    expected: float,
) -> None:
    score, _lacks, _gives = finder.complement(mine, theirs, my_needs=my_needs, their_needs=their_needs)
    assert score == pytest.approx(expected)


def test_a_table_of_small_cases_gives_the_expected_order() -> None:
    """Isfahan-like: strong in steel and textiles, needs forestry. The partner strong in forestry
    and machinery beats the one with machinery only, which beats one with nothing, which beats a
    competitor in steel; two partners differing only a little are not tied."""
    mine = {"steel": 1.0, "textiles": 0.8}
    needs = {"forestry": 0.6}
    partners = {
        "forest_and_machines": {"forestry": 0.9, "machinery": 0.7},
        "forest_and_some_machines": {"forestry": 0.9, "machinery": 0.6},
        "machines": {"machinery": 0.7},
        "nothing": {},
        "steel_competitor": {"steel": 1.0},
    }
    scored = {name: finder.complement(mine, theirs, my_needs=needs)[0] for name, theirs in partners.items()}
    order = sorted(scored, key=lambda name: -scored[name])
    assert order == list(partners)
    assert len(set(scored.values())) == len(scored)


def test_one_article_is_weak_evidence_and_more_articles_count_more() -> None:
    assert [round(n / (n + finder.NEWS_HALF), 2) for n in (1, 3, 9)] == [0.25, 0.5, 0.75]


def test_ties_count_instruments_by_status_and_fade_with_age() -> None:
    today = datetime.date(2026, 1, 1)
    me, fresh, old, proposed = (finder.Profile(c, c[:2]) for c in ("IR-10", "RU-A", "RU-B", "RU-C"))
    me.instruments = {1: ("signed", today), 2: ("signed", today.replace(year=2025)), 3: ("proposed", today)}
    fresh.instruments = {1: ("signed", today)}
    old.instruments = {2: ("signed", today.replace(year=2025))}
    proposed.instruments = {3: ("proposed", today)}
    values = [finder.ties(me, other, today).score for other in (fresh, old, proposed)]
    assert values == sorted(values, reverse=True) and len(set(values)) == 3
    assert finder.ties(me, finder.Profile("RU-D", "RU"), today).score == 0.0


@pytest.fixture
def regions() -> dict[str, Entity]:
    kb.reference_load()
    return {e.ref or "": e for e in Entity.objects.filter(type="region")}


IRANIAN_TEN = ["IR-01", "IR-02", "IR-03", "IR-06", "IR-09", "IR-10", "IR-22", "IR-23", "IR-24", "IR-27"]


@pytest.mark.parametrize("code", IRANIAN_TEN)
def test_the_top_fifteen_complements_take_at_least_eight_values(
    regions: dict[str, Entity], code: str
) -> None:
    results = finder.rank(code, top=15, language="en")
    values = {round(r.components["complement"] or 0.0, 6) for r in results}
    assert len(values) >= 8, sorted(values)


def test_a_declared_need_lifts_the_partners_strong_in_it(regions: dict[str, Entity]) -> None:
    before = {r.code: r.components["complement"] or 0.0 for r in finder.rank("IR-10", top=83, language="en")}
    services.capacity_set(entity=regions["IR-10"], sector="forestry", kind="need", strength=5, user=None)
    after = {r.code: r.components["complement"] or 0.0 for r in finder.rank("IR-10", top=83, language="en")}
    assert after["RU-ARK"] > before["RU-ARK"]  # forestry leads Arkhangelsk's reference profile
    assert after["RU-MOW"] == pytest.approx(before["RU-MOW"])  # Moscow has no forestry


def test_a_declared_offer_adds_weighed_evidence_with_its_description(regions: dict[str, Entity]) -> None:
    before = finder.profiles()["RU-TA"].strength.get("fisheries", 0.0)
    services.capacity_set(entity=regions["RU-TA"], sector="fisheries", kind="offer", strength=5, user=None)
    profile = finder.profiles()["RU-TA"]
    assert profile.strength["fisheries"] == pytest.approx(before + finder.EVIDENCE_WEIGHTS["declared"])
    assert [e.describe("en") for e in profile.evidence["fisheries"]] == ["declared offer 5/5 (×0.15)"]


def test_a_shared_signed_instrument_raises_the_ties(regions: dict[str, Entity]) -> None:
    before = {r.code: r.components["ties"] or 0.0 for r in finder.rank("IR-01", top=83, language="en")}
    instrument = Instrument.objects.create(kind="mou", status="signed")
    instrument.parties.add(regions["IR-01"], regions["RU-AST"])
    after = {r.code: r for r in finder.rank("IR-01", top=83, language="en")}
    assert (after["RU-AST"].components["ties"] or 0.0) > before["RU-AST"] == 0.0
    assert after["RU-AST"].details["ties"]["instruments"] == 1


@pytest.mark.parametrize(
    ("language", "name", "words"),
    [
        ("fa", "آستاراخان", "که گیلان کم دارد"),
        ("ru", "Астраханская область", "недостаёт"),
        ("en", "Astrakhan Region", "lacks"),
    ],
)
def test_the_explanation_is_in_the_language_of_the_page(
    regions: dict[str, Entity], language: str, name: str, words: str
) -> None:
    found = {r.code: r for r in finder.rank("IR-01", top=83, language=language)}
    ast = found["RU-AST"]
    assert ast.name == name and ast.explanation.startswith(name) and words in ast.explanation
    assert "_" not in ast.explanation  # sector names, not slugs


def test_the_explanation_names_the_route_the_route_page_offers_first(regions: dict[str, Entity]) -> None:
    # Golestan → Volgograd: the fastest route and the cheapest one differ (the eastern rail wins by
    # cost); a partner's reason must not name a route that `hamkari route` ranks lower.
    found = {r.code: r for r in finder.rank("IR-27", top=83, language="en")}
    first = routes.routes(routes.centres()["IR-27"], routes.centres()["RU-VGG"], options=1)[0]
    assert first.summary("en") in found["RU-VGG"].explanation


def test_weights_change_the_order(regions: dict[str, Entity]) -> None:
    by_route = finder.rank("IR-01", top=5, weights={"complement": 0, "trade": 0, "ties": 0, "route": 1})
    by_complement = finder.rank("IR-01", top=5, weights={"complement": 1, "trade": 0, "ties": 0, "route": 0})
    assert [r.code for r in by_route] != [r.code for r in by_complement]
    assert by_route[0].code in {"RU-DA", "RU-AST", "RU-KL", "RU-CE", "RU-IN", "RU-SE"}


def test_trade_figures_give_a_trade_component_and_trade_evidence(regions: dict[str, Entity]) -> None:
    rows = [
        "region,partner,hs,year,period,flow,value",
        "IR-10,WLD,72,2024,Y,export,600",
        "IR-10,WLD,44,2024,Y,import,300",
        "RU-NGR,WLD,44,2024,Y,export,900",
        "RU-NGR,WLD,72,2024,Y,import,100",
    ]
    assert services.trade_import(data="\n".join(rows).encode(), name="t.csv") == 4
    result = {r.code: r for r in finder.rank("IR-10", top=83)}
    assert result["RU-NGR"].components["trade"] == pytest.approx(1.0)
    assert result["RU-TA"].components["trade"] is None
    # HS 44 (wood) counts for wood_products in Novgorod's profile, as the only exporter: full weight
    kinds = {e.kind for e in finder.profiles()["RU-NGR"].evidence["wood_products"]}
    assert "trade" in kinds


def test_a_bad_row_stops_an_import_with_its_line_and_nothing_applied(regions: dict[str, Entity]) -> None:
    from hamkari.partners.models import Firm

    rows = [
        "name,region,sector,size,exports,markets",
        "Sepahan Steel,IR-10,steel,900,2500000,africa",
        "Volga Wood,RU-NGR,forestry,300,800000,",
        "Nowhere Ltd,XX-01,steel,1,1,",
    ]
    with (
        translation.override("en"),
        pytest.raises(services.ImportError_, match="line 4: region: unknown region 'XX-01'"),
    ):
        services.firms_import(data="\n".join(rows).encode(), name="f.csv")
    assert Firm.objects.count() == 0
    assert services.firms_import(data="\n".join(rows[:3]).encode(), name="f.csv") == 2


def test_a_file_that_repeats_a_firm_keeps_its_last_row(regions: dict[str, Entity]) -> None:
    from hamkari.partners.models import Firm

    rows = [
        "name,region,sector,size,exports,markets",
        "Volga Wood,RU-NGR,forestry,300,800000,",
        "Volga Wood,RU-NGR,forestry,450,900000,",
    ]
    assert services.firms_import(data="\n".join(rows).encode(), name="f.csv") == 1
    assert list(Firm.objects.filter(name="Volga Wood").values_list("size", flat=True)) == [450]


def test_the_readme_consortium_example_works_on_the_bundled_data(regions: dict[str, Entity]) -> None:
    proposals = finder.propose(market="africa", sectors=["steel", "machinery"], proposals=3, language="en")
    assert proposals
    for p in proposals:
        assert p.score > 0
        assert {m.country for m in p.members} == {"IR", "RU"}
        assert len({m.region for m in p.members}) == len(p.members)
        assert all(m.reason for m in p.members)


def test_one_region_fills_one_slot_unless_asked(regions: dict[str, Entity]) -> None:
    chain = ["steel", "machinery", "petrochemicals"]
    for p in finder.propose(market="asia", sectors=chain, proposals=5):
        assert len({m.region for m in p.members}) == 3
    shared = finder.propose(market="asia", sectors=chain, proposals=10, shared_regions=True)
    assert shared and all(p.score > 0 for p in shared)


@pytest.mark.parametrize(
    ("language", "market", "sectors"),
    [
        ("en", "unknown market 'mars'; use one of", "give 1 to 6 known sectors; unknown: caviar"),
        ("fa", "بازار ناشناخته 'mars'؛", "۱ تا ۶ بخش شناخته‌شده بدهید؛ ناشناخته: caviar"),
        (
            "ru",
            "неизвестный рынок 'mars'; допустимы:",
            "укажите от 1 до 6 известных отраслей; неизвестны: caviar",
        ),
    ],
)
def test_the_consortium_refuses_what_cannot_be_built_in_the_readers_language(
    regions: dict[str, Entity], language: str, market: str, sectors: str
) -> None:
    with translation.override(language), pytest.raises(ValueError, match=market):
        finder.propose(market="mars", sectors=["steel"])
    with translation.override(language), pytest.raises(ValueError, match=sectors):
        finder.propose(market="africa", sectors=["steel", "caviar"])


def test_the_cli_prints_rankings_as_json(regions: dict[str, Entity], capsys: Any) -> None:
    import json

    from hamkari.cli import main

    assert main(["partners", "IR-10", "--top", "2", "--json", "--weight", "route=0"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert len(body) == 2 and set(body[0]["components"]) == {"complement", "trade", "ties", "route"}
    assert main(["partners", "IR-10", "--weight", "luck=1"]) == 2


def test_the_cli_refuses_what_the_api_refuses(regions: dict[str, Entity]) -> None:
    from hamkari.cli import main

    seven = ",".join(["steel", "machinery", "forestry", "textiles", "fisheries", "tourism", "shipbuilding"])
    assert main(["partners", "IR-10", "--weight", "route=-1"]) == 2
    assert main(["partners", "firm:abc"]) == 1
    assert main(["consortium", "--market", "africa", "--sectors", seven]) == 2
    assert main(["consortium", "--market", "mars", "--sectors", "steel"]) == 2


def test_a_shared_working_group_counts_as_a_tie(regions: dict[str, Entity]) -> None:
    from hamkari.tracker.models import WorkingGroup

    group = WorkingGroup.objects.create(name="Caspian fisheries")
    group.regions.add(regions["IR-01"], regions["RU-DA"])
    found = {r.code: r for r in finder.rank("IR-01", top=83, language="en")}
    assert found["RU-DA"].details["ties"]["working_groups"] == 1
    assert (found["RU-DA"].components["ties"] or 0.0) == pytest.approx(1 - math.exp(-1 / finder.TIES_SCALE))
    assert "1 working groups" in found["RU-DA"].explanation
