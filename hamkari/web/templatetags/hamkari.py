"""Filters for Persian digits, Jalali dates beside Gregorian ones, facts highlighted in place and
bar charts drawn as SVG on the server (no script, no CDN)."""

from __future__ import annotations

import datetime as dt
import functools
import html
import itertools
import math
import re
from collections import Counter
from typing import Any

import jdatetime
from django import template
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext

from hamkari.extraction.lexicon import load_table
from hamkari.extraction.morphology import agreed_with_number
from hamkari.kb import names
from hamkari.kb.calendar import JALALI_MONTHS, PERSIAN_DIGITS, digits_in, due_parts, jalali_text, moment_text
from hamkari.kb.reasons import stored_html
from hamkari.kb.words import ARROW, SEPARATOR
from hamkari.monitoring.words import item_state, job_kind, job_state, source_kind, source_state
from hamkari.partners import routes
from hamkari.partners.names import number as grouped_number

register = template.Library()


@register.filter
def reason(text: str, kept: object) -> SafeString:
    """A stored error (`{{ item.error|reason:item.error_reason }}`) in the page's language, or its
    English text marked lang="en" when no template was kept with it (rows from before)."""
    return stored_html(text or "", kept)


# a source's state and kind, a job's kind and state, an item's state in words, from their one
# home (`sources list` and `job` say the same)
register.filter("source_state", source_state)
register.filter("source_kind", source_kind)
register.filter("job_kind", job_kind)
register.filter("job_state", job_state)
register.filter("item_state", item_state)


@register.simple_tag
def sep() -> str:
    """Between the parts of a line: « · », or «، » in Persian (kb.words.SEPARATOR: a middle dot
    beside Persian digits reads as the zero «۰»)."""
    return str(SEPARATOR)


@register.simple_tag
def arrow() -> str:
    """From the first to the second, pointing the way the page reads: « → », « ← » in Persian."""
    return str(ARROW)


def _persian() -> bool:
    return (get_language() or "fa").startswith("fa")


DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


@register.filter
def digits(value: Any) -> str:
    """Persian digits when the page is in Persian, with the Persian decimal sign between them
    («۰٫۳۵», never «۰.۳۵»): `kb.calendar.digits_in` in the page's language (a template cannot
    pass it), with the decimal sign."""
    text = "" if value is None else str(value)
    return digits_in(DECIMAL_POINT.sub("٫", text), "fa") if _persian() else text


