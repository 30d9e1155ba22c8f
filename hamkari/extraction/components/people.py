"""People, found from context rather than from a list of names.

A post («استاندار سمنان», «генеральный консул Ирана в Астрахани», «Governor of Gilan») is
read with what it names (a region, a country, an organisation); the person is the name right
before it («یونسی، استاندار مازندران») or after it, past the rest of the post's description
(«губернатор … Олег Синицын»). What the post names can change its role: «رئیس جمهوری
تاتارستان» and «президент Татарстана» head a region, not a state; a minister of a region's
government is an official of that region; «President of the … Chamber» heads the chamber.
A name is a run of name words (see `names.NameGuard`, which every person passes): given names
— single, compound («غلام حسین», «نعمت‌الله») or in an oblique case («Хосейна») —, initials
(«А.И.», «V.I.»), patronymics, and a surname that may take a detached part («کریمی پور»).
Without a post, a person is a given name with a surname, an honorific with a name («آقای»,
«доктор»), initials with a surname, or a name with a patronymic («ساویچف پاول
پتروویچ»). A post with no name beside it («استاندار اصفهان گفت») refers back to the person
last mentioned without a post, or forward to the next one of the same country in the next two
sentences; «وی» / «он» / «he» refer to the person last mentioned. Russian names are given in the
nominative; the spelling in the text is kept as an alias."""

from __future__ import annotations

import functools
import itertools
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from hamkari.extraction.components.context import Words, place_of
from hamkari.extraction.components.names import (
    NameGuard,
    acronym,
    display_name,
    given_names,
    initial,
    initials_end,
    name_parts,
    patronymic,
)
from hamkari.extraction.document import Document, Entity, Match, Mention, Provenance, Role, Span
from hamkari.extraction.languages import Profile, profile
from hamkari.extraction.lexicon import lemma_key, load_table, word_set
from hamkari.extraction.morphology import case_of, grammemes
from hamkari.extraction.pipeline import Component, registered

PLACE_TABLES = ("regions", "countries", "cities", "places")
COVERING = (
    *PLACE_TABLES,
    "titles",
    "organizations",
    "sectors",
    "events",
    "instruments",
    "honorifics",
    "markets",
    "outlets",
    "months",
    "units",
    "statuses",
    "modality",
    "durations",
)
CONNECTORS = frozenset({"در", "в", "во", "in", "of", "the", "to", "for", "at"})
# «معاون» / «заместитель» / «Deputy» before a post.
DEPUTY_ROLES = {
    "head_of_region": "deputy_head_of_region",
    "minister": "deputy_minister",
    "head_of_government": "official",
}
# What a post becomes when it names a region (and no organisation): «رئیس جمهور تاتارستان»,
# «Глава Чувашии», «министр … Республики Татарстан», «заместитель председателя
# правительства области».
IN_REGION = {
    "head_of_state": "head_of_region",
    "agency_head": "head_of_region",
    # the chair of a region's government («председатель правительства Астраханской области») is
    # a vice-governor or the governor's first deputy, as the deputy chairs below are deputies
    "head_of_government": "deputy_head_of_region",
    "minister": "official",
    "deputy_minister": "official",
}
GOVERNMENT_POSTS = frozenset({"minister", "deputy_minister", "head_of_government"})
# What «President» (a head of state's title) becomes when it names an organisation.
HEAD_OF_ORGANIZATION = {
    "chamber": "agency_head",
    "association": "agency_head",
    "agency": "agency_head",
    "company": "executive",
    "economic_zone": "executive",
    "university": "academic",
}
# What an executive's post («مدیر کل», «director-general», «генеральный директор») becomes when
# it names a body that is not a company or an economic zone.
EXECUTIVE_OF_BODY = {
    "ministry": "official",
    "governorate": "official",
    "agency": "agency_head",
    "chamber": "agency_head",
    "association": "agency_head",
    "university": "academic",
}
MAX_NAME_WORDS = 3
_DEPARTMENT_WORDS = 6  # words of a department between a post and its body
MAX_PERSIAN_RUN = 6
_LINKS = frozenset({"and", "и", "&", "و"})
_COMMAS = ("", ",", "،")
_DASHES = ("-", "–", "—", ":")
_QUOTES = '«»"“”„'
_OPENING_QUOTES = ("«", "„", "“", '"')
_CLOSING_QUOTES = ("»", "”", '"', "“")


@dataclass
class TitlePhrase:
    first: int  # token indexes, inclusive
    last: int
    role: str
    rule: str
    scope: str
    region: str | None = None
    country: str | None = None
    organization: Entity | None = None
    deputy_of: str | None = None
    regions: list[str] = field(default_factory=list)  # every region named, in order
    head_last: int = -1  # the last token of the post's own words, before what it names
    body_kind: str | None = None  # a body named by its word alone after a place: «head of the Tabriz chamber»
    regional: bool = False  # names a region by its kind alone: «… правительства области», «the region's …»


@functools.cache
def _body_nouns(lang: str) -> dict[str, str]:
    """The last word of the organisation heads of the bodies a president heads («палата» of
    «торговая палата», «ассоциация»), by lemma → the body's kind, when one kind has it."""
    kinds: dict[str, set[str]] = {}
    for e in load_table(lang, "organizations"):
        if e.key not in HEAD_OF_ORGANIZATION or not e.attrs or e.attrs[0] not in ("head", "tail"):
            continue
        for term in e.terms:
            words = lemma_key(term).split()
            # a head's last word («палата» of «торговая палата»); a tail alone («chamber», «university»)
            if words and (e.attrs[0] == "head" or len(words) == 1):
                kinds.setdefault(words[-1], set()).add(e.key)
    return {w: next(iter(k)) for w, k in kinds.items() if len(k) == 1}


def _body_words(matches: Iterable[Match]) -> dict[int, int]:
    """Where each organisation head word starts (folded) → how far the longest one reaches. A post
    that starts there and ends sooner is the first letters of the body's word, not a post:
    «استاندار» in «استانداری» (the governorate), «فرماندار» in «فرمانداری»."""
    out: dict[int, int] = {}
    for m in matches:
        if m.table == "organizations":
            out[m.fstart] = max(out.get(m.fstart, -1), m.fend)
    return out


@registered
class PeopleFinder(Component):
    name = "people"
    requires = ("text", "folded", "language", "tokens", "sentences", "matches", "outlets", "organizations")
    provides = ("people",)
    extends = ("entities",)

    def __call__(self, doc: Document) -> None:
        _Reader(doc).run()


