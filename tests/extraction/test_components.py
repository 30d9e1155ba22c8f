"""Golden tables per component and language: (text, expected)."""

from __future__ import annotations

import datetime as dt

import pytest

from hamkari.extraction import extract, to_json
from hamkari.extraction.components.text import Normalizer
from hamkari.extraction.document import Document
from hamkari.extraction.pipeline import Pipeline, PipelineError

PUBLISHED = [
    ("date 2025-12-03 پخش زنده\nاستاندار گیلان با سفیر روسیه دیدار کرد.", "2025-12-03"),
    ("۷ خرداد ۱۳۸۸\nاستاندار گیلان با سفیر روسیه دیدار کرد.", "2009-05-28"),
    ("کد خبر: ۱۲۳۴۵\n1403/02/25 - 10:20\nاستاندار گیلان سخن گفت.", "2024-05-14"),
    ("3 декабря 2025 года губернатор встретился с консулом.", "2025-12-03"),
    ("15.04.2025. Губернатор встретился с консулом.", "2025-04-15"),
    ("Tehran, May 3, 2025 — The governor met the consul.", "2025-05-03"),
    ("استاندار گیلان با سفیر روسیه دیدار کرد.", None),
    # a Jalali month written with «ماه» joined to it
    ("۳ اردیبهشت‌ماه ۱۴۰۵\nاستاندار گیلان با سفیر روسیه دیدار کرد.", "2026-04-23"),
    ("۹ مهرماه ۱۴۰۴ استاندار گیلان با سفیر روسیه دیدار کرد.", "2025-10-01"),
]


@pytest.mark.parametrize(("text", "expected"), PUBLISHED)
def test_it_reads_the_publication_date_from_the_header(text: str, expected: str | None) -> None:
    assert to_json(extract(text))["document"]["published"] == expected


def test_it_gives_the_jalali_date_beside_the_gregorian() -> None:
    doc = to_json(extract("date 2025-12-03\nخبر", published=None))["document"]
    assert doc["published_jalali"] == "1404-09-12"


DEADLINES = [
    ("استاندار گفت کارگروه مشترک ظرف دو هفته آینده گزارش خود را ارائه کند.", "P14D", "2025-01-15"),
    ("طرفین توافق کردند کارگروه در مدت یک ماه برنامه اجرایی را تدوین کند.", "P1M", "2025-02-01"),
    ("مقرر شد دبیرخانه ظرف ۱۰ روز فهرست شرکت‌ها را اعلام کند.", "P10D", "2025-01-11"),
    ("Стороны договорились в течение двух месяцев подготовить дорожную карту.", "P2M", "2025-03-01"),
    ("Рабочая группа должна в течение 30 дней представить план.", "P30D", "2025-01-31"),
    ("The working group is to report within two weeks.", "P14D", "2025-01-15"),
    ("A trade mission is to visit Kazan in 2-3 months.", "P3M", "2025-04-01"),
    ("Министерство промышленности планирует открыть офис в Самаре через два месяца.", "P2M", "2025-03-01"),
    # a deadline inside a list item needs no modal verb
    ("Решения встречи:\n- подготовка перечня проектов в течение трёх недель;", "P21D", "2025-01-22"),
    ("مصوبات نشست:\n۱- تهیه فهرست طرح‌های سرمایه‌گذاری ظرف یک ماه", "P1M", "2025-02-01"),
]


def test_a_sentence_with_two_deadlines_gives_one_commitment_per_clause() -> None:
    text = (
        "مقرر شد دبیرخانه ظرف دو هفته فهرست شرکت‌ها را اعلام کند و اتاق بازرگانی تا پایان ماه "
        "نمایشگاه را برگزار کند."
    )
    result = to_json(extract(text, published=dt.date(2025, 1, 1)))
    assert [c["due_relative"] for c in result["commitments"]] == ["P14D", None]
    first, second = (c["action"] for c in result["commitments"])
    assert "فهرست شرکت" in first and "نمایشگاه" not in first
    assert "نمایشگاه" in second


EXHORTATIONS = [
    "ما باید با هم کار کنیم تا روابط دو استان گسترش یابد.",
    "باید برای گسترش همکاری‌های کارگروه مشترک تلاش بیشتری کنیم.",
    "Мы должны вместе работать над развитием рабочей группы.",
    "We must work together to make the joint committee a success.",
]


