"""The fact-kind registry names every kind in Persian, Russian and English itself (kb/words.py),
so a new kind touches no catalogue; each kind's own test module shows its words on the pages."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

from hamkari.kb import facts
from hamkari.kb.facts import FACT_KINDS
from hamkari.kb.words import LANGUAGES, PLURAL, Counted, Words

LOCALE = Path(facts.__file__).resolve().parents[1] / "web" / "locale"
# each language's words in its own script: no Latin letter in Persian or Russian
SCRIPTS = {
    "fa": re.compile(r"^[\u0600-\u06FF\u200c ]+$"),
    "ru": re.compile(r"^[А-Яа-яЁё -]+$"),
    "en": re.compile(r"^[A-Za-z -]+$"),
}
COUNT = "%(n)d "
SIZE = {
    "fa": "۳۰ نفر",
    "ru": "30 человек",
    "en": "30 people",
}  # the delegation's summary on its region's page
VISIT = "date 2025-06-02\nهیئتی ۳۰ نفره از استان گیلان برای گسترش همکاری‌های بندری به آستاراخان سفر کرد."


def _words_of_every_kind() -> list[tuple[str, str, Words]]:
    return [
        (name, field, getattr(kind, field))
        for name, kind in FACT_KINDS.items()
        for field in ("label", "noun")
    ]


@pytest.mark.parametrize(("kind", "field", "words"), _words_of_every_kind())
def test_every_kind_names_itself_in_each_interface_language_in_its_script(
    kind: str, field: str, words: Words
) -> None:
    assert [language for language in LANGUAGES if not SCRIPTS[language].match(words.of(language))] == []


# the counts the registry's summaries write (a kind's module-level `Counted`; none is a skipped case)
COUNTS = {name: value for name, value in vars(facts).items() if isinstance(value, Counted)}


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_the_registrys_counts_have_a_form_for_each_plural_of_each_language(name: str) -> None:
    wording = COUNTS[name]
    forms = {"fa": wording.fa, "ru": wording.ru, "en": wording.en}
    assert {language: len(f) for language, f in forms.items()} == {"fa": 1, "ru": 3, "en": 2}
    assert all(
        form.startswith(COUNT) and SCRIPTS[language].match(form.removeprefix(COUNT))
        for language, f in forms.items()
        for form in f
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plural_rules_are_the_catalogues(language: str) -> None:
    header = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po")).metadata["Plural-Forms"]
    rule = gettext.c2py(header.split("plural=")[1].rstrip(";"))  # type: ignore[attr-defined]
    assert [PLURAL[language](n) for n in range(250)] == [rule(n) for n in range(250)]


def test_words_and_counts_follow_the_active_language() -> None:
    words = Words(fa="سفرها", ru="поездки", en="trips")
    people = Counted(
        fa=("%(n)d نفر",),
        ru=("%(n)d человек", "%(n)d человека", "%(n)d человек"),
        en=("%(n)d person", "%(n)d people"),
    )
    with translation.override("ru"):
        assert (str(words), people(1), people(3), people(11), people(22)) == (
            "поездки",
            "1 человек",
            "3 человека",
            "11 человек",
            "22 человека",
        )
    with translation.override("fa"):
        assert (str(words), people(2)) == ("سفرها", "2 نفر")
    translation.deactivate_all()
    assert (str(words), people(1)) == (
        "trips",
        "1 person",
    )  # no language: English, as gettext gives the msgid
