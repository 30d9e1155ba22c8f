"""A pipeline of small named components over one `Document`.

Each component declares the document fields it `requires` and the ones it `provides`; the
pipeline checks at construction that every requirement is met by an earlier component (or by
the input), so a reordering mistake fails at start-up rather than producing silent gaps.

Running, the pipeline lets out `ExtractionError` and nothing else: a fault inside a component
becomes one line that names the component, and the document's time budget is checked after
every component (and inside them, through the document's lookups).
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterable, Iterator, Sequence
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
        with collector_paused():
            return self._run(doc)

    def _run(self, doc: Document) -> Document:
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


class _Pauses:
    """How many pipelines run with the cyclic garbage collector paused, and whether it ran before."""

    lock = threading.Lock()
    running = 0
    was_enabled = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run without Python's cyclic garbage collector, then restore it as it was.

    Why: one document allocates many small objects (matches, spans, tokens) that form no
    reference cycles and are freed by reference counting; the collector still walks them, and
    every full collection walks the whole heap, which grows with the text. Measured on 1 MB
    texts, the collector took 20–30 % of the time and made 1 MB cost 12.8–14.9 × the time of
    100 KB instead of 10.7–11.9 × (benchmarks/bench_extract.py); on 3–4 KB articles it made no
    measurable difference. Threads that extract at the same time share one count: the last
    one to finish restores the collector, so it is never left off."""
    with _Pauses.lock:
        if _Pauses.running == 0:
            _Pauses.was_enabled = gc.isenabled()
            gc.disable()
        _Pauses.running += 1
    try:
        yield
    finally:
        with _Pauses.lock:
            _Pauses.running -= 1
            if _Pauses.running == 0 and _Pauses.was_enabled:
                gc.enable()
