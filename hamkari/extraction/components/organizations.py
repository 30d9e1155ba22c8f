"""Organisations named around a head word: «وزارت …», «посольство …», «… Chamber of Commerce».

The name runs from the head over the following words until punctuation, a function word or
verb (or the noun of a compound verb: «… متعهد شد», «… موافقت کرد»), a person's name, a number, or
a place that closes it («… فدراسیون روسیه»). Embassies and
consulates keep «در <city>». Russian names also take the adjectives before the head
(«Российско-Иранский деловой совет», «Астраханская торгово-промышленная палата») and stop at a
lower-case word that cannot be a genitive («в саду генконсульства ель»). A head listed with the
position `name` is a whole name by itself («ТПП», «ОЭЗ»); one listed with `place` names an
organisation only with a city or region after it («دولت مسکو», a city's government).
Generic uses are skipped: a plural or indefinite head («شرکت‌های», «کمیته‌ای»), a demonstrative
before it («این اتحادیه»), a number before it («۳۰ شرکت»), a joint marker after it («کمیته
دوجانبه» is an instrument, not a body), or a head with nothing after it.
The sectors inside a chamber's or association's name («اتاق بازرگانی، صنایع، معادن و کشاورزی»)
name the body, not a sector of the cooperation: they are dropped unless named elsewhere."""

from __future__ import annotations

import functools
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from hamkari.extraction.components.context import Words, place_of
from hamkari.extraction.document import Document, Entity, Match, Mention, MentionIndex, Provenance, Span
from hamkari.extraction.languages import Profile, profile
from hamkari.extraction.lexicon import lemma_key, load_table, persian_suffixes, word_set
from hamkari.extraction.morphology import genitive_possible, grammemes
from hamkari.extraction.numbers import number_words
from hamkari.extraction.pipeline import Component, registered

MAX_WORDS = 7
LONG_HEAD = 4  # words of a capitalised head that name a body by themselves
FORMATION_BEFORE = 3  # words between a word of setting up and the mission it sets up
# Stopword kinds that end an organisation's name; common nouns («توسعه») may be part of it.
NAME_ENDERS = ("function", "verb", "demonstrative")
PLACE_TABLES = ("regions", "countries", "cities")
_IN = frozenset({"در", "в", "во", "in"})
_LINK = frozenset({"و", "и", "and", "of", "for", "the", "&"})
# Russian prepositions inside names after which any case may follow («комитет по туризму»).
_INNER = frozenset({"по", "при", "и", "с", "для"})
# Bodies whose names list sectors («اتاق بازرگانی، صنایع، معادن و کشاورزی»): the sectors inside
# are part of the name. A ministry's or an agency's portfolio («وزارت جهاد کشاورزی») is kept: it
# says which sector the body brings to the cooperation.
_SECTOR_NAMES = frozenset({"chamber", "association"})
_QUOTES = '«»"“”„'
_OF = frozenset({"of", "the"})
# Stopword kinds that never open a name read backwards from its tail: a determiner or a function
# word capitalised at a sentence's start («The Chamber of Commerce said», «This Ministry …»).
_BEFORE_NAMES = ("function", "demonstrative")
# pymorphy3 tags of words that are a sentence's predicate, never inside a name (first reading)
_PREDICATES = frozenset({"VERB", "INFN", "ADJS", "PRTS"})


@dataclass
class _Extent:
    first: int
    last: int
    end: int
    head_first: int = -1
    key_words: list[str] = field(default_factory=list)
    region: str | None = None
    country: str | None = None


@registered
class OrganizationFinder(Component):
    name = "organizations"
    requires = ("text", "folded", "language", "tokens", "matches", "outlets")
    provides = ("organizations",)
    extends = ("entities",)

    def __call__(self, doc: Document) -> None:
        _Reader(doc).run()


