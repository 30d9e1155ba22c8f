"""Names and numbers in the page's language: region and sector names come from the knowledge
base's one home for them (`hamkari.kb.names`: the gazetteer only, never an organisation's or a
zone's name that an article happened to use for a region), numbers grouped as the language
groups them (a code-like number, a year or a rank, is `kb.calendar.digits_in` itself)."""

from __future__ import annotations

from hamkari.kb.calendar import number_in
from hamkari.kb.names import place_name
from hamkari.kb.names import sector_name as kb_sector_name


def language_of(language: str | None) -> str:
    code = (language or "fa")[:2]
    return code if code in ("fa", "ru", "en") else "en"


def region_name(code: str, language: str | None) -> str:
    """«گیلان», «Гилян», «Gilan» for IR-01 (`kb.names.place_name`)."""
    return place_name(code, language)


def sector_name(slug: str, language: str | None) -> str:
    return kb_sector_name(slug, language) or slug.replace("_", " ")


def number(value: float, language: str | None, decimals: int = 0) -> str:
    """A number with thousands separators, in Persian digits on a Persian page."""
    return number_in(value, language_of(language), decimals)
