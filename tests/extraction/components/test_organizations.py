"""Organisations: abbreviations, adjectives before the head, city governments, research centres,
chamber names that list sectors. Every sentence is written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from hamkari.extraction import extract, to_json


def _entities(text: str, type_: str) -> list[dict[str, Any]]:
    return [e for e in to_json(extract(text))["entities"] if e["type"] == type_]


# (text, an organisation's name as found, its kind)
ORGANIZATIONS = [
    # a city's government in lower case after the city's name; a long capitalised head alone;
    # an exhibition centre
    (
        "Officials of the Kazan city administration met the delegation from Gilan.",
        "Kazan city administration",
        "governorate",
    ),
    (
        "The fair was organised by the province's Chamber of Commerce, Industry, Mines and Agriculture "
        "in Rasht.",
        "Chamber of Commerce, Industry, Mines and Agriculture",
        "chamber",
    ),
    ("The fair opened at the Kazan Expo Center on Monday.", "Kazan Expo Center", "other"),
    # a quoted name after the head is the body's, whatever its words (a place, a name); it closes the name
    ("Выступил директор компании «Тебриз Текстиль» Омид Ширази.", "компании «Тебриз Текстиль»", "company"),
    ("Компания «Карен Трейд» поставляет финики в Ростов.", "Компания «Карен Трейд»", "company"),
    ("منطقه ویژه اقتصادی «سامارا» میزبان هیئت بود.", "منطقه ویژه اقتصادی «سامارا»", "economic_zone"),
    ("Делегация посетила ТПП РФ и провела переговоры.", "ТПП РФ", "chamber"),
    ("Резиденты ОЭЗ «Алабуга» подписали соглашение.", "ОЭЗ «Алабуга»", "economic_zone"),
    (
        "С главой Российско-Иранского делового совета встретился посол.",
        "Российско-Иранского делового совета",
        "association",
    ),
    (
        "Выступил президент Пензенской торгово-промышленной палаты.",
        "Пензенской торгово-промышленной палаты",
        "chamber",
    ),
    ("Правительство Москвы и мэрия Казани подписали протокол.", "Правительство Москвы", "governorate"),
    ("استاندار گیلان با وزیر دولت مسکو دیدار کرد.", "دولت مسکو", "governorate"),
    ("رئیس دپارتمان روابط خارجی شهر مسکو در نشست حضور داشت.", "دپارتمان روابط خارجی شهر مسکو", "agency"),
    ("مرکز تحقیقات کشاورزی گیلان با دانشگاه قازان همکاری می‌کند.", "مرکز تحقیقات کشاورزی گیلان", "university"),
    (
        "Сотрудники научно-исследовательского центра Казани приехали в Тебриз.",
        "научно-исследовательского центра Казани",
        "university",
    ),
    (
        "An official at the consulate of the Islamic Republic in Kazan spoke.",
        "consulate of the Islamic Republic",
        "consulate",
    ),
    # a mission keeps «در / в <city>» after its own place, like an embassy
    (
        "مدیر نمایندگی تجاری باشقیرستان در تبریز گفت همکاری ادامه دارد.",
        "نمایندگی تجاری باشقیرستان در تبریز",
        "other",
    ),
    (
        "Сотрудники торгового представительства Ирана в Самаре встретили делегацию.",
        "торгового представительства Ирана в Самаре",
        "other",
    ),
    # a word of setting up in the sentence before is not this mission's
    (
        "Стороны решили открыть. Торговое представительство Ирана в Казани поможет им.",
        "Торговое представительство Ирана в Казани",
        "other",
    ),
    # a central bank's whole name; a national railway named by its country, after «و» too
    ("وی گفت که بانک مرکزی و گمرک پیگیر این موضوع هستند.", "بانک مرکزی", "agency"),
    ("Вопрос расчётов обсуждают Банк России и иранские банки.", "Банк России", "agency"),
    ("از وزارت راه و راه‌آهن جمهوری اسلامی ایران دعوت شد.", "راه‌آهن جمهوری اسلامی ایران", "company"),
    ("مدیرعامل شرکت راه‌آهن گفت قطارها به گرگان می‌رسند.", "شرکت راه‌آهن", "company"),
    # a known port named by its city's adjective is also its company, in any case
    (
        "Делегацию принял директор Новороссийского морского торгового порта.",
        "Новороссийского морского торгового порта",
        "company",
    ),
    # a chamber of an Iranian city the morphology cannot decline, in the genitive
    (
        "Представители Торгово-промышленной палаты Бабола и руководство зоны прибыли.",
        "Торгово-промышленной палаты Бабола",
        "chamber",
    ),
    (
        "Officials of the Caspian Trade Centre in Astrakhan hosted the delegation.",
        "Caspian Trade Centre",
        "other",
    ),
]


@pytest.mark.parametrize(("text", "name", "kind"), ORGANIZATIONS)
def test_it_finds_organisations_by_head_abbreviation_and_adjectives(text: str, name: str, kind: str) -> None:
    found = [(o["name"], o["kind"]) for o in _entities(text, "organization")]
    assert (name, kind) in found, found


# (text, what must not be part of any organisation's name)
NOT_PART = [
    ("Они посадили в саду генконсульства ель.", "ель"),
    ("Сотрудники торгового представительства 14 лет работают в Казани.", "14"),
    ("The committee on metallurgy met in Kazan.", "committee"),
    # the name does not run on into the verb that follows it
    ("شرکت کشتیرانی دریای خزر متعهد شد دو کشتی جدید بخرد.", "متعهد"),
    ("وزارت صنعت، معدن و تجارت با این طرح موافقت کرد.", "موافقت"),
    ("اتحادیه صادرکنندگان فرآورده‌های نفتی پیشنهاد داد بازار تازه‌ای بیابد.", "پیشنهاد"),
    ("Союз экспортеров рад сообщить о новых контрактах.", "рад"),
    ("Ассоциация туроператоров Татарстана заинтересована в сотрудничестве.", "заинтересована"),
    # an embassy's seat closes its name
    ("سفارت روسیه در تهران پیگیر صدور روادید است.", "پیگیر"),
    # a lower-case adjective the next body's head left at the end
    ("Провинция откроет в Астрахани представительство областной торговой палаты.", "областной"),
    # a name read backwards stops at a line break or a dash that folding hides
    ("Kazan Hosts Gilan Traders\n\nSamara's Committee for Foreign Trade met them.", "Traders"),
    ("Traders Meet\n\nTEHRAN – Samara's Committee for Foreign Trade met them.", "TEHRAN"),
]


@pytest.mark.parametrize(("text", "word"), NOT_PART)
def test_a_name_stops_where_the_name_ends(text: str, word: str) -> None:
    assert not any(word in o["name"] for o in _entities(text, "organization"))


# A determiner or a function word capitalised at a sentence's start is not the name's first word.
# (text, the names found)
LEADING_DETERMINERS = [
    ("The Tabriz Chamber of Commerce said it would open an office.", ["Tabriz Chamber of Commerce"]),
    ("The Ministry of Roads agreed to study the ferry line.", ["Ministry of Roads"]),
    ("This Samara Business Council report came out on Monday.", ["Samara Business Council"]),
    ("An Ardabil Chamber of Commerce delegation flew to Kazan.", ["Ardabil Chamber of Commerce"]),
    ("In Kazan Federal University the students met the guests.", ["Kazan Federal University"]),
    # a head alone after the article is a common noun, as it is after a lower-case «the»
    ("The Chamber of Commerce said the fair was a success.", []),
    (
        "Эта Самарская торгово-промышленная палата открыла офис в Ширазе.",
        ["Самарская торгово-промышленная палата"],
    ),
]


@pytest.mark.parametrize(("text", "names"), LEADING_DETERMINERS)
def test_a_leading_determiner_is_not_part_of_a_name(text: str, names: list[str]) -> None:
    assert [o["name"] for o in _entities(text, "organization")] == names


NO_BODY = [
    # a rail line between two countries, or before a city, is no railway company
    "خط راه آهن ایران و روسیه تا سال آینده ساخته می‌شود.",
    "خط راه آهن رشت به آستارا ساخته می‌شود.",
    # a mission to be opened is a plan, not a party
    "پیشنهاد شد نمایندگی تجاری قزوین در کازان افتتاح شود.",
    "They proposed to open a permanent trade representation of Gilan in Kazan.",
    "Стороны договорились открыть торговое представительство Гиляна в Казани.",
    # a port named by its place is the place, not a company
    "Директор морского порта Оля рассказал о планах.",
]


@pytest.mark.parametrize("text", NO_BODY)
def test_a_line_a_planned_mission_or_a_port_by_its_place_is_no_organisation(text: str) -> None:
    assert _entities(text, "organization") == []


def test_two_chambers_of_different_places_stay_two() -> None:
    text = "اتاق بازرگانی زنجان و اتاق بازرگانی و صنایع قازان تفاهم‌نامه امضا کردند."
    names = sorted(o["name"] for o in _entities(text, "organization"))
    assert names == ["اتاق بازرگانی زنجان", "اتاق بازرگانی و صنایع قازان"]


def test_one_body_in_two_cases_is_one_organisation() -> None:
    text = (
        "Российско-Иранский деловой совет собрался в Казани. "
        "Члены Российско-Иранского делового совета выступили."
    )
    assert len(_entities(text, "organization")) == 1


def test_the_sectors_inside_a_chambers_name_are_not_sectors_of_the_story() -> None:
    text = "رئیس اتاق بازرگانی، صنایع، معادن و کشاورزی تبریز به قازان سفر کرد."
    assert _entities(text, "sector") == []


def test_a_sector_named_outside_the_chambers_name_stays() -> None:
    text = "اتاق بازرگانی، صنایع، معادن و کشاورزی تبریز بر همکاری در کشاورزی تأکید کرد."
    assert [s["ref"] for s in _entities(text, "sector")] == ["agriculture"]


# An English name of several capitalised words after «of» is one body, whatever stands before it.
# (text, the one name every mention of the body takes)
ONE_BODY = [
    # one head word read from the tail (the place before it) and from the head (the words after it)
    (
        "The head of the Kazan Department for External Economic Relations met the Gilan delegation.",
        "Kazan Department for External Economic Relations",
    ),
    (
        "Iran and Russia signed a protocol in Moscow, the Russian Ministry of Economic Development said.",
        "Ministry of Economic Development",
    ),
    (
        "Students of Gilan visited the University of Science and Technology of Kazan last week.",
        "University of Science and Technology of Kazan",
    ),
]


@pytest.mark.parametrize(("text", "name"), ONE_BODY)
def test_a_name_of_several_capitalised_words_after_of_is_one_body(text: str, name: str) -> None:
    assert [e["name"] for e in _entities(text, "organization")] == [name]


def test_the_iranian_provinces_industry_organisation_is_a_body_in_russian() -> None:
    text = "Письмо направила Организация промышленности, горнодобычи и торговли провинции Гилян."
    assert [e["kind"] for e in _entities(text, "organization")] == ["agency"]


def test_a_lower_case_head_after_a_places_possessive_is_no_name() -> None:
    assert _entities("Gilan's ministry said the port is ready.", "organization") == []


POST_WORDS = [
    ("Выступил председатель совета директоров банка Игорь Лосев.", "совета директоров"),
    ("Chairman of the Board of Directors Ivan Lebedev spoke in Tehran.", "Board of Directors"),
]


@pytest.mark.parametrize(("text", "words"), POST_WORDS)
def test_a_board_named_inside_a_post_is_not_an_organisation(text: str, words: str) -> None:
    assert not [e for e in _entities(text, "organization") if words in e["name"]]


def test_a_body_named_short_then_in_full_is_one_organisation_shown_in_full() -> None:
    names = [
        e["name"]
        for e in _entities(
            "در نشستی با حضور مسئولان اتاق بازرگانی کرمان، رئیس اتاق بازرگانی، صنایع، معادن و کشاورزی کرمان "
            "گفت: آماده‌ایم.",
            "organization",
        )
    ]
    assert names == ["اتاق بازرگانی، صنایع، معادن و کشاورزی کرمان"]


def test_a_known_zone_named_in_quotes_is_the_zone_the_lexicon_knows() -> None:
    zones = _entities(
        "مدیران منطقه ویژه اقتصادی «لیپتسک» و رئیس منطقه ویژه اقتصادی لیپتسک گفتند.", "organization"
    )
    assert [(e["name"], e["ref"], len(e["mentions"])) for e in zones] == [
        ("منطقه ویژه اقتصادی لیپتسک", "lipetsk_sez", 2)
    ]
