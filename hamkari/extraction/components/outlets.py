"""News outlets: «به گزارش X», «با خبرنگار X», «X - » at the top of the text or of a paragraph,
a dateline's agency («TEHRAN, May 3 (IRNA) –», «МОСКВА, 3 марта — РИА Новости.»), a known outlet
that closes a sentence after a comma («…, РИА Новости.»), a masthead line, «ИА "X" сообщили»,
«сообщает сайт X», a domain name («iran.ru»), «сообщает X», «according to X».
A `source` cue («по данным X», «according to X») names statistics as often as news: X counts only
when it is a known outlet, quoted, or named with a media word («по данным агентства X»), never
«по данным ФТС России». A desk label at the top («گروه اقتصادی –») is page furniture (noise.tsv).

After a cue, the outlet's name runs to punctuation, a function word or a verb; in Russian and
English it must be capitalised, quoted or known, and a person's name after «рассказал» / «told»
is a source, not an outlet. An outlet is listed once however often the text cites it."""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left, bisect_right

from hamkari.extraction.components.context import PUNCTUATION, Words
from hamkari.extraction.components.names import given_names
from hamkari.extraction.document import Document, Match, Outlet, Provenance, Span
from hamkari.extraction.languages import profile
from hamkari.extraction.lexicon import load_table, word_set
from hamkari.extraction.morphology import grammemes, name_lemmas
from hamkari.extraction.normalize import fold, fold_term
from hamkari.extraction.pipeline import Component, registered

MAX_WORDS = 8
# «X - …», «X _ …» at the start of a line; «January 26, X – …» after a dateline's date.
_DASHLINE = re.compile(r"(?m)^[ \t]*([^\n\-–—_:]{2,60}?)[ \t]+[-–—_][ \t]+\S")
# «TEHRAN, Oct. 3 (MNA) –», «МОСКВА, 5 декабря /ТАСС/.»: the agency of a dateline.
# Slashes are the agency's own mark, so the story's first word may follow them:
# «Оренбург, 14 ноября. /X/ Губернатор …».
_DATELINE = re.compile(
    r"(?m)^[^\n()/]{3,50}?(?:\(([^\n()]{2,30})\)[ \t]*[-–—.]|/([^\n/]{2,30})/[ \t]*(?:[-–—.]|(?=[^\W\d_])))"
)
# A domain name: «iran.ru», «Астрахань.Ру», «www.irna.ir».
_DOMAIN = re.compile(
    r"(?<![\w.@])(?:www\.)?[\w-]{2,40}\.(?:ru|ir|com|org|net|info|рф|ру|su)(?![\w.])", re.IGNORECASE
)
# The ending every domain above ends with: it opens with a literal «.», which the regex engine
# finds at once, so a text without one is not read by _DOMAIN at all (most texts have none).
_DOMAIN_END = re.compile(r"\.(?:ru|ir|com|org|net|info|рф|ру|su)(?![\w.])", re.IGNORECASE)
# «МОСКВА, 3 марта — РИА Новости.»: place, date, a dash, then the agency up to a full stop or colon
_DASH_DATELINE = re.compile(
    r"(?m)^[ \t]*[^\W\d_][^\n,]{1,40},[ \t]*([^\n]{1,30}?)[ \t]+[-–—][ \t]+([^\n.:;,]{2,40}?)[ \t]*(?:[.:]|$)"
)
_HEAD = 400  # characters at the top where mastheads and datelines stand
# «ساری – خبرگزاری X: …», «رشت - X - …»: a place, a dash, then the agency up to a colon or a dash.
_PLACE_DASH = re.compile(
    r"(?m)^[ \t]*([^\W\d_][^\n\-–—:,،]{1,40}?)[ \t]*[-–—][ \t]*"
    r"([^\n\-–—:;؛.,،]{2,40}?)[ \t]*(?::|[-–—](?:[ \t]|$))"
)
# «X/ CITY» or «CITY / X» alone on a line of the header (or before a dash): agency and place.
# A known agency before the slash may have the story run on after the place: «ایسنا/ گیلان استاندار …».
_SLASH_KNOWN = re.compile(r"(?m)^[ \t]*([^\n/]{2,30}?)[ \t]*/[ \t]*(?=\w)")
_SLASH_LINE = re.compile(r"(?m)^[ \t]*([^\n/]{2,40}?)[ \t]*/[ \t]*([^\n/]{2,40}?)[ \t]*(?:$|[ \t][-–—][ \t])")
# «Интерфакс-Поволжье»: a regional edition joined to the outlet's name by a hyphen.
_EDITION = re.compile(r"^-[^\W\d_]+")
PLACE_TABLES = ("cities", "regions", "countries")
# tables whose words make a slash line's unknown side a section label, not an agency's name
_WORD_TABLES = ("sectors", "titles", "organizations", "events", "instruments", "cues", "markets")
# what a masthead's date line may hold besides the date: digits, punctuation, a time
_DATE_LEFT = re.compile(r"[\d۰-۹\s,.:/\-–—]+")
_WORDY = re.compile(r"[^\W\d_]{3,}")
_OPENING = re.compile(r"[«\"“]")
_QUOTED = re.compile(r"[«\"“]([^»\"”\n]{2,40})[»\"”]")
# Words that introduce a website by name: «сайт», «портал», «website», «سایت».
_LINKS = frozenset({"و", "и", "and", "&"})
_SITE_WORDS = frozenset({"сайт", "портал", "website", "site", "سایت", "پایگاه"})


