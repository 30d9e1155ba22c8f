"""Russian morphology through pymorphy3 (its dictionaries ship in the `pymorphy3-dicts-ru`
package, so nothing is downloaded). Words of other scripts pass through unchanged."""

from __future__ import annotations

import functools
import re
from typing import Any

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@functools.cache
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=200_000)
def _parse(word: str) -> tuple[str, frozenset[str]]:
    try:
        parsed = _analyzer().parse(word)[0]
    except Exception:  # any word the analyser cannot take is an unknown word
        # pymorphy3 fails on some letters of other scripts inside a Cyrillic word (it looks up
        # Unicode names that Python's tables lack: «ValueError: no such name»)
        return word, frozenset()
    return parsed.normal_form.replace("ё", "е"), frozenset(parsed.tag.grammemes)


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of a folded (lower-case) word."""
    if not _CYRILLIC.search(word):
        return word
    return _parse(word)[0]


def grammemes(word: str) -> frozenset[str]:
    """pymorphy3 grammemes of a Russian word (Name, Surn, Patr, Geox, gent …); empty otherwise."""
    if not _CYRILLIC.search(word):
        return frozenset()
    return _parse(word.lower())[1]


@functools.lru_cache(maxsize=50_000)
def _parses(word: str) -> tuple[Any, ...]:
    """All pymorphy3 readings of a lower-case word; none for a word the analyser cannot take."""
    try:
        return tuple(_analyzer().parse(word))
    except Exception:  # the same failures as in _parse: an unknown word
        return ()


# The endings of a masculine noun's oblique cases (genitive, dative, prepositional, instrumental).
_MASCULINE_ENDINGS = ("а", "у", "е", "ом")
_HARD_END = re.compile(r"[бвгджзклмнпрстфхцчшщ]$")


def foreign_oblique_lemmas(word: str) -> frozenset[str]:
    """The lemmas pymorphy3 gives to the oblique cases of a foreign place name ending in a hard
    consonant that it does not know («решт» → «Решта», «Решту», «Реште», «Рештом», each read as a
    lemma of its own, «казвин» → «Казвина» read as «казвино»), so that a lexicon term can be found
    in those cases too. A form that is a Russian word of its own («кума» of «Кум») is left out,
    and so is one pymorphy3 already reads back to the name. One lower-case word; others: none."""
    if len(word) < 4 or not _CYRILLIC.search(word) or " " in word or not _HARD_END.search(word):
        return frozenset()
    found = set()
    for ending in _MASCULINE_ENDINGS:
        form = word + ending
        parses = _parses(form)
        if parses and not parses[0].is_known and lemma(form) != lemma(word):
            found.add(lemma(form))
    return frozenset(found)


_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
# Parts of speech that a capitalised word of a name is not: «Исламской», «Российско-Иранского».
_NOT_NAME_POS = frozenset({"ADJF", "PRTF", "VERB", "INFN", "PREP", "CONJ", "PRCL", "NPRO", "ADVB"})


@functools.lru_cache(maxsize=50_000)
def name_like(word: str) -> bool:
    """Whether a Russian word may be part of a person's name: pymorphy3 reads it as a given name,
    surname or patronymic (or a possessive form such as «Синицын»), or it does not know the word
    and does not take it for an adjective or verb. A known common word («Палаты») is not a name.
    Words of other scripts are not judged here (True)."""
    if not _CYRILLIC.search(word):
        return True
    parses = _parses(word.lower())
    if not parses:
        return True
    if any(_NAME_TAGS & p.tag.grammemes or "Poss" in p.tag.grammemes for p in parses):
        return True
    top = parses[0]
    if top.is_known:
        return False
    return not (top.tag.POS in _NOT_NAME_POS and top.score >= 0.5)


@functools.lru_cache(maxsize=50_000)
def name_lemmas(word: str) -> frozenset[str]:
    """Dictionary forms of a Russian word read as a given name: «хосейна» → {«хосейн»}."""
    if not _CYRILLIC.search(word):
        return frozenset()
    return frozenset(
        p.normal_form.replace("ё", "е") for p in _parses(word.lower()) if "Name" in p.tag.grammemes
    )


def _name_parses(word: str) -> list[Any]:
    parses = _parses(word.lower())
    if not parses:
        return []
    # a person is one: «Рашидов» is never the plural of the given name «Рашид»
    named = [
        p
        for p in parses
        if (_NAME_TAGS & p.tag.grammemes or "Poss" in p.tag.grammemes) and p.tag.number != "plur"
    ]
    if named:
        return named
    if parses[0].is_known:
        return []
    # A foreign surname pymorphy3 does not know declines like a masculine noun with a consonant
    # stem: «…пуром» → «…пур». Anything else (Persian names in «-и», «-е») is left as written.
    return [
        p
        for p in parses
        if p.tag.POS == "NOUN"
        and p.tag.number == "sing"
        and word.lower().startswith(p.normal_form)
        and p.normal_form[-1:] not in _VOWELS
    ]


_VOWELS = frozenset("аеёиоуыэюяйь")


@functools.lru_cache(maxsize=20_000)
def nominative_name(words: tuple[str, ...], hint: str | None = None) -> tuple[str | None, ...]:
    """The nominative of each word of a Russian name (None: keep the word as written).

    The case is the one the dictionary's readings of the name's known words share (a given name
    and a surname agree), or `hint`, the case of the post before the name («главы … Ильи
    Петрова»: genitive); when that is the nominative, the name is left as written. Words the
    dictionary does not know (Persian names in Russian text) lose the ending of that case when
    their stem ends in a consonant: «Рахимипуром» → «Рахимипур»; «Карими» stays."""
    readings = [_readings(w) for w in words]
    case = _name_case(words, readings, hint)
    if case is None or case == "nomn":
        return tuple(None for _ in words)
    feminine = any(p.tag.gender == "femn" for r in readings if r is not None and r[0] for p in r[1])
    out: list[str | None] = []
    for w, r in zip(words, readings, strict=True):
        if r is None:
            out.append(None)
        elif r[0]:
            chosen = next((p for p in r[1] if p.tag.case == case and "Fixd" not in p.tag.grammemes), None)
            if chosen is None and not r[1]:
                chosen = _noun_in(w.lower(), case)  # a surname that is a common noun: «Вороной»
            if chosen is None and not r[1]:
                # a surname spelled like an adjective's form: «Садовым», «Ореховой»
                out.append(_surname_stem(w.lower(), case, feminine))
            else:
                out.append(_nominative(chosen) if chosen is not None else None)
        else:
            out.append(_surname_stem(w.lower(), case, feminine) or _strip_case(w.lower(), case))
    return tuple(out)


# Oblique endings of Russian surnames in -ов/-ев/-ин/-ын and their nominative (masculine;
# feminine): «Грибовым» → «Грибов», «Ореховой» → «Орехова», «Лесину» → «Лесин».
_SURNAME_STEMS = ("ов", "ев", "ёв", "ин", "ын")
_SURNAME_ENDINGS = {
    False: {"gent": ("а", ""), "accs": ("а", ""), "datv": ("у", ""), "ablt": ("ым", ""), "loct": ("е", "")},
    True: {
        "gent": ("ой", "а"),
        "datv": ("ой", "а"),
        "ablt": ("ой", "а"),
        "loct": ("ой", "а"),
        "accs": ("у", "а"),
    },
}


def _surname_stem(word: str, case: str, feminine: bool) -> str | None:
    """The nominative of a surname in -ов/-ев/-ин/-ын in `case` (None when it has no such shape)."""
    ending, nominative = _SURNAME_ENDINGS[feminine].get(case, ("", ""))
    if not ending or not word.endswith(ending):
        return None
    stem = word[: -len(ending)]
    if len(stem) < 4 or not stem.endswith(_SURNAME_STEMS):
        return None
    return stem + nominative


def _name_case(
    words: tuple[str, ...], readings: list[tuple[bool, list[Any]] | None], hint: str | None
) -> str | None:
    """The case a name stands in: what its known words share, the post's case, or (with neither)
    the analyser's guesses at its unknown words."""
    shared = _shared_case([r[1] for r in readings if r is not None and r[0]])
    if hint and (shared is None or hint in shared):
        return hint
    if shared is None:
        shared = _shared_case([_name_parses(w) for w, r in zip(words, readings, strict=True) if r])
    if not shared or "nomn" in shared:
        return None
    return sorted(shared)[0]


