"""Outlets: cues, mastheads, datelines, quoted names after a media word, websites. Every
sentence is written for these tests."""

from __future__ import annotations

import pytest

from hamkari.extraction import extract, to_json


def _outlets(text: str) -> list[str]:
    return [o["name"] for o in to_json(extract(text))["document"]["outlets"]]


OUTLETS = [
    # an agency in slashes after a dateline, before the first word of the story
    ("Самара, 2 мая. /ВолгаПресс/ Губернатор области принял делегацию провинции Гилян.", ["ВолгаПресс"]),
    # a domain name before a cue that follows an outlet's name
    ("The governor of Gilan met a delegation from Kazan, kazan-daily.ru reports.", ["kazan-daily.ru"]),
    ("در گفت‌وگو با خبرنگار ایرنا، استاندار گیلان گفت همکاری ادامه دارد.", ["ایرنا"]),
    (
        "استاندار گیلان سخن گفت.\n\nخبرگزاری فارس _ در جریان سفر هیئت روسی، استاندار سخن گفت.",
        ["خبرگزاری فارس"],
    ),
    ("KAZAN, May 3 (IRNA) – The governor of Gilan met the mayor of Kazan.", ["IRNA"]),
    (
        "Heading of the story\n\nMay 3, Caspian Daily Review – The governor met the mayor.",
        ["Caspian Daily Review"],
    ),
    ("Об этом ИА «Волга-Каспий» сообщили в правительстве области.", ["Волга-Каспий"]),
    ("Как сообщает сайт kazan-news.ru, делегация прибыла в Тебриз.", ["kazan-news.ru"]),
    ("به گزارش ایرنا، استاندار سخن گفت. به گزارش ایرنا، سفیر نیز سخن گفت.", ["ایرنا"]),
    # a Russian dateline: place, date, a dash, then the agency
    ("САМАРА, 14 мая — РИА Новости. Делегация провинции прибыла в город.", ["РИА Новости"]),
    ("АСТРАХАНЬ, 2 октября – Вести Поволжья. Губернатор встретил консула.", ["Вести Поволжья"]),
    # a known agency that closes its sentence after a comma
    ("Порт принял первую партию зерна из Ирана, РИА Новости.", ["РИА Новости"]),
    # «по данным X»: a known outlet, a quoted name or a name after a media word
    ("Грузооборот порта вырос вдвое, по данным Интерфакса.", ["Интерфакса"]),
    ("Грузооборот порта вырос вдвое, по данным «Волжской газеты».", ["Волжской газеты"]),
    ("به گزارش گروه اقتصادی ایرنا، استاندار گیلان سخن گفت.", ["ایرنا"]),
    # an agency's abbreviation before its quoted name; a site word before the site's name
    ("Казань, РИА «Татар-информ». Делегация провинции Гилян прибыла в город.", ["Татар-информ"]),
    ("Как сообщает сайт «Волжская неделя», делегация прибыла в Решт.", ["Волжская неделя"]),
    # a dated first line ending with the agency, without a full stop
    ("Самара, 3 апреля 2026 г. – ИА «Средняя Волга»\n\nДелегация прибыла в Исфахан.", ["Средняя Волга"]),
    # a known outlet alone or with a date on a header line (the masthead)
    (
        "Gilan and Kazan discuss ferries\n\nPress TV, March 3, 2026\n\nThe governor met the mayor.",
        ["Press TV"],
    ),
    # an agency after a dateline's place and a dash, up to a colon or another dash
    ("اردبیل – خبرگزاری ایسنا: استاندار اردبیل با کنسول روسیه دیدار کرد.", ["خبرگزاری ایسنا"]),
    ("رشت - خبرگزاری خزر نو - مدیرکل بنادر گیلان از ورود کشتی روسی خبر داد.", ["خبرگزاری خزر نو"]),
    # the dashes written without spaces
    ("عنوان خبر\n\nاردبیل- ایسنا- استاندار اردبیل با کنسول روسیه دیدار کرد.", ["ایسنا"]),
    ("عنوان خبر\n\nتبریز-خبرگزاری مهر: استاندار با کنسول روسیه دیدار کرد.", ["خبرگزاری مهر"]),
    # a known agency and its place before a slash, the story running on after the place
    ("عنوان خبر\n\nایسنا/ اردبیل استاندار اردبیل با کنسول روسیه دیدار کرد.", ["ایسنا"]),
    # a header line: the outlet, where from, and a reporting verb
    (
        "خبرگزاری ایسنا از اردبیل گزارش می‌دهد؛\nدیدار استاندار با کنسول روسیه\n\nاستاندار دیدار کرد.",
        ["خبرگزاری ایسنا"],
    ),
    ("ТАСС из Казани сообщает:\nДелегация провинции Гилян прибыла в город.", ["ТАСС"]),
    # the slash form: the agency beside its place on a header line
    ("خزرنیوز/ رشت\n\nاستاندار گیلان با سرکنسول روسیه دیدار کرد.", ["خزرنیوز"]),
    ("ТАСС / Казань\n\nГубернатор встретил консула.", ["ТАСС"]),
    # a regional edition joined to a known outlet's masthead by a hyphen
    ("ТАСС-Урал\n\nДелегация провинции Гилян прибыла в Екатеринбург.", ["ТАСС"]),
    # a dateline with an abbreviated month
    ("КАЗАНЬ, 5 нояб — Волжская Пресса. Делегация прибыла в город.", ["Волжская Пресса"]),
    # a paper's name opening the lead under the headline
    (
        "Kazan and Gilan open a ferry line\n\nCaspian Ledger – The governor of Gilan met the mayor of Kazan.",
        ["Caspian Ledger"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), OUTLETS)
def test_outlets_come_from_cues_mastheads_datelines_and_sites(text: str, expected: list[str]) -> None:
    assert _outlets(text) == expected


NOT_OUTLETS = [
    "– Мы открыли курсы, – рассказал Иван Петров на заседании членов палаты.",
    "По данным организаторов, форум посетили гости из Ирана.",
    "Казань – столица Татарстана – принимает делегацию.",
    # a source of figures is no outlet
    "Товарооборот вырос на треть, по данным ФТС России.",
    "Trade grew by a third, according to Rosstat figures.",
    # a dateline followed by a person or a clause names no agency
    "САМАРА, 14 мая — Иван Петров прибыл в Тегеран.",
    "КАЗАНЬ, 3 июня — Губернатор выступил.",
    # a newsroom's desk label is no outlet
    "گروه اقتصادی – استاندار گیلان با سفیر روسیه در رشت دیدار کرد.",
    "گروه بین‌الملل: سفیر روسیه در تهران با استاندار گیلان دیدار کرد.",
    # the lead's opening words before a dash: a clause, a place, a post or a person
    "Ferries to resume\n\nThe governor – who met the mayor – said the line would open.",
    "Ferries to resume\n\nKazan – The governor met the mayor.",
    "عنوان خبر\n\nرشت – استاندار گیلان گفت: خط کشتیرانی باز می‌شود.",
    "Паромы вернутся\n\nГубернатор области – о планах на год.",
    "Паромы вернутся\n\nИван Петров – о планах на год.",
    # a subheading: words in lower case, or no sentence opening after the dash
    "Паромы вернутся\n\nЭкспорт зерна – в приоритете у области.",
    "Gilan opens a ferry line\n\nNew ferries – a boost for trade, officials say.",
    # a slash between two places or two common words
    "Iran / Russia trade talks resume\n\nThe governor met the mayor.",
    "Экспорт/ импорт\n\nГубернатор встретил консула.",
    "تهران / اصفهان\n\nاستاندار گیلان گفت.",
    # a section's label beside a slash and a place
    "اقتصاد/ تهران\n\nاستاندار گیلان با سرکنسول روسیه دیدار کرد.",
    "Экономика / Казань\n\nГубернатор встретил консула.",
    # a place and a dash before a clause, not an agency
    "عنوان خبر\n\nرشت - استاندار گیلان - که دیروز به کازان رفت - گفت.",
]


@pytest.mark.parametrize("text", NOT_OUTLETS)
def test_a_person_a_source_or_a_place_is_not_an_outlet(text: str) -> None:
    assert _outlets(text) == []
