"""An entity's name in the reader's language.

- Regions and countries: the gazetteer's name in that language, never a name an article gave
  the record (an organisation's or an economic zone's).
- People: the spelling seen in that language's script, Russian in the nominative («Андреем
  Соколовым» → «Андрей Соколов»), the most frequent one; when no article in that script named
  them, a transliteration of a spelling in another script, marked as such.
- Organisations and the rest: their most frequent name among the articles in that language,
  else their first name.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F
from django.db.models.functions import Substr
from django.utils import translation

from hamkari.extraction.components.names import display_name
from hamkari.extraction.lexicon import load_table, script_of
from hamkari.extraction.morphology import lemma
from hamkari.extraction.normalize import fold
from hamkari.kb.linking import latin
from hamkari.kb.models import Entity, Mention, Story

LANGUAGES = ("fa", "ru", "en")
# Russian case endings of names («Сомовым», «Павлом», «Ивановой» …)
_OBLIQUE = re.compile(r"(ым|ом|ем|ой|ого|ему|ому|ою)$")
_SURNAME_ENDINGS = [
    (a + b, a + c)
    for a in ("ов", "ев", "ёв", "ин", "ын")
    for b, c in (("ым", ""), ("ом", ""), ("у", ""), ("е", ""), ("ой", "а"), ("ою", "а"), ("ых", "ы"))
]
_CYRILLIC_OF_LATIN = [
    ("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("kh", "х"), ("zh", "ж"), ("ts", "ц"), ("yu", "ю"),
    ("ya", "я"), ("ye", "е"), ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"),
    ("g", "г"), ("h", "х"), ("i", "и"), ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
    ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"),
    ("w", "в"), ("x", "кс"), ("y", "й"), ("z", "з"),
]  # fmt: skip
_PERSIAN_OF_LATIN = [
    ("sh", "ش"), ("ch", "چ"), ("kh", "خ"), ("zh", "ژ"), ("gh", "ق"), ("ts", "تس"), ("ou", "و"),
    ("oo", "و"), ("ee", "ی"), ("a", "ا"), ("b", "ب"), ("c", "ک"), ("d", "د"), ("e", ""), ("f", "ف"),
    ("g", "گ"), ("h", "ه"), ("i", "ی"), ("j", "ج"), ("k", "ک"), ("l", "ل"), ("m", "م"), ("n", "ن"),
    ("o", "و"), ("p", "پ"), ("q", "ق"), ("r", "ر"), ("s", "س"), ("t", "ت"), ("u", "و"), ("v", "و"),
    ("w", "و"), ("x", "کس"), ("y", "ی"), ("z", "ز"),
]  # fmt: skip


@dataclass(frozen=True)
class DisplayName:
    text: str
    transliterated: bool = False  # no article in this language's script named it


def _language(language: str | None) -> str:
    code = (language or "fa")[:2]
    return code if code in LANGUAGES else "en"


@functools.cache
def _first_terms(language: str, table: str) -> dict[str, str]:
    """Each entry's first term (its name) in a language's lexicon table."""
    names: dict[str, str] = {}
    for entry in load_table(language, table):
        names.setdefault(entry.key, entry.terms[0])
    return names


@functools.cache
def _gazetteer(language: str) -> dict[str, str]:
    return {**_first_terms(language, "countries"), **_first_terms(language, "regions")}


def place_name(code: str, language: str | None) -> str:
    """«گیلان», «Гилян», «Gilan» for IR-01 (and a country for its ISO code), from the gazetteer
    only; a code it does not know stays a code. The one home of region and country names: the
    web pages, the partner finder and the briefs all call it, never a record's name (which an
    article may have set to an organisation's or a zone's)."""
    return _gazetteer(_language(language)).get(code) or _gazetteer("en").get(code, code)


def is_place(code: str) -> bool:
    """Whether the gazetteer knows the code (a region's or a country's)."""
    return any(code in _gazetteer(lang) for lang in LANGUAGES)


def sector_name(slug: str, language: str | None) -> str | None:
    """A sector's name in the language, or None for an unknown slug: the catalogues' name of the
    slug when they give one (a lexicon's first term is a form to match, not always the sector's
    name: «نفت» for oil and gas, «سرمایه گذاری» spaced so that joined spellings match too), else
    the sector lexicon's first term."""
    lang = _language(language)
    lexicon = _first_terms(lang, "sectors").get(slug)
    if lexicon is None:
        return None
    with translation.override(lang):
        name = translation.gettext(slug)
    return lexicon if name == slug else name


