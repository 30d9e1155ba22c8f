"""Ports, rail hubs and border crossings of the reference profiles by their names in Persian, Russian
and English: the transit graph's names where the place is one of its nodes, else the names table."""

from __future__ import annotations

import re

import pytest

from hamkari.partners import place_names, reference, routes
from hamkari.partners.place_names import PlaceName, place_name

HEADER = "field\tname_en\tnode\tname_fa\tname_ru\n"
PUBLISHED = [v for v in reference.values() if v.field in place_names.FIELDS]
PERSIAN = re.compile(r"[\u0600-\u06FF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN = re.compile(r"[A-Za-z]")

# (field, name as region_profiles.tsv publishes it, name shown)
PERSIAN_NAMES = [
    ("port", "Bandar Anzali", "بندر انزلی"),
    ("port", "Astara", "بندر آستارا"),
    ("crossing", "Astara", "مرز آستارا"),
    ("port", "Bandar Imam Khomeini", "بندر امام خمینی"),
    ("port", "Tuapse", "بندر توآپسه"),
    ("port", "Saint Petersburg", "بندر سن پترزبورگ"),
    ("rail_hub", "Saint Petersburg", "سن پترزبورگ"),
    ("rail_hub", "Tehran", "تهران"),
    ("rail_hub", "Bafq", "بافق"),
    ("crossing", "Incheh Borun", "مرز اینچه برون"),
    ("crossing", "Verkhny Lars", "مرز ورخنی لارس"),
]
RUSSIAN_NAMES = [
    ("port", "Bandar Anzali", "порт Энзели"),
    ("port", "Astrakhan", "Астраханский морской порт"),
    ("rail_hub", "Astrakhan", "Астрахань"),
    ("port", "Ust-Luga", "порт Усть-Луга"),
    ("port", "Port Vostochny", "порт Восточный"),
    ("rail_hub", "Tabriz", "Тебриз"),
    ("rail_hub", "Nizhny Novgorod", "Нижний Новгород"),
    ("crossing", "Yarag-Kazmalyar", "погранпереход Яраг-Казмаляр"),
    ("crossing", "Zabaykalsk", "погранпереход Забайкальск"),
]
ENGLISH_NAMES = [
    ("port", "Bandar Anzali", "Bandar Anzali"),
    ("rail_hub", "Rostov-on-Don", "Rostov-on-Don"),
    ("crossing", "Yarag-Kazmalyar", "Yarag-Kazmalyar"),
]


@pytest.mark.parametrize(("field", "published", "shown"), PERSIAN_NAMES)
def test_a_place_is_named_in_persian_on_a_persian_page(field: str, published: str, shown: str) -> None:
    assert place_name(field, published, "fa") == PlaceName(shown, "fa")


@pytest.mark.parametrize(("field", "published", "shown"), RUSSIAN_NAMES)
def test_a_place_is_named_in_russian_on_a_russian_page(field: str, published: str, shown: str) -> None:
    assert place_name(field, published, "ru") == PlaceName(shown, "ru")


@pytest.mark.parametrize(("field", "published", "shown"), ENGLISH_NAMES)
def test_a_place_keeps_its_published_name_on_an_english_page(field: str, published: str, shown: str) -> None:
    assert place_name(field, published, "en") == PlaceName(shown, "en")


def test_every_port_hub_and_crossing_of_the_profiles_has_a_persian_and_a_russian_name() -> None:
    assert len(PUBLISHED) >= 55  # the profiles publish them (a check over none proves nothing)
    persian = {(v.field, v.value): place_name(v.field, v.value, "fa") for v in PUBLISHED}
    russian = {(v.field, v.value): place_name(v.field, v.value, "ru") for v in PUBLISHED}
    assert [k for k, n in persian.items() if n.language != "fa" or LATIN.search(n.text)] == []
    assert [k for k, n in persian.items() if not PERSIAN.search(n.text)] == []
    assert [k for k, n in russian.items() if n.language != "ru" or LATIN.search(n.text)] == []
    assert [k for k, n in russian.items() if not CYRILLIC.search(n.text)] == []


def test_the_bundled_names_pass_the_validator() -> None:
    assert place_names.validate(place_names.table().values(), reference.values()) == []


def test_a_place_of_the_transit_graph_is_shown_with_the_graphs_names() -> None:
    joined = [row for row in place_names.table().values() if row.node]
    assert len(joined) >= 20
    for language in ("fa", "ru"):
        assert [place_name(r.field, r.name_en, language).text for r in joined] == [
            routes.node_name(r.node, language) for r in joined
        ]


@pytest.mark.parametrize("language", ["fa", "ru"])
def test_a_name_without_a_translation_is_shown_as_published_and_said_to_be_english(language: str) -> None:
    assert place_name("port", "Atlantis", language) == PlaceName("Atlantis", "en")
    # the same name under another field is another place (Astara the port is no crossing of Astrakhan)
    assert place_name("rail_hub", "Bandar Anzali", language) == PlaceName("Bandar Anzali", "en")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("harbour\tBandar Anzali\tanzali\t\t\n", "unknown field 'harbour'"),
        ("port\tBandar Anzali\tanzali_port\t\t\n", "unknown node 'anzali_port'"),
        (
            "rail_hub\tRasht\trasht\t\t\n",
            "'rasht' is a regional centre (the graph names it by its region): name the city here",
        ),
        (
            "port\tBandar Anzali\tanzali\tبندر انزلی\t\n",
            "names given here and in transit_nodes.tsv (anzali): keep them in one place",
        ),
        ("port\tTuapse\t\tبندر توآپسه\t\n", "no ru name"),
        ("port\tTuapse\t\t\tпорт Туапсе\n", "no fa name"),
        ("port\tTuapse\t\tTuapse port\tпорт Туапсе\n", "the fa name 'Tuapse port' is not in the fa script"),
        ("port\tTuapse\t\tبندر توآپسه\tport Tuapse\n", "the ru name 'port Tuapse' is not in the ru script"),
    ],
)
def test_the_validator_rejects_a_bad_row(row: str, reason: str) -> None:
    assert place_names.validate(place_names.read(HEADER + row), []) == [f"line 2: {reason}"]


def test_the_validator_rejects_a_place_named_twice() -> None:
    row = "port\tTuapse\t\tبندر توآپسه\tпорт Туапсе\n"
    assert place_names.validate(place_names.read(HEADER + row + row), []) == ["line 3: named twice"]


def test_the_validator_reports_a_published_place_without_names() -> None:
    published = reference.read(
        "region\tfield\tvalue\trank\tyear\tsource\tnote\n"
        "RU-KDA\tport\tGelendzhik\t\t2024\thttps://example.org/gelendzhik\t\n"
        "RU-KDA\tsector\tfisheries\t\t2024\thttps://example.org/gelendzhik\t\n"
    )
    assert place_names.validate([], published) == [
        "region_profiles.tsv line 2: no names for port 'Gelendzhik'"
    ]