def _noun_in(word: str, case: str) -> Any:
    """The singular common-noun reading of `word` in `case`, for a surname the dictionary knows
    only as a noun («Вороной» → «ворона», «Кузнецу» → «кузнец»); None when it has none."""
    return next(
        (p for p in _parses(word) if p.tag.POS == "NOUN" and p.tag.case == case and p.tag.number == "sing"),
        None,
    )


def _shared_case(readings: list[list[Any]]) -> set[str] | None:
    shared: set[str] | None = None
    for parses in readings:
        cases = {p.tag.case for p in parses if p.tag.case and "Fixd" not in p.tag.grammemes}
        if cases:
            shared = cases if shared is None else shared & cases
    return shared


def _readings(word: str) -> tuple[bool, list[Any]] | None:
    """(known to the dictionary, its singular name readings), or None for other scripts."""
    if not _CYRILLIC.search(word):
        return None
    parses = _parses(word.lower())
    known = bool(parses) and parses[0].is_known
    return known, _name_parses(word) if known else []


# Endings of the oblique cases of a foreign name: a consonant stem («-ом», «-а», «-у», «-е»)
# or a stem in «-а» («Асадоллой» → «Асадолла»).
_CASE_ENDINGS = {
    "gent": (("а", ""), ("я", "")),
    "accs": (("а", ""), ("я", "")),
    "datv": (("у", ""), ("ю", "")),
    "ablt": (("ом", ""), ("ем", ""), ("ой", "а"), ("ей", "я")),
    "loct": (("е", ""),),
}


