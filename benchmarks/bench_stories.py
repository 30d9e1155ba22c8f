"""Stories: do reports of one event in Persian, Russian and English become one story, and do
reports of other events stay apart? And how long does assigning one article take?

1. Generates events from our own templates (invented officials spelled in three scripts, random
   Iranian and Russian regions from a small pool so that many events share a region pair,
   figures, instruments, dates) and 2–4 reports of each in different languages — with a full
   date, a day and month, a weekday, «yesterday» or no date, with or without a publication date —
   plus reprints under a new headline and cut-off copies, and for many events an unrelated event
   of the same regions one to three days later. Ingests them into a fresh SQLite database and
   prints same-event pairs linked, false pairings and whether every copy joined its original.
   By default the reports come as a watched feed brings them: in the order they appear, each
   ingested on a clock set to when a poll would read it (its publication day, else — the feed
   gave no date — 0–2 days after the event; a copy 1–30 hours after its original), so an undated
   report has the ingest time a real feed gives it. `--backfill` ingests them all at once in the
   order they were generated (an archive uploaded in one go: the ingest day says nothing).
2. Fills the story index with 10,000 and then 100,000 stories of synthetic keys (regions,
   people, figures, dates over three years) and times the story assignment (`story_assign`:
   copies, candidates from the index, scoring, storing) of freshly generated articles.

    .venv/bin/python benchmarks/bench_stories.py [--events 120] [--seed 7] [--sizes 10000,100000]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Invented officials, each spelled as the three scripts would write them.
IRANIANS = [
    ("مهران رستمی", "Мехран Ростами", "Mehran Rostami"),
    ("سعید کاظمی", "Саид Каземи", "Saeed Kazemi"),
    ("علی توکلی", "Али Таваколи", "Ali Tavakoli"),
    ("رضا امینی", "Реза Амини", "Reza Amini"),
    ("حسن فتحی", "Хасан Фатхи", "Hasan Fathi"),
    ("جواد نوری", "Джавад Нури", "Javad Nouri"),
    ("مجید شریفی", "Маджид Шарифи", "Majid Sharifi"),
    ("بهروز سلیمانی", "Бехруз Солеймани", "Behrouz Soleimani"),
    ("ناصر یزدانی", "Насер Яздани", "Naser Yazdani"),
    ("کامران حیدری", "Камран Хейдари", "Kamran Heydari"),
    ("فرهاد مرادی", "Фархад Моради", "Farhad Moradi"),
    ("امیر قربانی", "Амир Горбани", "Amir Ghorbani"),
]
RUSSIANS = [
    ("پاول سوموف", "Павел Сомов", "Pavel Somov"),
    ("اولگ لاپین", "Олег Лапин", "Oleg Lapin"),
    ("دیمیتری کراوتسوف", "Дмитрий Кравцов", "Dmitry Kravtsov"),
    ("سرگئی بلوف", "Сергей Белов", "Sergey Belov"),
    ("آندری تیموفییف", "Андрей Тимофеев", "Andrey Timofeev"),
    ("نیکولای موروزوف", "Николай Морозов", "Nikolay Morozov"),
    ("ویکتور گوسف", "Виктор Гусев", "Viktor Gusev"),
    ("الکسی کارپوف", "Алексей Карпов", "Alexey Karpov"),
    ("یوری سوکولوف", "Юрий Соколов", "Yuri Sokolov"),
    ("میخائیل اورلوف", "Михаил Орлов", "Mikhail Orlov"),
    ("رومان فومین", "Роман Фомин", "Roman Fomin"),
    ("ولادیمیر زایتسف", "Владимир Зайцев", "Vladimir Zaitsev"),
    ("یوگنی لبدف", "Евгений Лебедев", "Evgeny Lebedev"),
    ("کنستانتین نوویکوف", "Константин Новиков", "Konstantin Novikov"),
    ("دنیس پاولوف", "Денис Павлов", "Denis Pavlov"),
    ("ماکسیم یگوروف", "Максим Егоров", "Maksim Egorov"),
    ("ایلیا وولکوف", "Илья Волков", "Ilya Volkov"),
    ("آنتون مدودف", "Антон Медведев", "Anton Medvedev"),
    ("گریگوری کوزلوف", "Григорий Козлов", "Grigory Kozlov"),
    ("استپان نیکیتین", "Степан Никитин", "Stepan Nikitin"),
]
# (code, Persian, Russian as written after «провинции», English)
IR_REGIONS = [
    ("IR-01", "گیلان", "Гилян", "Gilan"),
    ("IR-02", "مازندران", "Мазендеран", "Mazandaran"),
    ("IR-27", "گلستان", "Голестан", "Golestan"),
    ("IR-10", "اصفهان", "Исфахан", "Isfahan"),
    ("IR-06", "خوزستان", "Хузестан", "Khuzestan"),
    ("IR-20", "سمنان", "Семнан", "Semnan"),
    ("IR-23", "تهران", "Тегеран", "Tehran"),
    ("IR-26", "قزوین", "Казвин", "Qazvin"),
]
# (code, Persian, Russian genitive, English)
RU_REGIONS = [
    ("RU-AST", "آستاراخان", "Астраханской области", "Astrakhan Region"),
    ("RU-VGG", "ولگاگراد", "Волгоградской области", "Volgograd Region"),
    ("RU-TA", "تاتارستان", "Республики Татарстан", "Tatarstan"),
    ("RU-SAM", "سامارا", "Самарской области", "Samara Region"),
    ("RU-NIZ", "نیژنی نووگورود", "Нижегородской области", "Nizhny Novgorod Region"),
    ("RU-SVE", "سوردلوفسک", "Свердловской области", "Sverdlovsk Region"),
    ("RU-KRS", "کورسک", "Курской области", "Kursk Region"),
    ("RU-TAM", "تامبوف", "Тамбовской области", "Tambov Region"),
]
SECTORS = [
    ("کشاورزی", "сельского хозяйства", "agriculture"),
    ("گردشگری", "туризма", "tourism"),
    ("حمل و نقل", "транспорта", "transport"),
    ("شیلات", "рыболовства", "fisheries"),
    ("آموزش", "образования", "education"),
    ("داروسازی", "фармацевтики", "pharmaceuticals"),
]
FA_MONTHS = "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند".split()  # noqa: SIM905
RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()  # noqa: SIM905
EN_MONTHS = [dt.date(2001, m, 1).strftime("%B") for m in range(1, 13)]
FA_DAYS = ["دوشنبه", "سه شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"]
RU_DAYS = ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу", "в воскресенье"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@dataclass
class Event:
    n: int
    kind: str  # meeting | signing
    day: dt.date
    ir: tuple[str, str, str, str]
    ru: tuple[str, str, str, str]
    governor: tuple[str, str, str]  # the Iranian governor (one per region)
    guest: tuple[str, str, str]  # the Russian official of this event
    figure: int
    sector: tuple[str, str, str]
    reports: list[int] = field(default_factory=list)


def _governors(rng: random.Random) -> dict[str, tuple[str, str, str]]:
    people = rng.sample(IRANIANS, len(IR_REGIONS))
    return {r[0]: p for r, p in zip(IR_REGIONS, people, strict=True)}


def _deputies(rng: random.Random) -> dict[str, list[tuple[str, str, str]]]:
    """Two or three deputy governors of each Russian region, none in two regions."""
    people = rng.sample(RUSSIANS, len(RUSSIANS))
    out: dict[str, list[tuple[str, str, str]]] = {}
    for n, r in enumerate(RU_REGIONS):
        out[r[0]] = people[n * 2 : n * 2 + 2] + (
            [people[-1 - n]] if n < len(people) - 2 * len(RU_REGIONS) else []
        )
    return out


# Days between two independent events of the same two regions: more than the three days of the
# deliberate unrelated event after each, and three more.
CLEAR = 6


def make_events(count: int, rng: random.Random) -> list[Event]:
    governors = _governors(rng)
    deputies = _deputies(rng)
    start = dt.date(2025, 1, 6)
    events: list[Event] = []
    figures = iter(rng.sample(range(12, 990), count * 2))
    for n in range(count):
        ir, ru = rng.choice(IR_REGIONS), rng.choice(RU_REGIONS)
        day = start + dt.timedelta(days=rng.randrange(0, 360))
        while any(e.ir == ir and e.ru == ru and abs((e.day - day).days) <= CLEAR for e in events):
            # one governor and one Russian region at two unrelated events on one day (or within
            # the days of the visit) is one visit in reality; the deliberate unrelated event one
            # to three days later is made below
            day = start + dt.timedelta(days=rng.randrange(0, 360))
        events.append(
            Event(
                n,
                rng.choice(["meeting", "signing"]),
                day,
                ir,
                ru,
                governors[ir[0]],
                rng.choice(deputies[ru[0]]),
                next(figures),
                rng.choice(SECTORS),
            )
        )
        if rng.random() < 0.5:
            # an unrelated event of the same regions a few days later: same governor, another guest
            others = [p for p in deputies[ru[0]] if p != events[-1].guest]
            later = day + dt.timedelta(days=rng.randint(1, 3))
            events.append(
                Event(
                    len(events),
                    rng.choice(["meeting", "signing"]),
                    later,
                    ir,
                    ru,
                    governors[ir[0]],
                    rng.choice(others),
                    next(figures),
                    rng.choice([s for s in SECTORS if s != events[-1].sector]),
                )
            )
    for k, e in enumerate(events):
        e.n = k
    return events


def _fa_date(e: Event, form: str) -> str:
    import jdatetime

    if form == "full":
        j = jdatetime.date.fromgregorian(date=e.day)
        return f"روز {j.day} {FA_MONTHS[j.month - 1]} {j.year}".translate(FA_DIGITS)
    if form == "weekday":
        return "روز " + FA_DAYS[e.day.weekday()]
    if form == "yesterday":
        return "دیروز"
    return ""


def _ru_date(e: Event, form: str) -> str:
    if form == "full":
        return f"{e.day.day} {RU_MONTHS[e.day.month - 1]} {e.day.year} года"
    if form == "day_month":
        return f"{e.day.day} {RU_MONTHS[e.day.month - 1]}"
    if form == "weekday":
        return RU_DAYS[e.day.weekday()]
    if form == "yesterday":
        return "вчера"
    return ""


def _en_date(e: Event, form: str) -> str:
    if form == "full":
        return f"on {e.day.day} {EN_MONTHS[e.day.month - 1]} {e.day.year}"
    if form == "weekday":
        return "on " + EN_DAYS[e.day.weekday()]
    if form == "yesterday":
        return "yesterday"
    return ""


DETAILS = {
    "fa": [
        "به گفته مسئولان، {a} تن محصولات {s} در سال گذشته میان دو طرف مبادله شد.",
        "قرار است نمایشگاه {s} در ماه آینده با حضور {b} تولیدکننده برپا شود.",
        "رئیس اتاق بازرگانی {ir} گفت {a} میلیون دلار سرمایه‌گذاری در {s} پیش‌بینی شده است.",
        "کارشناسان {ru} از ظرفیت‌های {ir} در زمینه {s} بازدید کردند.",
        "خط کشتیرانی تازه‌ای میان بنادر {ir} و {ru} برای محصولات {s} بررسی شد.",
        "دانشگاه‌های {ir} آمادگی دارند {b} دانشجوی {ru} را در رشته {s} بپذیرند.",
    ],
    "ru": [
        "По данным сторон, в прошлом году было поставлено {a} тонн продукции {s}.",
        "В следующем месяце пройдёт выставка {s}, в которой примут участие {b} производителей.",
        "Председатель торговой палаты заявил, что в сфере {s} ожидаются инвестиции в {a} млн долларов.",
        "Эксперты из провинции {ir} посетили предприятия {s}.",
        "Стороны рассмотрели новую морскую линию для грузов {s} между портами.",
        "Вузы региона готовы принять {b} студентов из провинции {ir} по направлению {s}.",
    ],
    "en": [
        "Officials said {a} tonnes of {s} products were traded between the two sides last year.",
        "An exhibition of {s} with {b} producers is planned for next month.",
        "The head of the chamber of commerce said investment of {a} million dollars in {s} is expected.",
        "Experts from {ru} visited {s} facilities in {ir}.",
        "A new shipping line for {s} cargo between the ports of {ir} and {ru} was considered.",
        "Universities of {ir} are ready to admit {b} students from {ru} in {s}.",
    ],
}


def details(e: Event, language: str, rng: random.Random) -> list[str]:
    """Background sentences an outlet adds, different from outlet to outlet."""
    sector = {"fa": e.sector[0], "ru": e.sector[1], "en": e.sector[2]}[language]
    ir = {"fa": e.ir[1], "ru": e.ir[2], "en": e.ir[3]}[language]
    ru = {"fa": e.ru[1], "ru": e.ru[2], "en": e.ru[3]}[language]
    out = []
    for template in rng.sample(DETAILS[language], 3):
        line = template.format(a=rng.randrange(1000, 90000), b=rng.randrange(20, 400), s=sector, ir=ir, ru=ru)
        out.append(line.translate(FA_DIGITS) if language == "fa" else line)
    return out


def _sentence(text: str) -> str:
    """A sentence starts with a capital letter (also when the date that began it is left out)."""
    text = text.strip()
    return text[:1].upper() + text[1:]


def report(e: Event, language: str, form: str, rng: random.Random) -> str:
    """One outlet's report of an event: the same facts in its own words, some left out."""
    figure = rng.random() < 0.75
    guest = rng.random() < 0.8 or not figure
    fa_sector, ru_sector, en_sector = e.sector
    if language == "fa":
        when = _fa_date(e, form)
        act = (
            "یادداشت تفاهم همکاری در حوزه " + fa_sector + " امضا کردند"
            if e.kind == "signing"
            else "دیدار و گفتگو کردند"
        )
        lines = [
            f"{e.governor[0]}، استاندار {e.ir[1]}، {when} با "
            + (f"{e.guest[0]}، معاون استاندار {e.ru[1]}، " if guest else f"هیئتی از استان {e.ru[1]} ")
            + f"در شهر {e.ir[1]} {act}.",
            f"در این سفر {e.figure} شرکت از دو استان حضور داشتند.".translate(FA_DIGITS) if figure else "",
            f"گسترش همکاری در {fa_sector} میان {e.ir[1]} و {e.ru[1]} محور این سفر بود.",
        ]
    elif language == "ru":
        when = _ru_date(e, form)
        act = (
            f"подписали меморандум о сотрудничестве в сфере {ru_sector}"
            if e.kind == "signing"
            else "провели встречу"
        )
        who = f"заместитель губернатора {e.ru[2]} {e.guest[1]}" if guest else f"делегация {e.ru[2]}"
        lines = [
            _sentence(f"{when} {who} и губернатор провинции {e.ir[2]} {e.governor[1]} {act}."),
            f"В поездке участвуют {e.figure} компаний региона." if figure else "",
            f"Стороны обсудили развитие {ru_sector} и поставки между регионами.",
        ]
    else:
        when = _en_date(e, form)
        act = f"signed a memorandum of understanding on {en_sector}" if e.kind == "signing" else "held talks"
        who = f"Deputy Governor of {e.ru[3]} {e.guest[2]}" if guest else f"a delegation of {e.ru[3]}"
        lines = [
            f"Governor of {e.ir[3]} Province {e.governor[2]} and {who} {act} {when}.".replace(" .", "."),
            f"{e.figure} companies of both regions took part." if figure else "",
            f"The sides discussed {en_sector} and trade between {e.ir[3]} and {e.ru[3]}.",
        ]
    return "\n".join(line for line in lines + details(e, language, rng) if line)