class _Reader:
    """The organisations of one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lang: Profile = profile(doc.language)
        self.words = Words(
            doc, tables=(*PLACE_TABLES, "places", "titles", "organizations", "modality", "honorifics")
        )
        self.places = [m.span for m in doc.matches_of("places")]
        # looked up once per head, so indexed once: places by start, characters outlets take,
        # the zones the lexicon knows, organisations by kind
        self.place_starts = [p.start for p in self.places]
        self.posts = sorted((m.span for m in doc.matches if m.table == "titles"), key=lambda p: p.start)
        self.post_starts = [p.start for p in self.posts]
        self.outlets = bytearray(len(doc.text))
        for o in doc.outlets:
            self.outlets[o.span.start : o.span.end] = b"\x01" * len(o.span)
        self.zones = MentionIndex([e for e in doc.entities_of("organization") if e.ref])
        self.spans: set[Span] = set()  # the spans of the names read so far
        # the furthest end of those names: heads are read in text order and every name starts at
        # or before its head, so a head ending before it lies inside a name read already
        self.reach = 0
        self.by_kind: dict[str | None, list[Entity]] = {}
        # the organisations without a reference by the span of their first mention (it never
        # changes: mentions are only added), so that dropping a name read alone looks at those
        # begun there only; what is dropped leaves doc.entities once, at the end of `run`
        self.begun_at: dict[Span, list[Entity]] = {}
        self.dropped: set[int] = set()
        for e in doc.entities_of("organization"):
            self.by_kind.setdefault(e.kind, []).append(e)
            self._begun(e)

    def run(self) -> None:
        doc = self.doc
        read: dict[Span, _Extent] = {}  # the extent read from each head word, by its span
        for head in doc.matches_of("organizations"):
            if self._skipped(head.span) or (_placed_head(head) and self._inside_read(head.span)):
                continue  # «شرکت راه آهن …»: a placed head inside a name read already
            found = self._extent(head)
            if found is None:
                continue
            found = self._joined(head, found, read)
            span = self.words.span(found.first, found.end)
            if self.outlets.find(1, span.start, span.end) != -1:
                continue  # «خبرگزاری ایرنا» after «به گزارش» is the outlet, not a party
            if self.zones.inside(span, ("organization",)):
                continue  # «منطقه ویژه اقتصادی "لوتوس"» is the zone the lexicon already knows
            if self._in_post(span):
                continue  # «председатель совета директоров»: a board named inside a post is no body
            if self._to_be_formed(head, found):
                continue  # «… نمایندگی تجاری X در Y افتتاح شود»: a mission to be opened is a plan, no party
            self._add(head, span, found)
        if self.dropped:
            doc.entities[:] = [e for e in doc.entities if id(e) not in self.dropped]
        self._port_companies()
        self._mask_sectors()

    def _port_companies(self) -> None:
        """«Махачкалинский морской торговый порт»: a port the lexicon knows (places.tsv), named by
        its city's adjective and a company's words (cues.tsv, port_company), is also the company
        that runs it; «морской порт Оля», named by its place, is the place only."""
        heads = _port_heads(self.lang.code)
        words = self.words
        for m in self.doc.matches_of("places"):
            if m.attrs[0] != "port":
                continue
            first, last = words.first_at(m.fstart), words.last_before(m.fend)
            lemmas = [t.lemma for t in words.tokens[first : last + 1]]
            if (
                first >= last
                or not words.capitalised(first)
                or "ADJF" not in grammemes(words.word(first))
                or " ".join(lemmas[1:]) not in heads
            ):
                continue
            region = m.attrs[1] if m.attrs[1] != "-" else None
            ext = _Extent(first, last, last, head_first=first, key_words=lemmas, region=region)
            self._add(replace(m, key="company"), m.span, ext)

    def _joined(self, head: Match, found: _Extent, read: dict[Span, _Extent]) -> _Extent:
        """«Moscow Department for External Economic … Relations»: one head word read from the tail
        («Moscow Department») and from the head («Department for …») is one name, from the
        first word of the one to the last of the other."""
        other = read.get(head.span)
        read[head.span] = found
        if other is None or (other.first, other.end) == (found.first, found.end):
            return found
        before = range(min(found.first, other.first), max(found.head_first, other.head_first))
        if any((c := self.words.covered.get(k)) is not None and c.table == "countries" for k in before):
            return found  # «the Russian Ministry of …»: a country's adjective is not part of the name
        alone = self.words.span(other.first, other.end)
        self.spans.discard(alone)
        self._drop(alone)
        first, end = min(found.first, other.first), max(found.end, other.end)
        words = self.words.tokens[first : end + 1]
        return replace(
            found,
            first=first,
            end=end,
            key_words=[t.lemma for t in words],
            region=found.region or other.region,
            country=found.country or other.country,
        )

    def _drop(self, span: Span) -> None:
        """Forget the organisation read at `span` alone (its name is part of a longer one)."""
        for e in self.begun_at.pop(span, []):
            if len(e.mentions) == 1 and id(e) not in self.dropped:
                self.dropped.add(id(e))
                group = self.by_kind[e.kind]
                del group[next(i for i, g in enumerate(group) if g is e)]

    def _begun(self, e: Entity) -> None:
        if not e.ref and e.mentions:
            self.begun_at.setdefault(e.mentions[0].span, []).append(e)

    def _to_be_formed(self, head: Match, ext: _Extent) -> bool:
        """Whether a word of setting up follows a mission's name («… در بوشهر افتتاح شود») or stands
        up to three words before it («open a permanent trade representation of …», «открыть
        торговое представительство …»). Only missions: beside another body the word sets up
        something else («… و وزارت بهداشت X [کمیته] تشکیل شود»)."""
        if not self._abroad(head):
            return False
        words = self.words
        near = [ext.end + 1]
        k = ext.first - 1
        while k >= 0 and ext.first - k <= FORMATION_BEFORE and not words.broken(k, k + 1):
            near.append(k)  # within the clause: «… открыть. Торговое представительство …» is not
            k -= 1
        return any(
            (c := self.words.covered.get(k)) is not None and c.table == "modality" and c.key == "formation"
            for k in near
        )

    def _inside_read(self, span: Span) -> bool:
        return span.end <= self.reach

    def _place_end(self, ext: _Extent) -> int:
        """The last token of the one country named right after the head, or -1 (also for a list
        of countries: «خط راه آهن ایران و روسیه» is a line between them)."""
        words = self.words
        covering = words.covered.get(ext.last + 1) if ext.last + 1 < words.n else None
        if covering is None or covering.table != "countries":
            return -1
        end = words.last_before(covering.fend)
        listed = words.covered.get(end + 2) if end + 2 < words.n and words.word(end + 1) in _LINK else None
        return -1 if listed is not None and listed.table == "countries" else end

    def _in_post(self, span: Span) -> bool:
        """Whether the name lies wholly inside a post's words («رئیس هیئت مدیره», «Chairman of the
        Board»): the words name the post, not an organisation of the story."""
        k = bisect_right(self.post_starts, span.start) - 1
        return any(self.posts[j].contains(span) for j in range(max(0, k - 2), k + 1))

    def _skipped(self, span: Span) -> bool:
        if self.outlets.find(1, span.start, span.end) != -1:
            return True
        # places do not overlap one another: only the last one starting before the span can hold it
        k = bisect_right(self.place_starts, span.start) - 1
        return k >= 0 and self.places[k].contains(span)

    # --- extent ------------------------------------------------------------------------

    def _extent(self, head: Match) -> _Extent | None:
        words = self.words
        first, last = words.first_at(head.fstart), words.last_before(head.fend)
        if first > last or first >= words.n or self._generic(head, first, last):
            return None
        position = head.attrs[0] if head.attrs else "head"
        if self.lang.capitalised_organizations and not (
            words.capitalised(first)
            or self._of_a_name(last)
            or (position == "tail" and head.key == "governorate" and self._placed(first))
        ):
            # «the committee», «special economic zones»; but «consulate of the Islamic Republic» and
            # «the Moscow city government» (a government's lower-case tail after a place's name)
            return None
        if position == "tail":
            return self._backwards(head, first, last)
        head_first = first
        if self.lang.morphology and not self._instrument_word(head):
            first = self._adjectives_before(first)
        ext = _Extent(
            first,
            last,
            last,
            head_first=head_first,
            key_words=[t.lemma for t in words.tokens[first : last + 1]],
        )
        self._forwards(head, ext)
        self._trim_adjectives(ext)
        for k in range(ext.first, head_first):
            self._note_place(ext, words.covered.get(k))
            self._region_adjective(ext, k)
        return ext if self._accepted(head, ext, position) else None

    def _named_by_head(self, head: Match, ext: _Extent) -> bool:
        """«the province's Chamber of Commerce, Industries, Mines and Agriculture»: a capitalised
        head of four words or more is a body's full name by itself (not «the Chamber»), unless a
        capitalised word before it opens the name (read from the tail: «Astrakhan Chamber of …»)."""
        words = self.words
        k = ext.head_first
        return (
            self.lang.capitalised_organizations
            and ext.last - k + 1 >= LONG_HEAD
            and words.capitalised(k)
            and words.capitalised(ext.last)
            and (k == 0 or words.broken(k - 1, k) or not self._opens_name(k - 1))
        )

    def _opens_name(self, k: int) -> bool:
        """Whether token k may be a name's first word before its head: a capitalised word that
        is no determiner or function word («The», «In», «This» at a sentence's start are not part
        of «The Chamber of Commerce»)."""
        return self.words.capitalised(k) and not self.words.stop(k, *_BEFORE_NAMES)

    def _placed(self, first: int) -> bool:
        """Whether a city's or region's name stands right before token `first`."""
        covering = self.words.covered.get(first - 1) if first > 0 else None
        # («Gilan's ministry» is a ministry of Gilan, not its name)
        return (
            covering is not None
            and covering.table in ("cities", "regions")
            and not self.words.word(first - 1).endswith("'s")
        )

    def _generic(self, head: Match, first: int, last: int) -> bool:
        """A plural or indefinite head, or one after a demonstrative or a number, is no name."""
        words = self.words
        if (
            words.tokens[last].end != head.fend
            and words.text[head.fend : words.tokens[last].end] in persian_suffixes()
        ):
            return True  # «کمیته‌ای», «شرکت‌های»
        if first > 0 and not words.broken(first - 1, first):
            before = words.tokens[first - 1]
            if (
                before.text in word_set("stopwords", "demonstrative")
                or before.text.isdigit()
                or before.text in number_words()
                or before.lemma in number_words()
            ):
                return True  # «این اتحادیه», «۳۰ شرکت», «دو منطقه ویژه»
        return False

    def _instrument_word(self, head: Match) -> bool:
        """«об открытии Иранского культурного центра»: a head that is also an instrument's word is
        left to the instruments; adjectives do not make it a body's name."""
        return any(m.table == "instruments" and m.span == head.span for m in self.doc.matches_in(head.span))

    def _of_a_name(self, last: int) -> bool:
        """Whether «of» (and «the») and a capitalised word follow token `last`."""
        words = self.words
        j = last + 1
        if j >= words.n or words.word(j) != "of":
            return False
        while j < words.n and words.word(j) in _OF:
            j += 1
        return j < words.n and words.capitalised(j) and not words.broken(last, j)

    def _adjectives_before(self, first: int) -> int:
        """«Российско-Иранский деловой совет»: Russian adjectives before the head, up to a
        capitalised one (a proper name's start); lower-case ones alone are description."""
        words = self.words
        start = first
        k = first - 1
        while k >= 0 and first - k <= 3 and not words.broken(k, k + 1):
            tags = grammemes(words.word(k))
            if "ADJF" not in tags or "plur" in tags or words.stop(k):
                break  # «Иранские компании»: a plural is a kind of body, not a name
            if words.capitalised(k):
                start = k
            k -= 1
        return start

    def _region_adjective(self, ext: _Extent, k: int) -> None:
        """«Астраханской [торгово-промышленной палаты]»: a region's adjective names its region."""
        region = region_adjectives(self.lang.code).get(self.words.tokens[k].lemma)
        if region and not ext.region:
            ext.region = region

    def _forwards(self, head: Match, ext: _Extent) -> None:
        words = self.words
        i = ext.last + 1
        while i < words.n and i - ext.last <= MAX_WORDS and (not words.broken(i - 1, i) or self._listed(i)):
            nxt = self._step(head, ext, i)
            if nxt is None:
                return
            i = nxt

    def _trim_adjectives(self, ext: _Extent) -> None:
        """«представительство провинциальной [торговой палаты]»: a Russian name does not end in a
        lower-case adjective after its head; one the next body's head left there is dropped."""
        words = self.words
        trimmed = False
        while (
            self.lang.morphology
            and ext.end > ext.last
            and not words.capitalised(ext.end)
            and "ADJF" in grammemes(words.word(ext.end))
        ):
            ext.end -= 1
            trimmed = True
        if trimmed:
            ext.key_words = [t.lemma for t in words.tokens[ext.first : ext.end + 1]]

    def _step(self, head: Match, ext: _Extent, i: int) -> int | None:
        """Take token i into the name; the next index, or None when the name ends at i."""
        words = self.words
        closing = self._quoted_end(i)
        if closing is not None:
            # «компании «Карун Трейд»», «شرکت «…»»: a quoted name is the body's own, whatever its
            # words look like (a person's name, a place, a verb), and it closes the name
            ext.key_words.extend(t.lemma for t in words.tokens[i : closing + 1])
            ext.end = closing
            for k in range(i, closing + 1):
                self._note_place(ext, words.covered.get(k))  # «منطقه ویژه اقتصادی «لیپتسک»»
            return None
        covering = words.covered.get(i)
        if covering and covering.table in (*PLACE_TABLES, "places"):
            return self._place(head, ext, covering)
        if self._ends(ext, i, covering):
            return None
        ext.key_words.append(words.tokens[i].lemma)  # «Иранского торгового дома» = «Иранский торговый дом»
        ext.end = i
        return i + 1

    def _quoted_end(self, i: int) -> int | None:
        """The last token of a quoted name opening at token i (up to five words), or None."""
        words = self.words
        if i == 0 or not words.gap(i - 1, i).rstrip().endswith(("«", "„", "“", '"')):
            return None
        for k in range(i, min(i + 5, words.n)):
            after = words.gap(k, k + 1) if k + 1 < words.n else words.text[words.tokens[k].end :][:2]
            if any(q in after for q in ("»", "”", '"')):
                return k
            if k + 1 < words.n and words.broken(k, k + 1):
                return None
        return None

    def _ends(self, ext: _Extent, i: int, covering: Match | None) -> bool:
        """Whether the name stops before token i."""
        words = self.words
        tok = words.tokens[i]
        if covering and covering.table == "modality" and not (i == ext.last + 1 and covering.key == "joint"):
            return True
        if i == ext.last + 1 and (
            tok.text in persian_suffixes()
            or (covering and covering.table == "modality" and covering.key == "joint")
        ):
            ext.end = -1  # «کمیته مشترک»: an instrument, not a body
            return True
        if (
            covering
            and covering.table in ("titles", "organizations", "honorifics")
            and covering.fstart >= tok.start
            and not _placed_head(covering)
        ):
            return True  # another body's or a post's word; «شرکت راه آهن» goes on
        if tok.text.isdigit() or (words.stop(i, *NAME_ENDERS) and tok.text not in _LINK):
            return True  # «представительства 14 …»: a number is not part of a name
        if i + 1 < words.n and words.stop(i + 1, "light_verb") and not words.broken(i, i + 1):
            return True  # «اتاق بازرگانی متعهد شد»: the word before a light verb is the verb's own
        if tok.text in _LINK:
            return self._link_ends(i)
        return self._foreign_word(i)

    def _link_ends(self, i: int) -> bool:
        """«و» / «и» / «and» goes on to another word of the name; «of (the)» goes on to a place
        too («consulate of the Islamic Republic»)."""
        words = self.words
        j = i + 1
        while j < words.n and words.word(j) in _OF:
            j += 1
        if j >= words.n or (words.stop(j, *NAME_ENDERS) and words.word(j) not in _LINK):
            return True
        covering = words.covered.get(j)
        if covering is None:
            return False
        return not (words.word(i) in _OF and covering.table in (*PLACE_TABLES, "places"))

    def _foreign_word(self, i: int) -> bool:
        """A word that cannot continue the name in this language: a verb, a person's name, a
        lower-case English word, a Russian lower-case word that is not a genitive."""
        words = self.words
        tok = words.tokens[i]
        if self.lang.morphology and _PREDICATES & grammemes(tok.text):
            return True  # a verb, or a short adjective or participle: «Союз … рад», «… заинтересована»
        if self.lang.capitalised_organizations and not words.capitalised(i):
            return True
        if self.lang.cased and words.capitalised(i) and _looks_like_person(tok.lemma):
            return True
        quoted = self.doc.text[words.span(i, i).start - 1 : words.span(i, i).start] in _QUOTES
        return (
            self.lang.morphology
            and not quoted
            and words.word(i - 1) not in _INNER
            and not genitive_possible(tok.text)
        )

    def _place(self, head: Match, ext: _Extent, covering: Match) -> int | None:
        """A place closes the name («… فدراسیون روسیه»); an embassy keeps «در <city>» and a list
        of places goes on («… Ирана и России»)."""
        words = self.words
        j = words.last_before(covering.fend)
        ext.end = j
        named_region, named_country = place_of(covering)
        ext.region, ext.country = ext.region or named_region, ext.country or named_country
        i = j + 1
        if self._abroad(head) and i + 1 < words.n and words.word(i) in _IN:
            nxt = words.covered.get(i + 1)
            if nxt and nxt.table in (*PLACE_TABLES, "places"):
                ext.end = words.last_before(nxt.fend)
                ext.region = ext.region or (nxt.key if nxt.table == "regions" else None)
                after = words.covered.get(ext.end + 1)
                if after is not None and after.table in PLACE_TABLES:
                    ext.end = words.last_before(after.fend)  # «در آستراخان روسیه»: the seat's country
                i = ext.end + 1  # the seat closes the name unless more places follow («در مسکو پیگیر»)
        if i + 1 < words.n and words.word(i) in _LINK:
            nxt = words.covered.get(i + 1)
            if nxt and nxt.table in PLACE_TABLES:
                return i
        return None

    def _abroad(self, head: Match) -> bool:
        """An embassy, a consulate or a mission («نمایندگی تجاری», «торгпредство»: cues.tsv,
        mission) keeps «در <city>» / «в <city>» after its own place."""
        return head.key in ("embassy", "consulate") or any(
            m.table == "cues" and m.key == "mission" and m.span == head.span
            for m in self.doc.matches_in(head.span, ("cues",))
        )

    def _accepted(self, head: Match, ext: _Extent, position: str) -> bool:
        words = self.words
        alone = ext.end == ext.last and ext.first == ext.head_first and position != "name"
        if ext.end < 0 or (alone and not self._named_by_head(head, ext)):
            return False  # a head with nothing before or after it is a common noun
        named_place = (
            ext.region
            or ext.country
            or any(
                words.covered.get(k) and words.covered[k].table in ("places", "cities")
                for k in range(ext.last + 1, ext.end + 1)
            )
        )
        if (head.key == "economic_zone" or position == "place") and not named_place:
            return False  # «منطقه آزاد», «دولت» name a body only with its place: «منطقه آزاد انزلی»
        if position == "country" and not (ext.country and ext.end == self._place_end(ext)):
            return False  # «راه آهن ایران» is the company; «راه آهن رشت», «راه آهن» are no body
        # «the committee on metallurgy»: an English name is capitalised after its head
        return (
            not self.lang.capitalised_organizations
            or self._named_by_head(head, ext)
            or any(words.capitalised(k) for k in range(ext.last + 1, ext.end + 1))
        )

    def _listed(self, i: int) -> bool:
        """«وزارت صنعت، معدن و تجارت»: a comma inside a name that lists its fields."""
        words = self.words
        return (
            words.gap(i - 1, i).strip() in (",", "،")
            and i + 2 < words.n
            and words.word(i + 1) in _LINK
            and not words.stop(i, "function", "verb")
            and not words.stop(i + 2, "function", "verb")
        )

    def _backwards(self, head: Match, first: int, last: int) -> _Extent | None:
        words = self.words
        ext = _Extent(first, last, last, head_first=first)
        while (
            ext.first - 1 >= 0
            and first - ext.first < MAX_WORDS
            and not words.broken(ext.first - 1, ext.first)
            and not self._apart(ext.first - 1, ext.first)
        ):
            if not self._opens_name(ext.first - 1):
                break  # «the», «This», «In» before «… Chamber of Commerce» are not its words
            self._note_place(ext, words.covered.get(ext.first - 1))
            ext.first -= 1
        # «Isfahan University of Technology», «University of Zanjan»
        while (
            ext.end + 2 < words.n
            and words.word(ext.end + 1) == "of"
            and words.capitalised(ext.end + 2)
            and not words.broken(ext.end, ext.end + 2)
        ):
            covering = words.covered.get(ext.end + 2)
            self._note_place(ext, covering, countries=False)
            ext.end = words.last_before(covering.fend) if covering else self._capitalised_run(ext.end + 2)
        if ext.first == first and ext.end == words.last_before(head.fend):
            return None
        ext.key_words = [t.lemma for t in words.tokens[ext.first : ext.end + 1]]
        return ext

    def _apart(self, i: int, j: int) -> bool:
        """Whether a line break or a dash stands between tokens i and j in the original text, which
        folding turns into a space («… St Petersburg⏎⏎Saint Petersburg's Committee», «X – Y»)."""
        text = self.doc.text
        between = text[self.words.span(i, i).end : self.words.span(j, j).start]
        return "\n" in between or any(d in between for d in "–—")

    def _capitalised_run(self, i: int) -> int:
        """The last of the capitalised words from token i («Ministry of [Economic Development]»,
        «University of [Science and Technology]»): «and» only between two of them; a place or
        another lexicon term ends the run."""
        words = self.words
        end = i
        while end + 1 < words.n and not words.broken(end, end + 1):
            nxt = end + 1
            if words.word(nxt) == "and" and nxt + 1 < words.n and not words.broken(nxt, nxt + 1):
                nxt += 1
            if nxt in words.covered or not words.capitalised(nxt):
                break
            end = nxt
        return end

    @staticmethod
    def _note_place(ext: _Extent, covering: Match | None, countries: bool = True) -> None:
        if covering and covering.table == "regions":
            ext.region = ext.region or covering.key
        if countries and covering and covering.table == "countries":
            ext.country = ext.country or covering.key

    # --- entities ----------------------------------------------------------------------

    def _add(self, head: Match, span: Span, ext: _Extent) -> None:
        doc = self.doc
        span = _closed(doc.text, span)
        name = _unquoted(doc.quote(span))
        key_words = tuple(ext.key_words)
        region, country = ext.region, ext.country
        mention = Mention(span, Provenance("organizations", f"organizations.head ({head.provenance.rule})"))
        if span in self.spans:
            return  # «University of … of Kazan»: read from its head and from its tail, one name
        self.spans.add(span)
        self.reach = max(self.reach, span.end)
        for e in self.by_kind.get(head.key, []):
            if e.ref and region and e.region == region:
                # «منطقه ویژه اقتصادی «لیپتسک»» is the zone the lexicon knows as «… لیپتسک»
                e.mentions.append(mention)
                return
            if not e.key:
                continue
            mine = country or (region[:2] if region else None)
            if (mine and e.country and mine != e.country) or (region and e.region and region != e.region):
                continue  # «اتاق بازرگانی قزوین» and «اتاق بازرگانی … چلیابینسک» are two chambers
            national = (e.region is None and e.country) or (region is None and country)
            if region != e.region and not _same_body(head.key, key_words, e.key, bool(national)):
                continue  # «палата Ирана» and «палата провинции Гилян»
            if _same_name(key_words, e.key):
                e.mentions.append(mention)
                if _fuller(name, e.name):
                    e.name = name  # «اتاق بازرگانی اراک», then its full name: the full name shows
                e.region = e.region or region
                e.country = e.country or country or (region[:2] if region else None)
                return
        entity = Entity(
            type="organization",
            name=name or doc.quote(span),
            kind=head.key,
            key=key_words,
            region=region,
            country=country or (region[:2] if region else None),
            mentions=[mention],
        )
        doc.entities.append(entity)
        self.by_kind.setdefault(head.key, []).append(entity)
        self._begun(entity)

    def _mask_sectors(self) -> None:
        """Drop the sector mentions inside the names of bodies that list sectors (_SECTOR_NAMES)."""
        doc = self.doc
        masks = [
            m.span for e in doc.entities_of("organization") if e.kind in _SECTOR_NAMES for m in e.mentions
        ]
        if not masks:
            return
        sectors = MentionIndex(doc.entities_of("sector"))
        masked = {id(m) for k in masks for _, m in sectors.mentions_inside(k, ("sector",))}
        for e in doc.entities_of("sector"):
            e.mentions = [m for m in e.mentions if id(m) not in masked]
        doc.entities[:] = [e for e in doc.entities if e.type != "sector" or e.mentions]


