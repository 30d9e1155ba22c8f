"""Every page kind, served from the first batch of the bundled samples, opened in Persian,
Russian and English: the visible interface holds no snake_case code and no `type=date` input in any
of them, no Latin word in Persian and no English word in Russian. Content in another language is
allowed when it is marked with its `lang` (an English title in a `<bdi lang="en">`), and so are
codes an analyst asked for, marked `translate="no"` (the rule behind a fact, inside its «where it
comes from» toggle)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import polib
import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from hamkari.accounts.services import profile_update
from hamkari.alerts.services import TargetSpec, watchlist_create
from hamkari.extraction.components import COMPONENTS
from hamkari.kb.ingest import item_ingest
from hamkari.kb.models import Article, Entity, Instrument, Story
from hamkari.kb.services import reference_load
from hamkari.monitoring import demo
from hamkari.monitoring.jobs import job_upload_start
from hamkari.monitoring.services import source_add, source_poll
from hamkari.monitoring.worker import jobs_run_waiting
from hamkari.sources.items import Item, feed_items
from hamkari.sources.reasons import Reason
from hamkari.tracker import services as tracker

pytestmark = pytest.mark.django_db

# the articles a newcomer sees first: the demo feed's first batch
SAMPLES = list(feed_items(str(demo.DEMO_FEED), demo.DEMO_FEED.read_bytes()))[: demo.FIRST]
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Russian writes file formats in capitals («Справка в PDF»); a Latin word with a small letter is English
ENGLISH_WORD = re.compile(r"\b(?=[A-Za-z]*[a-z])[A-Za-z]{2,}\b")
FOREIGN_WORDS: dict[str, re.Pattern[str] | None] = {"fa": LATIN_WORD, "ru": ENGLISH_WORD, "en": None}
# Persian pages write numbers in Persian digits; Latin digits are allowed only in the Gregorian date shown
# in brackets beside a Jalali one («۱۲ آذر ۱۴۰۴ (2025-12-03)», never alone) and in web addresses
LATIN_DIGIT = re.compile(r"[0-9]")
LATIN_NUMBERS_ALLOWED = re.compile(r"\(\u2066?\d{4}-\d{2}-\d{2}\u2069?\)|https?://\S+")
# a middle dot between the parts of a Persian line reads as the Persian zero «۰» beside Persian digits
# («دیدار · ۱ منبع»): Persian separates them with «،» (kb.words.SEPARATOR)
PERSIAN_ZERO_LOOKALIKE = "·"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SHOWN_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")


class Interface(HTMLParser):
    """Collects the visible interface text of a page: text nodes and the attributes a person reads,
    outside <script>/<style> and outside elements marked with a language other than the page's."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, foreign or hidden)
        self.texts: list[str] = []
        self.date_inputs = 0
        self.page_language = ""

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        lang = a.get("lang")
        if tag == "html":
            self.page_language, lang = lang or "", None
        skip = (
            tag in ("script", "style", "title")
            or (lang is not None and not lang.startswith(self.language))
            or a.get("translate") == "no"
        )
        if tag == "input" and (a.get("type") or "").lower() == "date":
            self.date_inputs += 1
        if not self._skipping() and not skip:
            self.texts += [str(a[name]) for name in SHOWN_ATTRIBUTES if a.get(name)]
            if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
                self.texts.append(str(a["value"]))
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self._skipping() and data.strip():
            self.texts.append(data.strip())


def leaks(html: str, language: str = "fa") -> list[str]:
    """The interface texts of a page that are not in `language`."""
    parser = Interface(language)
    parser.feed(html)
    foreign = FOREIGN_WORDS[language]
    found = [t for t in parser.texts if SNAKE.search(t) or (foreign and foreign.search(t))]
    if language == "fa":
        found += [
            t
            for t in parser.texts
            if (LATIN_DIGIT.search(LATIN_NUMBERS_ALLOWED.sub("", t)) or PERSIAN_ZERO_LOOKALIKE in t)
            and t not in found
        ]
    if parser.page_language != language:
        found.append(f"<html lang={parser.page_language}>")
    return found + ["<input type=date>"] * parser.date_inputs


