"""A fact kind's own interface words, written in its registry entry (`kb/facts.py`) in every
interface language rather than in the catalogues, so that a new kind brings its words with it
and touches no `.po` file; `tests/kb/test_facts.py` checks that every kind has all three.

`Words` is one word or phrase, `Counted` a number with its noun (`%(n)d people`). Both show the
language that is active when they are rendered (`django.utils.translation.get_language()`), and
English when none is, as `gettext` shows its msgid. The spec's codes a kind shows (roles, event
types, statuses) stay in the catalogues: every page shows them, not one kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import get_language

LANGUAGES = ("fa", "ru", "en")

# Which plural form a count takes in each language: the catalogues' Plural-Forms headers
# (hamkari/web/locale/*/LC_MESSAGES/django.po), which tests/kb/test_facts.py compares with these.
PLURAL: dict[str, Callable[[int], int]] = {
    "fa": lambda n: int(n > 1),
    "ru": lambda n: (
        0 if n % 10 == 1 and n % 100 != 11 else 1 if 2 <= n % 10 <= 4 and not 10 <= n % 100 < 20 else 2
    ),
    "en": lambda n: int(n != 1),
}


def active_language() -> str:
    """The interface language in use: fa, ru or en (en when none is active)."""
    code = (get_language() or "en").split("-")[0]
    return code if code in LANGUAGES else "en"


@dataclass(frozen=True)
class Words:
    """One word or phrase in each interface language; `str()` gives the active one's."""

    fa: str
    ru: str
    en: str

    def __str__(self) -> str:
        return self.of(active_language())

    def of(self, language: str) -> str:
        return {"fa": self.fa, "ru": self.ru, "en": self.en}[language]


@dataclass(frozen=True)
class Counted:
    """A count and its noun in each interface language: the forms in the order of the
    language's `PLURAL` index (Persian needs one, English two, Russian three)."""

    fa: tuple[str, ...]
    ru: tuple[str, ...]
    en: tuple[str, ...]

    def __call__(self, n: int) -> str:
        return self.of(active_language(), n)

    def of(self, language: str, n: int) -> str:
        forms = {"fa": self.fa, "ru": self.ru, "en": self.en}[language]
        return forms[min(PLURAL[language](n), len(forms) - 1)] % {"n": n}


# Between the parts of one line («type · date · sources»): a middle dot in Russian and English, a
# comma in Persian, where «·» beside Persian digits reads as the zero «۰» («دیدار · ۱ منبع» looks
# like «دیدار ۰ ۱ منبع», «۱۰ منبع» at a glance)
SEPARATOR = Words(fa="، ", ru=" · ", en=" · ")
# from the first to the second: the arrow points the way the line is read (right to left in Persian)
ARROW = Words(fa=" ← ", ru=" → ", en=" → ")
