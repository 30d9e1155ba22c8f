"""What may stand in a person's name slot, and how a name is written in the nominative.

Every person the extractor keeps passes `NameGuard`: each word of the name must be a name word
— a given name of the lexicon, a word pymorphy3 reads as Name/Surn/Patr (Russian), a
capitalised word (Russian, English), an initial («А.», «V.») — and never a function word, a verb,
a word of a lexicon term (a region or its adjective, an organisation's head word, a sector, a
month, a post), a common word the Russian dictionary knows, or (Persian) two such words run
together because the non-joiner between them was lost («روابطعمومی», «بهصورت»). That keeps the
words that stand beside a post («از طرف سفیر», «президент Палаты», «Minister of Economic
Affairs») out of the people."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from typing import cast

from hamkari.extraction.components.context import Words
from hamkari.extraction.languages import Profile, profile
from hamkari.extraction.lexicon import entries, lemma_key, load_table, word_set
from hamkari.extraction.morphology import name_lemmas, name_like, nominative_name
from hamkari.extraction.normalize import WORD, fold_term

# Tables whose words never make a name (given names excepted). Persian «places» are left out:
# ports and airports are named after people («بندر شهید رجایی»), whose surnames are names.
_VOCABULARY_TABLES = (
    "regions",
    "countries",
    "cities",
    "organizations",
    "sectors",
    "titles",
    "honorifics",
    "months",
    "events",
    "instruments",
    "statuses",
    "markets",
    "modality",
    "units",
    "durations",
)
_SCRIPTS = {"persian": "IR", "russian": "RU"}
# Lexicon tables whose words may also be surnames beside a given name (Russian): counting units
# («голова» counts livestock; «Голова» is a surname) and sector words. Posts, places, months and
# organisation words never are.
SURNAME_TABLES = frozenset({"units", "sectors"})


@functools.cache
def given_names() -> dict[str, str]:
    """Folded given name → the country its script column implies."""
    out: dict[str, str] = {}
    for e in entries("given_names"):
        if e.key in _SCRIPTS:
            for t in e.terms:
                out.setdefault(fold_term(t), _SCRIPTS[e.key])
    return out


def name_parts(kind: str) -> frozenset[str]:
    """given_prefix, given_suffix, surname_part or patronymic_ending terms of given_names.tsv."""
    return word_set("given_names", kind)


@functools.cache
def vocabulary(lang: str) -> frozenset[str]:
    """Single words (and Russian lemmas) of the lexicon terms that are never part of a name."""
    words: set[str] = set()
    grammar = profile(lang)
    for table in _VOCABULARY_TABLES:
        for e in load_table(lang, table):
            for term in e.terms:
                found = WORD.findall(fold_term(term))
                if grammar.phrase_words_may_be_names and len(found) > 1:
                    continue
                words.update(found)
                if grammar.morphology:
                    words.update(lemma_key(term).split())
    return frozenset(words - set(given_names()))


@functools.cache
def part_words(lang: str) -> frozenset[str]:
    """Every word of the lexicon terms that are never part of a name (phrases included: «روابط»
    of «روابط عمومی») and of the stopwords, given names left out: the halves that make a run-together
    word («روابطعمومی», «بهصورت») a junk name."""
    words: set[str] = set(word_set("stopwords"))
    for table in _VOCABULARY_TABLES:
        for e in load_table(lang, table):
            for term in e.terms:
                words.update(WORD.findall(fold_term(term)))
    return frozenset(words - set(given_names()))


@functools.lru_cache(maxsize=50_000)
def run_together(word: str, lang: str) -> bool:
    """Whether `word` is two known words written as one: each half at least two letters and a
    word of `part_words` («به|صورت», «روابط|عمومی»)."""
    parts = part_words(lang)
    return any(word[:k] in parts and word[k:] in parts for k in range(2, len(word) - 1))


def given_lengths(words: Words) -> list[int]:
    """How many words (0, 1 or 2) a given name starting at each token takes: «محمد», «حجت الله»,
    «غلام حسین», «نعمت الله», «غلامحسین», «Хосейна» (an oblique form of a listed name). Two
    passes with the word sets fetched once: it reads every token of every document."""
    lists = _given_lists()
    given, firsts, prefixes, suffixes = lists.given, lists.firsts, lists.prefixes, lists.suffixes
    texts = words.texts
    # every token read alone first, from the answers kept by word (see _GivenWords)
    known = _given_words(profile(words.doc.language).morphology)
    found = list(map(known.get, texts))
    out = [known.learn(t.text, t.lemma) for t in words.tokens] if None in found else cast(list[int], found)
    # then the pairs, which only a word of `firsts`, `prefixes` or `_script_word` before a suffix opens
    opens = lists.opens
    for i in [i for i, w in enumerate(texts) if w in opens]:
        if i + 1 >= len(texts):
            break
        w, nxt = texts[i], texts[i + 1]
        if ((w in firsts and f"{w} {nxt}" in given) or (w in prefixes and nxt in given)) and not words.broken(
            i, i + 1
        ):
            out[i] = 2
    for i in [i for i, w in enumerate(texts) if w in suffixes]:
        if i > 0 and out[i - 1] != 2 and _script_word(texts[i - 1]) and not words.broken(i - 1, i):
            out[i - 1] = 2
    return out


class _GivenWords(dict[str, int]):
    """`_given_word`'s answer (1 or 0) by the token's text, for the tokens of one kind of
    document: with lemmas (the language has morphology) or without, so that the text alone
    decides the lemma. One dict read per token in a comprehension instead of a cached call of
    two arguments (given_lengths took 230 µs an article, now 140 µs); emptied at `MAX` words."""

    MAX = 200_000

    def learn(self, text: str, lemma: str) -> int:
        known = self.get(text)
        if known is None:
            if len(self) >= self.MAX:
                self.clear()
            known = self[text] = 1 if _given_word(text, lemma) else 0
        return known


@functools.cache
def _given_words(lemmatised: bool) -> _GivenWords:
    return _GivenWords()


class _GivenLists:
    """The word sets `given_lengths` reads."""

    def __init__(self) -> None:
        self.given = given_names()
        # first words of two-word given names: a pair is looked up only after one of them
        self.firsts = frozenset(n.split(" ")[0] for n in self.given if n.count(" ") == 1)
        self.prefixes = name_parts("given_prefix")
        self.suffixes = name_parts("given_suffix")
        self.opens = self.firsts | self.prefixes


@functools.cache
def _given_lists() -> _GivenLists:
    return _GivenLists()


@functools.lru_cache(maxsize=100_000)
def _given_word(w: str, lemma: str) -> bool:
    given = given_names()
    if w in given or lemma in given or any(n in given for n in name_lemmas(w)):
        return True
    if any(w.startswith(p) and w[len(p) :] in given for p in name_parts("given_prefix")):
        return True
    return any(w.endswith(s) and len(w) > len(s) + 1 for s in name_parts("given_suffix"))


def _script_word(w: str) -> bool:
    return w.isalpha() and "\u0600" <= w[0] <= "\u06ff"


def patronymic(word: str) -> bool:
    endings = _patronymic_endings()
    # one test in C first: most words end in none of the endings (asked about every name word)
    return word.endswith(endings) and any(word.endswith(e) and len(word) > len(e) + 2 for e in endings)


@functools.cache
def _patronymic_endings() -> tuple[str, ...]:
    return tuple(sorted(name_parts("patronymic_ending")))


def acronym(written: str) -> bool:
    """Whether a word as written is an abbreviation: most of its letters capitals («ПГУ», «СПбГУ»,
    «IRNA»), never a name word («McLean» has two capitals of six letters)."""
    letters = [c for c in written if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) * 2 > len(letters)


@functools.cache
def _digraphs() -> frozenset[str]:
    """Two letters that stand for one Russian letter as an initial («Yu.», «Zh.»), folded."""
    return name_parts("digraph_initial")


def initial(words: Words, i: int, profile: Profile) -> bool:
    """«А.» of «А.И. Фамилиев», «V.» of «A.V. Sokolov»: one capital letter and a full stop."""
    if not profile.initials or i >= words.n:
        return False
    tok = words.tokens[i]
    return (
        (len(tok.text) == 1 or (len(tok.text) == 2 and tok.text in _digraphs()))
        and tok.text.isalpha()
        and words.capitalised(i)
        and words.text[tok.end : tok.end + 1] == "."
    )


def initials_end(words: Words, i: int, profile: Profile) -> int:
    """The index after a run of initials starting at i (i itself when there is none)."""
    j = i
    while j < words.n and j - i < 3 and initial(words, j, profile):
        j += 1
    return j


class NameGuard:
    """Decides whether a word, and a whole name, may be a person's name."""

    def __init__(self, words: Words, profile: Profile) -> None:
        self.words = words
        self.profile = profile
        self.vocabulary = vocabulary(profile.code)
        # given_lengths of every token, read once: the components ask for it many times
        self.given = given_lengths(words)
        # the tokens that are initials («А.», «V.»): only a one-letter token or a digraph can be one
        digraphs = _digraphs()
        self.initials = (
            frozenset(
                [
                    i  # one letter, or a digraph («Yu»); lengths tested in C first
                    for i in itertools.compress(range(words.n), map((2).__ge__, map(len, words.texts)))
                    if (len(words.texts[i]) == 1 or words.texts[i] in digraphs) and initial(words, i, profile)
                ]
            )
            if profile.initials  # (`initial` is False everywhere in a language without them)
            else frozenset()
        )
        self._words: dict[tuple[int, bool], bool] = {}  # word()'s answers: a name's words are asked often

    def given_at(self, i: int) -> int:
        return self.given[i] if 0 <= i < len(self.given) else 0

    def word(self, i: int, after_given: bool = False) -> bool:
        """Whether token i may be a word of a name (initials are checked apart). Right after a
        given name, a capitalised word is a surname even when the dictionary knows it as a common
        word («Хосейна Карими»: «карими» is also an adjective's form)."""
        known = self._words.get((i, after_given))
        if known is None:
            known = self._words[(i, after_given)] = self._word(i, after_given)
        return known

    def _word(self, i: int, after_given: bool) -> bool:
        words = self.words
        tok = words.tokens[i]
        if self.given_at(i) == 2:
            return True  # a listed two-word given name: «ولی الله» although «ولی» is also «but»
        if tok.text in given_names() or self.given_at(i) or self.given_at(i - 1) == 2:
            return not words.stop(i, "function", "verb")  # «حجت الله»: «الله» is a name's half
        bare = tok.text.replace("-", "").replace("'", "").replace("’", "")
        if after_given and self._surname_word(i, bare):
            return True
        if (
            (i in words.covered and not self._part_covered(i))
            or words.stop(i)
            or not bare.isalpha()
            or len(tok.text) < 2
        ):
            return False
        if tok.text in self.vocabulary or tok.lemma in self.vocabulary:
            return False
        if self.profile.joined_words and run_together(tok.text, self.profile.code):
            return False  # «روابطعمومی», «بهصورت»: two words that lost their non-joiner
        if self.profile.cased:
            if not words.capitalised(i) or acronym(words.doc.quote(words.span(i, i))):
                return False  # «ректор ПГУ Олег …», «head of IRNA»: an abbreviation names a body
            if after_given or not self.profile.morphology:
                return True
            return name_like(tok.text) or self._before_patronymic(i)
        return _script_word(tok.text)

    def _before_patronymic(self, i: int) -> bool:
        """«Бату Сангаджиевич Эрдниев»: a capitalised word right before a patronymic is a given
        name, even one the dictionary reads as a common word's form."""
        words = self.words
        return i + 1 < words.n and not words.broken(i, i + 1) and patronymic(words.word(i + 1))

    def _surname_word(self, i: int, bare: str) -> bool:
        """Whether token i, beside a given name or initials, is a surname although the dictionary
        knows it as a common noun or a counting word: «Светлана Голова», «П.И. Лебедь», «Олегом
        Вороной». Russian only: a capitalised word there is a name; a post, a place, a month or
        any other lexicon term still is not (only counting units and sector words may be
        surnames, see SURNAME_TABLES)."""
        words = self.words
        if not self.profile.morphology or not words.capitalised(i) or not bare.isalpha() or len(bare) < 2:
            return False
        covering = words.covered.get(i)
        return (
            covering is None or covering.table in SURNAME_TABLES or self._part_covered(i)
        ) and not words.stop(i)

    def _part_covered(self, i: int) -> bool:
        """Whether a lexicon term covers only one part of a hyphenated word («Хоссейни-Мехр»: «мехр»
        is a month; the whole word is a surname, not the month)."""
        tok = self.words.tokens[i]
        covering = self.words.covered.get(i)
        return (
            covering is not None
            and "-" in tok.text
            and (covering.fstart > tok.start or covering.fend < tok.end)
        )

    def beside_name(self, i: int, start: int, end: int) -> bool:
        """Whether token i of the name start..end stands beside a given name or initials: after
        one, or (surname first) right before a given name and patronymic («Лебедь Павел
        Иванович»)."""
        if i > start and (self.given_at(i - 1) or initial(self.words, i - 1, self.profile)):
            return True
        return (
            i == start
            and end - start >= 2
            and bool(self.given_at(i + 1))
            and patronymic(self.words.word(i + 2))
        )

    def name(self, start: int, end: int) -> bool:
        """Whether tokens start..end make a name: name words and initials, not initials alone."""
        kinds = [
            "initial"
            if initial(self.words, i, self.profile)
            else "word"
            if self.word(i, after_given=self.beside_name(i, start, end))
            else "junk"
            for i in range(start, end + 1)
        ]
        return "junk" not in kinds and "word" in kinds


def display_name(tokens: Sequence[str], original: str, hint: str | None = None) -> str:
    """The nominative of a Russian name as written («Хосейна Карими» → «Хосейн Карими»); other
    scripts are returned as written."""
    written = original.split()
    if len(written) != len(tokens) or hint == "nomn" or tokens[0] in given_names():
        return original  # a listed given name as written is in the nominative, and so is its name
    forms = nominative_name(tuple(tokens), hint)
    out = []
    for word, form in zip(written, forms, strict=True):
        out.append(word if form is None else _like(word, form))
    return " ".join(out)


def _like(written: str, form: str) -> str:
    """`form` with the capitals of `written`: «Хосейн» from «Хосейна»."""
    parts = form.split("-")
    shown = written.split("-")
    if len(parts) != len(shown):
        return written
    return "-".join(p.capitalize() if s[:1].isupper() else p for p, s in zip(parts, shown, strict=True))
