"""Organisations named around a head word: «وزارت …», «сольство …», «… Chamber of Commerce».

The name runs from the head over the following words until punctuation, a function word or
verb, a person's name, or a place that closes it («… فدراسیون روسیه»). Embassies and consulates
keep «در <city>». Generic uses are skipped: a plural or indefinite head («شرکت‌های», «کمیته‌ای»),
a demonstrative before it («این اتحادیه»), a number before it («۳۰ شرکت»), a joint marker after
it («کمیته دوجانبه» is an instrument, not a body), or a head with nothing after it."""

from __future__ import annotations

from hamkari.extraction.components.context import Words, place_of
from hamkari.extraction.document import Document, Entity, Match, Mention, Provenance, Span
from hamkari.extraction.lexicon import persian_suffixes, word_set
from hamkari.extraction.morphology import grammemes
from hamkari.extraction.numbers import number_words
from hamkari.extraction.pipeline import Component

MAX_WORDS = 7
# Stopword kinds that end an organisation's name; common nouns («توسعه») may be part of it.
NAME_ENDERS = ("function", "verb", "demonstrative")
PLACE_TABLES = ("regions", "countries", "cities")
_IN = frozenset({"در", "в", "in", "во"})
_LINK = frozenset({"و", "и", "and", "of", "for", "the", "&"})


