"""The API's validation messages in the request's language (the language the user chose on the
site, its cookie, else Accept-Language, else Persian: `hamkari.api.core`). django-ninja hands over
pydantic's errors, in English and naming no field in their text; each is said again here from its
`type` as one sentence naming the field, with the limit or the allowed values from its context. A
type not listed gets the general sentence «… is not valid»."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from hamkari.kb.calendar import digits_in

# pydantic's error type → the sentence; %(field)s is the parameter or body field as the client
# sends it. Sentences with a number are in COUNTED below (their plural depends on it).
SENTENCES: dict[str, Any] = {
    "missing": _("%(field)s is required."),
    "int_type": _("%(field)s must be a whole number."),
    "int_parsing": _("%(field)s must be a whole number."),
    "int_parsing_size": _("%(field)s is too large a number."),
    "int_from_float": _("%(field)s must be a whole number."),
    "float_type": _("%(field)s must be a number."),
    "float_parsing": _("%(field)s must be a number."),
    "finite_number": _("%(field)s must be a finite number."),
    "bool_type": _("%(field)s must be true or false."),
    "bool_parsing": _("%(field)s must be true or false."),
    "string_type": _("%(field)s must be a text (a JSON string)."),
    "string_unicode": _("%(field)s must be a text (a JSON string)."),
    "string_pattern_mismatch": _("%(field)s does not have the expected form (%(pattern)s)."),
    "date_type": _("%(field)s must be a date in the form YYYY-MM-DD."),
    "date_parsing": _("%(field)s must be a date in the form YYYY-MM-DD."),
    "date_from_datetime_parsing": _("%(field)s must be a date in the form YYYY-MM-DD."),
    "date_from_datetime_inexact": _("%(field)s must be a date in the form YYYY-MM-DD."),
    "datetime_type": _("%(field)s must be a date and time in the form YYYY-MM-DDTHH:MM."),
    "datetime_parsing": _("%(field)s must be a date and time in the form YYYY-MM-DDTHH:MM."),
    "datetime_from_date_parsing": _("%(field)s must be a date and time in the form YYYY-MM-DDTHH:MM."),
    "dict_type": _("%(field)s must be a JSON object."),
    "model_type": _("%(field)s must be a JSON object."),
    "model_attributes_type": _("%(field)s must be a JSON object."),
    "list_type": _("%(field)s must be a list."),
    "json_invalid": _("%(field)s is not valid JSON."),
    "json_type": _("%(field)s is not valid JSON."),
    "extra_forbidden": _("%(field)s is not a field of this request."),
    "not_one_of": _("%(field)s: unknown value %(value)s; use one of %(allowed)s."),
    "literal_error": _("%(field)s must be one of %(allowed)s."),
    "enum": _("%(field)s must be one of %(allowed)s."),
    "url_parsing": _("%(field)s must be a web address."),
    "url_type": _("%(field)s must be a web address."),
    "url_scheme": _("%(field)s must be a web address."),
}
GENERAL = _("%(field)s is not valid.")


def _counted(kind: str, limit: int) -> str | None:
    """The sentences with a number in them, in the plural form that number takes."""
    sentences = {
        "string_too_short": ngettext(
            "%(field)s must have at least %(limit)s character.",
            "%(field)s must have at least %(limit)s characters.",
            limit,
        ),
        "string_too_long": ngettext(
            "%(field)s may have at most %(limit)s character.",
            "%(field)s may have at most %(limit)s characters.",
            limit,
        ),
        "too_short": ngettext(
            "%(field)s must have at least %(limit)s item.",
            "%(field)s must have at least %(limit)s items.",
            limit,
        ),
        "too_long": ngettext(
            "%(field)s may have at most %(limit)s item.", "%(field)s may have at most %(limit)s items.", limit
        ),
        "greater_than_equal": gettext("%(field)s must be %(limit)s or more."),
        "greater_than": gettext("%(field)s must be more than %(limit)s."),
        "less_than_equal": gettext("%(field)s must be %(limit)s or less."),
        "less_than": gettext("%(field)s must be less than %(limit)s."),
    }
    return sentences.get(kind)


LIMITS = ("min_length", "max_length", "ge", "gt", "le", "lt")


def field_name(loc: Sequence[Any]) -> str:
    """The field as the client sends it: `top`, `articles[2]`, `changes.due`; pydantic's
    location starts with where it was read (`query`, `path`, `body`) and, for a body, the
    endpoint's parameter name, which the client never sees."""
    parts = list(loc[1:])
    if loc and loc[0] == "body" and parts and isinstance(parts[0], str):
        parts = parts[1:]
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def sentence(error: dict[str, Any]) -> str:
    """One pydantic error as one sentence in the active language."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    language = get_language() or "fa"
    name = field_name(error.get("loc", ()))
    values: dict[str, Any] = {
        "field": f"«{name}»" if name else gettext("The request body"),
        "pattern": ctx.get("pattern", ""),
        "value": repr(ctx.get("value", "")),
        "allowed": ctx.get("allowed") or ctx.get("expected", ""),
    }
    limit = next((ctx[k] for k in LIMITS if k in ctx), None)
    if isinstance(limit, int | float) and abs(limit) < 2**63:
        counted = _counted(kind, int(limit))
        if counted is not None:
            shown = int(limit) if float(limit).is_integer() else limit  # «0», not «0.0», for ge=0 on a float
            return counted % {**values, "limit": digits_in(f"{shown:,}", language)}
    return str(SENTENCES.get(kind, GENERAL)) % values


def details(errors: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """django-ninja's errors as the API's details: where (as pydantic says it), the error type
    (for programs) and the sentence (for people)."""
    return [
        {
            "where": ".".join(str(p) for p in e.get("loc", [])),
            "type": str(e.get("type", "")),
            "message": sentence(e),
        }
        for e in errors
    ]