@functools.cache
def _after_cue_words(lang: str) -> frozenset[str]:
    """The first words of the cues that follow an outlet's name («reports», «сообщает»)."""
    return frozenset(
        fold_term(t).split()[0] for e in load_table(lang, "outlet_cues") if e.key == "after" for t in e.terms
    )


@registered
class OutletFinder(Component):
    name = "outlets"
    requires = ("text", "folded", "language", "tokens", "ignored", "matches", "dates")
    provides = ("outlets",)

    def __call__(self, doc: Document) -> None:
        words = Words(doc)
        cues = doc.matches_of("outlet_cues")
        lookup = _Lookup(doc, cues)
        for cue in cues:
            if cue.key in ("before", "source"):
                self._after_cue(doc, words, cue, lookup)
            elif cue.key == "quoted":
                self._quoted(doc, cue.span, lookup, "outlets.quoted_after_cue")
            else:
                self._before_cue(doc, cue, lookup)
        self._mastheads(doc, lookup)
        self._dash_lines(doc, words, lookup)
        self._datelines(doc, lookup)
        self._dash_datelines(doc, words, lookup)
        self._place_dashes(doc, lookup)
        self._slash_lines(doc, words, lookup)
        self._closing(doc, lookup)
        self._quoted_after_media(doc, lookup)
        self._sites(doc)

    def _after_cue(self, doc: Document, words: Words, cue: Match, lookup: _Lookup) -> None:
        first = words.first_at(cue.fend)
        if first >= words.n or words.broken(words.last_before(cue.fend), first) or words.stop(first):
            return  # «با خبرنگار ما»: no outlet named
        if first + 1 < words.n and (words.word(first) in _SITE_WORDS or _lemma_site(words.word(first))):
            first += 1  # «как сообщает сайт «X»»: the site's name follows the site word
        if self._domain_at(doc, doc.span_of(cue.fstart, cue.fend).end, cue):
            return
        last = self._extent_end(words, first, lookup.cue_starts)
        extent = words.span(first, last)
        titled = bool(doc.matches_in(extent, ("titles",)))
        unnamed = titled or not (
            words.capitalised(first) or doc.text[extent.start - 1 : extent.start] in '«"'
        )
        inside_known = bool(doc.matches_in(extent, ("outlets",)))
        if cue.key == "source" and not (inside_known or self._media_named(doc, extent)):
            return  # «по данным ФТС России», «according to Rosstat»: a source of figures, not an outlet
        if (
            profile(doc.language).outlet_needs_name
            and not inside_known
            and (unnamed or _person(words, first))
        ):
            return  # «по данным организаторов», «рассказал Иван Петров»: a source, not an outlet
        # «به گزارش خبرگزاری X»: when the cue ends in the outlet's own head word, the name starts there.
        head = lookup.media_head(cue)
        if head is not None:
            extent = Span(head.span.start, extent.end)
        self._add(doc, extent, doc.matches_in(extent, ("outlets",)), cue, "outlets.after_cue")

    @staticmethod
    def _extent_end(words: Words, first: int, cue_starts: list[int]) -> int:
        """The last word of an outlet's name after its cue: up to punctuation, the next cue, a
        function word or a verb («با خبرنگار ایرنا گفت», «به گزارش ایرنا از رشت»)."""
        last = first
        later = bisect_left(cue_starts, words.tokens[first].start)
        next_cue = cue_starts[later] if later < len(cue_starts) else len(words.text)
        while (
            last + 1 < words.n
            and last + 1 - first < MAX_WORDS
            and words.tokens[last + 1].start < next_cue
            and not words.broken(last, last + 1)
            and not _ends_name(words, last + 1)
        ):
            last += 1
        return last

    def _before_cue(self, doc: Document, cue: Match, lookup: _Lookup) -> None:
        close = doc.matches_near(cue, 2, "outlets", lookup.everything)
        # «… ТАСС сообщает»: the name sits just before the verb; only a known outlet counts, since
        # the subject before «сообщает» is as often a ministry as a newspaper.
        for k in close:
            if 0 <= cue.fstart - k.fend <= 2:
                self._add(doc, k.span, [k], cue, "outlets.before_cue")
        # «сообщает ТАСС»: verb first, then a known outlet.
        for k in close:
            if 0 <= k.fstart - cue.fend <= 2:
                self._add(doc, k.span, [k], cue, "outlets.cue_then_name")

    def _dash_lines(self, doc: Document, words: Words, lookup: _Lookup) -> None:
        """«خبرگزاری آوا - …» at the top; a known outlet before a dash at the start of any line
        («باشگاه خبرنگاران جوان _ در جریان …»); a dateline's date before the name is skipped
        («January 26, The Iran Project – …»); a paper's name opening the lead under the headline
        («Financial Tribune – …»), when it is a name (see `_lead_name`)."""
        for m in _DASHLINE.finditer(doc.text):
            start = self._after_date(doc, m.start(1), m.end(1), lookup)
            name = doc.text[start : m.end(1)]
            if not name.strip() or PUNCTUATION.search(name):
                continue
            span = Span(start, m.end(1))
            if (
                doc.is_ignored(span)
                or lookup.dated(span)
                or fold(name).text.strip() in word_set("noise", "desk")
            ):
                continue  # «۲۰ آبان ۱۴۰۳ - ۱۰:۳۰»: a dateline, not a masthead; «گروه اقتصادی -»: a desk
            inside = lookup.known_inside(span)
            top = m.start() == 0 or not doc.text[: m.start()].strip()
            dated = start != m.start(1) and m.start() < 400  # «January 26, X – …» near the top
            if inside or ((top or dated) and len(name.split()) <= 4 and not self._place_only(doc, span)):
                self._add(doc, span, inside, None, "outlets.dash_line")
            elif self._under_headline(doc.text, m.start()) and self._lead_name(
                doc, words, span, lookup, doc.text[m.end() - 1]
            ):
                self._add(doc, span, inside, None, "outlets.lead_dash")

    @staticmethod
    def _under_headline(text: str, at: int) -> bool:
        """Whether the line at `at` is the first line after the headline (one line above it)."""
        if at >= _HEAD:
            return False  # only near the top; and no slice of a long text for every dash line
        return len([line for line in text[:at].split("\n") if line.strip()]) == 1

    def _lead_name(self, doc: Document, words: Words, span: Span, lookup: _Lookup, after: str) -> bool:
        """A lead's opening words before a dash are a paper's name when they name no place,
        post or date: in Russian and English every word capitalised, neither a clause nor a
        person, and a sentence opening after the dash («Экспорт зерна – в приоритете» is a
        subheading); in Persian (no capitals) an agency word and its name."""
        if self._place_only(doc, span) or doc.matches_in(span, ("titles", "cities", "regions", "countries")):
            return False
        if profile(doc.language).cased:
            every_word = all(w[:1].isupper() for w in doc.quote(span).split())
            return every_word and after.isupper() and self._a_name(doc, words, span)
        return self._media_first(span, lookup)

    @staticmethod
    def _media_first(span: Span, lookup: _Lookup) -> bool:
        """Whether an agency word opens `span` («خبرگزاری X»)."""
        i = bisect_left(lookup.media_starts, span.start)
        head = lookup.media[i].span if i < len(lookup.media) else None
        return head is not None and head.start == span.start and head.end < span.end

    @staticmethod
    def _after_date(doc: Document, start: int, end: int, lookup: _Lookup) -> int:
        """Where a name starts after a dateline's date: «January 26, X», «Tehran, 26 January, X»."""
        left = Span(start, end)
        ends = [m.span.end for m in doc.matches_in(left) if m.table == "months"]
        best = max(start, lookup.last_date_end(start, min(end - 1, start + 30)))
        for e in ends:
            if start < e < end and e - start <= 30:
                best = max(best, e)
        if best == start:
            return start
        rest = doc.text[best:end]
        skipped = len(rest) - len(rest.lstrip(" ,،\t.0123456789۰۱۲۳۴۵۶۷۸۹"))
        return best + skipped

    @staticmethod
    def _place_only(doc: Document, span: Span) -> bool:
        """«Тегеран – …», «Kazan –»: a place before the dash is a dateline, not an outlet."""
        places = [m.span for m in doc.matches_in(span) if m.table in ("cities", "regions", "countries")]
        covered = sum(len(p) for p in places)
        return covered >= len(doc.quote(span).strip()) - 2

    def _datelines(self, doc: Document, lookup: _Lookup) -> None:
        """«TEHRAN, Oct. 3 (MNA) –»: the agency in brackets or slashes of the first lines."""
        head = doc.text[:400]
        for m in _DATELINE.finditer(head):
            group = 1 if m.group(1) else 2
            span = Span(m.start(group), m.end(group))
            name = doc.quote(span).strip()
            if name and len(name.split()) <= 4 and not any(c.isdigit() for c in name):
                self._add(doc, span, lookup.known_inside(span), None, "outlets.dateline")

    @staticmethod
    def _media_named(doc: Document, extent: Span) -> bool:
        """«по данным агентства X», «по данным «X»»: a media word or quotes name an outlet."""
        quoted = doc.text[extent.start - 1 : extent.start] in '«"“'
        heads = doc.matches_in(extent, ("organizations",), "media")
        return quoted or any(h.span.start == extent.start for h in heads)

    def _dash_datelines(self, doc: Document, words: Words, lookup: _Lookup) -> None:
        """«МОСКВА, 3 марта — РИА Новости.»: the agency after the dash of a dated first line. The
        name is capitalised or known, at most four words, and neither a person nor a clause
        («Казань, 3 марта — Губернатор выступил.» has a verb)."""
        head = doc.text[:400]
        for m in _DASH_DATELINE.finditer(head):
            when = Span(m.start(1), m.end(1))
            if not (lookup.dated(when) or doc.matches_in(when, ("months",))):
                continue
            span = Span(m.start(2), m.end(2))
            inside = lookup.known_inside(span)
            if inside or self._a_name(doc, words, span):
                self._add(doc, span, inside, None, "outlets.dash_dateline")

    def _place_dashes(self, doc: Document, lookup: _Lookup) -> None:
        """«ساری – خبرگزاری X: …», «رشت - X - …»: a dateline's place, a dash and the agency, known
        or named with its agency word, before a colon or another dash."""
        for m in _PLACE_DASH.finditer(doc.text[:_HEAD]):
            place, span = Span(m.start(1), m.end(1)), Span(m.start(2), m.end(2))
            if not self._place_only(doc, place) or len(doc.quote(span).split()) > 4:
                continue
            inside = lookup.known_inside(span)
            if inside or self._media_first(span, lookup):
                self._add(doc, span, inside, None, "outlets.place_dash")

    def _slash_lines(self, doc: Document, words: Words, lookup: _Lookup) -> None:
        """«X/ CITY» (or «CITY / X») on a line of the header: the agency beside its place. The
        other side of the slash is a place and nothing else; the agency is at most three words,
        no place, no date; an unknown one is no word of the lexicon (a section label «اقتصاد/
        تهران», «Экономика / Казань» is not an agency) and, in Russian and English, a known
        outlet only (section labels there are capitalised words like names)."""
        for m in _SLASH_LINE.finditer(doc.text[:_HEAD]):
            one, two = Span(m.start(1), m.end(1)), Span(m.start(2), m.end(2))
            for name, place in ((one, two), (two, one)):
                text = doc.quote(name)
                if (
                    self._place_only(doc, place)
                    and not doc.matches_in(name, ("cities", "regions", "countries", "titles"))
                    and len(text.split()) <= 3
                    and not any(c.isdigit() for c in text)
                    and not lookup.dated(name)
                    and self._slash_agency(doc, name, lookup)
                ):
                    self._add(doc, name, lookup.known_inside(name), None, "outlets.slash_line")
                    break
        self._slash_known(doc, lookup)

    @staticmethod
    def _slash_agency(doc: Document, name: Span, lookup: _Lookup) -> bool:
        """Whether the words beside a slash and a place can be the agency (see `_slash_lines`)."""
        if lookup.known_inside(name):
            return True
        desk = fold(doc.quote(name)).text.strip() in word_set("noise", "desk")
        return not (profile(doc.language).cased or desk or doc.matches_in(name, _WORD_TABLES))

    def _slash_known(self, doc: Document, lookup: _Lookup) -> None:
        """«ایسنا/ گیلان استاندار …»: a known agency, a slash and a place that opens the story."""
        for m in _SLASH_KNOWN.finditer(doc.text[:_HEAD]):
            agency = Span(m.start(1), m.end(1))
            known = lookup.known_inside(agency)
            after = doc.matches_in(Span(m.end(), min(len(doc.text), m.end() + 40)), PLACE_TABLES)
            if known and known[0].span == agency and after and after[0].span.start == m.end():
                self._add(doc, agency, known, None, "outlets.slash_known")

    @staticmethod
    def _a_name(doc: Document, words: Words, span: Span) -> bool:
        name = doc.quote(span).strip()
        if not name[:1].isupper() or len(name.split()) > 4 or any(c.isdigit() for c in name):
            return False
        fstart, fend = doc.folded.to_folded(span.start, span.end)  # type: ignore[union-attr]
        inside = range(words.first_at(fstart), words.last_before(fend) + 1)
        return (
            bool(inside)
            and not _person(words, inside[0])
            and not any(_ends_name(words, i) or _lower_verb(words, i) for i in inside)
        )

    def _closing(self, doc: Document, lookup: _Lookup) -> None:
        """«…, РИА Новости.», «…, — ТАСС.»: a known outlet after a comma or a dash that ends its
        sentence is the agency the sentence is quoted from."""
        text = doc.text
        for k in lookup.known:
            before = text[max(0, k.span.start - 4) : k.span.start].rstrip(" \t")
            after = text[k.span.end : k.span.end + 2]
            if before.endswith((",", "—", "–", "-")) and (after[:1] in (".", "\n", "")):
                self._add(doc, k.span, [k], None, "outlets.closing")

    def _quoted_after_media(self, doc: Document, lookup: _Lookup) -> None:
        """«ИА "X" сообщили», «خبرگزاری «X»»: a media word followed by a quoted name."""
        for m in doc.matches_of("organizations"):
            if m.key == "media":
                self._quoted(doc, m.span, lookup, "outlets.media_quoted")

    def _quoted(self, doc: Document, word: Span, lookup: _Lookup, rule: str) -> None:
        """The quoted name right after an agency word: «ИА «X»», «РИА «X»»."""
        q = _QUOTED.match(doc.text, word.end + 1) or _QUOTED.match(doc.text, word.end)
        if q is not None and q.start() - word.end <= 1:
            span = Span(q.start(1), q.end(1))
            self._add(doc, span, lookup.known_inside(span), None, rule)

    def _mastheads(self, doc: Document, lookup: _Lookup) -> None:
        """«Press TV, December 1, 2026» or «ТАСС» alone on one of the first lines: a known outlet
        that fills its line, or is followed only by a date, is the masthead."""
        self._masthead_datelines(doc, lookup)
        for k in lookup.known:
            if k.span.start >= _HEAD:
                return
            line_start = doc.text.rfind("\n", 0, k.span.start) + 1
            line_end = doc.text.find("\n", k.span.end)
            line_end = len(doc.text) if line_end < 0 else line_end
            if doc.text[line_start : k.span.start].strip():
                continue
            # «Интерфакс-Поволжье»: the regional edition joined by a hyphen is part of the masthead
            rest = _EDITION.sub("", lookup.undated(doc.text, k.span.end, line_end))
            if not _WORDY.search(_DATE_LEFT.sub("", rest)):
                self._add(doc, k.span, [k], None, "outlets.masthead")
            elif self._reports_from(doc, k, line_end, lookup):
                self._add(doc, k.span, [k], None, "outlets.masthead_reports")

    @staticmethod
    def _reports_from(doc: Document, k: Match, line_end: int, lookup: _Lookup) -> bool:
        """«خبرگزاری X از گرگان گزارش می‌دهد؛», «ТАСС из Казани сообщает:»: a header line that
        is the outlet, at most three words (where from) and a reporting verb that ends the line."""
        i = bisect_left(lookup.after_starts, k.span.end)
        if i == len(lookup.after) or lookup.after[i].span.end > line_end:
            return False
        cue = lookup.after[i].span
        between, left = doc.text[k.span.end : cue.start], doc.text[cue.end : line_end]
        return len(between.split()) <= 3 and not _WORDY.search(left)

    def _masthead_datelines(self, doc: Document, lookup: _Lookup) -> None:
        """«Press TV, December 1, 2026» as a short dated line of the header, which the header
        reader sets aside as furniture: what is left without the date is a known outlet."""
        known = _known_terms(doc.language or "")
        for span in doc.ignored:
            if span.start >= _HEAD:
                continue
            rest = lookup.undated(doc.text, span.start, span.end).strip(" \t,،.|-–—")
            ref = known.get(fold(rest).text) if rest else None
            if ref is not None:
                at = doc.text.find(rest, span.start, span.end)
                outlet = Span(at, at + len(rest))
                if not any(o.span.overlaps(outlet) or o.ref == ref for o in doc.outlets):
                    doc.outlets.append(Outlet(rest, outlet, Provenance(self.name, "outlets.masthead"), ref))

    def _sites(self, doc: Document) -> None:
        """«сообщает сайт iran.ru», «по данным портала Астрахань.Ру»: a domain after a site word;
        «…, Properm.ru reports»: a domain before a cue that follows an outlet's name."""
        if _DOMAIN_END.search(doc.text) is None:
            return
        for m in _DOMAIN.finditer(doc.text):
            before = fold(doc.text[max(0, m.start() - 20) : m.start()]).text.split()
            after = _WORDY.findall(fold(doc.text[m.end() : m.end() + 20]).text)
            if before and (before[-1] in _SITE_WORDS or _lemma_site(before[-1])):
                self._add(doc, Span(m.start(), m.end()), [], None, "outlets.site")
            elif after and after[0] in _after_cue_words(doc.language or ""):
                self._add(doc, Span(m.start(), m.end()), [], None, "outlets.site_before_cue")

    def _domain_at(self, doc: Document, pos: int, cue: Match) -> bool:
        """A domain name right after a cue is the outlet: «по данным iran.ru»."""
        rest = doc.text[pos : pos + 80]
        m = _DOMAIN.match(doc.text, pos + len(rest) - len(rest.lstrip()))
        if m is None:
            return False
        self._add(doc, Span(m.start(), m.end()), [], cue, "outlets.domain")
        return True

    def _add(self, doc: Document, extent: Span, known: list[Match], cue: Match | None, rule: str) -> None:
        inside = [k for k in known if extent.contains(k.span)]
        span = inside[0].span if inside else extent
        ref = inside[0].key if inside else None
        detail = inside[0].provenance.rule if inside else (cue.provenance.rule if cue else "")
        name = doc.quote(span).strip(" \"'«»“”")
        opening = _OPENING.search(name)
        if opening is not None and not inside and len(name[: opening.start()].split()) <= 2:
            # «ИА «Каспий-Пресс»»: the agency's quoted name, without the agency word
            name = name[opening.end() :].strip(" \"'«»“”")
            at = doc.text.find(name, span.start, span.end)
            if not name or at < 0:
                return
            span = Span(at, at + len(name))
        if not name or any(o.span.overlaps(span) for o in doc.outlets):
            return
        folded = fold(name).text
        if any((ref and o.ref == ref) or fold(o.name).text == folded for o in doc.outlets):
            return  # the same outlet cited twice is one outlet
        doc.outlets.append(Outlet(name, span, Provenance(self.name, f"{rule} ({detail})"), ref))


