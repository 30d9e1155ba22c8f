"""The chart and date filters of the pages."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import translation

from hamkari.web.templatetags.hamkari import (
    GAP,
    LETTER,
    by_name,
    columns,
    content,
    digits,
    due,
    evidence,
    figure,
    headline,
    jdate,
    jdate_input,
    jdate_short,
    jtime,
    month_buckets,
    named,
    node_name,
    unit,
)


def test_months_are_jalali_in_persian_with_the_empty_months_between() -> None:
    daily = [(dt.date(2025, 3, 25), 2), (dt.date(2025, 6, 1), 1)]  # 5 Farvardin and 11 Khordad 1404
    with translation.override("fa"):
        months = month_buckets(daily)
    assert [(m["short"], m["value"]) for m in months] == [("فروردین", 2), ("اردیبهشت", 0), ("خرداد", 1)]
    assert months[0]["full"] == "فروردین ۱۴۰۴"


def test_months_are_gregorian_in_english_and_russian() -> None:
    daily = [(dt.date(2025, 3, 25), 2), (dt.date(2025, 5, 1), 1)]
    with translation.override("en"):
        assert [m["value"] for m in month_buckets(daily)] == [2, 0, 1]
    with translation.override("ru"):
        assert month_buckets(daily)[0]["full"].startswith("Март")


# the short names under the columns, all of one kind (not Django's AP style: «Янв.» beside «Апрель»)
SHORT_MONTHS = [
    ("ru", ["Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек"]),
    ("en", ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]),
]


@pytest.mark.parametrize(("language", "names"), SHORT_MONTHS)
def test_short_month_names_are_all_three_letters(language: str, names: list[str]) -> None:
    daily = [(dt.date(2025, 1, 5), 1), (dt.date(2025, 12, 5), 1)]
    with translation.override(language):
        assert [m["short"] for m in month_buckets(daily)] == names


def test_columns_are_proportional_to_their_values_over_an_axis() -> None:
    with translation.override("en"):
        chart = columns([(dt.date(2025, 1, 5), 4), (dt.date(2025, 2, 5), 2)])
    first, second = chart["items"]
    assert first["h"] == 2 * second["h"] > 0
    assert [t["text"] for t in chart["ticks"]] == ["0", "2", "4"]


def test_the_page_views_make_no_database_query_of_their_own() -> None:
    views = Path(__file__).resolve().parents[2] / "hamkari" / "web" / "views"
    for module in views.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"\.objects\b|get_object_or_404|from django.db", text), module.name


HEADLINES = [  # (title as stored, title shown)
    ("به گزارش خبرگزاری فرضی، استاندار و سفیر دیدار کردند.", "استاندار و سفیر دیدار کردند."),
    ("Samara, 3 May 2025 — The governor opened a fair", "The governor opened a fair"),
    ("ОРЕНБУРГ, 5 мая. /Агентство/. Губернатор открыл ярмарку", "Губернатор открыл ярмарку"),
    ("Port &amp;quot;North&amp;quot;&nbsp;opens", "Port &quot;North&quot; opens"),  # decoded once
]


@pytest.mark.parametrize(("stored", "shown"), HEADLINES)
def test_a_headline_drops_agency_and_dateline_and_decodes_entities_once(stored: str, shown: str) -> None:
    assert headline(stored) == shown


def test_a_long_headline_is_cut_at_a_word() -> None:
    text = "همکاری " * 40
    short = headline(text, 50)
    assert len(short) <= 51 and short.endswith("…") and not short.endswith(" …")


def test_content_in_another_script_is_isolated_and_marked_with_its_language() -> None:
    with translation.override("fa"):
        assert content("Gilan port") == '<bdi lang="en" dir="auto">Gilan port</bdi>'
        assert content("بندر انزلی") == '<bdi dir="auto">بندر انزلی</bdi>'
        assert content("<b>x</b>") == '<bdi lang="en" dir="auto">&lt;b&gt;x&lt;/b&gt;</bdi>'
    with translation.override("ru"):
        assert content("Порт") == '<bdi dir="auto">Порт</bdi>'


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("fa", "7208", "۷۲۰۸"),  # an HS code in the page's digits
        ("ru", "7208", "7208"),
        ("fa", "fisheries", "شیلات"),
        ("fa", "RU-AST", "آستاراخان"),
        ("ru", "IR-01", "Гилян"),
        ("fa", "WLD-X", "WLD-X"),
    ],
)
def test_a_chart_label_is_named_in_the_pages_language(language: str, value: str, shown: str) -> None:
    with translation.override(language):
        assert named(value) == shown


@pytest.mark.parametrize(
    ("language", "node", "shown"),
    [
        ("fa", "anzali", ("بندر انزلی", None)),
        ("ru", "incheh_borun", ("погранпереход Инче-Бурун", None)),
        ("fa", "verkhny_baskunchak", ("ورخنی باسکونچاک", None)),
        ("fa", "Olya port", ("بندر اولیا", None)),  # given by its English name
        ("fa", "rasht", ("گیلان", None)),  # a centre: its region, as the route summary names it
        ("en", "olya", ("Olya port", None)),
        ("fa", "Atlantis", ("Atlantis", "en")),  # no node: as given, marked English
    ],
)
def test_a_transit_node_is_named_from_the_transit_graph_in_the_pages_language(
    language: str, node: str, shown: tuple[str, str | None]
) -> None:
    with translation.override(language):
        assert node_name(node) == shown


def test_the_partner_finders_evidence_is_worded_in_the_pages_language() -> None:
    with translation.override("fa"):
        assert evidence("3 reports; declared offer 4/5") == "۳ گزارش؛ پیشنهاد اعلام‌شده ۴ از ۵"
    with translation.override("ru"):
        assert evidence("fisheries: 2 reports").endswith("2 сообщения")


# (language, the date pair's two dates: each one a span that does not wrap, a breakable space between)
DATE_PAIRS = [
    ("fa", "۲۶ آذر ۱۴۰۴", "(\u20662025-12-17\u2069)"),  # the Gregorian date isolated left-to-right
    ("ru", "2025-12-17", "(1404-09-26)"),
    ("en", "2025-12-17", "(1404-09-26)"),
]


@pytest.mark.parametrize(("language", "first", "second"), DATE_PAIRS)
def test_each_date_of_a_pair_is_its_own_unbreakable_unit_and_the_pair_may_wrap_between_them(
    language: str, first: str, second: str
) -> None:
    with translation.override(language):
        shown = jdate(dt.date(2025, 12, 17))
    assert shown == (
        f'<span class="dates"><span class="date">{first}</span> <span class="date">{second}</span></span>'
    )
    site = (Path(__file__).resolve().parents[2] / "hamkari/web/static/hamkari/site.css").read_text()
    # the style sheet keeps each date whole
    assert re.search(r"(^|[,}\s])\.date\b[^{]*\{[^}]*white-space:\s*nowrap", site)


PAIR = '<span class="dates"><span class="date">{}</span> <span class="date">{}</span></span>'
# (language, a commitment due at the end of Azar 1405 named as that month: how the page shows it)
DUE_MONTHS = [
    ("ru", PAIR.format("азар 1405", "(2026-12-21)")),
    ("en", PAIR.format("Azar 1405", "(2026-12-21)")),
    ("fa", '<span class="date">آذر ۱۴۰۵</span>'),  # a Persian page names the month alone
]


@pytest.mark.parametrize(("language", "shown"), DUE_MONTHS)
def test_a_month_deadline_and_its_last_day_beside_are_two_unbreakable_dates(
    language: str, shown: str
) -> None:
    with translation.override(language):
        assert due(SimpleNamespace(due=dt.date(2026, 12, 21), due_precision="month")) == shown


def test_no_date_is_a_dash() -> None:
    with translation.override("ru"):
        assert jdate(None) == "—"


def test_dates_are_typed_in_the_pages_calendar() -> None:
    with translation.override("fa"):
        assert jdate_input(dt.date(2025, 12, 17)) == "۱۴۰۴/۰۹/۲۶"
    with translation.override("ru"):
        assert jdate_input(dt.date(2025, 12, 17)) == "2025-12-17"


def test_a_persian_date_on_a_charts_axis_reads_right_to_left_inside_the_left_to_right_chart() -> None:
    with translation.override("fa"):
        assert jdate_short(dt.date(2025, 11, 22)) == "\u2067۱ آذر ۱۴۰۴\u2069"  # right-to-left isolate
    with translation.override("ru"):
        assert jdate_short(dt.date(2025, 11, 22)) == "2025-11-22"


def test_a_moment_is_jalali_with_persian_digits_in_persian_and_gregorian_elsewhere() -> None:
    moment = dt.datetime(2025, 12, 3, 11, 0, tzinfo=dt.UTC)  # 14:30 in Tehran, 12 Azar 1404
    with translation.override("fa"):
        assert jtime(moment) == "۱۲ آذر ۱۴۰۴، ۱۴:۳۰"
    with translation.override("ru"):
        assert jtime(moment) == "2025-12-03 14:30"


@pytest.mark.parametrize("language", ["fa", "ru", "en"])
def test_month_names_under_the_columns_do_not_touch_each_other(language: str) -> None:
    daily = [(dt.date(2025, 3, 25) + dt.timedelta(days=30 * i), 1 + i % 3) for i in range(13)]
    with translation.override(language):
        chart = columns(daily)
    named = [m for m in chart["items"] if m["labelled"]]
    assert len(named) >= 3 and any(m["first"] for m in named)  # the year's first month is named
    for left, right in itertools.pairwise(named):  # each name is centred under its column
        half_widths = (len(left["short"]) + len(right["short"])) * LETTER / 2
        assert right["x"] - left["x"] >= half_widths + GAP, (left["short"], right["short"])


FIGURES = [  # (language, value, shown)
    ("fa", 1_400_000.0, "۱٬۴۰۰٬۰۰۰"),
    ("fa", 0.35, "۰٫۳۵"),
    ("fa", 18.0, "۱۸"),
    ("ru", 1_400_000.0, "1\u00a0400\u00a0000"),
    ("en", 2.5, "2.5"),
    ("en", 12_345.678, "12,345.68"),
]


@pytest.mark.parametrize(("language", "value", "shown"), FIGURES)
def test_a_figure_is_grouped_in_the_pages_digits(language: str, value: float, shown: str) -> None:
    with translation.override(language):
        assert figure(value) == shown


def test_persian_digits_take_the_persian_decimal_sign_between_digits_only() -> None:
    with translation.override("fa"):
        assert digits("0.498 و 2.5٪. پایان.") == "۰٫۴۹۸ و ۲٫۵٪. پایان."
    with translation.override("ru"):
        assert digits("0.498") == "0.498"


# (language, unit code, count, the unit's words after that count)
UNITS = [
    ("fa", "tonne", 1_400_000, "تن"),  # Persian counts with the singular
    ("ru", "tonne", 1_400_000, "тонн"),
    ("ru", "tonne", 2, "тонны"),
    ("ru", "person", 40, "человек"),
    ("en", "tonne", 1_400_000, "tonnes"),  # the lexicon's plural
    ("en", "tonne", 1, "tonne"),
    ("en", "company", 3, "companies"),
    ("en", "usd", 30, "dollars"),
]


@pytest.mark.parametrize(("language", "code", "count", "expected"), UNITS)
def test_a_figures_unit_agrees_with_its_number_in_the_pages_language(
    language: str, code: str, count: float, expected: str
) -> None:
    with translation.override(language):
        assert unit(code, count) == expected


@pytest.mark.parametrize(
    ("language", "order"),
    [
        ("fa", ["higher_education", "finance_banking", "petrochemicals", "trade", "agriculture", "tourism"]),
        ("ru", ["finance_banking", "higher_education", "petrochemicals", "agriculture", "trade", "tourism"]),
    ],
)
def test_a_list_of_sectors_is_in_the_alphabetical_order_of_their_names(
    language: str, order: list[str]
) -> None:
    """In Persian by the Persian alphabet: «آموزش عالی، بانکداری و مالی، پتروشیمی، تجارت، کشاورزی،
    گردشگری» (a code point order puts «پتروشیمی», «کشاورزی», «گردشگری» after every other letter)."""
    with translation.override(language):
        assert by_name(sorted(order)) == order


@pytest.mark.parametrize(
    ("language", "order"), [("fa", ["IR-10", "IR-27", "IR-01"]), ("ru", ["IR-01", "IR-27", "IR-10"])]
)
def test_the_search_pages_regions_are_in_the_alphabetical_order_of_their_names(
    language: str, order: list[str]
) -> None:
    """«اصفهان، گلستان، گیلان» in Persian, «Гилян, Голестан, Исфахан» in Russian — not the order of
    their codes; records are ordered by their codes' names."""
    records = [SimpleNamespace(ref=code) for code in sorted(order)]
    with translation.override(language):
        assert [r.ref for r in by_name(records)] == order
