"""Partner ranking and consortium proposals on a hand-built case."""

from __future__ import annotations

from typing import Any

import pytest

from hamkari.kb import services as kb
from hamkari.kb.models import Entity
from hamkari.partners import finder, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def case() -> dict[str, Entity]:
    """Isfahan makes steel and textiles and needs forest products; Novgorod offers forest products
    and machinery; Samara offers steel (a competitor); Tatarstan offers machinery only."""
    kb.reference_load()
    regions = {
        code: Entity.objects.get(type="region", ref=code) for code in ("IR-10", "RU-NGR", "RU-SAM", "RU-TA")
    }
    declare = [
        ("IR-10", "steel", "offer", 5),
        ("IR-10", "textiles", "offer", 4),
        ("IR-10", "forestry", "need", 5),
        ("RU-NGR", "forestry", "offer", 5),
        ("RU-NGR", "machinery", "offer", 4),
        ("RU-SAM", "steel", "offer", 5),
        ("RU-TA", "machinery", "offer", 3),
    ]
    for code, sector, kind, strength in declare:
        services.capacity_set(entity=regions[code], sector=sector, kind=kind, strength=strength, user=None)
    return regions


def test_the_partner_that_offers_what_we_lack_ranks_first_and_says_why(case: dict[str, Entity]) -> None:
    results = finder.rank("IR-10", top=83, weights={"trade": 0, "ties": 0, "route": 0})
    assert [r.code for r in results[:2]] == ["RU-NGR", "RU-TA"]
    assert "forestry, machinery that" in results[0].explanation and "lacks" in results[0].explanation
    assert set(results[0].components) == {"complement", "trade", "ties", "route"}
    # Novgorod: min(1, (forestry 0.3 + need 1.0, machinery 0.3) + (steel 0.3, textiles 0.3)) / 2) = 1
    assert results[0].components["complement"] == pytest.approx(1.0)
    # a region with no evidence: (0 + steel 0.3 + textiles 0.3) / 2 = 0.3; Samara competes in steel:
    # (0 + textiles 0.3) / 2 = 0.15, so it comes last
    assert results[-1].code == "RU-SAM" and results[-1].components["complement"] == pytest.approx(0.15)
    assert results[2].components["complement"] == pytest.approx(0.3)


def test_weights_change_the_order(case: dict[str, Entity]) -> None:
    only_ties = finder.rank("IR-10", top=83, weights={"complement": 0, "trade": 0, "ties": 1, "route": 0})
    assert all(r.score == 0 for r in only_ties)
    assert [r.code for r in only_ties][:3] == sorted(r.code for r in only_ties)[:3]


def test_trade_figures_give_rca_complementarity_and_a_trade_component(case: dict[str, Entity]) -> None:
    rows = [
        "region,partner,hs,year,period,flow,value",
        "IR-10,WLD,72,2024,Y,export,600",
        "IR-10,WLD,44,2024,Y,import,300",
        "RU-NGR,WLD,44,2024,Y,export,900",
        "RU-NGR,WLD,72,2024,Y,import,100",
    ]
    assert services.trade_import(data="\n".join(rows).encode(), name="t.csv") == 4
    result = {r.code: r for r in finder.rank("IR-10", top=83)}
    # Isfahan imports only 44 and Novgorod exports only 44 → 100;
    # Novgorod imports only 72 and Isfahan exports only 72 → 100
    assert result["RU-NGR"].components["trade"] == pytest.approx(1.0)
    assert result["RU-TA"].components["trade"] is None


def test_a_bad_row_stops_an_import_with_its_line_and_nothing_applied(case: dict[str, Entity]) -> None:
    rows = [
        "name,region,sector,size,exports,markets",
        "Sepahan Steel,IR-10,steel,900,2500000,africa",
        "Volga Wood,RU-NGR,forestry,300,800000,",
        "Nowhere Ltd,XX-01,steel,1,1,",
    ]
    with pytest.raises(services.ImportError_, match="line 4: unknown region 'XX-01'"):
        services.firms_import(data="\n".join(rows).encode(), name="f.csv")
    from hamkari.partners.models import Firm

    assert Firm.objects.count() == 0
    assert services.firms_import(data="\n".join(rows[:3]).encode(), name="f.csv") == 2


def test_a_file_that_repeats_a_firm_keeps_its_last_row(case: dict[str, Entity]) -> None:
    from hamkari.partners.models import Firm

    rows = [
        "name,region,sector,size,exports,markets",
        "Volga Wood,RU-NGR,forestry,300,800000,",
        "Volga Wood,RU-NGR,forestry,450,900000,",
    ]
    assert services.firms_import(data="\n".join(rows).encode(), name="f.csv") == 1
    assert list(Firm.objects.filter(name="Volga Wood").values_list("size", flat=True)) == [450]


def test_a_consortium_covers_the_chain_with_both_countries_and_avoids_competitors(
    case: dict[str, Entity],
) -> None:
    proposals = finder.propose(market="africa", sectors=["steel", "machinery"], proposals=3)
    best = proposals[0]
    assert {m.country for m in best.members} == {"IR", "RU"}
    assert [(m.sector, m.code) for m in best.members] == [("steel", "IR-10"), ("machinery", "RU-NGR")]
    assert all(m.reason.startswith(m.sector) for m in best.members)
    assert best.score >= proposals[-1].score
    with pytest.raises(ValueError, match="no region or firm with capacity in aerospace_drones"):
        finder.propose(market="africa", sectors=["aerospace_drones"])


def test_the_cli_prints_rankings_as_json(case: dict[str, Entity], capsys: Any) -> None:
    import json

    from hamkari.cli import main

    assert (
        main(["partners", "IR-10", "--top", "2", "--json", "--weight", "route=0", "--weight", "ties=0"]) == 0
    )
    body = json.loads(capsys.readouterr().out)
    assert [r["region"] for r in body] == ["RU-NGR", "RU-TA"]
    assert main(["partners", "IR-10", "--weight", "luck=1"]) == 2


def test_the_cli_refuses_what_the_api_refuses(case: dict[str, Entity]) -> None:
    from hamkari.cli import main

    seven = ",".join(["steel", "machinery", "forestry", "textiles", "fisheries", "tourism", "shipbuilding"])
    assert main(["partners", "IR-10", "--weight", "route=-1"]) == 2
    assert main(["partners", "firm:abc"]) == 1
    assert main(["consortium", "--market", "africa", "--sectors", seven]) == 2
    assert main(["consortium", "--market", "mars", "--sectors", "steel"]) == 2


def test_trade_counts_only_the_directions_with_figures_on_both_sides(case: dict[str, Entity]) -> None:
    rows = [
        "region,partner,hs,year,period,flow,value",
        "IR-10,WLD,44,2024,Y,import,300",
        "RU-NGR,WLD,44,2024,Y,export,900",
    ]
    services.trade_import(data="\n".join(rows).encode(), name="t.csv")
    result = {r.code: r for r in finder.rank("IR-10", top=83)}
    # Isfahan's imports against Novgorod's exports → 100; the other direction has no figures
    assert result["RU-NGR"].components["trade"] == pytest.approx(1.0)