class _Lookup:
    """What the cues and lines of one document look up, found by bisection rather than by
    reading every match or date (once per line that made long texts quadratic): the next cue,
    the media head word a cue ends in, the known outlets inside a span, the dates."""

    def __init__(self, doc: Document, cues: list[Match]) -> None:
        self.cue_starts = sorted(c.fstart for c in cues)
        self.everything = Span(0, max(1, len(doc.text)))
        self.media = [m for m in doc.matches_of("organizations") if m.key == "media"]
        self.media_starts = [m.span.start for m in self.media]
        # the cues that follow an outlet's name («گزارش می‌دهد», «сообщает»), in text order
        self.after = [c for c in cues if c.key == "after"]
        self.after_starts = [c.span.start for c in self.after]
        # known outlets in text order (doc.matches is sorted by start)
        self.known = doc.matches_of("outlets")
        self.known_starts = [m.span.start for m in self.known]
        dates = [doc.span_of(d.start, d.end) for d in doc.dates]
        self.date_starts = [d.start for d in dates]  # rising: dates are sorted by their start
        self.date_ends_by_start = [d.end for d in dates]
        self.date_ends = sorted(d.end for d in dates)
        # the furthest end among the dates up to each one, so that overlap needs no scan
        self.date_reach = list(itertools.accumulate((d.end for d in dates), max))

    def known_inside(self, span: Span) -> list[Match]:
        """The known outlets that lie inside `span`, in text order."""
        i = bisect_left(self.known_starts, span.start)
        j = bisect_left(self.known_starts, span.end, lo=i)
        return [k for k in self.known[i:j] if k.span.end <= span.end]

    def undated(self, text: str, start: int, end: int) -> str:
        """text[start:end] without the dates in it."""
        out, at = [], start
        for s, e in zip(self.date_starts, self.date_ends_by_start, strict=True):
            if e <= start or s >= end:
                continue
            out.append(text[at : max(at, s)])
            at = max(at, e)
        out.append(text[at:end])
        return "".join(out)

    def dated(self, span: Span) -> bool:
        """Whether a date overlaps `span`."""
        i = bisect_left(self.date_starts, span.end)  # the dates that start before span ends
        return i > 0 and self.date_reach[i - 1] > span.start

    def last_date_end(self, after: int, upto: int) -> int:
        """The largest end of a date in (after, upto]; `after` when there is none."""
        i = bisect_right(self.date_ends, upto)
        return self.date_ends[i - 1] if i > 0 and self.date_ends[i - 1] > after else after

    def media_head(self, cue: Match) -> Match | None:
        """The first media head word that the cue ends in: «به گزارش [خبرگزاری] …»."""
        found = None
        i = bisect_left(self.media_starts, cue.span.end) - 1
        # head words do not overlap one another, so their ends rise with their starts
        while i >= 0 and self.media[i].span.end >= cue.span.end:
            found = self.media[i]
            i -= 1
        return found