@pytest.mark.parametrize("text", EXHORTATIONS)
def test_a_general_exhortation_is_no_commitment(text: str) -> None:
    assert to_json(extract(text, published=dt.date(2025, 1, 1)))["commitments"] == []


@pytest.mark.parametrize(("text", "relative", "due"), DEADLINES)
def test_it_turns_deadlines_into_durations_and_dates(text: str, relative: str, due: str) -> None:
    result = to_json(extract(text, published=dt.date(2025, 1, 1)))
    assert [(c["due_relative"], c["due"]) for c in result["commitments"]] == [(relative, due)]


# (text, due, due_expression): a named month as the deadline, published 2025-01-10 (1403-10-21)
MONTH_DEADLINES = [
    (
        "استانداران دو استان متعهد شدند تا پایان آبان فهرست طرح‌های مشترک را ارائه کنند.",
        "2025-11-21",  # the next Aban: 1404
        "تا پایان آبان",
    ),
    ("اتحادیه صادرکنندگان متعهد شد تا آذر ماه نخستین محموله را ارسال کند.", "2025-12-21", "تا آذر ماه"),
    ("شهرداری رشت متعهد شد تا پایان اسفند ماه ساخت پایانه را تمام کند.", "2025-03-20", "تا پایان اسفند ماه"),
    ("Стороны договорились до конца ноября подготовить перечень проектов.", "2025-11-30", "до конца ноября"),
    ("The ministry pledged to open a trade office by the end of March.", "2025-03-31", "by the end of March"),
    # the month and «ماه» written as one word; a year after the month
    ("شرکت‌های عضو متعهد شدند تا پایان دی‌ماه سهم خود را بپردازند.", "2025-01-19", "تا پایان دی\u200cماه"),
    ("اتحادیه متعهد شد تا بهمن‌ماه کالا را تحویل دهد.", "2025-02-18", "تا بهمن\u200cماه"),
    ("اتحادیه متعهد شد تا پایان مهر ماه ۱۴۰۵ انبار را بسازد.", "2026-10-22", "تا پایان مهر ماه ۱۴۰۵"),
    ("Стороны обязались до конца марта 2026 года составить план.", "2026-03-31", "до конца марта 2026 года"),
]


@pytest.mark.parametrize(("text", "due", "expression"), MONTH_DEADLINES)
def test_a_month_named_as_the_deadline_is_due_at_its_end(text: str, due: str, expression: str) -> None:
    result = to_json(extract(text, published=dt.date(2025, 1, 10)))
    assert [(c["due"], c["due_expression"]) for c in result["commitments"]] == [(due, expression)]


PLEDGES = [
    "شرکت کشتیرانی متعهد شد دو کشتی جدید برای این مسیر خریداری کند.",
    "Экспортеры взяли на себя обязательство поставить партию зерна.",
    "The port authority pledged to build a new grain terminal.",
]


def test_a_dash_inside_a_commitments_action_is_kept() -> None:
    text = "شرکت کشتیرانی متعهد شد تا پایان آبان‌ماه یک کشتی به خط انزلی – ماخاچ‌قلعه اضافه کند."
    result = to_json(extract(text, published=dt.date(2025, 1, 10)))
    assert [c["action"] for c in result["commitments"]] == ["یک کشتی به خط انزلی – ماخاچ\u200cقلعه اضافه کند"]


# a pledge makes what follows it a plan, not what was reported before it
PLEDGED_EVENTS = [
    ("رئیس اتاق بازرگانی متعهد شد تا آذر ماه نمایشگاه را برگزار کند.", []),
    ("در دیدار با هیئت روسی، رئیس اتاق بازرگانی متعهد شد کالا را ارسال کند.", ["meeting"]),
]


@pytest.mark.parametrize(("text", "types"), PLEDGED_EVENTS)
def test_a_pledge_plans_only_what_follows_it(text: str, types: list[str]) -> None:
    assert [e["type"] for e in to_json(extract(text))["events"]] == types


@pytest.mark.parametrize("text", PLEDGES)
def test_a_pledge_is_a_commitment_without_a_deadline(text: str) -> None:
    result = to_json(extract(text, published=dt.date(2025, 1, 10)))
    assert [(c["due"], c["due_relative"]) for c in result["commitments"]] == [(None, None)]


NOT_MONTH_DEADLINES = [
    # «تا» before a day number is a range of days; before a bare month name it may be a name
    "رئیس اتاق گفت متعهد است قیمت‌ها از ۱۰ تا ۲۰ آبان ثابت بماند.",
    "نمایشگاه از ۱۲ تا ۱۵ آبان در مشهد برپا است.",
]