@dataclass
class Item:
    event: int
    text: str
    published: dt.date | None
    copy_of: int | None = None  # index of the item it repeats
    language: str = ""
    form: str = ""  # how the text dates the event: full | day_month | weekday | yesterday | none


def make_items(events: list[Event], rng: random.Random) -> list[Item]:
    items: list[Item] = []
    for e in events:
        languages = rng.sample(["fa", "ru", "en"], k=rng.choice([2, 2, 3])) + (
            [rng.choice(["fa", "ru", "en"])] if rng.random() < 0.3 else []
        )
        for language in languages:
            forms = ["full", "weekday", "yesterday", "none"] + (["day_month"] if language == "ru" else [])
            form = rng.choice(forms)
            published = e.day + dt.timedelta(days=1 if form == "yesterday" else rng.choice([0, 0, 1]))
            if form == "yesterday":
                published = e.day + dt.timedelta(days=1)
            elif rng.random() < 0.4 and form not in ("weekday",):
                published = None  # the feed gave no date
            title = {
                "fa": f"همکاری {e.ir[1]} و {e.ru[1]}",
                "ru": f"{e.ir[2]} и регион: новости",
                "en": f"{e.ir[3]} news",
            }[language]
            text = f"{title}\n\n" + report(e, language, form, rng)
            e.reports.append(len(items))
            items.append(Item(e.n, text, published, None, language, form))
            if rng.random() < 0.12:
                # a reprint under another headline, padded with the outlet's own line
                items.append(
                    Item(
                        e.n,
                        f"Reprint {len(items)}: {title}\n\n" + text.split("\n\n", 1)[1],
                        published,
                        len(items) - 1,
                        language,
                        form,
                    )
                )
            if rng.random() < 0.12:
                body = text.split("\n\n", 1)[1]
                items.append(Item(e.n, body[: len(body) * 2 // 3], published, e.reports[-1], language, form))
    return items


def arrivals(events: list[Event], items: list[Item], seed: int) -> list[dt.datetime]:
    """When a poll of a watched feed reads each item: on its publication day, else (no date in
    the feed) 0–2 days after the event; a copy 1–30 hours after its original. An own random
    stream, so that the articles are those of `--backfill`."""
    rng = random.Random(seed * 7919 + 1)
    tehran = dt.timezone(dt.timedelta(hours=3, minutes=30))
    out: list[dt.datetime] = []
    for item in items:
        if item.copy_of is not None:
            out.append(out[item.copy_of] + dt.timedelta(hours=rng.randint(1, 30)))
            continue
        day = item.published or events[item.event].day + dt.timedelta(days=rng.choice([0, 1, 1, 2]))
        out.append(dt.datetime.combine(day, dt.time(rng.randint(7, 22), rng.randint(0, 59)), tzinfo=tehran))
    return out


def setup_django(home: str) -> None:
    os.environ["HAMKARI_HOME"] = home
    os.environ.pop("HAMKARI_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamkari.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def quality(events: list[Event], items: list[Item], clock: list[dt.datetime] | None) -> dict[str, float]:
    """Ingest the items (in the order of `clock`, each at its time; else in the order generated,
    now) and count the pairs."""
    from hamkari.kb import services

    order = sorted(range(len(items)), key=lambda n: (clock[n], n)) if clock else range(len(items))
    stored = {}
    for n in order:
        item = items[n]
        with mock.patch("django.utils.timezone.now", return_value=clock[n]) if clock else _nothing():
            outcome = services.article_ingest(text=item.text, source=f"gen-{n}", published=item.published)
        stored[n] = outcome.article
    articles = [stored[n] for n in range(len(items))]
    story = [a.story_id for a in articles]
    same = linked = together = false = 0
    for i, j in itertools.combinations(range(len(items)), 2):
        one_event = items[i].event == items[j].event
        one_story = story[i] == story[j]
        same += one_event
        linked += one_event and one_story
        together += one_story
        false += one_story and not one_event
    copies = [n for n, it in enumerate(items) if it.copy_of is not None]
    copies_ok = sum(
        1
        for n in copies
        if story[n] == story[items[n].copy_of] and articles[n].duplicate_of_id is not None  # type: ignore[index]
    )
    return {
        "articles": len(items),
        "events": len(events),
        "same_pairs": same,
        "linked": linked,
        "pairs_together": together,
        "false": false,
        "other_pairs": len(items) * (len(items) - 1) // 2 - same,
        "copies": len(copies),
        "copies_ok": copies_ok,
    }


@contextlib.contextmanager
def _nothing() -> Iterator[None]:
    yield


def _label(n: int, item: Item, events: list[Event]) -> str:
    from django.utils import timezone

    from hamkari.kb.models import Article

    a = Article.objects.get(source=f"gen-{n}")
    e = events[item.event]
    ev = a.story_evidence or {}
    shown = ev.get("rule", "")
    if ev.get("rule") == "evidence":
        top = ", ".join(f"{k} {w}" for k, w in ev.get("evidence", []))
        shown = f"joined #{ev.get('article')} score {ev.get('score')} [{top}]"
    elif ev.get("rule") == "copy":
        shown = f"copy of #{ev.get('of')} by {ev.get('by')}"
    return (
        f"  #{a.pk} ev{e.n} {e.kind} {e.day} {e.ir[0]}-{e.ru[0]} {item.language} {item.form}"
        f"{' pub ' + str(item.published) if item.published else ' unpublished'}"
        f"{' copy' if item.copy_of is not None else ''} in {timezone.localdate(a.ingested_at)}"
        f" -> story {a.story_id} "
        f"(date {a.event_date} {a.event_date_known or '-'}{' weak' if a.event_date_weak else ''}): {shown}"
    )


def _profile(n: int):  # type: ignore[no-untyped-def]
    from hamkari.kb.evidence import Profile
    from hamkari.kb.models import Article
    from hamkari.kb.services.stories import _posts, _window

    a = Article.objects.get(source=f"gen-{n}")
    keys = set(a.keys.exclude(key__startswith="mh:").values_list("key", flat=True))
    return Profile(
        frozenset(keys | _posts(keys)),
        a.event_date,
        a.event_date_weak,
        a.event_date_known,
        a.published,
        _window(a),
    )


def _pair(i: int, j: int) -> str:
    from hamkari.kb.evidence import score
    from hamkari.kb.services.stories import _counts

    a, b = _profile(i), _profile(j)
    counts, total = _counts(set(a.keys | b.keys))
    found = score(a, b, counts, max(total, 1))
    if found is None:
        return "dates rule it out"
    top = ", ".join(f"{k} {w}" for k, w in found.evidence)
    return f"{found.value} hard={found.hard_other} people={sorted(found.people)} [{top}]"


def explain(events: list[Event], items: list[Item]) -> None:
    """Print every event split over several stories and every story holding several events, with
    how each article was dated and the evidence of its link (or "new story")."""
    from hamkari.kb.models import Article

    story = dict(Article.objects.filter(source__startswith="gen-").values_list("source", "story_id"))
    by_event: dict[int, list[int]] = {}
    by_story: dict[int | None, list[int]] = {}
    for n, item in enumerate(items):
        by_event.setdefault(item.event, []).append(n)
        by_story.setdefault(story[f"gen-{n}"], []).append(n)
    print("\n== events split over several stories ==")
    for ev, ns in by_event.items():
        if len({story[f"gen-{n}"] for n in ns}) > 1:
            print(f"event {ev}:")
            for n in ns:
                print(_label(n, items[n], events))
            for i, j in itertools.combinations(ns, 2):
                if story[f"gen-{i}"] != story[f"gen-{j}"]:
                    print(f"    {i}~{j}: {_pair(i, j)}")
    print("\n== stories holding several events ==")
    for st, ns in by_story.items():
        if len({items[n].event for n in ns}) > 1:
            print(f"story {st}:")
            for n in ns:
                print(_label(n, items[n], events))


def fill(stories: int, rng: random.Random) -> None:
    """Add synthetic stories of one article each with index keys like real ones: two regions,
    a region pair, two or three people of a pool of 30,000, a figure, an event type, a date."""
    from hamkari.kb.models import Article, ArticleKey, KeyCount, Story

    ir = [f"IR-{n:02d}" for n in range(1, 32)]
    ru = [f"RU-X{n:02d}" for n in range(83)]
    start = dt.date(2023, 1, 1)
    batch = 2000
    counts: dict[str, int] = {}
    have = Story.objects.count()
    for b in range(have, stories, batch):
        size = min(batch, stories - b)
        made = Story.objects.bulk_create(
            [Story(type="meeting", date=start + dt.timedelta(days=rng.randrange(1095))) for _ in range(size)]
        )
        arts = Article.objects.bulk_create(
            [
                Article(
                    story=s,
                    text="-",
                    content_hash=f"fill-{s.pk}",
                    language="en",
                    event_date=s.date,
                    event_date_known="full",
                )
                for s in made
            ]
        )
        keys = []
        for a in arts:
            i, r = rng.choice(ir), rng.choice(ru)
            ks = {
                f"r:{i}",
                f"r:{r}",
                f"rp:{i}|{r}",
                f"fv:{rng.randrange(10, 5000)}",
                f"e:{rng.choice(['meeting', 'signing', 'visit'])}",
            }
            ks |= {f"p:{1_000_000 + rng.randrange(30000)}" for _ in range(rng.randint(2, 3))}
            for k in ks:
                counts[k] = counts.get(k, 0) + 1
                keys.append(ArticleKey(article=a, key=k, date=a.event_date))
        ArticleKey.objects.bulk_create(keys, batch_size=5000)
    counts["*"] = stories - have
    existing = {k.key: k for k in KeyCount.objects.filter(key__in=list(counts))}
    for k, n in counts.items():
        if k in existing:
            existing[k].n += n
    KeyCount.objects.bulk_update(list(existing.values()), ["n"], batch_size=5000)
    KeyCount.objects.bulk_create(
        [KeyCount(key=k, n=n) for k, n in counts.items() if k not in existing], batch_size=5000
    )


def timing(items: list[Item]) -> tuple[float, float]:
    """Median and p95 of `story_assign` per article (ms) while ingesting `items`."""
    from hamkari.kb import services
    from hamkari.kb.services import stories

    spent: list[float] = []
    original = stories.story_assign

    def timed(**kwargs):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return original(**kwargs)
        finally:
            spent.append((time.perf_counter() - t) * 1000)

    stories.story_assign = timed  # type: ignore[assignment]
    try:
        for n, item in enumerate(items):
            services.article_ingest(
                text=item.text, source=f"time-{n}-{time.time_ns()}", published=item.published
            )
    finally:
        stories.story_assign = original  # type: ignore[assignment]
    spent.sort()
    return statistics.median(spent), spent[int(0.95 * (len(spent) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=120, help="events before the unrelated ones are added")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sizes", default="10000,100000", help="story counts to time assignment at")
    parser.add_argument("--timed", type=int, default=200, help="articles timed at each size")
    parser.add_argument(
        "--backfill",
        action="store_true",
        help="ingest everything at once in the order generated (no ingest time that says anything)",
    )
    parser.add_argument(
        "--explain", action="store_true", help="print the split events and mixed stories with their evidence"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    events = make_events(args.events, rng)
    items = make_items(events, rng)
    with tempfile.TemporaryDirectory(prefix="hamkari-bench-stories-") as home:
        setup_django(home)
        q = quality(events, items, None if args.backfill else arrivals(events, items, args.seed))
        print(f"articles {q['articles']} from {q['events']} events (fa, ru, en)")
        print(
            f"same-event pairs linked: {q['linked']} of {q['same_pairs']} "
            f"({100 * q['linked'] / q['same_pairs']:.1f} %)"
        )
        print(
            f"false pairings: {q['false']} of {q['pairs_together']} pairs put together "
            f"({100 * q['false'] / max(1, q['pairs_together']):.2f} %); "
            f"of all {q['other_pairs']} different-event pairs {100 * q['false'] / q['other_pairs']:.3f} %"
        )
        print(
            "copies (reprints, cut-off copies) in their original's story as duplicates: "
            f"{q['copies_ok']} of {q['copies']}"
        )
        if args.explain:
            explain(events, items)
        for size in (int(s) for s in args.sizes.split(",") if s):
            fill(size, rng)
            timed_items = make_items(make_events(args.timed // 2, random.Random(args.seed + size)), rng)[
                : args.timed
            ]
            median, p95 = timing(timed_items)
            from hamkari.kb.models import Story

            print(
                f"story assignment at {Story.objects.count():,} stories: "
                f"median {median:.1f} ms, p95 {p95:.1f} ms per article"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
