"""Delegations in three languages: size, leader, members, origin, destination, purpose. Our own
sentences; the people are invented."""

from __future__ import annotations

from typing import Any

import pytest

from hamkari.extraction import extract, to_json

# (text, expected fields of the one delegation; the leader and members by name)
GOLDEN: list[tuple[str, dict[str, Any]]] = [
    (
        "A 25-member delegation led by Governor of Gilan Province Asadollah Abbasi arrived in "
        "Astrakhan on Monday to discuss shipping links across the Caspian Sea.",
        {
            "size": 25,
            "leader": "Asadollah Abbasi",
            "origin": "IR-01",
            "destination": "RU-AST",
            "purpose": "to discuss shipping links across the Caspian Sea",
        },
    ),
    (
        "A trade delegation of 12 people from Tatarstan visited Isfahan to explore joint steel projects.",
        {"size": 12, "origin": "RU-TA", "destination": "IR-10", "purpose": "to explore joint steel projects"},
    ),
    (
        "Делегация из 30 человек во главе с губернатором Астраханской области Игорем Бабушкиным прибыла "
        "в Гилян для обсуждения морских перевозок.",
        {
            "size": 30,
            "leader": "Игорь Бабушкин",
            "origin": "RU-AST",
            "destination": "IR-01",
            "purpose": "для обсуждения морских перевозок",
        },
    ),
    (
        "Делегация Республики Татарстан посетила Исфахан с целью расширения промышленной кооперации.",
        {"size": None, "origin": "RU-TA", "destination": "IR-10"},
    ),
    (
        "هیئتی ۴۰ نفره از استان گیلان به آستاراخان سفر کرد تا درباره حمل و نقل دریایی گفتگو کند.",
        {"size": 40, "origin": "IR-01", "destination": "RU-AST"},
    ),
    (
        "هیئت تجاری ۱۵ نفره تاتارستان به منظور بررسی همکاری‌های صنعتی وارد اصفهان شد.",
        {"size": 15, "destination": "IR-10", "purpose": "به منظور بررسی همکاری‌های صنعتی وارد اصفهان شد"},
    ),
]

# Sentences with a delegation word that report no delegation.
NONE = [
    "هیئت مدیره شرکت کشتیرانی خزر دیروز تشکیل جلسه داد.",
    "The delegation then toured the port.",
    "Делегация осмотрела порт.",
    "Delegation of authority to regional offices was discussed.",
]


def _delegations(text: str) -> list[dict[str, Any]]:
    out = to_json(extract(text))
    names = {e["id"]: e["name"] for e in out["entities"]}
    found = out.get("delegations", [])
    for d in found:
        d["leader"] = names.get(d["leader"])
        d["members"] = [names[m] for m in d["members"]]
    return found


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_it_reads_a_delegations_size_leader_and_route(text: str, expected: dict[str, Any]) -> None:
    (delegation,) = _delegations(text)
    assert {k: delegation[k] for k in expected} == expected


@pytest.mark.parametrize("text", NONE)
def test_a_board_a_later_reference_or_delegated_powers_are_no_delegation(text: str) -> None:
    assert _delegations(text) == []


def test_every_delegation_points_to_its_words_and_its_lexicon_entry() -> None:
    text = GOLDEN[0][0]
    (delegation,) = _delegations(text)
    start, end = delegation["evidence"]
    assert text[start:end].startswith("25-member delegation")
    assert delegation["provenance"] == {"component": "delegations", "rule": "en/delegations.tsv:3"}


def test_members_are_the_people_named_after_a_members_word() -> None:
    text = (
        "The delegation headed by Governor of Gilan Province Asadollah Abbasi, including Minister of "
        "Industry Reza Karimi, arrived in Astrakhan."
    )
    (delegation,) = _delegations(text)
    assert delegation["leader"] == "Asadollah Abbasi"
    assert delegation["members"] == ["Reza Karimi"]