@pytest.mark.parametrize("text", NOT_MONTH_DEADLINES)
def test_until_before_a_day_of_a_month_is_no_month_deadline(text: str) -> None:
    result = to_json(extract(text, published=dt.date(2025, 1, 10)))
    assert all(c["due"] is None for c in result["commitments"])


END_OF = [
    ("استاندار گفت کارگروه مشترک تا پایان سال گزارش خود را ارائه کند.", "2025-03-20"),  # Jalali 1403 ends
    ("Стороны договорились подписать меморандум до конца года.", "2025-12-31"),
    ("The two sides agreed to sign a memorandum by the end of the year.", "2025-12-31"),
]


@pytest.mark.parametrize(("text", "due"), END_OF)
def test_end_of_year_is_the_last_day_of_the_calendar_of_the_text(text: str, due: str) -> None:
    result = to_json(extract(text, published=dt.date(2025, 1, 10)))
    assert [(c["due_relative"], c["due"]) for c in result["commitments"]] == [(None, due)]


QUANTITIES = [
    ("در این استان ۱۰۰ هزار شرکت فعال هستند.", [(100000, "company")]),
    ("حدود 20 هزار واحد تولیدی در استان فعالیت دارند.", [(20000, "production_unit")]),
    ("صادرات بیست و پنج درصد رشد کرد.", [(25, "percent")]),
    ("سالانه ۱٫۵ میلیون تن کالا جابجا می‌شود.", [(1500000, "tonne")]),
    ("نمایندگان سه استان در نشست حضور داشتند.", []),
    ("двадцать иранских компаний участвуют в проекте.", [(20, "company")]),
    ("Регион может направить до 1,5 млн тонн пшеницы.", [(1500000, "tonne")]),
    ("Порт перевалил 150 тыс. тонн грузов с 2019 года.", [(150000, "tonne")]),
    ("Russia plans to ship 1.5 million tonnes of grain.", [(1500000, "tonne")]),
    ("Exports grew by 18% in 2024.", [(18, "percent")]),
    # compound numbers in every form
    ("صادرات به ۳ میلیون و ۵۰۰ هزار دلار رسید.", [(3500000, "usd")]),
    ("سرمایه‌گذاری طرح یک و ۲ دهم میلیارد یورو است.", [(1200000000, "eur")]),
    ("ارزش صادرات 48 میلیون و 207 هزار و 300 دلار بود.", [(48207300, "usd")]),
    ("در این مدت 64 هزار و 120 تن کالا صادر شد.", [(64120, "tonne")]),
    # a whole number and a half, before or after the scale word
    ("هدف مبادلات دو و نیم میلیارد یورو است.", [(2500000000, "eur")]),
    ("صادرات به ۳ و نیم میلیون تن رسید.", [(3500000, "tonne")]),
    ("سرمایه طرح یک میلیارد و نیم دلار است.", [(1500000000, "usd")]),
    ("Порт перевалил два с половиной миллиона тонн зерна.", [(2500000, "tonne")]),
    ("Инвестиции составят полтора миллиарда рублей.", [(1500000000, "rub")]),
    ("Freight reached four and a half million tonnes.", [(4500000, "tonne")]),
    ("جلسه دو و نیم ساعت طول کشید.", []),
    ("ظرفیت انبار به نیم میلیون تن می‌رسد.", [(500000, "tonne")]),
    ("جلسه نیم ساعت طول کشید.", []),
    ("Экспорт вырос на 7,5 проц.", [(7.5, "percent")]),
    ("В проекте участвуют пять совместных рабочих групп.", [(5, None)]),
    ("Cargo may reach from 20 to 45 million tons a year.", [(20000000, "tonne"), (45000000, "tonne")]),
    ("Оборот составит от 3 до 4 млрд рублей.", [(3000000000, "rub"), (4000000000, "rub")]),
    # dates, ordinals, days of a range, years and phone numbers are not figures
    ("مراسم سی و دومین سالگرد تاسیس اتاق برگزار شد.", []),
    ("К 35-й годовщине побратимства прошла выставка.", []),
    ("نمایشگاه از ۱۲ تا ۱۵ آبان در مشهد برپا است.", []),
    ("Ярмарка пройдёт с 5 по 9 июня в Казани.", []),
    ("The fair opens on October 14 in Kazan.", []),
    ("تفاهم‌نامه در آبان ماه ۹۸ امضا شد.", []),
    ("هیئت روسی روز شنبه (۸ مهرماه) به رشت رسید.", []),
    ("قرارداد در ۲۲ بهمن‌ماه ۱۴۰۴ امضا شد.", []),
    ("Справки по телефону +7 (843) 211-22-33.", []),
    ("شماره تماس دبیرخانه 021-44556677 است.", []),
    ("Агентство «Волга 24» сообщило о визите.", []),
    ("اداره کل راه آهن منطقه ۳ اعلام کرد.", []),
    # a range written as one token with a dash: both ends, with the scale and unit after them
    ("Мощность новой станции составит 40–60 МВт.", [(40, "megawatt"), (60, "megawatt")]),
    ("سهم حمل ریلی ۱۵-۲۵ درصد افزایش می‌یابد.", [(15, "percent"), (25, "percent")]),
    ("Компания вложит в терминал 2-4 млрд рублей.", [(2000000000, "rub"), (4000000000, "rub")]),
    ("Матч завершился со счётом 2-1.", []),
    # a range with spaces or a range word: the lower end takes the unit of the upper end
    ("Мощность ветропарка составит 35 – 45 МВт.", [(35, "megawatt"), (45, "megawatt")]),
    ("سهم ترانزیت ۱۰ تا ۱۵ درصد رشد می‌کند.", [(10, "percent"), (15, "percent")]),
    ("Доля экспорта вырастет с 12 до 18 процентов.", [(12, "percent"), (18, "percent")]),
    # a currency sign before the number is its unit
    ("The fund will invest $40 million in the terminal.", [(40000000, "usd")]),
    ("Инвестиции в проект составят €7,5 млн.", [(7500000, "eur")]),
    ("The bank lent the port USD 25 million.", [(25000000, "usd")]),
    # a scale glued to the digits is read with the sign: «$1.2bn»
    ("They signed deals worth $3.4bn.", [(3400000000, "usd")]),
    # a number inside a proper name: a channel, a product's model
    ("Сюжет о визите показал телеканал Поволжье 24.", []),
    ("The airline will lease two Falcon 900 jets.", []),
    ("Завод выпускает тракторы модели 150 для Ирана.", []),
    ("در شبکه ۳ سیما گزارشی از نمایشگاه پخش شد.", []),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES)