class _Reader:
    """The people of one document (a new reader per document: components are shared)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.words = Words(doc, tables=COVERING)
        self.lang: Profile = profile(doc.language)
        self.guard = NameGuard(self.words, self.lang)
        self.bylines: set[int] = set()  # id() of the people who wrote the story
        # lookups that would otherwise read every person per name (see _Taken)
        self.by_surname: dict[str, Entity] = {}
        for e in doc.entities_of("person"):
            if e.key:
                self.by_surname.setdefault(e.key[-1], e)
        self.spans_of: dict[int, _Taken] = {}  # id(person) → the spans of its mentions
        self.anyone: _Taken | None = None  # the spans of every person's mentions, built when first asked
        self.named_after: set[int] = set()  # first tokens of the names read right after a post
        self.region_nouns = word_set("cues", "region_noun")  # «области», «region»

    def run(self) -> None:
        doc = self.doc
        orgs = self._org_tokens()
        phrases = self._phrases(orgs)
        bare: list[TitlePhrase] = []
        previous: tuple[TitlePhrase, Entity] | None = None
        for tp in phrases:
            person = self._named(tp)
            if person is None and previous and self._chained(previous[0], tp):
                person = previous[1]
            if person is None:
                bare.append(tp)
                previous = None
                continue
            self._add_role(person, tp)
            previous = (tp, person)
        self._untitled()
        self._acting()
        self.bylines = self._bylines()
        self._repeats()
        self._pronouns()
        self._bare(bare)
        for e in doc.entities:
            # the country a post names outweighs the guess from the given name («رستم» is also Tatar)
            if e.type == "person":
                e.country = next((r.country for r in e.roles if r.country), None) or e.country

    # --- posts -------------------------------------------------------------------------

    def _org_tokens(self) -> dict[int, Entity]:
        doc, words = self.doc, self.words
        out: dict[int, Entity] = {}
        for e in doc.entities_of("organization"):
            for m in e.mentions:
                a, b = doc.folded.to_folded(m.span.start, m.span.end)  # type: ignore[union-attr]
                for i in range(words.first_at(a), words.last_before(b) + 1):
                    out[i] = e
        return out

    def _phrases(self, orgs: dict[int, Entity]) -> list[TitlePhrase]:
        titles = self.doc.matches_of("titles")
        bodies = _body_words(self.doc.matches_of("organizations"))
        phrases: list[TitlePhrase] = []
        used: set[int] = set()
        for n, m in enumerate(titles):
            if n in used or m.key == "not_a_title":
                continue  # «во главе с» (headed by) contains a post's word but names no post
            if bodies.get(m.fstart, -1) > m.fend:
                continue  # «استانداری گیلان» is the governorate: a body's head word holds the post's
            # the token that holds the match's end: «رییس جمهور|ی» ends inside «جمهوری»
            first, last = self.words.first_at(m.fstart), self.words.first_at(m.fend) - 1
            if first > last:
                continue
            tp = TitlePhrase(first, last, m.key, m.provenance.rule, m.attrs[0] if m.attrs else "none")
            if m.key == "deputy":
                self._deputy(tp, titles, n, used)
            tp.head_last = tp.last
            self._complement(orgs, tp, titles, used)
            phrases.append(tp)
        return phrases

    def _deputy(self, tp: TitlePhrase, titles: list[Match], n: int, used: set[int]) -> None:
        """«معاون [استاندار]», «заместитель [министра]»: the post that follows, as its deputy."""
        words = self.words
        tp.role = "official"
        following = [k for k in range(n + 1, min(n + 4, len(titles))) if titles[k].key != "deputy"]
        # «заместитель председателя правительства»: the longest post at the first position
        following.sort(key=lambda k: (titles[k].fstart, -titles[k].fend))
        for k in following[:1]:
            h = titles[k]
            h_first = words.first_at(h.fstart)
            if self._portfolio(tp.last, h_first):
                tp.role = DEPUTY_ROLES.get(h.key, "official")
                tp.deputy_of = h.key
                tp.rule = f"{tp.rule}+{h.provenance.rule}"
                tp.scope = h.attrs[0] if h.attrs else tp.scope
                tp.last = words.last_before(h.fend)
                used.update(j for j in following if titles[j].fstart == h.fstart)
                return

    def _portfolio(self, deputy: int, post: int) -> bool:
        """Whether the words between «معاون» and its post are the deputy's portfolio: up to three
        words («معاون هماهنگی امور اقتصادی استاندار»), or a list of fields joined by commas and
        «و» («معاون سیاسی، امنیتی و اجتماعی فرماندار»)."""
        words = self.words
        if post - deputy <= 4 and not words.broken(deputy, post):
            return True
        if post - deputy > 6 or self._line_break(deputy, post):
            return False
        gaps = [words.gap(k, k + 1).strip() for k in range(deputy, post)]
        return all(g in _COMMAS for g in gaps) and any(
            words.word(k) in _LINKS for k in range(deputy + 1, post)
        )

    def _settle(self, tp: TitlePhrase) -> None:
        """The role a post takes from what it names (see IN_REGION, HEAD_OF_ORGANIZATION)."""
        if tp.role == "head_of_state" and tp.organization is None and self._its(tp):
            return
        if tp.scope == "abroad" and tp.region and tp.region[:2] != self.lang.home_country:
            # «فرماندار منطقه سوردلوفسک»: a county's post names the governor of a foreign region
            tp.role = "deputy_head_of_region" if tp.deputy_of else "head_of_region"
            return
        kind = tp.organization.kind if tp.organization else tp.body_kind or self._body_named(tp)
        if tp.body_kind and tp.role in ("head_of_state", "head_of_region"):
            tp.role = HEAD_OF_ORGANIZATION[tp.body_kind]  # «the head of the Tabriz chamber»
            return
        if tp.role == "head_of_state" and kind in HEAD_OF_ORGANIZATION:
            tp.role = HEAD_OF_ORGANIZATION[kind]
        elif tp.role == "official" and kind == "university":
            tp.role = "academic"  # «معاون بین‌الملل دانشگاه …», «vice-president … at … University»
        elif tp.role == "executive" and kind in EXECUTIVE_OF_BODY:
            # «director-general of the Ports and Maritime Administration», «مدیرکل … استانداری»:
            # a company's post held in a public body is that body's head or official
            tp.role = EXECUTIVE_OF_BODY[kind]
        elif not (tp.region or self._regional(tp)):
            return
        elif tp.deputy_of == "head_of_government":
            tp.role = "deputy_head_of_region"  # «заместитель председателя правительства области»
        elif kind is None or (kind == "governorate" and tp.role in GOVERNMENT_POSTS):
            # «министр … Республики Татарстан» («правительства Республики …» is the region's own
            # government, not an organisation the post heads)
            tp.role = IN_REGION.get(tp.role, tp.role)

    def _body_after_place(self, tp: TitlePhrase) -> None:
        """«the head of the Tabriz chamber»: a body's word alone right after the place the post
        names is the body the post heads (not the place's head)."""
        words = self.words
        k = tp.last + 1
        if tp.organization is not None or not tp.regions or k >= words.n or words.broken(tp.last, k):
            return
        covering = words.covered.get(k)
        if covering is not None and covering.table != "organizations":
            return
        kind = _body_nouns(self.lang.code).get(words.tokens[k].lemma)
        if kind is not None:
            tp.body_kind, tp.last = kind, k

    def _body_named(self, tp: TitlePhrase) -> str | None:
        """The kind of body a head of state's word names right after it when no organisation was
        read there and no country or region: a body's word alone («президент палаты»: a chamber)
        or an abbreviation in capitals («президент УТПП»: a chamber, a union or an agency)."""
        if tp.role != "head_of_state" or tp.region or tp.country:
            return None
        words = self.words
        k = tp.head_last + 1
        if tp.head_last < 0 or k >= words.n or words.broken(tp.head_last, k):
            return None
        covering = words.covered.get(k)
        if covering is not None:
            return covering.key if covering.table == "organizations" else None
        noun = _body_nouns(self.lang.code).get(words.tokens[k].lemma)
        if noun is not None:
            return noun
        text = self.doc.text[words.span(k, k).start : words.span(k, k).end]
        return "agency" if len(text) >= 2 and text.isupper() and text.isalpha() else None

    def _its(self, tp: TitlePhrase) -> bool:
        """«led by its president X»: a post after a possessive heads the organisation named
        last before it in the sentence."""
        words = self.words
        if tp.first == 0 or words.word(tp.first - 1) not in self.lang.possessives:
            return False
        start = words.span(tp.first, tp.first).start
        sentence = self.doc.sentence_at(start)
        floor = sentence.span.start if sentence else 0
        before = [
            (m.span.end, e)
            for e in self.doc.entities_of("organization")
            if e.kind in HEAD_OF_ORGANIZATION
            for m in e.mentions
            if floor <= m.span.start and m.span.end <= start
        ]
        if not before:
            return False
        org = max(before, key=lambda x: x[0])[1]
        tp.organization = org
        tp.role = HEAD_OF_ORGANIZATION[org.kind or ""]
        return True

    def _complement(
        self, orgs: dict[int, Entity], tp: TitlePhrase, titles: list[Match], used: set[int]
    ) -> None:
        """Read what the post names: «استاندار [سمنان]», «سفیر [جمهوری اسلامی ایران] در [روسیه]»."""
        words = self.words
        inner = orgs.get(tp.last)
        if inner is not None:
            # «رئیس اتاق بازرگانی، صنایع، معادن و کشاورزی یزد»: the post's words open the name
            self._complement_step(orgs, tp, titles, used, tp.last)
        i = tp.last + 1
        steps = 0
        while i < words.n and steps < 8 and not words.broken(i - 1, i):
            steps += 1
            nxt = self._complement_step(orgs, tp, titles, used, i)
            if nxt is None:
                break
            i = nxt
        self._body_after_place(tp)
        self._possessive(tp)
        if tp.region and not tp.country and tp.scope in ("region", "abroad", "none", "organization"):
            tp.country = tp.region[:2]

    def _complement_step(
        self, orgs: dict[int, Entity], tp: TitlePhrase, titles: list[Match], used: set[int], i: int
    ) -> int | None:
        """Take what stands at token i into the post; the next index, or None to stop."""
        words = self.words
        org = orgs.get(i)
        cov = words.covered.get(i)
        if org is not None:
            tp.organization = tp.organization or org
            tp.region = tp.region or org.region
            tp.country = tp.country or org.country
            while i + 1 < words.n and orgs.get(i + 1) is org:
                i += 1
            tp.last = i
            return i + 1
        if cov is not None and cov.table in PLACE_TABLES:
            region, country = place_of(cov)
            if region:
                tp.regions.append(region)
            tp.region, tp.country = tp.region or region, tp.country or country
            tp.last = words.last_before(cov.fend)
            return tp.last + 1
        if cov is not None and cov.table == "titles" and cov.key != "deputy" and self._post_of_post(tp, i):
            # «مشاور رئیس جمهور», «советник президента»: a post named after another post is part of it.
            k = next((n for n, t in enumerate(titles) if t is cov), None)
            if k is not None:
                used.add(k)
            tp.last = words.last_before(cov.fend)
            return tp.last + 1
        if self._region_noun(i):
            tp.regional, tp.last = True, i  # «первый заместитель председателя правительства области»
            return i + 1
        bare_deputy = tp.role == "official" and tp.deputy_of is None and "+" not in tp.rule
        if (tp.scope == "organization" or bare_deputy) and tp.organization is None:
            body = self._department_then_body(orgs, i)
            if body is not None:
                return body
        j = i
        while j < words.n and j - i < 2 and words.word(j) in CONNECTORS | _LINKS:
            j += 1  # «President of the Kazan Chamber …»
        if j > i and j < words.n and not words.broken(i, j):
            nxt = words.covered.get(j)
            # «… استاندار گیلان در سرکنسولگری روسیه»: after its place, «در» + a body is where the
            # holder is, not part of the post
            placed = tp.region is not None or tp.country is not None
            if (orgs.get(j) is not None and not placed) or (nxt is not None and nxt.table in PLACE_TABLES):
                return j
        return None

    def _department_then_body(self, orgs: dict[int, Entity], i: int) -> int | None:
        """«مدیرکل [دفتر امور اقتصادی] استانداری مازندران», «director-general of the [Ports and
        Maritime] Administration of Hormozgan»: a department's few words between a post and the
        body it belongs to; the index of the body, or None. Words of a lexicon term, a function
        word, a verb or (in cased languages) a lower-case word end the search."""
        words = self.words
        k = i
        while k < words.n and k - i < _DEPARTMENT_WORDS and orgs.get(k) is None:
            covering = words.covered.get(k)
            if words.broken(k - 1, k) or (covering is not None and covering.table != "sectors"):
                return None  # a department's words may name its field: «Ports», «گردشگری»
            link = words.word(k) in CONNECTORS | _LINKS
            if not link and words.stop(k, "function", "verb"):
                return None
            k += 1
        if k == i or k >= words.n or orgs.get(k) is None or words.broken(k - 1, k):
            return None
        if self.lang.cased and not all(
            words.capitalised(j) or words.word(j) in CONNECTORS | _LINKS for j in range(i, k)
        ):
            # «vice-president for international affairs at Sharif University»: lower-case words
            # of a portfolio only with a connector right before the body
            return k if words.word(k - 1) in CONNECTORS else None
        return k

    def _post_of_post(self, tp: TitlePhrase, i: int) -> bool:
        """Whether the post at token i is what the post tp names: right after its head word and,
        where cases show, not in the nominative («консула …, губернатор X» is a second post)."""
        return i == tp.head_last + 1 and case_of(self.words.word(i)) != "nomn"

    def _possessive(self, tp: TitlePhrase) -> None:
        """«Volgograd Region's Deputy Governor», «Iran's Ambassador to Russia»: the place before the
        post, with «'s», is whose post it is; it wins over a place named after the post (the host
        country of an ambassador)."""
        words = self.words
        if tp.first > 0 and self._region_noun_possessive(tp.first - 1):
            tp.regional = True  # «the region's minister of industry»
        before = words.covered.get(tp.first - 1)
        if (
            before is not None
            and before.table in ("regions", "countries")
            and words.word(tp.first - 1).endswith("'s")
        ):
            if before.table == "regions":
                tp.region, tp.country = before.key, before.key[:2]
            else:
                tp.country = before.key

    def _region_noun_possessive(self, i: int) -> bool:
        """Whether token i is a region's kind with «'s»: «the region's», «the province's»."""
        word = self.words.word(i)
        return word.endswith("'s") and i not in self.words.covered and word[: -len("'s")] in self.region_nouns

    def _chained(self, before: TitlePhrase, tp: TitlePhrase) -> bool:
        """«X، مشاور رئیس جمهور، دبیر شورای …»: a second post right after the first, by comma."""
        return tp.first - before.last == 1 and self.words.gap(before.last, tp.first).strip() in (
            ",",
            "،",
            "، و",
            "و",
        )

    # --- names -------------------------------------------------------------------------

    def _named(self, tp: TitlePhrase) -> Entity | None:
        found = self._name_before(tp.first)
        if found is not None and found[0] in self.named_after and self._name_after(replace(tp)) is not None:
            # «консул … Амир Тахмасби, заместитель губернатора … Сорокин В.Г.»: in a list of posts
            # each followed by its name, the name before this post belongs to the previous one
            found = None
        if found is not None:
            self._description_after(tp)
            self._settle(tp)
            return self._person(found[0], found[1], f"people.name_before_title ({tp.rule})")
        found = self._name_after(tp)
        self._settle(tp)
        if found is None:
            return None
        hint = case_of(self.words.word(tp.first))
        self.named_after.add(found[0])
        person = self._person(found[0], found[1], f"people.name_after_title ({tp.rule})", hint)
        if person is not None:
            self._coordinated(tp, found[1], hint)
        return person

    def _description_after(self, tp: TitlePhrase) -> None:
        """«А. Иванов, министр экономики Самарской области, и …»: the place in the rest of the
        post's description, up to punctuation or a verb, when the name stands before the post."""
        words = self.words
        if tp.region or tp.country:
            return
        i = tp.last + 1
        while i < words.n and i - tp.last <= self.lang.name_reach and not words.broken(i - 1, i):
            if self._ends_description(i) or words.word(i) in _LINKS:
                return
            self._described_place(tp, i)
            if tp.region or tp.country:
                return
            i += 1

    def _coordinated(self, tp: TitlePhrase, end: int, hint: str | None) -> None:
        """«губернаторами провинций A и B X Y и Z W», «استانداران … X و Y»: after a plural post,
        a second name joined by «и» / «و» / «and» holds the post too (with the second region)."""
        words = self.words
        k = end + 1
        post = words.word(tp.first)
        plural = "plur" in grammemes(post) or post.endswith(("ها", "های", "ان", "s"))
        if not plural or k + 1 >= words.n or words.word(k) not in _LINKS or words.broken(end, k + 1):
            return
        if not (self.guard.given_at(k + 1) and self._candidate(k + 1)):
            return
        second = self._person(k + 1, self._name_run(k + 1), f"people.name_after_title ({tp.rule})", hint)
        if second is not None:
            region = tp.regions[1] if len(tp.regions) > 1 else None
            self._add_role(second, replace(tp, region=region))

    def _candidate(self, i: int) -> bool:
        return 0 <= i < self.words.n and self.guard.word(i)

    def _name_before(self, title_first: int) -> tuple[int, int] | None:
        """The name that ends right before a post: «یونسی، استاندار», «Фамилиев А.И., глава»."""
        words = self.words
        title_first = self._lead_in(title_first)
        end = title_first - 1
        if end < 0 or self._line_break(end, title_first):
            return None  # a heading or a byline line does not name the post that follows
        gap = words.gap(end, title_first).strip().strip(_QUOTES)
        if gap[:1] == "." and initial(words, end, self.lang):
            gap = gap[1:].strip()  # «Фамилиев А.И., министр …»: the initial's own full stop
        # «А. Иванов – министр …, Б. Петров – председатель …»: in a list a dash sets the post apart
        listed = self.lang.cased and gap in _DASHES[:3]
        if gap not in _COMMAS and not listed:
            return None
        if self.lang.cased:
            found = self._cased_name_before(end)
            if listed and found is not None and not self._plainly_a_name(*found):
                return None  # «Казань – столица …»: before a dash only initials or a given name
            return found
        return self._persian_name_before(end)

    def _lead_in(self, title_first: int) -> int:
        """Where an apposition opens before a post: «X, [the province's] governor-general»,
        «X, [the] minister of …» (the article and a possessive of a place or of a region's kind)."""
        words = self.words
        if not self.lang.apposition_articles:
            return title_first
        k = title_first
        while k - 1 >= 0 and title_first - k < 3 and not words.broken(k - 1, k):
            w = words.word(k - 1)
            place = w.endswith("'s") and (k - 1 in words.covered or self._region_noun_possessive(k - 1))
            if not (place or w in self.lang.apposition_articles):
                break
            k -= 1
        return k if k == title_first or words.word(k) in self.lang.apposition_articles else title_first

    def _plainly_a_name(self, start: int, end: int) -> bool:
        """Whether a name holds initials or opens with a given name: «А. Иванов», «Иван Петров»."""
        words = self.words
        return bool(self.guard.given_at(start)) or any(
            initial(words, k, self.lang) for k in range(start, end + 1)
        )

    def _line_break(self, i: int, j: int) -> bool:
        """Whether a line break separates tokens i and j in the original text."""
        words = self.words
        return "\n" in self.doc.text[words.span(i, i).end : words.span(j, j).start]

    def _cased_name_before(self, end: int) -> tuple[int, int] | None:
        words = self.words
        last_word = end
        while last_word > 0 and end - last_word < 3 and initial(words, last_word, self.lang):
            last_word -= 1
        if last_word != end:
            return self._initials_tail(last_word, end)  # «Фамилиев А.И., глава …»
        if not self.guard.word(end, after_given=end > 0 and initial(words, end - 1, self.lang)):
            return None  # «А.И. Лебедь, глава …»: after initials a noun is a surname
        start = end
        while start - 1 >= 0 and end - start + 1 < MAX_NAME_WORDS + 2:
            if initial(words, start - 1, self.lang):
                start -= 1  # «А.И. Фамилиев, глава …»: the initial's full stop is not a break
                continue
            # «Лебедь Павел Иванович, …»: a surname before a given name and patronymic
            beside = self.guard.beside_name(start - 1, start - 1, end)
            if words.broken(start - 1, start) or not self.guard.word(start - 1, after_given=beside):
                break
            start -= 1
        return start, end

    def _initials_tail(self, surname: int, end: int) -> tuple[int, int] | None:
        """Initials separated from the surname by their full stop only: «Фамилиев А. И.»."""
        gap_ok = all(self.words.gap(k, k + 1).strip() in ("", ".") for k in range(surname, end))
        return (surname, end) if gap_ok and self._candidate(surname) else None

    def _persian_name_before(self, end: int) -> tuple[int, int] | None:
        """A Persian name before a post: the given names that open it and one or two surname
        words («سید حسن علی نیک نام، شهردار …»); without a given name, one surname (with a
        detached part: «کریمی پور») that opens a clause or follows a noun or honorific."""
        words = self.words
        if not self._candidate(end):
            return None
        run = end
        while run - 1 >= 0 and end - run + 1 < MAX_PERSIAN_RUN and not words.broken(run - 1, run):
            if not self._candidate(run - 1):
                break
            run -= 1
        for g in range(run, end):
            taken = self.guard.given_at(g)
            if not taken:
                continue
            h = g + taken
            while h < end and self.guard.given_at(h):
                h += self.guard.given_at(h)
            surname = end - h + 1
            if 1 <= surname <= 2 or (surname == 3 and words.word(end) in name_parts("surname_part")):
                return g, end
        return self._persian_surname_before(end)

    def _persian_surname_before(self, end: int) -> tuple[int, int] | None:
        words = self.words
        start = end
        if words.word(end) in name_parts("surname_part") and self._candidate(end - 1):
            start = end - 1
        if start == 0 or words.broken(start - 1, start):
            return start, end
        before = words.word(start - 1)
        if words.stop(start - 1, "function"):
            # «از طرف سفیر», «به دعوت سرکنسول», «به امضای وزیر»: after a preposition, a word
            # joined to the post is a noun of the phrase, not a name; a comma sets a name apart
            # («میان X، استاندار …») and «و» links names in a list.
            comma = words.gap(end, end + 1).strip() != ""
            return (start, end) if comma or before == "و" else None
        opens = start - 1 == 0 or words.broken(start - 2, start - 1)
        if opens and self._candidate(start - 1):
            return start - 1, end  # «رافائل زیناتولین، معاون …» at a sentence start
        if words.stop(start - 1, "noun") or before in word_set("honorifics", "honorific"):
            return start, end
        return None

    def _name_after(self, tp: TitlePhrase) -> tuple[int, int] | None:
        """A name after the post, past the rest of its description: «مدیرکل راه‌آهن شمال شرق، رضا
        قربانی‌نیا», «заместитель министра цифрового развития, связи … России Андрей Зарецкий»."""
        words = self.words
        honorifics = word_set("honorifics", "honorific")
        described = False
        i = tp.last + 1
        while i < words.n and i - tp.last <= self.lang.name_reach:
            if self._line_break(i - 1, i):
                return None
            gap = words.gap(i - 1, i).strip().strip(_QUOTES)
            if gap not in _COMMAS and not (i == tp.last + 1 and gap in _DASHES):
                return None  # «градоначальники – X и Y»: a dash or colon may open the names
            if gap and words.word(i) in _LINKS:
                return None  # «А. Иванов, министр …, и Б. Петров, …»: after «, и» the list goes on
            cover = words.covered.get(i)
            if cover is not None and cover.table == "titles" and cover.key != "deputy":
                return None  # «… консула Ирана, губернатор X»: the next post has its own name
            closing = self._quoted_name_end(i)
            if closing is not None:
                # «председатель совета директоров компании «Карун Трейд» Масуд …»: a quoted name
                # is the body's (a company, a brand), never the holder's; the name follows it
                described, i = True, closing + 1
                continue
            j = i
            while j < words.n and words.word(j) in honorifics:
                j += 1
            if self._name_starts(j, described):
                tp.last = max(tp.last, i - 1)
                return j, self._name_run(j)
            if self._ends_description(i):
                return None
            self._described_place(tp, i)
            if self.lang.cased and words.capitalised(i) and i not in words.covered:
                # «Minister of Economic Development Olga Ivanova»: capitalised words of the post's
                # description are passed over; any other capitalised word ends the search.
                # «ректор ПГУ Олег …»: a body's abbreviation right after the post is described too
                written = self.doc.quote(words.span(i, i))
                if not (described or words.word(i - 1) in CONNECTORS | _LINKS or acronym(written)):
                    return None
                described = True
            elif self.lang.cased:
                described = words.word(i) in CONNECTORS | _LINKS and described
            i += 1
        return None

    def _regional(self, tp: TitlePhrase) -> bool:
        """Whether the post names a region by its kind alone, inside its span or before it."""
        if not tp.regional:
            tp.regional = any(self._region_noun(k) for k in range(tp.first, tp.last + 1))
        return tp.regional

    def _region_noun(self, i: int) -> bool:
        """Whether token i names a region by its kind alone («области», «края», «region»)."""
        tok = self.words.tokens[i]
        nouns = self.region_nouns
        return (tok.text in nouns or tok.lemma in nouns) and i not in self.words.covered

    def _quoted_name_end(self, i: int) -> int | None:
        """The last token of a quoted name that opens at token i, or None."""
        words = self.words
        if not words.gap(i - 1, i).rstrip().endswith(_OPENING_QUOTES):
            return None
        k = i
        while k + 1 < words.n and k - i < 6 and not words.broken(k, k + 1):
            if any(q in words.gap(k, k + 1) for q in _CLOSING_QUOTES):
                return k
            k += 1
        return None

    def _described_place(self, tp: TitlePhrase, i: int) -> None:
        """A place inside the post's description: «министр промышленности [Республики Татарстан]»,
        or a region named by its kind alone («министр … области»)."""
        if self._region_noun(i):
            tp.regional = True
        cov = self.words.covered.get(i)
        if cov is not None and cov.table in PLACE_TABLES:
            region, country = place_of(cov)
            tp.region, tp.country = tp.region or region, tp.country or country or (region or "")[:2] or None

    def _name_starts(self, j: int, described: bool) -> bool:
        """Whether a name starts at token j after a post."""
        words = self.words
        if j >= words.n:
            return False
        if initial(words, j, self.lang):
            k = initials_end(words, j, self.lang)
            return 0 <= k < words.n and self.guard.word(k, after_given=True)  # «П.И. Лебедь»
        if not self._candidate(j):
            return False
        if not self.lang.cased:
            return bool(self.guard.given_at(j))
        return bool(self.guard.given_at(j)) or not described

    def _ends_description(self, i: int) -> bool:
        words = self.words
        if words.stop(i, "verb") or (not self.lang.cased and words.stop(i, "function")):
            return True
        if self.lang.morphology and {"VERB", "INFN"} & grammemes(words.word(i)):
            return True
        # «… Governor of Astrakhan Region to discuss Caspian shipping»: no name here.
        return (
            self.lang.lowercase_ends_post
            and not words.capitalised(i)
            and words.word(i) not in CONNECTORS | _LINKS | self.lang.place_nouns
        )

    def _name_run(self, first: int) -> int:
        """Where a name that starts at `first` ends: initials or given name(s), a patronymic, a
        surname (with a detached part: «کریمی پور»)."""
        words = self.words
        end = initials_end(words, first, self.lang) if initial(words, first, self.lang) else first
        if end != first:
            # «В.И. Винокуров», «П.И. Лебедь»: after initials a capitalised word is the surname
            return end if end < words.n and self.guard.word(end, after_given=True) else end - 1
        while end + 1 < words.n and not words.broken(end, end + 1):
            if not self._continues(first, end):
                break
            end += 1
        if initial(words, end + 1, self.lang) and not words.broken(end, end + 1):
            end = initials_end(words, end + 1, self.lang) - 1  # «Сидоренко А.П.»
        return end

    def _continues(self, first: int, end: int) -> bool:
        """Whether the name first..end goes on with the next word."""
        words = self.words
        nxt = end + 1
        if initial(words, nxt, self.lang):
            return False
        if not self.lang.cased and end > first and words.word(nxt) in name_parts("surname_part"):
            return True  # «حسن کریمی پور»
        cover = words.covered.get(nxt)
        # «لیلا کشاورزیان»: after a given name, a surname may contain a sector word.
        surname_like = cover is not None and cover.table == "sectors" and bool(self.guard.given_at(end))
        if not (self.guard.word(nxt, after_given=bool(self.guard.given_at(end))) or surname_like):
            return False
        if patronymic(words.word(nxt)):
            return True
        given_run = self._given_run(first)
        if end - first + 1 >= MAX_NAME_WORDS + max(0, given_run - 1):
            return False
        if not self.lang.cased:
            # a Persian name goes on while its given names do, and after a patronymic to the
            # surname («دنیس اولگویچ زاخارچنکو»)
            return first + given_run > end or patronymic(words.word(end))
        current = grammemes(words.word(end))
        named = bool(self.guard.given_at(end)) or patronymic(words.word(end))
        # A surname closes the name: «Хамидом Асгарзаде | Алиев предложил»; the first word of a
        # name that is not a known surname is a given name the lexicon lacks («Ильдар Хасанов»).
        first_word = end == first and "Surn" not in current
        return named or first_word or "Name" in current or "Patr" in current

    def _given_run(self, first: int) -> int:
        """How many words of given names open the name at `first` («سید محمد علی» → 3)."""
        h = first
        while h < self.words.n and self.guard.given_at(h):
            h += self.guard.given_at(h)
        return h - first

    def _person(self, start: int, end: int, rule: str, hint: str | None = None) -> Entity | None:
        """The person named by tokens start..end, if they make a name (see NameGuard)."""
        doc, words = self.doc, self.words
        if not self.guard.name(start, end):
            return None
        span = words.span(start, end)
        if initial(words, end, self.lang):
            span = Span(span.start, span.end + 1)  # «Петренко И.С.»: the initial's full stop
        mention = Mention(span, Provenance("people", rule))
        given = given_names()
        written = doc.quote(span)
        surname = self._surname_key(start, end, written, hint)
        country = next((given[w.text] for w in words.tokens[start:end] if given.get(w.text)), None)
        e = self.by_surname.get(surname)
        if e is not None:
            if not self._mentioned(e, span):
                self._mention(e, mention)
            if end > start and len(written) > len(e.name):
                self._rename(e, written, start, end, hint)
            e.country = e.country or country
            return e
        person = Entity(type="person", name=written, mentions=[], key=(surname,), country=country)
        self._mention(person, mention)
        self._rename(person, written, start, end, hint)
        doc.entities.append(person)
        self.by_surname[surname] = person
        return person

    def _mentioned(self, person: Entity, span: Span) -> bool:
        """Whether a mention of `person` overlaps `span`."""
        taken = self.spans_of.get(id(person))
        if taken is None:
            taken = self.spans_of[id(person)] = _Taken(m.span for m in person.mentions)
        return taken.overlaps(span)

    def _mention(self, person: Entity, mention: Mention) -> None:
        """Add a mention that overlaps none of the person's, keeping the lookups up to date."""
        person.mentions.append(mention)
        if id(person) in self.spans_of:
            self.spans_of[id(person)].add(mention.span)
        if self.anyone is not None:
            self.anyone.mark(mention.span)

    def _surname_key(self, start: int, end: int, written: str, hint: str | None) -> str:
        """What identifies a person within the document: the surname's nominative in Russian
        («Ганиева» and «Ганиев» are one), else the surname as written."""
        words = self.words
        last = next(k for k in range(end, start - 1, -1) if not initial(words, k, self.lang))
        if not self.lang.morphology:
            return words.tokens[last].lemma
        shown = self._shown(start, end, written, hint).split()
        if len(shown) != end - start + 1:  # «М.Тавакколи»: the surname alone
            shown, start = self._shown(last, last, self.doc.quote(words.span(last, last)), hint).split(), last
        return shown[last - start].lower().replace("ё", "е")

    def _shown(self, start: int, end: int, written: str, hint: str | None) -> str:
        folded = [t.text for t in self.words.tokens[start : end + 1]]
        return display_name(folded, written, hint) if self.lang.morphology else written

    def _rename(self, person: Entity, written: str, start: int, end: int, hint: str | None) -> None:
        """Name the person in the nominative; keep the spelling of the text as an alias."""
        shown = self._shown(start, end, written, hint)
        for alias in (person.name, written):
            if alias != shown and alias not in person.aliases:
                person.aliases.append(alias)
        person.name = shown

    def _add_role(self, person: Entity, tp: TitlePhrase) -> None:
        doc, words = self.doc, self.words
        span = words.span(tp.first, tp.last)
        for r in person.roles:
            if r.role == tp.role and (r.region == tp.region or not tp.region or not r.region):
                r.region = r.region or tp.region
                r.country = r.country or tp.country
                return
        person.roles.append(
            Role(
                title=doc.quote(span),
                role=tp.role,
                span=span,
                provenance=Provenance("people", tp.rule),
                region=tp.region,
                organization=tp.organization.name if tp.organization else None,
                country=tp.country,
            )
        )

    # --- people without a post, later mentions, references back -------------------------

    def _untitled(self) -> None:
        words = self.words
        honorifics = word_set("honorifics", "honorific")
        given, initials = self.guard.given, self.guard.initials
        # what _untitled_at finds starts at an honorific, an initial (or the word before one) or a
        # given name: those tokens are picked out in one comprehension, the rest never visited
        opening = {*itertools.compress(range(words.n), given), *words.among(honorifics, lemmas=False)}
        after = 0  # a person found ends before this token; the search goes on after it
        for i in sorted(opening | initials | {k - 1 for k in initials if k > 0}):
            if i < after:
                continue
            found = self._untitled_at(i, honorifics)
            if found is None:
                continue
            start, end, rule = found
            if not self._inside_person(start, end):
                self._person(start, end, rule)
            after = end + 1

    def _untitled_at(self, i: int, honorifics: frozenset[str]) -> tuple[int, int, str] | None:
        """A person without a post starting at token i: (start, end, rule)."""
        words = self.words
        if words.word(i) in honorifics:
            if i + 1 < words.n and (self._candidate(i + 1) or initial(words, i + 1, self.lang)):
                return i + 1, self._name_run(i + 1), "people.honorific"
            return None
        if initial(words, i, self.lang) and (i == 0 or not initial(words, i - 1, self.lang)):
            end = self._name_run(i)
            return (i, end, "people.initials") if end > i and not initial(words, end, self.lang) else None
        if not (self.guard.given_at(i) and self._candidate(i)):
            return self._surname_then_initials(i)
        end = self._name_run(i)
        surname = end > i and self.guard.word(end, after_given=self.guard.beside_name(end, i, end))
        if not surname or (end + 1 < words.n and words.stop(end + 1, "light_verb")):
            return None  # «پیام رحیم آغاز شد»: a word before a light verb belongs to the verb
        if patronymic(words.word(end)) and end - i == 1:
            return self._patronymic_name(i, end)
        return i, end, "people.given_name"

    def _surname_then_initials(self, i: int) -> tuple[int, int, str] | None:
        """«Фамилиев А.И. заявил»: a surname followed by initials."""
        words = self.words
        if not initial(words, i + 1, self.lang) or words.broken(i, i + 1):
            return None
        if not self._candidate(i):
            return None
        return i, initials_end(words, i + 1, self.lang) - 1, "people.initials"

    def _patronymic_name(self, given: int, patr: int) -> tuple[int, int, str] | None:
        """«ساویچف پاول پتروویچ», «Савичев Павел Петрович»: the surname stands before
        the given name when none follows the patronymic."""
        words = self.words
        nxt = patr + 1
        if nxt < words.n and not words.broken(patr, nxt) and self._candidate(nxt):
            return given, nxt, "people.patronymic"
        if given > 0 and not words.broken(given - 1, given) and self.guard.word(given - 1, after_given=True):
            return given - 1, patr, "people.patronymic"  # «Лебедь Павел Иванович»: a noun as surname"
        return given, patr, "people.patronymic"

    def _acting(self) -> None:
        """People without a post who act in the sentence: a name right before a verb of saying
        or meeting — two capitalised name words in Russian and English («Ильдар Хасанов
        отметил»), one name word opening a Persian sentence («کریمی گفت:»)."""
        words = self.words
        speech = word_set("stopwords", "speech")
        for i in words.among(speech):
            found = self._actor_before(i)
            if found is not None and not self._inside_person(*found):
                self._person(found[0], found[1], "people.acting")

    def _actor_before(self, verb: int) -> tuple[int, int] | None:
        words = self.words
        end = verb - 1
        if end < 0 or words.broken(end, verb) or not self._candidate(end):
            return None
        if self.lang.cased:
            start = end - 1
            if start < 0 or words.broken(start, end) or not self._candidate(start):
                return None
            opens = start == 0 or words.broken(start - 1, start) or not self._candidate(start - 1)
            return (start, end) if opens else None
        opens = end == 0 or words.broken(end - 1, end)
        return (end, end) if opens else None

    def _bylines(self) -> set[int]:
        """The people named right after a byline word («خبرنگار: X», «корреспондент ТАСС X»)."""
        cues = [m for m in self.doc.matches_of("honorifics") if m.key == "byline"]
        out: set[int] = set()
        for cue in cues:
            for e in self.doc.entities_of("person"):
                first = min(m.span.start for m in e.mentions)
                between = Span(cue.span.end, first) if first > cue.span.end else None
                if between is None or len(between) > 40:
                    continue
                gap = self.doc.quote(between)
                outlet = any(between.contains(o.span) for o in self.doc.outlets) or any(
                    m.table == "outlets" for m in self.doc.matches_in(between)
                )
                if len(gap.strip(" :،,-–—\n\t")) == 0 or outlet:
                    out.add(id(e))
        return out

    def _inside_person(self, start: int, end: int) -> bool:
        span = self.words.span(start, end)
        if self.anyone is None:
            self.anyone = _Taken(m.span for e in self.doc.entities_of("person") for m in e.mentions)
        return self.anyone.touched(span)

    def _repeats(self) -> None:
        words = self.words
        people = {e.key[-1]: e for e in self.doc.entities_of("person") if e.key}
        named = itertools.compress(range(words.n), map(people.__contains__, words.lemmas))
        for i in [i for i in named if i not in words.covered]:
            person = people[words.tokens[i].lemma]
            span = words.span(i, i)
            if not self._mentioned(person, span):
                self._mention(person, Mention(span, Provenance("people", "people.repeat")))

    def _pronouns(self) -> None:
        pronouns = [m for m in self.doc.matches_of("honorifics") if m.key == "pronoun"]
        recent = _Recent(self.doc, self.bylines)
        for p in pronouns:
            person = recent.last(p.span.start, self._horizon(p.span.start, 2))
            if person is not None:
                person.mentions.append(
                    Mention(p.span, Provenance("people", f"people.pronoun ({p.provenance.rule})"))
                )
                recent.mentioned(p.span.start, person)

    def _horizon(self, before: int, within_sentences: int) -> int:
        """Where the sentence `within_sentences` before the one holding `before` starts."""
        started = self.doc.sentences_started(before)
        return (
            self.doc.sentences[started - within_sentences - 1].span.start if started > within_sentences else 0
        )

    def _last_person(self, before: int, within_sentences: int, untitled: bool = False) -> Entity | None:
        horizon = self._horizon(before, within_sentences)
        best: tuple[int, Entity] | None = None
        for e in self.doc.entities_of("person"):
            if (untitled and e.roles) or id(e) in self.bylines:
                continue
            for m in e.mentions:
                if horizon <= m.span.start < before and (best is None or m.span.start > best[0]):
                    best = (m.span.start, e)
        return best[1] if best else None

    def _next_person(self, after: int, country: str | None) -> Entity | None:
        """The first person without a post named after `after` in the same or the next two
        sentences, of the post's country when both are known («… سرکنسول ایران … . مهدی X گفت»)."""
        later = [s.span for s in self.doc.sentences if s.span.end > after][:3]
        if not later:
            return None
        horizon = later[-1].end
        best: tuple[int, Entity] | None = None
        for e in self.doc.entities_of("person"):
            if e.roles or (country and e.country and e.country != country) or id(e) in self.bylines:
                continue
            first = min(m.span.start for m in e.mentions)
            if after <= first < horizon and (best is None or first < best[0]):
                best = (first, e)
        return best[1] if best else None

    def _bare(self, bare: list[TitlePhrase]) -> None:
        for tp in bare:
            span = self.words.span(tp.first, tp.last)
            if tp.region is None and tp.organization is None:
                continue  # «رئیس جمهور» alone names an office, not someone in the story
            same = [
                e
                for e in self.doc.entities_of("person")
                if any(r.role == tp.role and r.region == tp.region for r in e.roles)
            ]
            person = same[0] if len(same) == 1 else self._last_person(span.start, 3, untitled=True)
            if person is None and not same:
                person = self._next_person(span.end, tp.country)
            if person is None:
                continue
            rule = f"people.bare_title ({tp.rule})"
            if not same:
                tp.rule = rule
                self._add_role(person, tp)
            person.mentions.append(Mention(span, Provenance("people", rule)))


class _Taken:
    """Spans that do not overlap one another, kept sorted: whether a span overlaps one of them
    in O(log n) (`overlaps`), and a character mask for spans that may overlap (`touched`)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.mask = bytearray()
        for span in sorted(spans, key=lambda s: s.start):
            self.add(span)

    def overlaps(self, span: Span) -> bool:
        # the spans are disjoint, so only the last one starting before span.end can reach into it
        i = bisect_left(self.starts, span.end)
        return i > 0 and self.ends[i - 1] > span.start

    def add(self, span: Span) -> None:
        i = bisect_left(self.starts, span.start)
        self.starts.insert(i, span.start)
        self.ends.insert(i, span.end)
        self.mark(span)

    def mark(self, span: Span) -> None:
        if len(self.mask) < span.end:
            self.mask.extend(bytes(span.end - len(self.mask)))
        self.mask[span.start : span.end] = b"\x01" * len(span)

    def touched(self, span: Span) -> bool:
        return self.mask.find(1, span.start, span.end) != -1


class _Recent:
    """The person mentioned last before a position, for pronouns («وی», «он», «he»), found by
    bisection: the mentions present when pronouns are read, in text order (the earlier person
    wins a tie, as in `_last_person`), and the pronouns resolved so far, which come in text order."""

    def __init__(self, doc: Document, bylines: set[int]) -> None:
        people = [e for e in doc.entities_of("person") if id(e) not in bylines]
        items = sorted((m.span.start, n) for n, e in enumerate(people) for m in e.mentions)
        self.people = people
        self.order = {id(e): n for n, e in enumerate(people)}
        self.starts = [start for start, _ in items]
        self.owners = [n for _, n in items]
        self.pronouns: list[tuple[int, int]] = []  # (start, person's order), rising starts

    def last(self, before: int, horizon: int) -> Entity | None:
        best: tuple[int, int] | None = None  # (start, order): the latest start, then the earlier person
        i = bisect_left(self.starts, before) - 1
        if i >= 0 and self.starts[i] >= horizon:
            while i > 0 and self.starts[i - 1] == self.starts[i]:
                i -= 1
            best = (self.starts[i], self.owners[i])
        if self.pronouns and horizon <= self.pronouns[-1][0] < before:
            start, n = self.pronouns[-1]
            if best is None or start > best[0] or (start == best[0] and n < best[1]):
                best = (start, n)
        return self.people[best[1]] if best is not None else None

    def mentioned(self, start: int, person: Entity) -> None:
        n = self.order.get(id(person))
        if n is not None:
            self.pronouns.append((start, n))
