"""Titles: a heading line, else a short summary without the outlet and dateline lead-in. Every
sentence is written for these tests."""

from __future__ import annotations

import pytest

from hamkari.extraction import extract, to_json


def _title(text: str) -> str | None:
    title: str | None = to_json(extract(text))["document"]["title"]
    return title


TITLES = [
    (
        "سفر استاندار گیلان به قازان\nاستاندار گیلان امروز به قازان سفر کرد و با شهردار دیدار کرد.",
        "سفر استاندار گیلان به قازان",
    ),
    (
        "به گزارش ایرنا، استاندار گیلان امروز به قازان سفر کرد.",
        "استاندار گیلان امروز به قازان سفر کرد.",
    ),
    (
        "خبرگزاری آوا - استاندار گیلان امروز به قازان سفر کرد.",
        "استاندار گیلان امروز به قازان سفر کرد.",
    ),
    (
        "KAZAN, May 3 (IRNA) – The governor of Gilan met the mayor of Kazan.",
        "The governor of Gilan met the mayor of Kazan.",
    ),
    (
        "По сообщению ТАСС, губернатор Пензенской области посетил Тебриз.",
        "губернатор Пензенской области посетил Тебриз.",
    ),
    # «по данным X», «according to X» (source cues) are lead-ins too
    (
        "По данным ТАСС, губернатор Пензенской области посетил Тебриз.",
        "губернатор Пензенской области посетил Тебриз.",
    ),
    ("According to IRNA, the governor of Gilan visited Kazan.", "the governor of Gilan visited Kazan."),
    # a desk label before the dash is a lead-in
    (
        "گروه اقتصادی – استاندار گیلان امروز به قازان سفر کرد.",
        "استاندار گیلان امروز به قازان سفر کرد.",
    ),
    # a Russian dateline with its agency after the dash is no summary
    (
        "САМАРА, 14 мая — РИА Новости. Делегация провинции Гилян прибыла в Самару.",
        "Делегация провинции Гилян прибыла в Самару.",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TITLES)
def test_the_title_is_the_heading_or_the_first_sentence_without_its_lead_in(text: str, expected: str) -> None:
    assert _title(text) == expected


def test_a_long_first_sentence_is_cut_at_a_clause_into_a_short_summary() -> None:
    text = (
        "استاندار گیلان در دیدار با شهردار قازان، ضمن معرفی ظرفیت‌های اقتصادی، ترانزیتی و گردشگری "
        "استان، بر نقش فعال گیلان در تقویت کریدور شمال جنوب و گسترش همکاری بنادر دریای خزر تأکید کرد."
    )
    title = _title(text)
    assert title is not None and len(title) <= 141 and title.endswith("…")
    assert text.startswith(title[:-1])
