"""People: the junk-name guard, names in every written form, roles from what the post names.
Golden tables of (text, expected) per language; every sentence is written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from hamkari.extraction import extract, to_json


def _people(text: str) -> list[dict[str, Any]]:
    return [e for e in to_json(extract(text))["entities"] if e["type"] == "person"]


# Words that stand where a name would (beside a post, after a preposition, in a heading) and
# must never become a person: function words, nouns of a phrase, region adjectives, the head of
# an organisation's name, sectors, months, common capitalised words.
NOT_A_NAME = [
    ("از طرف سفیر ایران در مسکو پیامی خوانده شد.", "طرف"),
    ("این سند به امضای وزیر راه و شهرسازی رسید.", "امضای"),
    ("با همراهی معاون استاندار از نمایشگاه بازدید شد.", "همراهی"),
    ("به دعوت سرکنسول ایران در قازان هیئتی به تبریز رفت.", "دعوت"),
    ("نمایندگان بخش پتروشیمی، استاندار بوشهر و سفیر روسیه حضور داشتند.", "پتروشیمی"),
    ("در مهر استاندار گیلان به آستاراخان سفر کرد.", "مهر"),
    ("جلسه با خواندن پیام رحیم آغاز شد و استاندار سخن گفت.", "رحیم"),
    # two words run together when the non-joiner is lost: «روابط‌عمومی», «به‌ویژه», «به‌صورت», «این‌بار»
    ("این گزارش را روابطعمومی، سخنگوی استانداری گیلان منتشر کرد.", "روابطعمومی"),
    ("بهویژه، استاندار گلستان از همکاری بنادر سخن گفت.", "بهویژه"),
    ("همزمان بهصورت، معاون وزیر راه از بندر بازدید کرد.", "بهصورت"),
    ("اینبار، استاندار گیلان میزبان هیئت روسی بود.", "اینبار"),
    ("Выступил президент Торгово-промышленной палаты Самарской области.", "Палаты"),
    ("Выступил президент Торгово-промышленной палаты Самарской области.", "Самарской"),
    ("По словам губернатора, Российско-Иранский деловой совет начнет работу.", "Российско"),
    ("В марте губернатор Пензенской области провел встречу.", "марте"),
    ("Министр Исламской Республики Иран выступил на форуме.", "Исламской"),
    ("The Minister of Industry of the Islamic Republic met the delegation.", "Industry"),
    ("The Minister of Industry of the Islamic Republic met the delegation.", "Islamic"),
    ("In March the Governor of Gilan visited Kazan.", "March"),
    ("The head of the Chamber of Commerce of Kazan spoke.", "Chamber"),
    # an abbreviation after a post names the body; a quoted name after a post is the body's
    ("Соглашение подписал ректор КГУ Максим Игоревич Лапшин.", "КГУ"),
    ("Выступил директор компании «Тебриз Текстиль» Омид Ширази.", "Текстиль"),
    ("The head of IRNA Ali Karimi spoke.", "IRNA"),
]


@pytest.mark.parametrize(("text", "word"), NOT_A_NAME)
def test_it_never_takes_a_word_that_is_not_a_name_for_a_person(text: str, word: str) -> None:
    people = _people(text)
    assert not any(word.lower() in p["name"].lower() for p in people), people


# (text, the name as the extractor should give it, role, region)
NAMES = [
    # Russian initials, before or after the surname, in any case
    (
        "Губернатор Саратовской области Р.В. Колесников провел встречу.",
        "Р.В. Колесников",
        "head_of_region",
        "RU-SAR",
    ),
    (
        "Встречу провел Петренко И.С., заместитель губернатора Самарской области.",
        "Петренко И.С.",
        "deputy_head_of_region",
        "RU-SAM",
    ),
    (
        "President of the Kazan Chamber of Commerce A.V. Sokolov visited Isfahan.",
        "A.V. Sokolov",
        "agency_head",
        None,
    ),
    # the nominative of a name written in another case
    (
        "Делегация встретилась с губернатором Пензенской области Олегом Мельниковым.",
        "Олег Мельников",
        "head_of_region",
        "RU-PNZ",
    ),
    (
        "Состоялась встреча вице-президента Ирана по экономическим вопросам Хосейна Карими.",
        "Хосейн Карими",
        "official",
        None,
    ),
    # Persian compound given names, with or without a space, and detached surname parts
    (
        "نعمت الله کریمی پور، معاون استاندار یزد، گفت: همکاری ادامه دارد.",
        "نعمت الله کریمی پور",
        "deputy_head_of_region",
        "IR-21",
    ),
    ("غلامحسین رضایی، استاندار یزد، از نمایشگاه بازدید کرد.", "غلامحسین رضایی", "head_of_region", "IR-21"),
    ("سید حسن علی نیک نام شهردار رشت با هیئت روسی دیدار کرد.", "سید حسن علی نیک نام", "official", "IR-01"),
    # heads of a region that are called president or head of a republic
    (
        "سرگئی ایوانف، رئیس جمهور تاتارستان روسیه، به تبریز سفر کرد.",
        "سرگئی ایوانف",
        "head_of_region",
        "RU-TA",
    ),
    ("Президент Татарстана Рустем Гилязов посетил Тебриз.", "Рустем Гилязов", "head_of_region", "RU-TA"),
    ("Глава Чувашии Олег Кузьмин встретился с послом Ирана.", "Олег Кузьмин", "head_of_region", "RU-CU"),
    # regional ministers and deputy premiers
    (
        "Министр промышленности Республики Татарстан Ильдар Сабиров выступил на форуме.",
        "Ильдар Сабиров",
        "official",
        "RU-TA",
    ),
    (
        "Заместитель председателя правительства Самарской области Павел Орлов открыл форум.",
        "Павел Орлов",
        "deputy_head_of_region",
        "RU-SAM",
    ),
    # a name after a dash, a name in guillemets before its post, an English place noun
    ("Соглашение подписали градоначальники – Ринат Галеев и Реза Ахмади.", "Ринат Галеев", "official", None),
    # a minister of a city's government is an official of that region
    ("استاندار گیلان با «آندری سوکولوف» وزیر دولت مسکو دیدار کرد.", "آندری سوکولوف", "official", "RU-MOW"),
    ("The agreement was signed by Mayor of Kazan city Ildar Galeev.", "Ildar Galeev", "official", "RU-TA"),
]


@pytest.mark.parametrize(("text", "name", "role", "region"), NAMES)
def test_it_finds_names_in_every_written_form(text: str, name: str, role: str, region: str | None) -> None:
    people = [p for p in _people(text) if p["name"] == name]
    assert len(people) == 1, _people(text)
    assert (role, region) in [(r["role"], r["region"]) for r in people[0]["roles"]]


def test_a_name_in_an_oblique_case_keeps_its_spelling_as_an_alias() -> None:
    (person,) = _people("Делегация встретилась с губернатором Пензенской области Олегом Мельниковым.")
    assert person["name"] == "Олег Мельников"
    assert person["aliases"] == ["Олегом Мельниковым"]


def test_a_plural_post_gives_its_role_to_both_names_joined_by_and() -> None:
    people = _people("Соглашение подписали градоначальники – Ринат Галеев и Реза Ахмади.")
    assert sorted((p["name"], [r["role"] for r in p["roles"]]) for p in people) == [
        ("Реза Ахмади", ["official"]),
        ("Ринат Галеев", ["official"]),
    ]


UNTITLED = [
    ("Ответ на вопросы дал Сидоренко А.П. на пресс-конференции.", "Сидоренко А.П."),
    ("На форуме выступил В.Н. Кравцов.", "В.Н. Кравцов"),
    ("ساویچف پاول پتروویچ پس از ورود به فرودگاه با مسئولان دیدار کرد.", "ساویچف پاول پتروویچ"),
    ("حسن کریمی پور در این مراسم سخنرانی کرد.", "حسن کریمی پور"),
    # a descent prefix joined to the given name
    ("دکتر سیدعلیرضا موسوی‌فر روز دوشنبه در این مراسم سخنرانی کرد.", "سیدعلیرضا موسوی‌فر"),
]


@pytest.mark.parametrize(("text", "name"), UNTITLED)
def test_people_without_a_post_are_found_by_initials_patronymics_and_given_names(
    text: str, name: str
) -> None:
    assert [p["name"] for p in _people(text)] == [name]


def test_a_post_without_a_name_refers_forward_to_the_next_person_of_its_country() -> None:
    text = "در این مراسم سرکنسول جمهوری اسلامی ایران در قازان حضور داشت. در ابتدا مهدی کاظمی سخنرانی کرد."
    (person,) = _people(text)
    assert person["name"] == "مهدی کاظمی"
    assert [r["role"] for r in person["roles"]] == ["consul_general"]


def test_a_post_does_not_take_the_name_that_belongs_to_the_next_post() -> None:
    text = "В конце миссии генерального консула Ирана в Казани губернатор Олег Кузьмин вручил ему грамоту."
    people = _people(text)
    assert [(p["name"], [r["role"] for r in p["roles"]]) for p in people] == [
        ("Олег Кузьмин", ["head_of_region"])
    ]


BYLINES = [
    "خبرنگار: علی کریمی\n\nاستاندار گیلان امروز به قازان سفر کرد و با شهردار دیدار کرد.",
    "Корреспондент ТАСС Иван Сидоров\n\nГубернатор Пензенской области провел встречу с послом.",
]


@pytest.mark.parametrize("text", BYLINES)
def test_the_author_of_a_byline_never_takes_a_post_mentioned_without_a_name(text: str) -> None:
    people = _people(text)
    assert len(people) == 1 and people[0]["roles"] == []


ACTING = [
    ("На форуме Ильсияр Гарипова отметила важность сотрудничества.", "Ильсияр Гарипова"),
    ("The talks went well, and Rinat Galeev said the port would grow.", "Rinat Galeev"),
    ("در این نشست همکاری‌ها بررسی شد.\nکاظمی گفت: همکاری ادامه دارد.", "کاظمی"),
]


@pytest.mark.parametrize(("text", "name"), ACTING)
def test_a_name_before_a_verb_of_saying_is_a_person_without_a_post(text: str, name: str) -> None:
    assert [p["name"] for p in _people(text)] == [name]


def test_a_person_named_in_two_cases_and_with_initials_is_one_person() -> None:
    text = (
        "Губернатор Пензенской области Олег Мельников выступил. "
        "Делегация поблагодарила Олега Мельникова. О.Мельников также отметил рост торговли."
    )
    people = _people(text)
    assert [p["name"] for p in people] == ["Олег Мельников"]


# (text, every person with their roles): a list of people, each with initials and a post after the
# name, separated by commas or dashes; the post after «, и» belongs to the next name, not the last
LISTS = [
    (
        "В совещании участвовали П. Сидоров, министр промышленности Республики Татарстан, и "
        "В. Кузнецов, заместитель губернатора Самарской области.",
        [("П. Сидоров", [("official", "RU-TA")]), ("В. Кузнецов", [("deputy_head_of_region", "RU-SAM")])],
    ),
    (
        "В работе совещания участвовали Иванов А.В., министр экономики Самарской области, и "
        "Смирнов Б.Г., председатель комитета по туризму.",
        [("Иванов А.В.", [("official", "RU-SAM")]), ("Смирнов Б.Г.", [("agency_head", None)])],
    ),
    (
        "В работе совещания участвовали: А. Иванов – министр экономики Самарской области, "
        "Б. Смирнов – председатель комитета по туризму.",
        [("А. Иванов", [("official", "RU-SAM")]), ("Б. Смирнов", [("agency_head", None)])],
    ),
    (
        "The meeting was attended by A. Ivanov, Minister of Economy of Samara Region, and "
        "B. Smirnov, Chairman of the Tourism Committee.",
        [("A. Ivanov", [("official", "RU-SAM")]), ("B. Smirnov", [("agency_head", None)])],
    ),
    (
        "در این نشست علی کریمی، فرماندار آستارا، و حسن احمدی، شهردار رشت، حضور داشتند.",
        [("علی کریمی", [("official", "IR-01")]), ("حسن احمدی", [("official", "IR-01")])],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LISTS)
def test_in_a_list_each_post_goes_to_the_name_before_it(
    text: str, expected: list[tuple[str, list[tuple[str, str | None]]]]
) -> None:
    found = [(p["name"], [(r["role"], r["region"]) for r in p["roles"]]) for p in _people(text)]
    assert found == expected


# (text, name, role, region): a deputy's portfolio may list fields with commas and «و»
DEPUTIES = [
    (
        "معاون سیاسی، امنیتی و اجتماعی فرماندار آستارا، علی کریمی، گفت بندر آماده است.",
        "علی کریمی",
        "official",
        "IR-01",
    ),
    ("علی کریمی، معاون عمرانی فرماندار آستارا، گفت بندر آماده است.", "علی کریمی", "official", "IR-01"),
    (
        "حسن احمدی، معاون سیاسی، امنیتی و اجتماعی استاندار گیلان، از بندر بازدید کرد.",
        "حسن احمدی",
        "deputy_head_of_region",
        "IR-01",
    ),
]


@pytest.mark.parametrize(("text", "name", "role", "region"), DEPUTIES)
def test_a_deputy_of_a_post_holds_the_deputy_role(text: str, name: str, role: str, region: str) -> None:
    found = [(p["name"], [(r["role"], r["region"]) for r in p["roles"]]) for p in _people(text)]
    assert found == [(name, [(role, region)])]


def test_a_place_before_a_dash_is_not_a_name_for_the_post_after_it() -> None:
    assert _people("Казань – столица Татарстана, и губернатор встретил гостей.") == []


# Russian surnames that the dictionary knows as common nouns or counting words, in any case,
# beside a given name, after initials or before a given name and patronymic: the whole name,
# in the nominative (the given name alone is a wrong person).
NOUN_SURNAMES = [
    ("Министр экономики Светлана Голова сообщила о росте поставок в Иран.", "Светлана Голова"),
    ("Переговоры с иранской делегацией прошли с вице-губернатором Олегом Вороной.", "Олег Ворона"),
    ("Письмо о поставках в Иран направлено министру Ивану Кузнецу.", "Иван Кузнец"),
    ("Встреча с иранской делегацией и председателем комитета Ольгой Зимой прошла в Казани.", "Ольга Зима"),
    ("По словам заместителя губернатора Павла Лебедя, протокол с Ираном готов.", "Павел Лебедь"),
    ("Министр П.И. Лебедь сообщил о поставках зерна в Иран.", "П.И. Лебедь"),
    # surnames in -ов / -ин spelled like a form of an adjective or unknown to the dictionary
    ("Встреча с министром Павлом Грибовым прошла в Тегеране.", "Павел Грибов"),
    ("Встреча с министром Игорем Садовым прошла в Тегеране.", "Игорь Садов"),
    ("По словам министра Анны Ореховой, поставки в Иран растут.", "Анна Орехова"),
    (
        "В переговорах с Ираном участвовал Лебедь Павел Иванович, заместитель губернатора.",
        "Лебедь Павел Иванович",
    ),
]


@pytest.mark.parametrize(("text", "name"), NOUN_SURNAMES)
def test_it_keeps_a_surname_that_is_also_a_common_noun(text: str, name: str) -> None:
    assert name in [p["name"] for p in _people(text)]


# «استانداری …» (the governorate) is an organisation, never the post «استاندار» of the name after it.
GOVERNORATE = [
    (
        "مدیرکل دفتر همکاری‌های بین‌المللی استانداری گیلان، محمد رفیعی گفت: هیئت روسی به رشت می‌آید.",
        "محمد رفیعی",
    ),
    ("به گفته کارشناس استانداری گلستان، حسین صالحی، محموله‌ها به روسیه رسید.", "حسین صالحی"),
]


@pytest.mark.parametrize(("text", "name"), GOVERNORATE)
def test_a_governorate_is_not_the_post_of_governor(text: str, name: str) -> None:
    people = {p["name"]: p for p in _people(text)}
    assert all(r["role"] != "head_of_region" for r in people.get(name, {"roles": []})["roles"]), people


def test_a_governor_beside_the_governorate_keeps_the_post() -> None:
    text = "استاندار گیلان، حسن رضایی در محل استانداری گیلان با سرکنسول روسیه دیدار کرد."
    people = {p["name"]: p for p in _people(text)}
    assert [r["role"] for r in people["حسن رضایی"]["roles"]] == ["head_of_region"]


# A post and the body it belongs to: a department's words between them, a company post held in a
# public body, a deputy of a university, a region's chair of government, a place described with
# lower-case words. (text, name, role)
BODIES = [
    (
        "علی‌رضا حسینی، مدیرکل دفتر امور بین‌الملل استانداری گلستان گفت: محموله گندم به روسیه رسید.",
        "علی‌رضا حسینی",
        "official",
    ),
    (
        "Reza Moradi, director-general of the Ports and Maritime Administration of Gilan, said "
        "the ferry to Russia would start in May.",
        "Reza Moradi",
        "official",  # «Administration of <region>» is a public body of the region
    ),
    (
        "مریم کاظمی معاون پژوهشی دانشگاه گیلان در دیدار با هیئت روسی گفت همکاری ادامه دارد.",
        "مریم کاظمی",
        "academic",
    ),
    (
        "Anna Petrova, vice-rector for international affairs at Kazan Federal University, met "
        "the delegation from Iran.",
        "Anna Petrova",
        "academic",
    ),
    (
        "Заседание открыл председатель правительства Саратовской области Игорь Смирнов, "
        "рассказав о поставках в Иран.",
        "Игорь Смирнов",
        "deputy_head_of_region",
    ),
    (
        "The governor of Iran's northern province of Mazandaran, Ali Rostami, met the consul "
        "general of Russia.",
        "Ali Rostami",
        "head_of_region",
    ),
    # a president of a body named by its word alone or by an abbreviation heads that body
    (
        "В совещании принял участие президент палаты Игорь Семёнович Лаптев.",
        "Игорь Семёнович Лаптев",
        "agency_head",
    ),
    (
        "Соглашение подписали президент АСТП Олег Игоревич Рябов и губернатор.",
        "Олег Игоревич Рябов",
        "agency_head",
    ),
    ("С речью выступил президент ассоциации Павел Андреевич Рогов.", "Павел Андреевич Рогов", "agency_head"),
    ("Президент Татарстана Рустам Минниханов прибыл в Тегеран.", "Рустам Минниханов", "head_of_region"),
    # a body's word alone after the place the post names: the body's head, not the place's
    (
        "The head of the Zanjan chamber, Ali Karimi, urged the Russian side to send a list of firms.",
        "Ali Karimi",
        "agency_head",
    ),
    ("The head of Zanjan province, Ali Karimi, met the consul.", "Ali Karimi", "head_of_region"),
]


@pytest.mark.parametrize(("text", "name", "role"), BODIES)
def test_a_post_takes_its_role_from_the_body_it_belongs_to(text: str, name: str, role: str) -> None:
    people = {p["name"]: p for p in _people(text)}
    assert role in [r["role"] for r in people[name]["roles"]], people


# A compound given name whose first half is also a function word, written apart; a Persian given
# name in Cyrillic after a long body's name. (text, name, role)
MORE_NAMES = [
    (
        "ولی الله کریمی فر رئیس سازمان صنعت استان گلستان گفت: شرکت‌ها آماده صادرات به روسیه هستند.",
        "ولی الله کریمی فر",
        "agency_head",
    ),
    (
        "Иранскую сторону представлял генеральный директор Организации промышленности, горнодобычи "
        "и торговли провинции Мазендеран Фарзад Ахмадипур.",
        "Фарзад Ахмадипур",
        "agency_head",
    ),
    # a descent prefix joined to the given name; a surname with a hyphen whose half is a month's name
    (
        "سیدعلیرضا موسوی‌فر معاون استاندار مازندران گفت صادرات برنج افزایش یافت.",
        "سیدعلیرضا موسوی‌فر",
        "deputy_head_of_region",
    ),
    (
        "В заседании участвовал вице-губернатор провинции Мазендеран Хамид Карими-Мехр.",
        "Хамид Карими-Мехр",
        "deputy_head_of_region",
    ),
]


@pytest.mark.parametrize(("text", "name", "role"), MORE_NAMES)
def test_it_reads_compound_given_names_and_persian_names_in_cyrillic(text: str, name: str, role: str) -> None:
    people = {p["name"]: p for p in _people(text)}
    assert role in [r["role"] for r in people[name]["roles"]], people


# (text, the name, its role): a Persian name goes on past a patronymic to the surname; an unknown
# given name before a patronymic; «فرماندار» of a foreign region heads it (of an Iranian county it
# does not); a post that names «области» / «края» / «the region's» alone is a regional post; an
# English apposition «X, the province's governor»; a title after «for …» portfolio words; Latin
# initials of two letters («Yu.», «Zh.»); in a list of posts each followed by its name, the name
# before a post is the previous post's; a quoted company name between a post and its holder.
NAME_SLOTS = [
    (
        "رئیس کمیته سرمایه‌گذاری جمهوری تاتارستان، آرتور رینادوویچ سافین، از بندر انزلی بازدید کرد.",
        "آرتور رینادوویچ سافین",
        "agency_head",
    ),
    ("Соглашение подписал ректор КГУ Максим Игоревич Лапшин.", "Максим Игоревич Лапшин", "academic"),
    (
        "Глава Республики Алтай Эркин Кайраевич Тадышев принял иранскую делегацию.",
        "Эркин Кайраевич Тадышев",
        "head_of_region",
    ),
    ("فرماندار منطقه ساراتوف، ایگور پتروف، از هیئت ایرانی استقبال کرد.", "ایگور پتروف", "head_of_region"),
    (
        "بوریس ایوانف معاون فرماندار استان آستاراخان گفت: بندر آماده است.",
        "بوریس ایوانف",
        "deputy_head_of_region",
    ),
    ("فرماندار آستارا، علی رضایی گفت: بندر آماده است.", "علی رضایی", "official"),
    (
        "Переговоры вёл заместитель председателя правительства края Олег Сомов.",
        "Олег Сомов",
        "deputy_head_of_region",
    ),
    ("В переговорах участвовал министр сельского хозяйства области С.В. Нуждин.", "С.В. Нуждин", "official"),
    (
        "Michael Brown, the region's minister of agriculture, met the Iranian delegation.",
        "Michael Brown",
        "official",
    ),
    (
        "The accord was signed by Hamid Nouri, the province's governor-general, in Sari.",
        "Hamid Nouri",
        "head_of_region",
    ),
    (
        "The delegation met with the head of the regional Chamber of Commerce, Kamran Azadi, in Rasht.",
        "Kamran Azadi",
        "agency_head",
    ),
    (
        "Gilan's deputy governor for economic affairs, Reza Sadeghi, proposed a road map.",
        "Reza Sadeghi",
        "deputy_head_of_region",
    ),
    (
        "Kazan Region deputy governor Zh. K. Sultanova met the Iranian consul.",
        "Zh. K. Sultanova",
        "deputy_head_of_region",
    ),
    (
        "В заседании участвовали консул Ирана в Казани Реза Амини, заместитель губернатора Самарской "
        "области Носов П.А. и другие.",
        "Носов П.А.",
        "deputy_head_of_region",
    ),
    (
        "Выступил председатель совета директоров компании «Тебриз Текстиль» Омид Ширази.",
        "Омид Ширази",
        "executive",
    ),
]


@pytest.mark.parametrize(("text", "name", "role"), NAME_SLOTS)
def test_a_name_slot_holds_the_whole_name_and_the_post_its_own(text: str, name: str, role: str) -> None:
    found = {p["name"]: [r["role"] for r in p["roles"]] for p in _people(text)}
    assert found.get(name) == [role], found


def test_in_a_list_of_posts_with_names_after_them_no_name_takes_the_next_post() -> None:
    people = _people(
        "В заседании участвовали консул Ирана в Казани Реза Амини, заместитель губернатора Самарской "
        "области Носов П.А. и другие."
    )
    assert {p["name"]: [r["role"] for r in p["roles"]] for p in people} == {
        "Реза Амини": ["official"],
        "Носов П.А.": ["deputy_head_of_region"],
    }
