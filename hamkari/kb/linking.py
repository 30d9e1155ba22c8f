"""Names across scripts: کریمیان, Каримиан and Karimian reduce to one consonant skeleton.

Transliteration is deliberately rough: short vowels are not written in Persian, and Russian and
English spell Persian vowels in many ways, so only consonants are compared. Letters that change
between transliterations (ح/ه/خ ~ h/kh/х, و ~ v/w/o/u, ی ~ y/i/e) are unified or dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from hamkari.extraction.normalize import fold

# Persian letters to Latin; long vowels and و/ی drop out in the skeleton anyway.
_PERSIAN = str.maketrans(
    {
        "ا": "a",
        "ب": "b",
        "پ": "p",
        "ت": "t",
        "ث": "s",
        "ج": "j",
        "چ": "ch",
        "ح": "h",
        "خ": "h",
        "د": "d",
        "ذ": "z",
        "ر": "r",
        "ز": "z",
        "ژ": "zh",
        "س": "s",
        "ش": "sh",
        "ص": "s",
        "ض": "z",
        "ط": "t",
        "ظ": "z",
        "ع": "",
        "غ": "g",
        "ف": "f",
        "ق": "g",
        "ک": "k",
        "گ": "g",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "و": "v",
        "ه": "h",
        "ی": "y",
        "ء": "",
    }
)
_CYRILLIC = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "sh",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
    }
)
# Digraphs that one script writes with one letter: Джафари = Jafari = جعفری; Kh = H = ح/خ; q = ق.
_LATIN = [
    ("dzh", "j"),
    ("dj", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("q", "g"),
    ("x", "ks"),  # Alexey = Алексей, Maxim = Максим
    ("c", "k"),
    ("ph", "f"),
]
_VOWELS = re.compile(r"[aeiouyvw']")


def latin(name: str) -> str:
    """A rough Latin spelling of a folded name in any of the three scripts."""
    text = fold(name).text.translate(_PERSIAN).translate(_CYRILLIC)
    for a, b in _LATIN:
        text = text.replace(a, b)
    return re.sub(r"[^a-z ]", "", text)


def skeleton(word: str) -> str:
    """Consonants of one word, doubled letters once: «Karimian», «کریمیان», «Каримиан» → «krmn»."""
    bare = _VOWELS.sub("", latin(word).replace(" ", ""))
    # Persian «ق» is «к» in Russian and «gh»/«q» in English (قاسم = Касем = Ghasem): g and k are
    # one letter here. A final «ه» is a vowel (زاده = заде = zadeh): a final h after a consonant
    # goes.
    bare = bare.replace("g", "k")
    if len(bare) > 2 and bare.endswith("h") and bare[-2] not in "sckz":
        bare = bare[:-1]
    # Persian writes the Russian final «в» as «ف» (Смирнов → اسمیرنوف): a final f counts as v.
    return re.sub(r"(.)\1+", r"\1", bare).removesuffix("f")


@dataclass(frozen=True)
class NameKey:
    surname: str  # skeleton of the last word (Russian: of its lemma)
    given: str  # skeleton of the words before it
    spelled: str  # Latin spelling of the whole name, for fuzzy comparison


def name_key(name: str, surname_lemma: str | None = None) -> NameKey:
    words = fold(name).text.split()
    if not words:
        return NameKey("", "", "")
    last = surname_lemma or words[-1]
    # Russian feminine surnames: «Соколова» and the Persian «سوکولووا» share «skl»; the
    # Russian lemma is the masculine form, so the feminine ending is dropped on both sides.
    return NameKey(skeleton(last), " ".join(skeleton(w) for w in words[:-1]), latin(" ".join(words)))


def _given_agree(a: str, b: str) -> bool:
    """The given names agree: the same first name (a patronymic written on one side only —
    «Андрей Иванович Соколов» and «Андрей Соколов» — is no disagreement)."""
    if fuzz.ratio(a, b) >= 80:
        return True
    return fuzz.ratio(a.split()[0], b.split()[0]) >= 80


@dataclass(frozen=True)
class Link:
    confidence: float
    rule: str


def compare(new: NameKey, known: NameKey, *, same_country: bool | None, same_post: bool) -> Link | None:
    """How sure we are that two names are one person, or None when they are not.

    The surname skeletons must agree (the candidates are looked up by it); different given names
    or different countries rule a link out; a shared post (role and region) raises confidence."""
    if not new.surname or new.surname != known.surname or len(new.surname) < 2:
        return None
    if same_country is False:
        return None
    if new.given and known.given and not _given_agree(new.given, known.given):
        return None
    score = 0.6
    rule = "surname"
    if new.given and known.given:
        score, rule = 0.85, "given name and surname"
    if new.spelled == known.spelled:
        score, rule = 0.95, "same spelling"
    if same_post:
        score = min(0.99, score + 0.1)
        rule += " + same post"
    elif same_country:
        score = min(0.95, score + 0.05)
        rule += " + same country"
    return Link(round(score, 2), rule)
