"""The language the command line speaks: HAMKARI_LANGUAGE (fa, ru or en), else the language of the
user's locale (LC_ALL, LC_MESSAGES, then LANG, as the C library reads them: `fa_IR.UTF-8` is
Persian, `ru_RU.UTF-8` Russian), else English. Messages, argparse's own words and the help are
said through Django's catalogues (hamkari/web/locale) in that language."""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import os
from collections.abc import Iterator, Mapping

from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from hamkari.kb.calendar import digits_in

LANGUAGES = ("fa", "ru", "en")


def _code(value: str) -> str:
    """«fa_IR.UTF-8» → «fa», «ru-RU» → «ru», «C.UTF-8» → «c»."""
    return value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


class LanguageError(ImproperlyConfigured):
    """A HAMKARI_LANGUAGE that is none of fa, ru, en: `template % params` in English, the template
    a msgid of the catalogues (hamkari.cli says it in all three: the language is not known)."""

    def __init__(self, value: str) -> None:
        self.template, self.params = (
            "HAMKARI_LANGUAGE=%(value)s is not one of fa, ru, en",
            {"value": repr(value)},
        )
        super().__init__(self.template % self.params)


def cli_language(environ: Mapping[str, str] = os.environ) -> str:
    """fa, ru or en; a HAMKARI_LANGUAGE that is none of them is a setting error (LanguageError)."""
    chosen = environ.get("HAMKARI_LANGUAGE", "").strip()
    if chosen:
        if _code(chosen) not in LANGUAGES:
            raise LanguageError(chosen)
        return _code(chosen)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name, "").strip():  # the first one set decides, as in the C library
            code = _code(environ[name])
            return code if code in LANGUAGES else "en"
    return "en"


def spoken() -> str:
    """The language the command line speaks now (fa, ru or en): the default of the commands whose
    output names places and sectors (partners, consortium, route)."""
    code = (translation.get_language() or "en")[:2]
    return code if code in ("fa", "ru", "en") else "en"


def digits(value: object) -> str:
    """A number (a count, an id) with the digits of the language the command line speaks: «۱۲» in
    Persian, «12» in Russian and English."""
    return digits_in(value, spoken())


def language_name(code: str) -> str:
    """«فارسی», «Русский», «English» for fa, ru, en: a language's name in the command line's."""
    return str(translation.get_language_info(code)["name_translated"])


def code_text(code: str) -> str:
    """A code of the vocabulary (a kind, a status, an event type) in the command line's language
    when the catalogues name it; else the code with spaces («head of region»)."""
    shown = translation.gettext(code) if code else ""
    return shown.replace("_", " ") if shown == code else shown


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Django's translation and argparse's own words in `language` while a command runs."""
    token = _SPEAKING.set(True)
    try:
        with translation.override(language):
            yield
    finally:
        _SPEAKING.reset(token)


# argparse says its own words («usage:», «the following arguments are required», «invalid choice»)
# through the gettext module's functions, which know no Persian or Russian. While a hamkari command
# runs they are said through Django's catalogues instead; elsewhere in the process (pytest's own
# options, a library) argparse stays as it was.
_SPEAKING: contextvars.ContextVar[bool] = contextvars.ContextVar("hamkari_cli_speaking", default=False)


def _gettext(message: str) -> str:
    return translation.gettext(message) if _SPEAKING.get() else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    if _SPEAKING.get():
        return translation.ngettext(singular, plural, n)
    return singular if n == 1 else plural


argparse._ = _gettext  # type: ignore[attr-defined]
argparse.ngettext = _ngettext  # type: ignore[attr-defined]
