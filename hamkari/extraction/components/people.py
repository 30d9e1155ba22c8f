"""People, found from context rather than from a list of names.

A post («استاندار سمنان», «генеральный консул Ирана в Астрахани», «Governor of Gilan») is
read with what it names (a region, a country, an organisation); the person is the name right
before it («یونسی، استاندار مازندران») or right after it («губернатор … Игорь Бабушкин»).
A name is a run of words that are not function words, verbs, common nouns or lexicon terms;
in Russian and English they are capitalised. The given-name list only decides where a Persian
name starts and which country a name without a post belongs to; it never finds a person alone,
except together with a surname-like word or an honorific («آقای», «دکتر»).
A post with no name beside it («استاندار اصفهان گفت») refers back to the person last
mentioned without a post; «وی» / «он» / «he» refer to the person last mentioned."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from hamkari.extraction.components.context import Words, place_of
from hamkari.extraction.document import Document, Entity, Match, Mention, Provenance, Role
from hamkari.extraction.lexicon import entries, word_set
from hamkari.extraction.morphology import grammemes
from hamkari.extraction.normalize import fold_term
from hamkari.extraction.pipeline import Component

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
DEPUTY_ROLES = {"head_of_region": "deputy_head_of_region", "minister": "deputy_minister"}
MAX_NAME_WORDS = 3
_LINKS = frozenset({"and", "и", "&"})


@functools.cache
def given_names() -> dict[str, str]:
    """Folded given name → the country its script column implies."""
    countries = {"persian": "IR", "russian": "RU"}
    out: dict[str, str] = {}
    for e in entries("given_names"):
        for t in e.terms:
            out.setdefault(fold_term(t), countries.get(e.key, ""))
    return out


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


class PeopleFinder(Component):
    name = "people"
    requires = ("matches", "tokens", "entities", "sentences")
    provides = ("entities",)

    def __call__(self, doc: Document) -> None:
        words = Words(doc, tables=COVERING)
        orgs = self._org_tokens(doc, words)
        phrases = self._phrases(doc, words, orgs)
        bare: list[TitlePhrase] = []
        previous: tuple[TitlePhrase, Entity] | None = None
        for tp in phrases:
            person = self._named(doc, words, tp)
            if person is None and previous and self._chained(words, previous[0], tp):
                person = previous[1]
            if person is None:
                bare.append(tp)
                previous = None
                continue
            self._add_role(doc, words, person, tp)
            previous = (tp, person)
        self._untitled(doc, words)
        self._repeats(doc, words)
        self._pronouns(doc, words)
        self._bare(doc, words, bare)
        for e in doc.entities:
            if e.type == "person" and e.country is None:
                e.country = next((r.country for r in e.roles if r.country), None)

    # --- posts -------------------------------------------------------------------------

    def _org_tokens(self, doc: Document, words: Words) -> dict[int, Entity]:
        out: dict[int, Entity] = {}
        for e in doc.entities_of("organization"):
            for m in e.mentions:
                a, b = doc.folded.to_folded(m.span.start, m.span.end)  # type: ignore[union-attr]
                for i in range(words.first_at(a), words.last_before(b) + 1):
                    out[i] = e
        return out

    def _phrases(self, doc: Document, words: Words, orgs: dict[int, Entity]) -> list[TitlePhrase]:
        titles = [m for m in doc.matches if m.table == "titles"]
        phrases: list[TitlePhrase] = []
        used: set[int] = set()
        for n, m in enumerate(titles):
            if n in used:
                continue
            first, last = words.first_at(m.fstart), words.last_before(m.fend)
            if first > last:
                continue
            role, rule, scope = m.key, m.provenance.rule, m.attrs[0] if m.attrs else "none"
            if role == "not_a_title":
                continue  # an idiom that contains a post's word: «во главе с» (headed by)
            if role == "deputy":
                role = "official"
                for k in range(n + 1, min(n + 3, len(titles))):
                    h = titles[k]
                    h_first = words.first_at(h.fstart)
                    if h_first - last <= 4 and not words.broken(last, h_first) and h.key != "deputy":
                        role = DEPUTY_ROLES.get(h.key, "official")
                        rule = f"{rule}+{h.provenance.rule}"
                        scope = h.attrs[0] if h.attrs else scope
                        last = words.last_before(h.fend)
                        used.add(k)
                        break
            tp = TitlePhrase(first, last, role, rule, scope)
            self._complement(doc, words, orgs, tp, titles, used)
            phrases.append(tp)
        return phrases

    def _complement(
        self,
        doc: Document,
        words: Words,
        orgs: dict[int, Entity],
        tp: TitlePhrase,
        titles: list[Match],
        used: set[int],
    ) -> None:
        """Read what the post names: «استاندار [سمنان]», «سفیر [جمهوری اسلامی ایران] در [روسیه]»."""
        i = tp.last + 1
        steps = 0
        while i < words.n and steps < 8 and not words.broken(i - 1, i):
            steps += 1
            org = orgs.get(i)
            cov = words.covered.get(i)
            if org is not None:
                tp.organization = tp.organization or org
                tp.region = tp.region or org.region
                tp.country = tp.country or org.country
                while i + 1 < words.n and orgs.get(i + 1) is org:
                    i += 1
                tp.last = i
                i += 1
                continue
            if cov is not None and cov.table in PLACE_TABLES:
                j = words.last_before(cov.fend)
                region, country = place_of(cov)
                tp.region, tp.country = tp.region or region, tp.country or country
                tp.last = j
                i = j + 1
                continue
            if cov is not None and cov.table == "titles" and cov.key != "deputy" and i == tp.last + 1:
                # «مشاور رئیس جمهور»: a post named after another post is part of it.
                k = next((n for n, t in enumerate(titles) if t is cov), None)
                if k is not None:
                    used.add(k)
                tp.last = words.last_before(cov.fend)
                i = tp.last + 1
                continue
            if words.word(i) in CONNECTORS and i + 1 < words.n:
                nxt = words.covered.get(i + 1)
                if orgs.get(i + 1) is not None or (nxt is not None and nxt.table in PLACE_TABLES):
                    i += 1
                    continue
            break
        before = words.covered.get(tp.first - 1)
        if (
            before is not None
            and before.table in ("regions", "countries")
            and words.word(tp.first - 1).endswith("'s")
        ):
            # «Volgograd Region's Deputy Governor»
            if before.table == "regions":
                tp.region = tp.region or before.key
            else:
                tp.country = tp.country or before.key
        if tp.region and not tp.country and tp.scope in ("region", "none", "organization"):
            tp.country = tp.region[:2]

    def _chained(self, words: Words, before: TitlePhrase, tp: TitlePhrase) -> bool:
        """«X، مشاور رئیس جمهور، دبیر شورای …»: a second post right after the first, by comma."""
        return tp.first - before.last == 1 and words.gap(before.last, tp.first).strip() in (
            ",",
            "،",
            "، و",
            "و",
        )

    # --- names -------------------------------------------------------------------------

    def _named(self, doc: Document, words: Words, tp: TitlePhrase) -> Entity | None:
        found = self._name_before(doc, words, tp.first)
        rule = "people.name_before_title"
        if found is None:
            found = self._name_after(doc, words, tp)
            rule = "people.name_after_title"
        if found is None:
            return None
        return self._person(doc, words, found[0], found[1], f"{rule} ({tp.rule})")

    def _candidate(self, doc: Document, words: Words, i: int) -> bool:
        tok = words.tokens[i]
        bare = tok.text.replace("-", "").replace("'", "").replace("’", "")
        if i in words.covered or words.stop(i) or not bare.isalpha() or len(tok.text) < 2:
            return False
        if "\u0600" <= tok.text[0] <= "\u06ff":
            return True
        return doc.language != "fa" and words.capitalised(i)

    def _name_before(self, doc: Document, words: Words, title_first: int) -> tuple[int, int] | None:
        end = title_first - 1
        if end < 0 or words.gap(end, title_first).strip() not in ("", ",", "،"):
            return None
        if not self._candidate(doc, words, end):
            return None
        start = end
        given = given_names()
        honorifics = word_set("honorifics", "honorific")
        while start - 1 >= 0 and end - start + 1 < MAX_NAME_WORDS and not words.broken(start - 1, start):
            prev = words.word(start - 1)
            if doc.language == "fa":
                pair = f"{words.word(start - 2)} {prev}" if start >= 2 else ""
                if pair in given and not words.broken(start - 2, start - 1):
                    start -= 2
                    break
                if prev not in given:
                    break
            elif not self._candidate(doc, words, start - 1):
                break
            start -= 1
        if (
            doc.language == "fa"
            and words.word(start) not in given
            and start > 0
            and not words.broken(start - 1, start)
        ):
            # Without a given name, a Persian name before a post starts a clause: «… و رحیمی، سفیر»,
            # never «مدیریت مؤثر استاندار» where an adjective precedes the post. At the start of
            # a sentence, an unknown first name is still a name: «رافائل زیناتولین، معاون …».
            before = words.word(start - 1)
            opens = start - 1 == 0 or words.broken(start - 2, start - 1)
            if opens and self._candidate(doc, words, start - 1):
                start -= 1
            elif not (words.stop(start - 1, "function", "noun") or before in honorifics):
                return None
        return start, end

    def _name_after(self, doc: Document, words: Words, tp: TitlePhrase) -> tuple[int, int] | None:
        """A name after the post, past the rest of its description: «مدیرکل راه‌آهن شمال شرق، رضا
        قربانی‌نیا», «заместитель министра цифрового развития, связи … России Андрей Зарецкий»."""
        honorifics = word_set("honorifics", "honorific")
        given = given_names()
        persian = doc.language == "fa"
        reach = 6 if persian else 12
        described = False
        i = tp.last + 1
        while i < words.n and i - tp.last <= reach:
            gap = words.gap(i - 1, i).strip()
            if gap not in ("", ",", "،"):
                return None
            j = i
            while j < words.n and words.word(j) in honorifics:
                j += 1
            if (
                j < words.n
                and self._candidate(doc, words, j)
                and (
                    (persian and words.word(j) in given)
                    or (not persian and words.capitalised(j) and (words.word(j) in given or not described))
                )
            ):
                end = self._name_run(doc, words, j)
                tp.last = max(tp.last, i - 1)
                return j, end
            if words.stop(i, "verb") or (persian and words.stop(i, "function")):
                return None
            if not persian and ({"VERB", "INFN"} & grammemes(words.word(i))):
                return None
            if doc.language == "en" and not words.capitalised(i) and words.word(i) not in CONNECTORS | _LINKS:
                return None  # «… Governor of Astrakhan Region to discuss Caspian shipping»: no name here
            if not persian and words.capitalised(i) and i not in words.covered:
                # «Minister of Economic Development Olga Ivanova»: capitalised words of the post's
                # description are passed over; any other capitalised word ends the search.
                if not (described or words.word(i - 1) in CONNECTORS | _LINKS):
                    return None
                described = True
            elif not persian:
                described = words.word(i) in CONNECTORS | _LINKS and described
            i += 1
        return None

    def _name_run(self, doc: Document, words: Words, first: int) -> int:
        """Where a name that starts at `first` ends: given name(s), patronymic, one surname."""
        given = given_names()
        end = first
        while end + 1 < words.n and end + 1 - first < MAX_NAME_WORDS and not words.broken(end, end + 1):
            nxt = end + 1
            cover = words.covered.get(nxt)
            # «لیلا کشاورزیان»: after a given name, a surname may contain a sector word.
            surname_like = cover is not None and cover.table == "sectors" and words.word(end) in given
            if not (self._candidate(doc, words, nxt) or surname_like):
                break
            if doc.language == "fa":
                if words.word(end) not in given:
                    break
            else:
                current = grammemes(words.word(end)) | ({"Name"} if words.word(end) in given else set())
                if "Name" not in current and "Patr" not in current:
                    break  # a surname closes the name: «Хамидом Асгарзаде | Алиев предложил»
            end = nxt
        return end

    def _person(self, doc: Document, words: Words, start: int, end: int, rule: str) -> Entity:
        surname = words.tokens[end].lemma
        span = words.span(start, end)
        mention = Mention(span, Provenance(self.name, rule))
        given = given_names()
        country = next((given[w.text] for w in words.tokens[start:end] if given.get(w.text)), None)
        for e in doc.entities_of("person"):
            if e.key and e.key[-1] == surname:
                if all(not m.span.overlaps(span) for m in e.mentions):
                    e.mentions.append(mention)
                if end > start and len(span) > len(e.name):
                    e.name = doc.quote(span)
                e.country = e.country or country
                return e
        person = Entity(
            type="person", name=doc.quote(span), mentions=[mention], key=(surname,), country=country
        )
        doc.entities.append(person)
        return person

    def _add_role(self, doc: Document, words: Words, person: Entity, tp: TitlePhrase) -> None:
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
                provenance=Provenance(self.name, tp.rule),
                region=tp.region,
                organization=tp.organization.name if tp.organization else None,
                country=tp.country,
            )
        )

    # --- people without a post, later mentions, references back -------------------------

    def _untitled(self, doc: Document, words: Words) -> None:
        given = given_names()
        honorifics = word_set("honorifics", "honorific")
        i = 0
        while i < words.n:
            w = words.word(i)
            start = i + 1 if w in honorifics else i
            rule = "people.honorific" if w in honorifics else "people.given_name"
            if start < words.n and (w in honorifics or (w in given and self._candidate(doc, words, i))):
                end = self._name_run(doc, words, start) if self._candidate(doc, words, start) else start
                if end > start or (w in honorifics and self._candidate(doc, words, start)):
                    if self._candidate(doc, words, end) and not self._inside_person(doc, words, start, end):
                        self._person(doc, words, start, end, rule)
                    i = end
            i += 1

    def _inside_person(self, doc: Document, words: Words, start: int, end: int) -> bool:
        span = words.span(start, end)
        return any(m.span.overlaps(span) for e in doc.entities_of("person") for m in e.mentions)

    def _repeats(self, doc: Document, words: Words) -> None:
        people = {e.key[-1]: e for e in doc.entities_of("person") if e.key}
        for i, tok in enumerate(words.tokens):
            person = people.get(tok.lemma)
            if person is None or i in words.covered:
                continue
            span = words.span(i, i)
            if all(not m.span.overlaps(span) for m in person.mentions):
                person.mentions.append(Mention(span, Provenance(self.name, "people.repeat")))

    def _pronouns(self, doc: Document, words: Words) -> None:
        pronouns = [m for m in doc.matches if m.table == "honorifics" and m.key == "pronoun"]
        for p in pronouns:
            person = self._last_person(doc, p.span.start, within_sentences=2)
            if person is not None:
                person.mentions.append(
                    Mention(p.span, Provenance(self.name, f"people.pronoun ({p.provenance.rule})"))
                )

    def _last_person(
        self, doc: Document, before: int, within_sentences: int, untitled: bool = False
    ) -> Entity | None:
        sentence_starts = [s.span.start for s in doc.sentences if s.span.start <= before]
        horizon = sentence_starts[-within_sentences - 1] if len(sentence_starts) > within_sentences else 0
        best: tuple[int, Entity] | None = None
        for e in doc.entities_of("person"):
            if untitled and e.roles:
                continue
            for m in e.mentions:
                if horizon <= m.span.start < before and (best is None or m.span.start > best[0]):
                    best = (m.span.start, e)
        return best[1] if best else None

    def _bare(self, doc: Document, words: Words, bare: list[TitlePhrase]) -> None:
        for tp in bare:
            span = words.span(tp.first, tp.last)
            if tp.region is None and tp.organization is None:
                continue  # «رئیس جمهور» alone names an office, not someone in the story
            same = [
                e
                for e in doc.entities_of("person")
                if any(r.role == tp.role and r.region == tp.region for r in e.roles)
            ]
            person = same[0] if len(same) == 1 else self._last_person(doc, span.start, 3, untitled=True)
            if person is None:
                continue
            rule = f"people.bare_title ({tp.rule})"
            if not same:
                tp.rule = rule
                self._add_role(doc, words, person, tp)
            person.mentions.append(Mention(span, Provenance(self.name, rule)))