def _placed_head(head: Match) -> bool:
    """A head that names a body only with a place after it (POSITION place or country)."""
    return bool(head.attrs) and head.attrs[0] in ("place", "country")


@functools.cache
def _port_heads(lang: str) -> frozenset[str]:
    """The lemmas of the words that name a port's company after its adjective (cues.tsv)."""
    return frozenset(
        lemma_key(t) for e in load_table(lang, "cues") if e.key == "port_company" for t in e.terms
    )


def _fuller(name: str, shown: str) -> bool:
    """Whether `name` is a fuller form of the name `shown`: the same first word, every word of
    it and more («اتاق بازرگانی، صنایع، معادن و کشاورزی اراک» of «اتاق بازرگانی اراک»; not
    «Russian Ministry of …» of «Ministry of …»)."""
    mine = name.replace("،", " ").replace(",", " ").split()
    theirs = shown.replace("،", " ").replace(",", " ").split()
    return bool(mine and theirs) and mine[0] == theirs[0] and set(theirs) < set(mine)


def _unquoted(name: str) -> str:
    """The name without the quotes around it or a quote left over at one end («"Лотос"»,
    «Лотос»»), but with the quotes of a name inside it («Компания «Карун Трейд»»)."""
    name = name.strip(" ")
    if len(name) > 1 and name[0] in _QUOTES and name[-1] in _QUOTES:
        name = name[1:-1]
    elif name[:1] in _QUOTES and not any(c in _QUOTES for c in name[1:]):
        name = name[1:]
    elif name[-1:] in _QUOTES and not any(c in _QUOTES for c in name[:-1]):
        name = name[:-1]
    return name.strip(" ")


