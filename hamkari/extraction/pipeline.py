"""A pipeline of small named components over one `Document`.

Each component declares the document fields it `requires` and the ones it `provides`; the
pipeline checks at construction that every requirement is met by an earlier component (or by
the input), so a reordering mistake fails at start-up rather than producing silent gaps.

Running, the pipeline lets out `ExtractionError` and nothing else: a fault inside a component
becomes one line that names the component, and the document's time budget is checked after
every component (and inside them, through the document's lookups).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from hamkari.extraction.document import Document
from hamkari.extraction.errors import ExtractionError, one_line

INPUT_FIELDS = frozenset({"text", "source", "language", "published"})


class Component:
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Document) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class PipelineError(ValueError):
    pass


class Pipeline:
    def __init__(self, components: Iterable[Component]) -> None:
        self.components: Sequence[Component] = tuple(components)
        available = set(INPUT_FIELDS)
        for c in self.components:
            missing = [r for r in c.requires if r not in available]
            if missing:
                raise PipelineError(f"component {c.name!r} needs {', '.join(missing)} before it runs")
            available.update(c.provides)

    def __call__(self, doc: Document) -> Document:
        for component in self.components:
            try:
                component(doc)
                doc.forget_indexes()
                doc.check_budget()
            except ExtractionError as exc:
                raise type(exc)(f"{exc} (in component {component.name!r})") from exc
            except Exception as exc:  # any fault fails this one document with one line, not a batch
                reason = f"internal error in component {component.name!r}: {one_line(exc)}"
                raise ExtractionError(reason) from exc
        return doc