@pytest.fixture
def served(users: dict[str, Any], tmp_path: Path) -> dict[str, str]:
    """The first bundled samples in the knowledge base, a working group made from one of them, the
    analyst's watchlist of a region they tell of (so that it has notifications), and the address of
    one page of every kind."""
    reference_load()
    watchlist = watchlist_create(
        owner=users["analyst"], name="گلستان", frequency="immediate", targets=[TargetSpec("region", "IR-27")]
    )
    for item in SAMPLES:
        item_ingest(item)
    instrument = Instrument.objects.order_by("pk").first()
    regions = list(Entity.objects.filter(type="region", ref__in=("IR-27", "RU-AST")))
    group = tracker.group_create(name="گروه کاری نمونه", regions=regions, user=None, instrument=instrument)
    # an item, a frozen baseline and a meeting: the plan table, the timeline, plan-and-actual and minutes
    tracker.item_add(group=group, title="فهرست پروژه‌ها", user=None, start="1404/09/01", due="1404/10/15")
    tracker.baseline_freeze(group=group, user=None)
    tracker.meeting_add(group=group, date="1404/09/10", title="نشست نخست", minutes="بررسی فهرست", user=None)
    person = Entity.objects.filter(type="person", merged_into=None).order_by("pk").first()
    organization = (  # the samples name no organisation: any entity that is neither person nor region
        Entity.objects.exclude(type__in=("person", "region")).filter(mentions__isnull=False).first()
    )
    story = Story.objects.order_by("pk").first()
    assert person and organization and story and instrument
    article = story.articles.order_by("pk").first()
    assert article is not None
    profile_update(entity=organization, summary="دفتر همکاری‌های بین‌المللی", user=users["editor"])
    feed = tmp_path / "wire.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title></channel></rss>')
    source = source_add(location=str(feed), kind="sitemap", links="/news/")
    source_poll(source=source)  # an error (not a sitemap): the pages show it
    job = job_upload_start(
        creator=users["analyst"],
        read=[
            Item("a.txt", text="جلسه‌ای دربارهٔ همکاری‌های بازرگانی و گمرکی برگزار شد."),
            Item("b.txt", error=Reason("file is empty")),
        ],
        addresses=[],
    )
    jobs_run_waiting()
    return {
        "dashboard": "/",
        "region": "/regions/IR-27/",
        "region_pair": "/regions/IR-27/RU-AST/",
        "person": f"/people/{person.pk}/",
        "organization": f"/entities/{organization.pk}/",
        "story": f"/stories/{story.pk}/",
        "article": f"/articles/{article.pk}/",
        "search": "/search/?q=همکاری",
        "search_people": "/search/?q=استاندار&kind=people",
        "review": "/review/",
        "history": f"/audit/person/{person.pk}/",
        "changes": f"/audit/entity/{organization.pk}/",
        "upload": "/upload/",
        "jobs": "/jobs/",
        "job": f"/jobs/{job.pk}/",
        "groups": "/tracker/groups/",
        "group": f"/tracker/groups/{group.pk}/",
        "deadlines": "/tracker/deadlines/?region=IR-27",
        "events": "/tracker/events/",
        "instrument": f"/tracker/instruments/{instrument.pk}/",
        "brief": f"/tracker/briefs/group/{group.pk}/",
        "brief_pair": "/tracker/briefs/pair/IR-27/RU-AST/",
        "partners": "/partners/IR-27/",
        "consortium": "/consortium/?market=africa&sector=agriculture&sector=food_industry",
        "password": "/accounts/password_change/",
        "sources": "/sources/",
        "source": f"/sources/{source.pk}/",
        "watchlists": "/alerts/",
        "watchlist": f"/alerts/{watchlist.pk}/",
        "notifications": "/alerts/notifications/",
        "not_found": "/articles/999999/",
    }


@pytest.mark.parametrize("language", ["fa", "ru", "en"])
def test_no_page_shows_codes_foreign_words_or_date_inputs(
    users: dict[str, Any], served: dict[str, str], language: str
) -> None:
    client = Client()
    client.force_login(users["analyst"])
    client.cookies["django_language"] = language
    found: dict[str, list[str]] = {}
    for name, path in served.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not_found" else 200), path
        page_leaks = leaks(response.content.decode(), language)
        if page_leaks:
            found[name] = page_leaks
    # the pages of those not logged in, and a refusal
    anonymous, viewer = Client(), Client()
    viewer.force_login(users["viewer"])
    for name, client_, path, status in (
        ("login", anonymous, "/accounts/login/", 200),
        ("forbidden", viewer, "/upload/", 403),
    ):
        client_.cookies["django_language"] = language
        response = client_.get(path)
        assert response.status_code == status, path
        if page_leaks := leaks(response.content.decode(), language):
            found[name] = page_leaks
    assert not found, "\n".join(f"{name}: {items}" for name, items in found.items())


def persian_page(body: str) -> str:
    return f'<!doctype html><html lang="fa" dir="rtl"><body>{body}</body></html>'


def test_the_leak_finder_sees_codes_english_and_date_inputs_but_not_marked_content() -> None:
    assert leaks('<html lang="en"><h1>Not Found</h1></html>') == ["Not Found", "<html lang=en>"]
    assert leaks(persian_page("<p>بخش food_industry</p>")) == ["بخش food_industry"]
    assert leaks(persian_page("<p>۲ منبع</p><p>۱۲ آذر ۱۴۰۴ (2025-12-03)</p><p>2 منبع</p>")) == ["2 منبع"]
    assert leaks(persian_page("<p>دیدار · ۱ منبع</p><p>دیدار، ۱ منبع</p>")) == ["دیدار · ۱ منبع"]
    assert leaks(persian_page("<p>خط مبنا ۲۰۲۵-۱۲-۰۳</p><p>خط مبنا 2025-12-03</p>")) == ["خط مبنا 2025-12-03"]
    assert leaks(persian_page('<p>سه <span>reports</span></p><input type="date" name="due">')) == [
        "reports",
        "<input type=date>",
    ]
    marked = '<p>عنوان: <bdi lang="en">Gilan and Astrakhan</bdi> <button aria-label="تأیید">✓</button></p>'
    assert leaks(persian_page(marked)) == []
    assert leaks(persian_page('<button aria-label="Accept">✓</button>')) == ["Accept"]
    assert leaks(persian_page('<details><code translate="no">people.title</code></details>')) == []