def _strip_case(word: str, case: str) -> str | None:
    for ending, nominative in _CASE_ENDINGS.get(case, ()):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and (nominative or stem[-1] not in _VOWELS):
            return stem + nominative
    return None


def case_of(word: str) -> str | None:
    """The case of a Russian word when its singular readings agree on one («главы» → gent)."""
    if not _CYRILLIC.search(word):
        return None
    cases = {p.tag.case for p in _parses(word.lower()) if p.tag.number == "sing" and p.tag.case}
    return cases.pop() if len(cases) == 1 else None


def _nominative(parse: Any) -> str | None:
    try:
        form = parse.inflect({"nomn"})
    except Exception:  # an analyser failure leaves the word as written
        return None
    return form.word if form is not None else None


@functools.lru_cache(maxsize=50_000)
def genitive_possible(word: str) -> bool:
    """Whether a Russian word may be a genitive (or an indeclinable word): what continues an
    organisation's name after its head («министерство экономического развития»), unlike «ель»
    in «в саду генконсульства ель» or a person's name in another case after it. Other scripts: True."""
    if not _CYRILLIC.search(word):
        return True
    parses = _parses(word.lower())
    if not parses:
        return True
    if not parses[0].is_known and not any(p.tag.case for p in parses):
        return True  # a foreign word the analyser cannot decline
    return any(p.tag.case in ("gent", "gen2") or "Fixd" in p.tag.grammemes for p in parses)


# Nouns whose counted plural is not their genitive plural: «пять человек», not «пять людей»
# (pymorphy3 reads «людей» as a form of «человек» and offers it).
_COUNTED_PLURAL = {"людей": "человек"}


def agreed_with_number(phrase: str, number: float) -> str:
    """A Russian unit phrase agreeing with the number before it: «тонна» → «тонн» after 1 400 000,
    «тонны» after 2 or 1.5; «производственная единица» → «производственных единиц» after 5. Only the
    words in the nominative agree («голова скота» → «голов скота»); a phrase in another script is
    returned as it is."""
    if not _CYRILLIC.search(phrase):
        return phrase
    words = phrase.split(" ")
    agreed = [_agreed_word(w, number) if i == 0 or _in_nominative(w) else w for i, w in enumerate(words)]
    return " ".join(agreed)


def _in_nominative(word: str) -> bool:
    parses = _parses(word.lower())
    return bool(parses) and parses[0].tag.case == "nomn"


def _agreed_word(word: str, number: float) -> str:
    parses = _parses(word.lower())
    if not parses:
        return word
    top = parses[0]
    # a fraction takes the genitive singular («1,5 тонны»); a whole number, pymorphy3's agreement
    whole = float(number).is_integer()
    agreed = top.make_agree_with_number(int(number)) if whole else top.inflect({"gent", "sing"})
    if agreed is None:
        return word
    form: str = agreed.word
    return _COUNTED_PLURAL.get(form, form)