@register.filter
def number_input(value: Any) -> str:
    """A number as it is typed in a field: «۶۸۰۰۰۰» in Persian for 680000.0, «12.5» for 12.5 (the
    server reads Persian or Latin digits)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return digits(value)


@register.filter(is_safe=True)
def jdate(value: dt.date | None) -> SafeString:
    """«۱۲ آذر ۱۴۰۴ (2025-12-03)» in Persian; «2025-12-03 (1404-09-12)» in the other languages.
    Each of the two dates is a span of its own that the style sheet does not let wrap (a date is
    never split across lines); the line may break between them, so that the bracketed date goes to
    the next line in a narrow cell or on a phone instead of pushing the cell wider than its card."""
    if not value:
        return mark_safe("—")
    if _persian():
        # the Gregorian date is isolated left-to-right, or right-to-left text would show it reversed
        first, second = jalali_text(value), f"(\u2066{value.isoformat()}\u2069)"
    else:
        j = jdatetime.date.fromgregorian(date=value)
        first, second = value.isoformat(), f"({j.year:04d}-{j.month:02d}-{j.day:02d})"
    return _date_pair(first, second)


def _date_pair(first: str, second: str) -> SafeString:
    """Two dates, each a span.date that does not wrap, the line free to break between them."""
    pair = '<span class="dates"><span class="date">{}</span> <span class="date">{}</span></span>'
    return format_html(pair, first, second)


@register.filter(is_safe=True)
def due(commitment: Any) -> SafeString:
    """A commitment's due date as exact as its words: a month as the month, a year as the year
    (kb.calendar.due_text: «آبان ۱۴۰۵», «March 2027», «۲۰۳۰»), else the day (`jdate`)."""
    day = getattr(commitment, "due", None)
    if not day:
        return jdate(day)
    parts = due_parts(day, getattr(commitment, "due_precision", ""), get_language() or "fa")
    if parts is None:
        return jdate(day)
    named, beside = parts  # a Jalali month in Russian or English keeps its last day beside it
    return _date_pair(named, beside) if beside else format_html('<span class="date">{}</span>', named)


@register.filter(is_safe=True)
def jmoment(value: dt.datetime | None) -> SafeString:
    """A moment in the server's time zone: «۱۴ آذر ۱۴۰۵، ۲۳:۴۰» in Persian (Jalali, Persian
    digits), «2026-12-04 23:40» otherwise; kept on one line."""
    if not value:
        return mark_safe("—")
    local = timezone.localtime(value)
    if _persian():
        text = f"{jalali_text(local.date())}، {local:%H:%M}".translate(PERSIAN_DIGITS)
    else:
        text = f"{local:%Y-%m-%d %H:%M}"
    return format_html('<span class="date">{}</span>', text)


@register.filter
def jtime(value: dt.datetime | None) -> str:
    """A moment in the server's time zone: «۱۲ آذر ۱۴۰۴، ۱۴:۳۰» in Persian, «2025-12-03 14:30»
    otherwise."""
    if not value:
        return "—"
    return moment_text(value, get_language() or "fa")


# what the history page calls each action of the audit log
AUDIT_ACTIONS = {
    "review.accepted": gettext_lazy("accepted"),
    "review.rejected": gettext_lazy("rejected"),
    "review.proposed": gettext_lazy("set back to proposed"),
    "person.merge": gettext_lazy("people merged"),
    "person.split": gettext_lazy("person split"),
    "story.merge": gettext_lazy("stories merged"),
    "story.split": gettext_lazy("story split"),
    "profile.update": gettext_lazy("profile changed"),
    "instrument.status": gettext_lazy("status changed"),
    "instrument.member": gettext_lazy("member added"),
    "group.create": gettext_lazy("working group created"),
    "item.add": gettext_lazy("item added"),
    "item.update": gettext_lazy("item changed"),
    "baseline.freeze": gettext_lazy("baseline frozen"),
    "member.add": gettext_lazy("member added"),
    "meeting.add": gettext_lazy("meeting added"),
    "plan.import": gettext_lazy("plan imported"),
    "event.add": gettext_lazy("event added"),
    "login.locked_out": gettext_lazy("locked out after failed log-ins"),
    "login.refused_locked": gettext_lazy("log-in refused: locked out"),
}


@register.filter
def audit_action(value: Any) -> str:
    """An action of the audit log («review.accepted») in the page's language; an action this table
    does not know is shown as recorded."""
    return str(AUDIT_ACTIONS.get(str(value), value))


@register.filter
def jdate_input(value: dt.date | None) -> str:
    """A date as it is typed in the date fields: «۱۴۰۴/۰۹/۱۲» in Persian, «2025-12-03» otherwise."""
    if not value:
        return ""
    if _persian():
        j = jdatetime.date.fromgregorian(date=value)
        return f"{j.year:04d}/{j.month:02d}/{j.day:02d}".translate(PERSIAN_DIGITS)
    return value.isoformat()


@register.simple_tag
def highlighted(text: str, spans: list[dict[str, Any]]) -> SafeString:
    """The article text, escaped, with each fact's words in a <mark> that the side list links to.
    `spans` are in order and do not overlap (`selectors.highlights`). Article text is hostile
    input: every piece goes through escape()."""
    out: list[str] = []
    last = 0
    for span in spans:
        start, end = span["start"], span["end"]
        out.append(str(escape(text[last:start])))
        out.append(
            str(
                format_html(
                    '<mark id="{}" class="fact fact-{}" title="{}">{}</mark>',
                    span["anchor"],
                    span["kind"],
                    span["label"],
                    text[start:end],
                )
            )
        )
        last = end
    out.append(str(escape(text[last:])))
    return mark_safe("".join(out))  # every piece above went through escape() or format_html()


# the bar chart's label column: room for 24 characters of a Russian sector name at 12 px
# («пищевая промышленность» was cut at the chart's edge in a column of 145)
BAR_LABELS = 185


@register.inclusion_tag("web/_bars.html")
def bars(rows: list[tuple[str, int]], width: int = 400) -> dict[str, Any]:
    """A horizontal bar chart: one row per (label, value), drawn at its size in a card of the page's
    grid (400 wide: in a wider drawing scaled into a third of the page the labels were about 8 px)."""
    top = max((v for _, v in rows), default=0) or 1
    height = 22
    items = [
        {"label": label, "value": value, "y": i * height, "w": round(value / top * (width - BAR_LABELS - 40))}
        for i, (label, value) in enumerate(rows)
    ]
    return {
        "items": items,
        "width": width,
        "height": max(height, height * len(items)),
        "row": height,
        "labels": BAR_LABELS - 5,
        "start": BAR_LABELS,
    }


def _month_key(day: dt.date, persian: bool) -> tuple[int, int]:
    if persian:
        j = jdatetime.date.fromgregorian(date=day)
        return (j.year, j.month)
    return (day.year, day.month)


def _month_name(year: int, month: int, persian: bool) -> tuple[str, str]:
    """(short, full) name of a month in the page's calendar: «آذر», «آذر ۱۴۰۴»; «Дек», «декабрь 2025».
    The short names are all three letters (Django's AP style mixes «Янв.» with «Апрель»)."""
    if persian:
        name = JALALI_MONTHS[month - 1]
        return name, f"{name} {year}".translate(PERSIAN_DIGITS)
    return str(MONTHS_3[month]).capitalize(), f"{MONTHS[month]} {year}"


def month_buckets(daily: list[tuple[dt.date, int]], limit: int = 24) -> list[dict[str, Any]]:
    """Counts per day grouped into the months of the page's calendar (Jalali in Persian), the empty
    months between included, the last `limit` months."""
    persian = _persian()
    counts: Counter[tuple[int, int]] = Counter()
    for day, n in daily:
        counts[_month_key(day, persian)] += n
    if not counts:
        return []
    (year, month), last = min(counts), max(counts)
    out = []
    while (year, month) <= last:
        short, full = _month_name(year, month, persian)
        out.append({"short": short, "full": full, "value": counts[(year, month)], "first": month == 1})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out[-limit:]


# about how wide a letter of the charts' 11-pixel month names is, and the gap kept between two names
LETTER, GAP = 6.2, 6


def _label_every(months: list[dict[str, Any]], step: int) -> int:
    """Every how many months a name fits under the columns without touching the next one («اردیبهشت»
    needs three columns, «Sept.» two); a divisor of 12, so that each year's first month is named."""
    longest = max((len(m["short"]) for m in months), default=0)
    needed = max(1 if len(months) <= 12 else 3, math.ceil((longest * LETTER + GAP) / step))
    return next(n for n in (1, 2, 3, 4, 6, 12) if n >= needed)


@register.inclusion_tag("web/_columns.html")
def columns(daily: list[tuple[dt.date, int]], height: int = 170) -> dict[str, Any]:
    """Articles per month as columns over an axis: month names of the page's calendar under the
    columns (every third one when there are many, and the year at its first month), the scale at
    the side, empty months as gaps of zero height."""
    months = month_buckets(daily)
    top = max((m["value"] for m in months), default=0) or 1
    step, axis, base = 26, 34, height - 34
    every = _label_every(months, step)
    anchor = next((i for i, m in enumerate(months) if m["first"]), 0)  # the year's first month is labelled
    for i, m in enumerate(months):
        m["h"] = round(m["value"] / top * (base - 10))
        m["x"] = axis + i * step
        m["top"] = base - m["h"]
        m["labelled"] = (i - anchor) % every == 0
        m["value_text"] = digits(m["value"])
    ticks = [
        {"y": base - round(v / top * (base - 10)), "text": digits(v)}
        for v in sorted({0, (top + 1) // 2, top})
    ]
    width = axis + step * max(len(months), 1) + 4
    return {"items": months, "width": width, "height": height, "base": base, "axis": axis, "ticks": ticks}


@register.filter
def place(value: Any) -> str:
    """A region's or country's name in the language of the page («گیلان», «Гилян», «Gilan»), from
    an entity or an ISO code (`kb.names.place_name`); other entities keep their name."""
    code = value if isinstance(value, str) else getattr(value, "ref", None)
    if code and names.is_place(code):
        return names.place_name(code, get_language())
    return str(getattr(value, "name", value))


@register.filter
def named(value: Any) -> str:
    """A sector slug, a region or a country code as a name in the language of the page; an HS code
    or another number in the page's digits («۷۲۰۸» on a Persian page); anything else unchanged."""
    text = str(value)
    if text.isascii() and text.isdecimal():
        return digits(text)
    return names.sector_name(text, get_language()) or place(text)


# the Persian alphabet's order (a code point sort puts «پ», «چ», «ژ», «ک», «گ», «ی» after «ه»)
PERSIAN_ALPHABET = {c: i for i, c in enumerate("آاءأإئؤبپتثجچحخدذرزژسشصضطظعغفقکكگلمنوهةیي")}


def _collation_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """A name's letters in the order of its alphabet: Persian by the Persian alphabet, other scripts
    by their letters, case and the half-space ignored."""
    return tuple(
        (0, PERSIAN_ALPHABET[c]) if c in PERSIAN_ALPHABET else (1, c) for c in name.lower() if c != "\u200c"
    )


@register.filter
def by_name(values: Any) -> list[Any]:
    """Codes (sector slugs, region codes) or the records they are the codes of, in the alphabetical
    order of their names in the page's language, where a reader looks for a name in a list
    («آموزش عالی», «بانکداری», «پتروشیمی» …)."""
    return sorted(values, key=lambda value: _collation_key(named(getattr(value, "ref", None) or value)))


def script_language(text: str) -> str | None:
    """The language a text's first letter's script suggests: Arabic script → fa, Cyrillic → ru,
    Latin → en; None for a text without letters."""
    for ch in text:
        if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff":
            return "fa"
        if "\u0400" <= ch <= "\u04ff":
            return "ru"
        if ch.isascii() and ch.isalpha():
            return "en"
    return None


@register.filter
def script(value: Any) -> str:
    """The language a text's script suggests (`script_language`), for a `lang` attribute where a
    <bdi> cannot go (an <option>); empty for a text without letters."""
    return script_language("" if value is None else str(value)) or ""


@register.filter(is_safe=True)
def content(value: Any, language: str | None = None) -> SafeString:
    """Text from the news or the users (a title, a name, the words of a fact), isolated with <bdi>
    so that it does not scramble the line around it, and marked with its language when that is not
    the page's («Gilan and Volgograd …» on a Persian page is `<bdi lang="en">`). `language` is the
    known language of the text (an article's); otherwise its script decides."""
    text = "" if value is None else str(value)
    if not text:
        return mark_safe("")
    lang = language or script_language(text)
    if lang is None:  # numbers and signs: isolated, nothing to mark
        return format_html("<bdi>{}</bdi>", text)
    if lang != (get_language() or "fa")[:2]:
        return format_html('<bdi lang="{}" dir="auto">{}</bdi>', lang, text)
    return format_html('<bdi dir="auto">{}</bdi>', text)


_LEAD_PREFIX = re.compile(
    r"^\s*(?:"
    r"(?:به\s+گزارش|بنا\s+بر\s+گزارش|به\s+نقل\s+از)\s+[^،,:.]{1,80}[،,:]\s*"  # «به گزارش ایرنا،»
    # «Rasht, 2 October 2025 —», «МОСКВА, 3 октября. /ТАСС/.»
    r"|[A-ZА-ЯЁ][\w\-. ]{1,40},\s+\d{1,2}\s+\w+(?:\s+\d{4})?(?:\s+года)?\.?\s*"
    r"(?:/[^/]{1,20}/\.?)?\s*[—–-]?\s*"
    r"|[A-ZА-ЯЁ][A-ZА-ЯЁ\- ]{1,30}\s*[,—–-]\s*"  # «MOSCOW —», «МОСКВА,»
    r"|\(?[A-Z][A-Za-z]{1,15}\)?\s*[—–-]\s+"  # «(IRNA) —»
    r")",
    re.UNICODE,
)
HEADLINE_CHARS = 110


@register.filter
def headline(value: Any, limit: int = HEADLINE_CHARS) -> str:
    """A short title to show: HTML entities decoded once, without «به گزارش X،», an agency's name
    or a dateline in front, cut at a word to at most `limit` characters."""
    text = " ".join(html.unescape("" if value is None else str(value)).split())
    for _ in range(2):  # «به گزارش ایرنا، تهران —»: a dateline may follow the agency
        text = _LEAD_PREFIX.sub("", text, count=1)
    text = text.strip(" -—–،,:")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ،,:;-—–") + "…"


@functools.cache
def _node_ids() -> dict[str, str]:
    return {data["name"]: node for node, data in routes.network().nodes(data=True)}


def node_name(name: str) -> tuple[str, str | None]:
    """(name, language) of a transit node given by its id («incheh_borun», as routes list the
    places they pass) or its English name: in the page's language from the transit graph
    (`routes.node_label`), else the English name with `en` (the caller marks it); never the id."""
    language = (get_language() or "fa")[:2]
    nodes = routes.network().nodes
    node = name if name in nodes else _node_ids().get(name, "")
    if not node:
        return name, None if language == "en" or not name else "en"
    text, written_in = routes.node_label(node, language)
    return text, None if written_in == language else written_in


@register.simple_tag
def node(name: str) -> SafeString:
    """A transit node's name as HTML, marked with `lang` when it is not in the page's language."""
    text, lang = node_name(name)
    return format_html('<bdi lang="{}">{}</bdi>', lang, text) if lang else format_html("<bdi>{}</bdi>", text)


@register.simple_tag
def node_svg(name: str) -> SafeString:
    """The attributes and text of a map label: `lang="en">Olya` or `>اولیا`."""
    text, lang = node_name(name)
    return format_html(' lang="{}">{}', lang, text) if lang else format_html(">{}", text)


MODE_NAMES = {"rail": gettext_lazy("rail"), "road": gettext_lazy("road"), "sea": gettext_lazy("sea")}


@register.simple_tag
def route_summary(route: Any) -> SafeString:
    """«۷ روز، ۱۵۳۵ کیلومتر، جاده–ریل–دریا از راه بندر امیرآباد» in the page's language, each number
    kept with its unit (no-break space)."""
    modes = "–".join(str(MODE_NAMES.get(m, m)) for m, _ in itertools.groupby(leg.mode for leg in route.legs))
    days = ngettext("%(n)s day", "%(n)s days", round(route.days)) % {"n": digits(round(route.days))}
    km = gettext("%(n)s km") % {"n": digits(route.km)}
    text = format_html(
        "{}{} {}{}",
        days.replace(" ", "\u00a0"),
        gettext(","),
        km.replace(" ", "\u00a0"),
        format_html("{} {}", gettext(","), modes),
    )
    if route.via:
        via = format_html_join(gettext(", "), "{}", ((node(v),) for v in route.via))
        text = format_html("{} {} {}", text, gettext("via"), via)
    return text


def _evidence_part(part: str) -> str:
    """One piece of the partner finder's evidence in the page's language."""
    if m := re.fullmatch(r"(\d+) reports?", part):
        n = int(m[1])
        return ngettext("%(n)s report", "%(n)s reports", n) % {"n": digits(n)}
    if m := re.fullmatch(r"declared offer (\d)/5", part):
        return gettext("declared offer %(n)s of 5") % {"n": digits(m[1])}
    if m := re.fullmatch(r"(\d+) firms, \$([\d,.]+)M exports", part):
        return gettext("%(n)s firms, exports %(value)s million dollars") % {
            "n": digits(m[1]),
            "value": digits(m[2].replace(",", "")),
        }
    if m := re.fullmatch(r"reported in the (\w+) market", part):
        return gettext("reported in the market of %(market)s") % {"market": gettext(m[1])}
    if part == "evidence in the news":
        return gettext("evidence in the news")
    return part


@register.filter
def evidence(value: Any) -> str:
    """The partner finder's evidence («3 reports; declared offer 4/5», «fisheries: 2 reports») in
    the page's language, sector names included."""
    text = "" if value is None else str(value)
    head, sep, rest = text.partition(": ")
    prefix = f"{named(head)}{gettext(':')} " if sep and " " not in head else ""
    body = rest if prefix else text
    return prefix + gettext("; ").join(_evidence_part(p.strip()) for p in body.split(";") if p.strip())


@register.filter
def named_list(values: Any) -> str:
    """Sector slugs or region codes as names, joined with the page language's comma."""
    return gettext(", ").join(named(v) for v in values)


@register.simple_tag
def partner_route(first: str, second: str) -> Any:
    """The recommended route between two regions' centres (the one the route page lists first), or None."""
    centres = routes.centres()
    if first not in centres or second not in centres:
        return None
    return routes.recommended(centres[first], centres[second])


@register.filter
def percent(value: Any) -> str:
    """0.65 → «۶۵٪» in Persian, «65%» otherwise."""
    if value is None:
        return "—"
    n = round(float(value) * 100)
    return f"{digits(n)}٪" if _persian() else f"{n}%"


@register.simple_tag
def date_hint() -> str:
    """How a date is typed in the page's language: «۱۴۰۴/۰۹/۲۶» or «2025-12-17»."""
    return "۱۴۰۴/۰۹/۲۶" if _persian() else "2025-12-17"


@register.filter
def translated(value: Any) -> str:
    """A code of the vocabulary (a kind, a status, a role) in the page's language."""
    return gettext(str(value)) if value else ""


@register.filter
def link_rule(value: Any) -> str:
    """How a mention was linked to a person («surname + same post») in the page's language."""
    return " + ".join(gettext(part.strip()) for part in str(value or "").split("+"))


@functools.cache
def _unit_names(language: str) -> dict[str, tuple[str, str]]:
    """Each unit's name and, where the lexicon lists it, its regular plural («tonne», «tonnes»)."""
    return {entry.key: (entry.terms[0], _plural(entry.terms)) for entry in load_table(language, "units")}


def _plural(terms: tuple[str, ...]) -> str:
    one = terms[0]
    regular = {one + "s", one + "es", one[:-1] + "ies"}
    return next((t for t in terms[1:] if t in regular), one)


@register.filter
def unit(value: Any, count: Any = None) -> str:
    """A unit code of a figure («tonne», «usd») as the page's language writes it after `count`:
    «تن» (Persian counts with the singular), «тонн» after 1 400 000 (Russian agreement,
    `morphology.agreed_with_number`), «tonnes» (the lexicon's plural) after anything but 1."""
    code = str(value or "")
    forms = _unit_names((get_language() or "fa")[:2]).get(code)
    if forms is None:
        return gettext(code) if code else ""
    if count is None or count == "":
        return forms[0]
    number = float(count)
    return agreed_with_number(forms[0] if number == 1 else forms[1], number)


@register.filter
def figure(value: Any) -> str:
    """A figure's value as a reader reads it: thousands grouped, at most two decimals and no trailing
    zeros, in the page's digits («۱٬۴۰۰٬۰۰۰» and «۰٫۳۵» in Persian, «1 400 000» in Russian)."""
    if value is None or value == "":
        return ""
    number = round(float(value), 2)
    decimals = 0 if number.is_integer() else 1 if round(number, 1) == number else 2
    return grouped_number(number, get_language(), decimals)


@register.filter
def period(value: Any) -> str:
    """A trade period code (Y, H1, Q2, M03) in words of the page's language."""
    code = str(value or "")
    if code == "Y":
        return gettext("the year")
    if m := re.fullmatch(r"([HQM])0?(\d{1,2})", code):
        kind = {"H": gettext("half %(n)s"), "Q": gettext("quarter %(n)s"), "M": gettext("month %(n)s")}[m[1]]
        return kind % {"n": digits(int(m[2]))}
    return code


@register.filter
def pct(value: Any) -> str:
    """A number of percent with the page's sign: «۵۰٫۰٪», «50.0%»."""
    return "—" if value is None else (f"{digits(value)}٪" if _persian() else f"{value}%")


@register.filter
def entity_name(entity: Any) -> str:
    """An entity's name in the page's language when the lexicon has it (regions, countries,
    sectors by their code), otherwise the name it was stored under."""
    ref = getattr(entity, "ref", None)
    return named(ref) if ref and named(ref) != ref else str(getattr(entity, "name", entity))


@register.filter
def jdate_short(value: dt.date | None) -> str:
    """A date in few characters for a chart's axis: «۲۶ آذر ۱۴۰۴» in Persian, «2025-12-17» otherwise.
    The Persian date is isolated right to left: the charts are drawn left to right, where
    «۱ آذر ۱۴۰۴» would show as «آذر ۱۴۰۴ ۱», the day's digits beside the year's."""
    if not value:
        return ""
    return f"\u2067{jalali_text(value)}\u2069" if _persian() else value.isoformat()


@register.filter
def story_title(story: Any) -> str:
    """A story's title in the page's language when one of its articles is in it (`kb.names.story_title`)."""
    return names.story_title(story, get_language())


@register.filter(is_safe=True)
def shown(entity: Any) -> SafeString:
    """An entity's name in the page's language (`kb.names.entity_name`): a person as spelled in
    the page's script (Russian in the nominative), a region from the gazetteer, an organisation
    by its most frequent name; a transliteration is marked as such."""
    language = (get_language() or "fa")[:2]
    name = names.entity_name(entity, language)
    if not name.transliterated:
        return content(name.text, language)
    return format_html(
        '{} <span class="muted" title="{}">({})</span>',
        content(name.text, language),
        gettext("No article in this language names them; spelled from another script."),
        gettext("transliterated"),
    )