class OrganizationFinder(Component):
    name = "organizations"
    requires = ("matches", "tokens", "entities", "outlets")
    provides = ("entities",)

    def __call__(self, doc: Document) -> None:
        words = Words(
            doc, tables=(*PLACE_TABLES, "places", "titles", "organizations", "modality", "honorifics")
        )
        heads = [m for m in doc.matches if m.table == "organizations"]
        places = [m.span for m in doc.matches if m.table == "places"]
        for head in heads:
            if any(o.span.overlaps(head.span) for o in doc.outlets):
                continue
            if any(p.contains(head.span) for p in places):
                continue
            found = self._extent(doc, words, head)
            if found is None:
                continue
            span, key_words, region, country = found
            if any(o.span.overlaps(span) for o in doc.outlets):
                continue  # «خبرگزاری ایرنا» after «به گزارش» is the outlet, not a party
            zones = [
                z
                for z in doc.entities_of("organization")
                if z.ref and any(span.contains(m.span) for m in z.mentions)
            ]
            if zones:
                continue  # «منطقه ویژه اقتصادی "لوتوس"» is the zone the lexicon already knows
            self._add(doc, head, span, key_words, region, country)

    def _extent(  # noqa: C901 - walks out from a head word in both directions; to be split per direction
        self, doc: Document, words: Words, head: Match
    ) -> tuple[Span, tuple[str, ...], str | None, str | None] | None:
        first, last = words.first_at(head.fstart), words.last_before(head.fend)
        if first > last or first >= words.n:
            return None
        if (
            words.tokens[last].end != head.fend
            and words.text[head.fend : words.tokens[last].end] in persian_suffixes()
        ):
            return None  # «کمیته‌ای», «شرکت‌های»: indefinite or plural, not a name
        if first > 0 and not words.broken(first - 1, first):
            before = words.tokens[first - 1]
            if (
                before.text in word_set("stopwords", "demonstrative")
                or before.text.isdigit()
                or before.text in number_words()
                or before.lemma in number_words()
            ):
                return None  # «این اتحادیه», «۳۰ شرکت», «دو منطقه ویژه»: not a name
        if doc.language == "en" and not words.capitalised(first):
            return None
        if head.attrs and head.attrs[0] == "tail":
            return self._backwards(words, head, first, last)
        end = last
        region = country = None
        key_words: list[str] = [t.text for t in words.tokens[first : last + 1]]
        i = last + 1
        while (
            i < words.n and i - last <= MAX_WORDS and (not words.broken(i - 1, i) or self._listed(words, i))
        ):
            tok = words.tokens[i]
            covering = words.covered.get(i)
            if covering and covering.table == "modality" and not (i == last + 1 and covering.key == "joint"):
                break
            if doc.language == "ru" and {"VERB", "INFN"} & grammemes(tok.text):
                break
            if doc.language == "en" and not (words.capitalised(i) or tok.text in _LINK):
                break
            if i == last + 1 and (
                tok.text in persian_suffixes()
                or (covering and covering.table == "modality" and covering.key == "joint")
            ):
                return None
            if (
                covering
                and covering.table in ("titles", "organizations", "honorifics")
                and covering.fstart >= tok.start
            ):
                break
            if covering and covering.table in (*PLACE_TABLES, "places"):
                j = words.last_before(covering.fend)
                end = j
                named_region, named_country = place_of(covering)
                region, country = region or named_region, country or named_country
                i = j + 1
                # «سفارت ایران در مسکو»: the place where an embassy sits belongs to its name.
                kind = head.key
                if kind in ("embassy", "consulate") and i + 1 < words.n and words.word(i) in _IN:
                    nxt = words.covered.get(i + 1)
                    if nxt and nxt.table in (*PLACE_TABLES, "places"):
                        end = words.last_before(nxt.fend)
                        region = region or (nxt.key if nxt.table == "regions" else None)
                        i = end + 1
                        continue
                if i < words.n and words.word(i) in _LINK and i + 1 < words.n:
                    nxt = words.covered.get(i + 1)
                    if nxt and nxt.table in PLACE_TABLES:
                        continue
                break
            if words.stop(i, *NAME_ENDERS) and tok.text not in _LINK:
                break
            if tok.text in _LINK:
                if i + 1 >= words.n or words.stop(i + 1, *NAME_ENDERS) or words.covered.get(i + 1):
                    break
            elif doc.language != "fa" and words.capitalised(i) and _looks_like_person(tok.lemma):
                break
            key_words.append(tok.text)
            end = i
            i += 1
        if end == last:
            return None
        if head.key == "economic_zone" and not (
            region
            or country
            or any(
                words.covered.get(k) and words.covered[k].table in ("places", "cities")
                for k in range(last + 1, end + 1)
            )
        ):
            return None  # «منطقه آزاد» names a zone only with its place: «منطقه آزاد انزلی»
        if doc.language == "en" and not any(words.capitalised(k) for k in range(last + 1, end + 1)):
            return None  # «the committee on metallurgy»: an English name is capitalised
        return words.span(first, end), tuple(key_words), region, country

    @staticmethod
    def _listed(words: Words, i: int) -> bool:
        """«وزارت صنعت، معدن و تجارت»: a comma inside a name that lists its fields."""
        return (
            words.gap(i - 1, i).strip() in (",", "،")
            and i + 2 < words.n
            and words.word(i + 1) in _LINK
            and not words.stop(i, "function", "verb")
            and not words.stop(i + 2, "function", "verb")
        )

    def _backwards(
        self, words: Words, head: Match, first: int, last: int
    ) -> tuple[Span, tuple[str, ...], str | None, str | None] | None:
        start = first
        region = country = None
        while start - 1 >= 0 and first - start < MAX_WORDS and not words.broken(start - 1, start):
            if not words.capitalised(start - 1):
                break
            covering = words.covered.get(start - 1)
            if covering and covering.table == "regions":
                region = region or covering.key
            if covering and covering.table == "countries":
                country = country or covering.key
            start -= 1
        # «Isfahan University of Technology», «University of Zanjan»
        while (
            last + 2 < words.n
            and words.word(last + 1) == "of"
            and words.capitalised(last + 2)
            and not words.broken(last, last + 2)
        ):
            covering = words.covered.get(last + 2)
            if covering and covering.table == "regions":
                region = region or covering.key
            last = words.last_before(covering.fend) if covering else last + 2
        if start == first and last == words.last_before(head.fend):
            return None
        key = tuple(t.text for t in words.tokens[start : last + 1])
        return words.span(start, last), key, region, country

    def _add(
        self,
        doc: Document,
        head: Match,
        span: Span,
        key_words: tuple[str, ...],
        region: str | None,
        country: str | None,
    ) -> None:
        mention = Mention(span, Provenance(self.name, f"organizations.head ({head.provenance.rule})"))
        for e in doc.entities:
            if e.type != "organization" or e.kind != head.key:
                continue
            other = e.key
            if not other or (country and e.country and country != e.country):
                continue
            mine = key_words
            # «وزارت توسعه اقتصادی» and «… فدراسیون روسیه», «وزارت خارجه» and «وزارت امور خارجه»
            shorter, longer = sorted((set(mine), set(other)), key=len)
            if (
                mine[: len(other)] == other
                or other[: len(mine)] == mine
                or (len(shorter) >= 2 and shorter <= longer)
            ):
                e.mentions.append(mention)
                e.region = e.region or region
                e.country = e.country or country or (region[:2] if region else None)
                return
        doc.entities.append(
            Entity(
                type="organization",
                name=doc.quote(span),
                kind=head.key,
                key=key_words,
                region=region,
                country=country or (region[:2] if region else None),
                mentions=[mention],
            )
        )


def _looks_like_person(lemma: str) -> bool:
    return bool(grammemes(lemma) & {"Name", "Surn", "Patr"})