def test_it_reads_figures_with_digits_and_words(text: str, expected: list[tuple[int, str]]) -> None:
    result = to_json(extract(text))
    assert [(q["value"], q["unit"]) for q in result["quantities"]] == expected


STATUSES = [
    ("استاندار تهران پیشنهاد داد که دو کشور کنسرسیوم مشترک تشکیل دهند.", "consortium", "proposed"),
    ("دو طرف موضوع انعقاد تفاهم‌نامه همکاری را مورد بررسی قرار دادند.", "memorandum", "discussed"),
    ("طرفین درباره برنامه اقدام مشترک توافق کردند.", "action_plan", "agreed"),
    ("بنابراین مصوب می‌کنیم که کارگروه دوجانبه‌ای تشکیل شود.", "working_group", "agreed"),
    ("تفاهم‌نامه همکاری میان دو استان به امضا رسید.", "memorandum", "signed"),
    ("دبیرخانه مشترک همکاری‌های دو استان در رشت تشکیل شد.", "secretariat", "established"),
    ("Стороны обсудили создание совместной рабочей группы.", "working_group", "discussed"),
    ("Губернаторы подписали соглашение о сотрудничестве.", "agreement", "signed"),
    ("В Волгограде работает торговый дом провинции Мазандаран.", "trade_house", "established"),
    ("The governors signed a memorandum of understanding.", "memorandum", "signed"),
    ("A memorandum of understanding is expected to be signed next year.", "memorandum", "proposed"),
    # any tense and mood: perfect, passive, subjunctive, future
    ("یادداشت تفاهم همکاری دو شهر به امضا رسیده است.", "memorandum", "signed"),
    ("شهرداران دو شهر سند همکاری را امضا کرده‌اند.", "memorandum", "signed"),
    ("قرار است موافقت‌نامه حمل و نقل میان دو استان منعقد شود.", "agreement", "proposed"),
    ("پروتکل همکاری منعقد شده و اجرای آن آغاز شد.", "protocol", "signed"),
    ("Соглашение о сотрудничестве подписано в Казани.", "agreement", "signed"),
    ("Меморандум будет подписан в ходе форума.", "memorandum", "proposed"),
    ("Сторонам предстоит подписать протокол о намерениях.", "protocol", "proposed"),
    ("An agreement on grain transit has been signed in Tehran.", "agreement", "signed"),
    ("The two regions are to sign a protocol on tourism.", "protocol", "proposed"),
    # a status phrase split by the signatories' names
    ("قرارداد همکاری توسط استاندار گیلان و شهردار آستاراخان امضا شد.", "agreement", "signed"),
    ("Протокол подписали губернатор Ивановской области и посол Ирана.", "protocol", "signed"),
    # a word before the instrument that sets it up, signs it or presupposes it
    ("Стороны обсудили вопрос об открытии в Самаре торгового дома провинции.", "trade_house", "discussed"),
    ("The fourth meeting of the joint working group took place in Kazan.", "working_group", "established"),
    ("Министерства займутся выполнением «дорожной карты» сотрудничества.", "action_plan", "established"),
    ("He recalled the 2014 agreement between the two provinces.", "agreement", "signed"),
    ("در چارچوب نقشه راه همکاری، دو استان فهرستی از طرح‌ها تهیه کردند.", "action_plan", "established"),
    # lexicon: trade houses, road maps, sister-city ties
    ("سرای تجاری استان در شهر سامارا افتتاح شد.", "trade_house", "established"),
    ("Торговое представительство провинции открыто в Уфе.", "trade_house", "established"),
    ("Стороны утвердили дорожную карту на два года.", "action_plan", "agreed"),
    ("پیمان خواهرخواندگی دو شهر امضا شد.", "agreement", "signed"),
    ("The mayors signed a sister-city agreement.", "agreement", "signed"),
    # a passive «agreement was reached» is the agreed step; its «соглашение» is no document of its own
    (
        "На встрече было достигнуто соглашение о создании рабочей группы по логистике.",
        "working_group",
        "agreed",
    ),
    ("Достигнута договорённость об открытии торгового дома провинции в Самаре.", "trade_house", "agreed"),
    ("Было достигнуто соглашение о сотрудничестве в сфере образования.", "agreement", "agreed"),
    ("An agreement was reached on a joint working group for logistics.", "working_group", "agreed"),
    # the signing verb wins over the «intent» in the document's own name
    ("Стороны подписали меморандум о намерениях в сфере туризма.", "memorandum", "signed"),
    ("Две палаты подписали соглашение о намерениях.", "memorandum", "signed"),
    ("The two chambers signed a letter of intent on tourism.", "memorandum", "signed"),
    ("Стороны намерены подписать меморандум о намерениях.", "memorandum", "proposed"),
    # a protocol of intent is a protocol: the kind is the document's own word, not its «intent»
    ("Две мэрии подписали протокол о намерениях по грузовым перевозкам.", "protocol", "signed"),
    ("Подписан протокол намерений о строительстве склада.", "protocol", "signed"),
    ("The ports signed a protocol of intent on ferry services.", "protocol", "signed"),
    ("The chambers signed a protocol of intentions on saffron exports.", "protocol", "signed"),
    ("دو بندر پروتکلی برای راه‌اندازی خط کشتیرانی امضا کردند.", "protocol", "signed"),
    ("پروتکل نیات همکاری دو شهر در زمینه گردشگری امضا شد.", "protocol", "signed"),
]


