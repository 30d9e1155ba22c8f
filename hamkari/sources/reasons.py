"""A reason given to a person (why a file, a page, a poll or a job failed) that a layer with
translations can say in the reader's language: a `Reason` is the English line itself (a str, so
that whatever logs, prints or compares it keeps working) and carries its template and the values
put into it. The template is the msgid of the catalogues in hamkari/web/locale; a value may be a
Reason itself («attempt 2: page has no article text»). `reason_json` is what is stored beside
the English text, `Reason.from_json` reads it back (hamkari.kb.reasons says it in a language)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any


class Reason(str):
    """`template % params` in English, with the template and the params kept."""

    template: str
    params: dict[str, object]
    plural: str | None  # the template when params["n"] is not 1 (a language may have more forms)

    def __new__(cls, template: str, **params: object) -> Reason:
        made = super().__new__(cls, template % params if params else template)
        made.template, made.params, made.plural = template, params, None
        return made

    @classmethod
    def counted(cls, singular: str, plural: str, n: int, **params: object) -> Reason:
        """A reason with a number `n` in it: `singular` or `plural` (ngettext's pair)."""
        made = cls(singular if n == 1 else plural, n=n, **params)
        made.template, made.plural = singular, plural
        return made

    def as_json(self) -> dict[str, Any]:
        """{"template": …, "params": {…}} (and "plural"), a Reason among the params as the same form."""
        params = {k: v.as_json() if isinstance(v, Reason) else _plain(v) for k, v in self.params.items()}
        data: dict[str, Any] = {"template": self.template, "params": params}
        if self.plural is not None:
            data["plural"] = self.plural
        return data

    @classmethod
    def from_json(cls, data: object) -> Reason | None:
        """The Reason stored as `as_json` made it; None for anything else (an old row's {})."""
        if not isinstance(data, Mapping) or not isinstance(data.get("template"), str):
            return None
        raw = data.get("params")
        params: dict[str, object] = {}
        for key, value in raw.items() if isinstance(raw, Mapping) else ():
            nested = cls.from_json(value) if isinstance(value, Mapping) else None
            params[str(key)] = nested if nested is not None else value
        plural, n = data.get("plural"), params.pop("n", None)
        try:
            if isinstance(plural, str) and isinstance(n, int):
                return cls.counted(data["template"], plural, n, **params)
            if n is not None:
                params["n"] = n
            return cls(data["template"], **params)
        except (KeyError, TypeError, ValueError):  # a template that does not fit its params
            return None


# a value stored beside a reason (a remote server's reason phrase, an OS fault) is cut as the
# stored English line is: the remote side must not decide how much we keep and show
MAX_VALUE = 300


def _plain(value: object) -> object:
    if isinstance(value, int | float | bool) or value is None:
        return value
    text = str(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def reason_of(exc: BaseException) -> str:
    """Why `exc` happened, as a Reason when it carries a template (InputError, FetchError,
    ExtractionError …), else its one-line English text."""
    template = getattr(exc, "template", None)
    if isinstance(template, str):
        params = dict(getattr(exc, "params", None) or {})
        for key, value in params.items():  # a reason put inside another one («… (in component …)»)
            if isinstance(value, BaseException):
                params[key] = reason_of(value)
        try:
            return Reason(template, **params)
        except (KeyError, TypeError, ValueError):
            pass
    return " ".join(str(exc).split()) or type(exc).__name__


def reason_json(value: object) -> dict[str, Any]:
    """What is stored beside an error's English text: its template and params, or {} for a text
    said only in English (an unexpected fault, a message from elsewhere)."""
    return value.as_json() if isinstance(value, Reason) else {}


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def reason_read(text: str, templates: Iterable[str]) -> Reason | None:
    """The Reason an English line was made from, when one of `templates` makes exactly it (the
    values read back as text; a value that is itself such a line becomes a Reason): for errors
    stored before their templates were kept. None when no template fits."""
    for template in sorted(templates, key=len, reverse=True):
        found = _pattern(template).fullmatch(text)
        if found is None:
            continue
        params = {k: reason_read(v, templates) or v for k, v in found.groupdict().items()}
        return Reason(template, **params)
    return None


@functools.cache
def _pattern(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    named: set[str] = set()
    at = 0
    for m in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[at : m.start()]))
        parts.append(".+?" if m[1] in named else f"(?P<{m[1]}>.+?)")
        named.add(m[1])
        at = m.end()
    parts.append(re.escape(template[at:]))
    return re.compile("".join(parts), re.S)