def _closed(text: str, span: Span) -> Span:
    """The span with the closing quote of a quoted name it opens («компании «Карун Трейд»»)."""
    inside = text[span.start : span.end]
    if inside.count("«") > inside.count("»") and text[span.end : span.end + 1] == "»":
        return Span(span.start, span.end + 1)
    return span


@functools.cache
def region_adjectives(lang: str) -> dict[str, str]:
    """The lemma of the adjective that opens a region's name («астраханский» of «Астраханская
    область») → the region, when only one region's name opens with it."""
    found: dict[str, set[str]] = {}
    for e in load_table(lang, "regions"):
        for term in e.terms:
            words = lemma_key(term).split()
            if len(words) > 1 and "ADJF" in grammemes(words[0]):
                found.setdefault(words[0], set()).add(e.key)
    return {w: next(iter(keys)) for w, keys in found.items() if len(keys) == 1}


def _same_body(kind: str, mine: tuple[str, ...], other: tuple[str, ...], national: bool) -> bool:
    """Whether two names, one with a region and one without, name one body: an embassy or a
    consulate (the region is its seat), or the same words or a place's name before the same name
    («Isfahan University of Technology», «University of Technology») — unless the one without a
    region names a country: «палата Ирана» is not «палата провинции Гилян»."""
    if kind in ("embassy", "consulate"):
        return True
    shorter, longer = sorted((mine, other), key=len)
    return not national and longer[len(longer) - len(shorter) :] == shorter


def _same_name(mine: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """«وزارت توسعه اقتصادی» and «… فدراسیون روسیه», «وزارت خارجه» and «وزارت امور خارجه»."""
    short, long = sorted((mine, other), key=len)
    if long[len(long) - len(short) :] == short:
        return True  # «University of Technology» in «Isfahan University of Technology»
    if mine[0] != other[0]:
        return False  # «Астраханская палата» is not «палата Ирана»
    shorter, longer = sorted((set(mine), set(other)), key=len)
    return long[: len(short)] == short or (len(shorter) >= 2 and shorter <= longer)


def _looks_like_person(lemma: str) -> bool:
    return bool(grammemes(lemma) & {"Name", "Surn", "Patr"})