def test_a_past_agreement_told_as_background_is_kept_apart_and_is_no_signing() -> None:
    result = to_json(
        extract(
            "Губернаторы подписали меморандум о взаимопонимании. Они напомнили о соглашении о "
            "сотрудничестве, которое было подписано в 2008 году."
        )
    )
    assert sorted((i["kind"], i["status"]) for i in result["instruments"]) == [
        ("agreement", "signed"),
        ("memorandum", "signed"),
    ]
    assert [e["type"] for e in result["events"]] == ["signing"]
    background = to_json(extract("Он отметил соглашение о сотрудничестве, подписанное в 2008 году."))
    assert [e["type"] for e in background["events"]] == []


@pytest.mark.parametrize(("text", "kind", "status"), STATUSES)
def test_instrument_status_comes_from_the_verbs_around_it(text: str, kind: str, status: str) -> None:
    result = to_json(extract(text))
    assert [(i["kind"], i["status"]) for i in result["instruments"]] == [(kind, status)]


PEOPLE = [
    ("مهدی یونسی، استاندار مازندران، با سفیر روسیه دیدار کرد.", "یونسی", "head_of_region", "IR-02"),
    ("در این نشست رحیمی سفیر ایران در روسیه گفت که همکاری ادامه دارد.", "رحیمی", "ambassador", None),
    (
        "معاون اول استاندار آستاراخان، آقای سرگئی پتروف، به رشت سفر کرد.",
        "پتروف",
        "deputy_head_of_region",
        "RU-AST",
    ),
    ("معاون توسعه اقتصادی وزیر، یوری ایوانف، گفت.", "ایوانف", "deputy_minister", None),
    (
        "Губернатор Астраханской области Игорь Бабушкин провёл встречу.",
        "Бабушкин",
        "head_of_region",
        "RU-AST",
    ),
    ("Ахмад Мохаммади, генеральный консул Ирана в Казани, выступил.", "Мохаммади", "consul_general", "RU-TA"),
    (
        "Первый заместитель губернатора Волгоградской области Иван Петров выступил.",
        "Петров",
        "deputy_head_of_region",
        "RU-VGG",
    ),
    ("Governor of Gilan Province Hadi Haqshenas met the delegation.", "Haqshenas", "head_of_region", "IR-01"),
    ("Mehdi Karimian, Deputy Minister of Roads of Iran, spoke.", "Karimian", "deputy_minister", None),
]


