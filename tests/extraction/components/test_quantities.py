"""Figures: compound ordinals, the article «one», numbers joined to their unit. Golden tables of
(text, expected values) per language; every sentence is written for these tests."""

from __future__ import annotations

import pytest

from hamkari.extraction import extract, to_json


def _values(text: str) -> list[float]:
    return [q["value"] for q in to_json(extract(text))["quantities"]]


# (text, a value that must be read, a value that must not)
FIGURES = [
    # «بیست و سومین» is the twenty-third: an ordinal, not twenty
    ("بیست و سومین نمایشگاه صنعت ساختمان با حضور ۳۵ شرکت روسی در تهران برپا شد.", 35, 20),
    ("سی و سومین نشست کمیسیون مشترک با حضور ۴۰ شرکت ایرانی در قازان برگزار شد.", 40, 30),
    # «یک» before a noun is the indefinite article, not the figure one
    ("استانداری گیلان یک کارگروه ویژه صادرات به روسیه با ۱۲ عضو تشکیل می‌دهد.", 12, 1),
    ("Gilan set up one working group with Astrakhan and sent 300 tonnes of rice to Russia.", 300, 1),
    # a number joined to its unit by a hyphen
    ("The governor of Gilan said the 162-kilometer railway to Russia would open next year.", 162, None),
    # a small count of firms in words is a figure; of the sides it is not
    ("دو طرف توافق کردند و چهار شرکت گیلانی در نمایشگاه قازان حاضر می‌شوند.", 4, 2),
    ("Both sides agreed that seven companies from Gilan would exhibit in Kazan.", 7, None),
    # exhibitors are firms; «نه» is also «neither»
    ("On the first day 300 visitors met the nine Iranian exhibitors in Kazan.", 9, None),
    ("نه شرکت‌های ایرانی و نه روسی برای نمایشگاه ۴۰ غرفه آماده نکردند.", 40, 9),
    # half a scale in one word, also at the end of someone's quoted words
    ("«В следующем году отгрузим в Иран полмиллиона», – сказал министр.", 500000, None),
    ("Инвестиции в порт составят полмиллиарда рублей.", 500000000, None),
]


@pytest.mark.parametrize(("text", "found", "not_found"), FIGURES)
def test_it_reads_figures_and_skips_ordinals_and_articles(
    text: str, found: int, not_found: int | None
) -> None:
    values = _values(text)
    assert found in values
    assert not_found is None or not_found not in values


# A scale or a currency glued to the digits, a currency sign after the number.
# (text, the figures (value, unit) read)
GLUED = [
    ("The port earned $7.8m from transit fees last year.", [(7800000, "usd")]),
    ("Investors pledged €35bn to the corridor.", [(35000000000, "eur")]),
    ("The ministry reported exports of 9bn.", [(9000000000, None)]),
    ("Farmers sold 640k tonnes of barley to Kazan.", [(640000, "tonne")]),
    ("The bank lent USD 2.6mn to the shipyard.", [(2600000, "usd")]),
    ("Тариф составит 14 € за тонну.", [(14, "eur")]),
    ("Инвестиции составят ₽2,7млрд.", [(2700000000, "rub")]),
    ("Бюджет проекта — 3,4 млрд ₽.", [(3400000000, "rub")]),
    ("Склад принял 8млн тонн зерна.", [(8000000, "tonne")]),
    ("سرمایه‌گذاری در این بندر به ۶.۲میلیارد دلار رسید.", [(6200000000, "usd")]),
    ("کارخانه ۳۵۰هزار تن سیمان صادر کرد.", [(350000, "tonne")]),
    # a glued letter alone is no scale: metres, a screen, a network, an ordinal
    ("A 300m bridge crosses the river near Astara.", []),
    ("The new 4k screens and 5G masts arrived for the 46th session.", []),
    # past the cap of a figure, as scale words written apart are
    ("A fund of $999999999999999999bn was announced.", []),
]


@pytest.mark.parametrize(("text", "expected"), GLUED)
def test_it_reads_a_scale_or_currency_glued_to_the_digits(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(q["value"], q["unit"]) for q in to_json(extract(text))["quantities"]] == expected