def entity_name(entity: Entity, language: str | None) -> DisplayName:
    """The name of an entity to show a reader of `language` (see the module's description)."""
    lang = _language(language)
    if entity.type in ("region", "country") and entity.ref:
        return DisplayName(place_name(entity.ref, lang))
    if entity.type == "person":
        return person_name([a.name for a in entity.aliases.all()] or [entity.name], lang)
    return DisplayName(_most_common(entity, lang) or entity.name)


def person_name(spellings: list[str], language: str) -> DisplayName:
    """The most frequent spelling in the language's script (Russian ones in the nominative); else
    a transliteration of one in another script."""
    lang = _language(language)
    own = [_nominative(s) if lang == "ru" else " ".join(s.split()) for s in spellings if script_of(s) == lang]
    if own:
        counts = Counter(own)
        # the most frequent, with the most words; then the shortest (a masculine genitive the
        # rules above leave, «Сомова», is longer than its nominative)
        return DisplayName(max(counts, key=lambda s: (counts[s], len(s.split()), -len(s))))
    others = sorted(spellings, key=lambda s: (script_of(s) != "en", -len(s.split())))
    if not others:
        return DisplayName("")
    source = _nominative(others[0]) if script_of(others[0]) == "ru" else others[0]
    return DisplayName(transliterate(source, lang), transliterated=True)


def _nominative(spelling: str) -> str:
    words = spelling.split()
    tokens = fold(spelling).text.split()
    if not words or len(tokens) != len(words):
        return " ".join(words)
    shown = display_name(tokens, " ".join(words)).split()
    # case forms the name reader left (a surname it does not know): surname endings, and the
    # dictionary form of a given name
    out = [
        lemma(t).capitalize() if _OBLIQUE.search(w) and lemma(t) != t else w
        for w, t in zip(shown, tokens, strict=True)
    ]
    last = shown[-1]
    for ending, nominative in _SURNAME_ENDINGS:
        if last.endswith(ending) and len(last) > len(ending) + 1:
            out[-1] = last[: -len(ending)] + nominative
            break
    return " ".join(out)


def transliterate(name: str, language: str) -> str:
    """A rough spelling of a name in another script: through Latin letters (linking.latin's
    table for Persian and Russian), then to Cyrillic or Persian letters."""
    from_script = script_of(name)
    spelled = latin(name) if from_script != "en" else fold(name).text
    if language == "en":
        return " ".join(w.capitalize() for w in spelled.split())
    table = _CYRILLIC_OF_LATIN if language == "ru" else _PERSIAN_OF_LATIN
    words = []
    for word in spelled.split():
        out, i = "", 0
        while i < len(word):
            for a, b in table:
                if word.startswith(a, i):
                    out += b
                    i += len(a)
                    break
            else:
                i += 1
        words.append(out.capitalize() if language == "ru" else out)
    return " ".join(words)


def _most_common(entity: Entity, language: str) -> str | None:
    """The words the articles in `language` most often used for an entity."""
    rows = (
        Mention.objects.filter(entity=entity, article__language=language)
        .annotate(words=Substr("article__text", F("start") + 1, F("end") - F("start")))
        .values("words")
        .annotate(n=Count("id"))
        .order_by("-n", "words")[:1]
    )
    for row in rows:
        return " ".join(str(row["words"]).split())
    return None


def story_title(story: Story, language: str | None) -> str:
    """A story's title for a reader of `language`: its own (its first article's) when written in
    that language's script, else the title of its first article in that language — a meeting told
    in Russian first and in Persian next is titled in Persian on Persian pages — else its own."""
    lang = _language(language)
    if not story.title or script_of(story.title) == lang:
        return story.title
    # the articles a selector prefetched (kb.selectors.titled_articles, or all of them in order)
    prefetched = getattr(story, "titled_articles", None)
    if prefetched is None and "articles" in getattr(story, "_prefetched_objects_cache", {}):
        prefetched = sorted(story.articles.all(), key=lambda a: (a.published is None, a.published, a.pk))
    if prefetched is not None:
        return next((a.title for a in prefetched if a.language == lang and a.title), story.title)
    titles = story.articles.filter(language=lang).exclude(title="").order_by("published", "pk")
    return titles.values_list("title", flat=True).first() or story.title