@pytest.mark.parametrize(("text", "name", "role", "region"), PEOPLE)
def test_people_are_found_by_their_posts(text: str, name: str, role: str, region: str | None) -> None:
    people = [e for e in to_json(extract(text))["entities"] if e["type"] == "person"]
    assert len(people) == 1 and name in people[0]["name"], people
    assert [(r["role"], r["region"]) for r in people[0]["roles"]] == [(role, region)]


def test_a_post_without_a_name_refers_back_to_the_person_last_named() -> None:
    text = (
        "مهدی یونسی در دیدار با هیئت روسی بر گسترش همکاری تأکید کرد. وی افزود: همکاری ادامه دارد. "
        "استاندار مازندران همچنین گفت که بندر امیرآباد آماده است."
    )
    people = [e for e in to_json(extract(text))["entities"] if e["type"] == "person"]
    assert [(p["name"], [r["role"] for r in p["roles"]]) for p in people] == [
        ("مهدی یونسی", ["head_of_region"])
    ]
    rules = [m["rule"] for m in people[0]["provenance"]]
    assert any(r.startswith("people.pronoun") for r in rules)
    assert any(r.startswith("people.bare_title") for r in rules)
    assert not any(r.count("people.bare_title") > 1 for r in rules)


OUTLETS = [
    ("به گزارش ایرنا، استاندار گیلان سخن گفت.", "ایرنا"),
    ("خبرگزاری آوا - استاندار گیلان سخن گفت.", "خبرگزاری آوا"),
    ("به گزارش رکنا از رشت؛ استاندار گیلان سخن گفت.", "رکنا"),
    ("Губернатор выступил, сообщает ТАСС.", "ТАСС"),
    ("The governor spoke, according to IRNA.", "IRNA"),
]


@pytest.mark.parametrize(("text", "name"), OUTLETS)
def test_outlets_are_read_from_their_cues(text: str, name: str) -> None:
    assert [o["name"] for o in to_json(extract(text))["document"]["outlets"]] == [name]


ROUTES = [
    ("مسیر ریلی اینچه‌برون – ترکمنستان – قزاقستان – روسیه اهمیت دارد.", "instc_east"),
    ("کریدور بین‌المللی حمل‌ونقل شمال–جنوب را تقویت می‌کنیم.", "instc"),
    ("Груз пойдёт по железнодорожному маршруту Инчебурун – Туркменистан – Казахстан.", "instc_east"),
    # the corridor written with a tatweel or other dashes
    ("نقش کریدور بین‌المللی شمال ـ جنوب در تجارت منطقه مهم است.", "instc"),
    ("کریدور شمال — جنوب برای صادرات غلات اهمیت دارد.", "instc"),
    # a route named only by its path
    ("Первый поезд прошёл по линии Казахстан – Туркменистан – Иран.", "instc_east"),
    ("Grain moves along the Kazakhstan–Turkmenistan–Iran line.", "instc_east"),
    ("بار از مسیر قزاقستان - ترکمنستان - ایران به بندرعباس رسید.", "instc_east"),
    # the countries of the eastern branch name it beside a rail word
    ("قطارهای باری پس از عبور از قزاقستان و ترکمنستان به گرگان می‌رسند.", "instc_east"),
    ("Freight trains cross Kazakhstan and Turkmenistan on the way to Iran.", "instc_east"),
]

