"""Bodies not set up yet: a trade house proposed, discussed or agreed is an instrument, not an
organisation; one that exists or works stays an organisation. Golden tables of (text, expected)
per language; every sentence is written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from hamkari.extraction import extract, to_json


def _facts(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    doc: dict[str, Any] = to_json(extract(text))
    organizations = [e["name"] for e in doc["entities"] if e["type"] == "organization"]
    return organizations, [(i["kind"], i["status"]) for i in doc["instruments"]]


# (text, the organisations found, the instruments found)
PENDING = [
    (
        "The governors discussed opening a Trade House of Yazd in Samara.",
        [],
        [("trade_house", "discussed")],
    ),
    (
        "Kerman plans to open a Trade Representation of Kerman in Kazan next spring.",
        [],
        [("trade_house", "proposed")],
    ),
    (
        "Министры обсудили открытие торгового представительства Хамадана в Пензе.",
        [],
        [("trade_house", "discussed")],
    ),
    (
        "Губернатор предложил рассмотреть открытие торгового дома Ульяновска в Йезде и торгового "
        "представительства Йезда в Ульяновске.",
        [],
        [("trade_house", "proposed")],  # a discussion proposed is a proposal
    ),
    (
        "Торговый дом Пензы в Хамадане откроется до конца года.",
        [],
        [("trade_house", "proposed")],
    ),
    (
        "قرار است خانه تجاری کرمان در شهر سامارا افتتاح شود.",
        [],
        [("trade_house", "proposed")],
    ),
    (
        "استاندار پیشنهاد تشکیل انجمن صادرکنندگان زعفران خراسان و تاتارستان را داد.",
        [],
        [("association", "proposed")],
    ),
    # a house that exists or works is an organisation
    (
        "The Trade House of Yazd in Samara sold pistachios worth a million dollars.",
        ["Trade House of Yazd"],
        [],
    ),
    (
        # a mission keeps «в <city>» like an embassy (cues.tsv, mission)
        "Торговое представительство Хамадана в Пензе провело семинар для экспортёров.",
        ["Торговое представительство Хамадана в Пензе"],
        [],
    ),
    # a house named before the word of its step is the one that agrees (Russian, English)
    (
        "The Gilan Trade Centre in Kazan has agreed to hold a saffron fair in May.",
        ["Gilan Trade Centre"],
        [],
    ),
    (
        "Торговый дом Пензы в Хамадане договорился провести ярмарку в мае.",
        ["Торговый дом Пензы"],
        [],
    ),
    (
        "Торговый дом Пензы открыт в Хамадане в прошлом месяце.",
        ["Торговый дом Пензы"],
        [("trade_house", "established")],
    ),
]


@pytest.mark.parametrize(("text", "organizations", "instruments"), PENDING)
def test_a_body_not_set_up_yet_is_an_instrument_not_an_organisation(
    text: str, organizations: list[str], instruments: list[tuple[str, str]]
) -> None:
    assert _facts(text) == (organizations, instruments)


def test_an_existing_union_named_beside_a_discussed_memorandum_stays_an_organisation() -> None:
    text = "دو طرف درباره تفاهم‌نامه میان وزارت صنعت و اتحادیه صادرکنندگان پسته کرمان و تاتارستان گفتگو کردند."
    assert "اتحادیه صادرکنندگان پسته کرمان" in _facts(text)[0]
