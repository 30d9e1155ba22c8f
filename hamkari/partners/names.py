"""Names in the page's language: a region's from the gazetteer only (never an organisation's or a
zone's name that an article happened to use for it), a sector's from the sector lexicon, and
digits in the script of the language."""

from __future__ import annotations

import functools

from hamkari.extraction.lexicon import load_table

PERSIAN_DIGITS = str.maketrans("0123456789.,", "۰۱۲۳۴۵۶۷۸۹٫٬")


@functools.cache
def _first_terms(language: str, table: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in load_table(language, table):
        names.setdefault(entry.key, entry.terms[0])
    return names


def language_of(language: str | None) -> str:
    code = (language or "fa")[:2]
    return code if code in ("fa", "ru", "en") else "en"


def region_name(code: str, language: str | None) -> str:
    """«گیلان», «Гилян», «Gilan» for IR-01; a code the gazetteer does not know stays a code."""
    lang = language_of(language)
    return _first_terms(lang, "regions").get(code) or _first_terms("en", "regions").get(code, code)


def sector_name(slug: str, language: str | None) -> str:
    lang = language_of(language)
    return _first_terms(lang, "sectors").get(slug) or slug.replace("_", " ")


def number(value: float, language: str | None, decimals: int = 0) -> str:
    """A number with thousands separators, in Persian digits on a Persian page."""
    text = f"{value:,.{decimals}f}"
    lang = language_of(language)
    if lang == "fa":
        return text.translate(PERSIAN_DIGITS)
    return text.replace(",", "\u00a0") if lang == "ru" else text


def digits(value: object, language: str | None) -> str:
    """A code-like number (a year, a rank) as it is, in Persian digits on a Persian page."""
    text = str(value)
    return text.translate(PERSIAN_DIGITS) if language_of(language) == "fa" else text