# Kazakhstan and Turkmenistan named for their Caspian ports are the sea leg, not the eastern railway
NOT_EAST = [
    "Kazakhstan and Turkmenistan, whose Caspian ports also serve the corridor, were invited.",
    "Казахстан и Туркменистан, чьи порты на Каспии тоже обслуживают коридор, приглашены к работе.",
    "قزاقستان و ترکمنستان که بنادرشان در خزر به کریدور خدمت می‌کنند دعوت شدند.",
]


@pytest.mark.parametrize("text", NOT_EAST)
def test_the_eastern_countries_without_a_rail_word_name_no_eastern_route(text: str) -> None:
    routes = {e["ref"] for e in to_json(extract(text))["entities"] if e["type"] == "route"}
    assert "instc_east" not in routes


PLACES = [
    # Astrakhan split by a space is Astrakhan, not the Gilan city of Astara
    ("استاندار آستارا خان به اهواز سفر کرد.", "RU-AST", "IR-01"),
    # spelling variants of Russian federal subjects
    ("هیئتی از باشکیری به تبریز آمد.", "RU-BA", None),
    ("همکاری با جمهوری کارلیا گسترش می‌یابد.", "RU-KR", None),
    ("نمایندگان اودمورتی در نمایشگاه حضور داشتند.", "RU-UD", None),
    # a surname made from a city is not the city
    ("در ترکیب تیم، علی تبریزی حضور داشت.", None, "IR-03"),
]


@pytest.mark.parametrize(("text", "region", "not_region"), PLACES)
def test_the_gazetteer_reads_region_spellings_and_not_lookalikes(
    text: str, region: str | None, not_region: str | None
) -> None:
    found = {e["ref"] for e in to_json(extract(text))["entities"] if e["type"] == "region"}
    assert region is None or region in found
    assert not_region is None or not_region not in found


MARKETS = [
    ("صادرات کالا به کشورهای حاشیه خلیج فارس افزایش یافت.", "middle_east"),
    ("Транзит грузов в страны Персидского залива и Южную Азию растёт.", "south_asia"),
    ("Транзит грузов в страны Персидского залива и Южную Азию растёт.", "middle_east"),
    ("Shipments to the Persian Gulf countries doubled.", "middle_east"),
    # a region of the world named with a direction is a market without a market word
    ("Трейдеры поставляют зерно в Восточную Африку.", "africa"),
    ("The new line links the Caspian ports with East Africa.", "africa"),
    ("شرکت‌های ایرانی در شرق آفریقا شعبه دارند.", "africa"),
    ("Компании провинции работают в Юго-Восточной Азии.", "asia"),
    ("Iranian firms opened offices in Western Europe.", "europe"),
    # a market adjective in a list before the market word; the Gulf's markets
    ("The region wants to reach Indian and Chinese markets with its grain.", "south_asia"),
    ("Завод ищет выход на индийский рынок.", "south_asia"),
    ("کالاهای روسی از بندر به بازارهای خلیج فارس می‌رسد.", "middle_east"),
    ("Экспортеры нацелены на рынки стран Персидского залива.", "middle_east"),
]

NOT_MARKETS = [
    # without a market word: a place someone comes from, a Russian federal district
    "هیئتی از آسیای مرکزی به تهران آمد.",
    "Вице-премьер курирует Северный Кавказ.",
    "The Asian Development Bank funds the port.",
    "An Indian delegation visited Kazan on Monday.",
]


@pytest.mark.parametrize("text", NOT_MARKETS)
def test_a_region_of_the_world_without_a_direction_or_market_word_is_no_market(text: str) -> None:
    assert not [e for e in to_json(extract(text))["entities"] if e["type"] == "market"]


@pytest.mark.parametrize(("text", "market"), MARKETS)
def test_markets_named_as_regions_or_country_groups(text: str, market: str) -> None:
    assert market in {e["ref"] for e in to_json(extract(text))["entities"] if e["type"] == "market"}


@pytest.mark.parametrize(("text", "route"), ROUTES)
def test_routes_come_from_corridor_names_and_waypoints(text: str, route: str) -> None:
    assert route in {e["ref"] for e in to_json(extract(text))["entities"] if e["type"] == "route"}