def test_the_leak_finder_allows_format_names_in_russian_and_english_words_in_english_but_no_codes() -> None:
    russian = '<html lang="ru"><p>Справка в PDF</p><p>Not Found</p><p>head_of_region</p></html>'
    assert leaks(russian, "ru") == ["Not Found", "head_of_region"]
    english = '<html lang="en"><p>Brief as PDF</p><p>virtual_meeting</p><input type="date"></html>'
    assert leaks(english, "en") == ["virtual_meeting", "<input type=date>"]


def test_every_link_of_an_article_page_jumps_to_something(
    users: dict[str, Any], served: dict[str, str]
) -> None:
    """An occurrence of a fact inside another fact's highlighted words (a city in a name) points to
    those words; no link of the side list jumps nowhere, on any sample."""
    assert Article.objects.count() >= 12  # the served samples are there (a test over none proves nothing)
    client = Client()
    client.force_login(users["analyst"])
    dead = {}
    for article in Article.objects.all():
        page = client.get(f"/articles/{article.pk}/").content.decode()
        ids = set(re.findall(r'\sid="([^"]+)"', page))
        targets = set(re.findall(r'href="#([^"]+)"', page)) | set(re.findall(r'data-target="([^"]+)"', page))
        if missing := sorted(targets - ids):
            dead[article.pk] = missing
    assert not dead, dead


@pytest.mark.parametrize("language", ["fa", "ru"])
def test_every_extraction_component_a_fact_names_is_translated(language: str) -> None:
    """The «where it comes from» toggle of a fact names the component that found it: no
    component's name may be shown as its code (the samples of the first batch have no delegation)."""
    with translation.override(language):
        shown = {component.name: gettext(component.name) for component in COMPONENTS}
    assert [name for name, text in shown.items() if text == name] == []


def test_every_extraction_component_has_an_english_name_not_a_code() -> None:
    with translation.override("en"):
        shown = {component.name: gettext(component.name) for component in COMPONENTS}
    assert [name for name, text in shown.items() if SNAKE.search(text)] == []


def test_every_persian_entry_has_a_russian_one() -> None:
    """Django falls back to the default language's catalogue, Persian, for a string the Russian
    one lacks: a Russian page would show it in Persian («предложение ساخت‌وساز»)."""
    root = Path(__file__).resolve().parents[2] / "hamkari"
    missing = []
    for persian in root.glob("*/locale/fa/LC_MESSAGES/django.po"):
        russian = polib.pofile(str(persian).replace("/fa/", "/ru/"))
        has = {(e.msgctxt, e.msgid) for e in russian if e.msgstr or e.msgstr_plural}
        missing += [e.msgid for e in polib.pofile(str(persian)) if (e.msgctxt, e.msgid) not in has]
    assert missing == []


# (English, Persian): noun phrases whose head ends in a silent «ه» take the written ezafe «ـهٔ» as the
# catalogues write it elsewhere («همهٔ کارها», «صفحهٔ بخش»); an action is worded as one; one word for
# one thing (the brief is «گزارش» beside «گزارش به صورت پی‌دی‌اف»; partners are «شرکا», not «همکاران»,
# colleagues)
PERSIAN_WORDING = [
    ("All regions", "همهٔ مناطق"),
    ("All sectors", "همهٔ بخش‌ها"),
    ("All languages", "همهٔ زبان‌ها"),
    ("History of changes", "تاریخچهٔ تغییرات"),
    ("Action plan", "برنامهٔ اقدام"),
    ("Reference profile", "نمایهٔ مرجع"),
    ("Value chain", "زنجیرهٔ ارزش"),
    ("trade_house", "خانهٔ تجاری"),
    ("Your password was changed.", "گذرواژهٔ شما تغییر کرد."),
    ("First region", "منطقهٔ نخست"),
    ("Mark all as read", "علامت‌گذاری همه به‌عنوان خوانده‌شده"),
    ("Brief", "گزارش"),
    ("Brief as PDF", "گزارش به صورت پی‌دی‌اف"),
    ("Partners", "شرکا"),
]


@pytest.mark.parametrize(("english", "persian"), PERSIAN_WORDING)
def test_persian_noun_phrases_are_written_with_their_ezafe_and_one_word_per_thing(
    english: str, persian: str
) -> None:
    with translation.override("fa"):
        assert gettext(english) == persian