@functools.cache
def _known_terms(lang: str) -> dict[str, str]:
    """Folded outlet terms of a language → the outlet's id."""
    return {fold_term(term): e.key for e in load_table(lang, "outlets") for term in e.terms} if lang else {}


def _ends_name(words: Words, i: int) -> bool:
    """A function word or verb ends an outlet's name; «و» / «и» / «and» between two name words
    does not («خبرگزاری صدا و سیما»)."""
    if words.word(i) in _LINKS and i + 1 < words.n and not words.broken(i, i + 1):
        return words.stop(i + 1, "function", "verb")
    return words.stop(i, "function", "verb")


def _lower_verb(words: Words, i: int) -> bool:
    """A lower-case verb («выступил»): a clause, not a name («Вести …» is capitalised)."""
    return not words.capitalised(i) and bool({"VERB", "INFN"} & grammemes(words.word(i)))


def _person(words: Words, i: int) -> bool:
    """Whether token i starts a person's name (a given name of the lexicon or of pymorphy3)."""
    w = words.word(i)
    return w in given_names() or any(n in given_names() for n in name_lemmas(w))


def _lemma_site(word: str) -> bool:
    """«сайта», «портале»: an inflected site word."""
    return any(word.startswith(s) and len(word) - len(s) <= 2 for s in ("сайт", "портал"))