def test_a_waypoint_without_a_transport_word_names_no_route() -> None:
    text = "هیئتی از ترکمنستان و قزاقستان در نمایشگاه حضور داشت."
    assert not [e for e in to_json(extract(text))["entities"] if e["type"] == "route"]


def test_a_continent_is_a_market_only_next_to_a_market_word() -> None:
    with_market = to_json(extract("بازارهای مشترکی در آفریقا و آسیا طراحی کنیم."))
    without = to_json(extract("هیئتی از آفریقا به تهران آمد."))
    assert {e["ref"] for e in with_market["entities"] if e["type"] == "market"} == {"africa", "asia"}
    assert not [e for e in without["entities"] if e["type"] == "market"]


EVENTS = [
    ("وبینار همکاری استان گیلان و ولگاگراد برگزار شد.", ["virtual_meeting"]),
    ("استاندار گیلان در دیدار با سفیر روسیه گفت.", ["meeting"]),
    ("Встреча прошла в формате видеоконференции.", ["virtual_meeting"]),
    ("پیشنهاد ما این است که پیش از هرگونه سفر هیئت‌ها کارگروه تشکیل شود.", []),
    ("Губернаторы подписали соглашение во время визита делегации.", ["visit", "signing"]),
    # every kind a sentence reports, except those a more specific one stands for
    ("استاندار در سفر به قزان با رئیس جمهور تاتارستان دیدار کرد.", ["visit", "meeting"]),
    ("نشست ویدئو کنفرانسی دو استان برگزار شد.", ["virtual_meeting"]),
    # Persian event nouns with the indefinite or plural ending
    ("استاندار گیلان در دیداری با سرکنسول روسیه گفت.", ["meeting"]),
    ("در نشستی در رشت، طرفین همکاری بندری را بررسی کردند.", ["meeting"]),
    ("نشست‌های دو هیئت در ساری برگزار شد.", ["meeting"]),
    # Russian compound kinds
    ("Совещание прошло в режиме ВКС.", ["virtual_meeting"]),
    ("Выездное заседание комиссии прошло в Дербенте.", ["meeting"]),
    ("Губернатор принял делегацию провинции.", ["meeting"]),
    # background is not this article's event
    ("В прошлом году в Казани проводились выставки иранских товаров.", []),
    ("He recalled the exhibition held in Isfahan in 2015.", []),
    # a game is not a cooperation event
    ("تیم ملی والیبال ایران در دیدار با روسیه به پیروزی رسید.", []),
    ("Матч сборных России и Ирана по футболу завершился вничью.", []),
]


def test_a_sports_report_gives_no_cooperation_event() -> None:
    text = (
        "تیم ملی فوتبال ایران امشب به مصاف روسیه می‌رود. سرمربی تیم از آمادگی بازیکنان خبر داد. "
        "این دیدار در ورزشگاه آزادی برگزار می‌شود و هواداران زیادی در راه هستند. "
        "دیدار دو تیم برای صعود به مرحله بعد اهمیت دارد."
    )
    assert to_json(extract(text))["events"] == []


@pytest.mark.parametrize(("text", "types"), EVENTS)
def test_events_are_what_happened_not_what_is_planned(text: str, types: list[str]) -> None:
    assert sorted(e["type"] for e in to_json(extract(text))["events"]) == sorted(types)


def test_every_fact_carries_its_component_and_rule() -> None:
    result = to_json(extract("به گزارش ایرنا، مهدی یونسی، استاندار مازندران، ۳۰ شرکت را معرفی کرد."))
    for e in result["entities"]:
        assert all(p["component"] and p["rule"] for p in e["provenance"])
    assert result["quantities"][0]["provenance"]["component"] == "quantities"
    assert result["document"]["outlets"][0]["provenance"]["rule"].startswith("outlets.")


def test_a_pipeline_refuses_a_component_before_what_it_needs() -> None:
    from hamkari.extraction.components.lexical import LexiconMatcher

    with pytest.raises(PipelineError, match="'lexicon' needs tokens"):
        Pipeline([Normalizer(), LexiconMatcher()])


def test_a_language_given_by_the_caller_wins() -> None:
    assert extract("Tehran", language="fa").language == "fa"
    with pytest.raises(ValueError, match="unsupported language"):
        extract("x", language="de")


def test_an_empty_text_gives_an_empty_result() -> None:
    result = to_json(Pipeline([Normalizer()])(Document(text="")))
    assert result["entities"] == [] and result["document"]["outlets"] == []
