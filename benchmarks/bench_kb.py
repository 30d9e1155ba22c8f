"""Knowledge-base throughput and API latency on SQLite.

1. Generates N varied articles (default 10,000) from our own templates in Persian, Russian and
   English — random regions, officials, sectors, figures, dates and deadlines — and ingests
   them end to end (extraction, linking, stories, search index) into a fresh SQLite database
   under a temporary HAMKARI_HOME, printing articles/s and the database size.
2. Times the API on that database: an article, a region and a search, each ≥ 200 requests
   through Django's test client (server time, no network), printing median and p95.

    .venv/bin/python benchmarks/bench_kb.py [--articles 10000] [--requests 200] [--seed 11]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _stats import percentile  # noqa: E402

FA = [
    "date {date}\nبه گزارش {outlet}، {given} {surname}، استاندار {ir}، در دیدار با {rgiven} {rsurname}، "
    "معاون اول استاندار {ru}، بر گسترش همکاری در حوزه‌های {s1} و {s2} تأکید کرد.\n\n"
    "وی افزود: بیش از {n} هزار شرکت در استان {ir} فعال هستند و می‌توانند در بازارهای آسیای مرکزی حضور یابند.\n\n"
    "دو طرف توافق کردند کارگروه مشترک ظرف {weeks} هفته آینده برنامه اقدام مشترک را تدوین کند.",
    "date {date}\n{outlet} - نشست وبیناری {given} {surname}، استاندار {ir}، با سرکنسول جمهوری اسلامی ایران در {rucity} "
    "برگزار شد و طرفین درباره {s1}، {s2} و ترانزیت از مسیر ریلی اینچه‌برون – ترکمنستان – قزاقستان گفتگو کردند.\n\n"
    "در این نشست پیشنهاد شد تفاهم‌نامه همکاری میان استان {ir} و {ru} امضا شود.",
]
RU = [
    "{day} {month} {year} года губернатор {ru_gen} {rgiven} {rsurname} провел переговоры с делегацией иранской "
    "провинции {ir_ru}, сообщает {outlet_ru}. Стороны обсудили сотрудничество в сферах: {s1_ru} и {s2_ru}.\n\n"
    "По итогам встречи стороны договорились в течение {months} месяцев подготовить дорожную карту. "
    "Товарооборот вырос на {pct}%.",
]
EN = [
    "Tehran, {month_en} {day}, {year} — Governor of {ir_en} Province {given_en} {surname_en} met {ru_en} Region's "
    "Deputy Governor {rgiven_en} {rsurname_en} to discuss {s1_en} and {s2_en}, according to {outlet_en}.\n\n"
    "The two sides signed a memorandum of understanding and agreed that a joint working group would report "
    "within {weeks} weeks. More than {n},000 companies could take part.",
]
IR_FA = {
    "IR-01": "گیلان",
    "IR-02": "مازندران",
    "IR-27": "گلستان",
    "IR-10": "اصفهان",
    "IR-20": "سمنان",
    "IR-23": "تهران",
}
RU_FA = {
    "RU-AST": "آستاراخان",
    "RU-VGG": "ولگاگراد",
    "RU-TA": "تاتارستان",
    "RU-DA": "داغستان",
    "RU-NGR": "نووگورود",
}
RU_CITY_FA = ["آستاراخان", "کازان", "ولگاگراد", "ماخاچ قلعه"]
RU_GEN = ["Астраханской области", "Волгоградской области", "Самарской области", "Нижегородской области"]
IR_RU = ["Гилян", "Мазандаран", "Голестан", "Исфахан", "Семнан"]
IR_EN = ["Gilan", "Mazandaran", "Golestan", "Isfahan", "Semnan"]
RU_EN = ["Astrakhan", "Volgograd", "Samara", "Kazan"]
SECTORS_FA = ["شیلات", "کشاورزی", "گردشگری", "پتروشیمی", "فولاد", "صنایع غذایی", "نرم افزار", "حمل و نقل"]
SECTORS_RU = ["сельское хозяйство", "туризм", "логистика", "рыболовство", "нефтехимия", "машиностроение"]
SECTORS_EN = ["fisheries", "agriculture", "tourism", "logistics", "steel", "software"]
GIVEN_FA = ["علی", "مهدی", "حسین", "رضا", "محمد", "احمد", "سعید", "مجید"]
RGIVEN_FA = ["سرگئی", "ولادیمیر", "آندری", "ایگور", "دیمیتری"]
GIVEN_RU = ["Сергей", "Владимир", "Андрей", "Игорь", "Дмитрий", "Олег"]
GIVEN_EN = ["Ali", "Mehdi", "Hossein", "Reza", "Saeed"]
RGIVEN_EN = ["Sergei", "Vladimir", "Andrei", "Igor", "Dmitry"]
OUTLETS_FA = ["ایرنا", "ایسنا", "خبرگزاری مهر", "خبرگزاری تسنیم"]
OUTLETS_RU = ["ТАСС", "РИА Новости", "Интерфакс"]
OUTLETS_EN = ["IRNA", "TASS", "Tehran Times"]
MONTHS_RU = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SYLLABLES_FA = [
    "کا",
    "ری",
    "می",
    "نژ",
    "اد",
    "زا",
    "ده",
    "پور",
    "فر",
    "نیا",
    "خا",
    "نی",
    "مو",
    "سوی",
    "تا",
    "جی",
]
SYLLABLES_RU = ["ко", "ва", "ле", "ни", "ро", "ма", "ши", "ка", "до", "бе", "зу", "ли"]
SYLLABLES_EN = ["ka", "ri", "mi", "za", "de", "pour", "far", "nia", "kha", "ni", "mo", "ta"]


def surname(rng: random.Random, syllables: list[str], ending: str) -> str:
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))) + ending


def make_article(n: int, rng: random.Random) -> str:
    date = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 1000))
    kind = n % 3
    if kind == 0:
        return rng.choice(FA).format(
            date=date.isoformat(),
            outlet=rng.choice(OUTLETS_FA),
            given=rng.choice(GIVEN_FA),
            surname=surname(rng, SYLLABLES_FA, "ی"),
            ir=rng.choice(list(IR_FA.values())),
            ru=rng.choice(list(RU_FA.values())),
            rgiven=rng.choice(RGIVEN_FA),
            rsurname=surname(rng, SYLLABLES_FA, "وف"),
            rucity=rng.choice(RU_CITY_FA),
            s1=rng.choice(SECTORS_FA),
            s2=rng.choice(SECTORS_FA),
            n=rng.randint(10, 300),
            weeks=rng.choice(["دو", "سه", "چهار"]),
        )
    if kind == 1:
        return rng.choice(RU).format(
            day=date.day,
            month=MONTHS_RU[date.month - 1],
            year=date.year,
            ru_gen=rng.choice(RU_GEN),
            rgiven=rng.choice(GIVEN_RU),
            rsurname=surname(rng, SYLLABLES_RU, "ов").capitalize(),
            ir_ru=rng.choice(IR_RU),
            outlet_ru=rng.choice(OUTLETS_RU),
            s1_ru=rng.choice(SECTORS_RU),
            s2_ru=rng.choice(SECTORS_RU),
            months=rng.choice(["двух", "трех", "шести"]),
            pct=rng.randint(3, 40),
        )
    return rng.choice(EN).format(
        month_en=MONTHS_EN[date.month - 1],
        day=date.day,
        year=date.year,
        ir_en=rng.choice(IR_EN),
        given_en=rng.choice(GIVEN_EN),
        surname_en=surname(rng, SYLLABLES_EN, "i").capitalize(),
        ru_en=rng.choice(RU_EN),
        rgiven_en=rng.choice(RGIVEN_EN),
        rsurname_en=surname(rng, SYLLABLES_EN, "ov").capitalize(),
        s1_en=rng.choice(SECTORS_EN),
        s2_en=rng.choice(SECTORS_EN),
        outlet_en=rng.choice(OUTLETS_EN),
        weeks=rng.choice(["two", "three", "four"]),
        n=rng.randint(10, 300),
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--home", help="data directory to use (default: a new temporary one)")
    args = parser.parse_args()
    home = Path(args.home or tempfile.mkdtemp(prefix="hamkari-bench-"))
    os.environ["HAMKARI_HOME"] = str(home)
    os.environ.pop("HAMKARI_DATABASE_URL", None)

    from hamkari.cli import django_setup

    django_setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from hamkari.accounts.services import user_create
    from hamkari.kb.models import Article, Entity, Story
    from hamkari.kb.services import article_ingest

    rng = random.Random(args.seed)
    texts = [make_article(n, rng) for n in range(args.articles)]
    start = time.perf_counter()
    new = 0
    for text in texts:
        new += article_ingest(text=text, source="bench").status == "new"
    elapsed = time.perf_counter() - start
    db = home / "hamkari.sqlite3"
    size = sum(p.stat().st_size for p in home.glob("hamkari.sqlite3*"))
    print(f"articles         {len(texts)} generated, {new} new (the rest repeat a generated text)")
    print(f"ingest           {elapsed:.1f} s, {len(texts) / elapsed:.1f} articles/s end to end")
    print(
        f"database         {size / 1e6:.1f} MB ({db}), {Entity.objects.count()} entities, "
        f"{Story.objects.count()} stories"
    )

    # the API answers a logged-in reader only (anonymous reads are 401 unless HAMKARI_PUBLIC_READ)
    user = get_user_model().objects.filter(username="bench").first() or user_create(
        username="bench", password=None, role="viewer"
    )
    client = Client()
    client.force_login(user)
    article_ids = list(Article.objects.values_list("pk", flat=True))
    regions = list(Entity.objects.filter(type="region").values_list("ref", flat=True))
    queries = [
        "همکاری",
        "همكاري شیلات",
        "گردشگری",
        "Астрахан",
        "губернатор",
        "fisheries",
        "memorandum",
        "گیلان",
    ]
    targets = {
        "article": lambda i: f"/api/articles/{rng.choice(article_ids)}",
        "region": lambda i: f"/api/regions/{rng.choice(regions)}",
        "search": lambda i: f"/api/search?q={queries[i % len(queries)]}",
    }
    for name, url in targets.items():
        timings = []
        for i in range(args.requests):
            path = url(i)  # url() draws random numbers; it is called once per request
            t = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        print(
            f"api {name:<12} median {statistics.median(timings):6.1f} ms   p95 {percentile(timings, 95):6.1f} ms"
            f"   ({args.requests} requests)"
        )


if __name__ == "__main__":
    main()
