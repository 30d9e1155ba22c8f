"""The one exception `extract` lets out, and the one-line form of an unexpected fault.

`ExtractionError`: an article whose facts cannot be extracted: a bad argument, the time budget
spent (`document.TimeBudgetExceeded`), or a fault inside a component. Reading bytes has its own
error, `hamkari.sources.inputs.InputError`; a caller that stores articles fails one item on
either and goes on with the next.
"""

from __future__ import annotations

MAX_MESSAGE = 300


class ExtractionError(ValueError):
    """An article that cannot be extracted; the message says why in one line, in English:
    `template % params`, the template being the msgid of hamkari/web/locale's catalogues, so that a
    layer with translations can say it in the reader's language (hamkari.kb.reasons)."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params if params else template)
        self.template, self.params = template, params


def one_line(exc: BaseException) -> str:
    """An exception as `Type: message` on one short line, for an unexpected internal fault."""
    message = " ".join(str(exc).split())
    if len(message) > MAX_MESSAGE:
        message = message[: MAX_MESSAGE - 1] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
