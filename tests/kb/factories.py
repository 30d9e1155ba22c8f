"""Test data builders."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"analyst{n}")
    is_active = True


# Articles we wrote for these tests; facts may be real, the sentences are ours.
FA_JALALI_FULL = (
    "date 2024-03-01\n"
    "به گزارش ایرنا، کاظم جلالی سفیر جمهوری اسلامی ایران در روسیه با استاندار گیلان در رشت دیدار کرد "
    "و دو طرف درباره همکاری در حوزه شیلات و گردشگری گفتگو کردند."
)
FA_JALALI_SHORT = (
    "date 2024-06-10\n"
    "به گزارش ایسنا، جلالی، سفیر جمهوری اسلامی ایران در روسیه، در نشست با استاندار مازندران در ساری بر "
    "توسعه تجارت و حمل و نقل دریایی تأکید کرد."
)
RU_JALALI = (
    "10 июня 2024 года посол Ирана в России Казем Джалали встретился с губернатором Астраханской области, "
    "сообщает ТАСС. Стороны обсудили торговлю и логистику на Каспии."
)
EN_JALALI = (
    "Moscow, 12 June 2024 — Iran's Ambassador to Russia Kazem Jalali met the Governor of Astrakhan Region "
    "to discuss Caspian shipping, according to IRNA."
)
GOVERNOR_MONDAY = (
    "date 2025-02-03\n"
    "به گزارش ایرنا، علی‌اصغر طهماسبی، استاندار گلستان، در دیدار با سرکنسول روسیه در گرگان بر توسعه "
    "صادرات کشاورزی به آستاراخان تأکید کرد."
)
GOVERNOR_LATER = (
    "date 2025-04-21\n"
    "به گزارش ایسنا، علی‌اصغر طهماسبی، استاندار گلستان، در دیدار با هیئت تجاری تاتارستان در گرگان "
    "درباره صادرات کشاورزی و ترانزیت ریلی گفتگو کرد."
)
