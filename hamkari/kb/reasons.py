"""The reasons the plain-Python layers give (an `InputError` of hamkari.sources says why a file or a
text cannot become an article) in the reader's language: their English template is the msgid of
the catalogues in hamkari/web/locale, and the values are put in after translating."""

from __future__ import annotations

from django.utils.translation import gettext


def reason(exc: BaseException) -> str:
    """The one-line message of `exc` in the active language (its English text when it carries no
    template, or when the catalogue has no translation of it)."""
    template = getattr(exc, "template", None)
    if not isinstance(template, str):
        return str(exc)
    params = getattr(exc, "params", None) or {}
    return gettext(template) % params if params else gettext(template)
