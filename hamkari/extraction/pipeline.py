"""A pipeline of small named components over one `Document`, assembled from what they declare.

Each component declares the document fields it `requires`, the ones it `provides` (fills) and
the ones it `extends` (adds to, after their provider: the organisation and people finders add
entities to the gazetteer's). The pipeline orders its components by those declarations alone:

- a field is provided by at most one component; the input fields (`INPUT_FIELDS`) are there
  from the start unless a component provides them (the language detector fills a language the
  caller did not give, so whoever requires `language` runs after it);
- a component that extends a field runs after the field's provider;
- a component that requires a field runs after its provider and after every component that
  extends it;
- among the components free to run, the one given first runs first (a stable topological
  order, so the same components always run in the same order).

A requirement nobody provides, two providers of one field, or a cycle fails at construction
(`PipelineError`), so a mistake fails at start-up rather than producing silent gaps.

`default_pipeline()` (in `hamkari.extraction`) is built from the registered components: a
component class is registered with the `@registered` decorator in its own module, and the
package `hamkari.extraction.components` imports each of its modules (see its docstring), so a
new component is a new module there and nothing else.

Running, the pipeline lets out `ExtractionError` and nothing else: a fault inside a component
becomes one line that names the component, and the document's time budget is checked after
every component (and inside them, through the document's lookups).
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar, TypeVar

from hamkari.extraction.document import Document
from hamkari.extraction.errors import ExtractionError, one_line

INPUT_FIELDS = frozenset({"text", "source", "language", "published"})


class Component:
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ()
    extends: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Document) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class PipelineError(ValueError):
    pass


C = TypeVar("C", bound=type[Component])
_REGISTERED: list[type[Component]] = []


def registered(cls: C) -> C:
    """Class decorator: the component runs in the default pipeline (`registered_components`)."""
    if any(c.name == cls.name for c in _REGISTERED):
        raise PipelineError(f"two components are named {cls.name!r}")
    _REGISTERED.append(cls)
    return cls


def registered_components() -> tuple[type[Component], ...]:
    """The registered component classes, in the order their modules registered them."""
    return tuple(_REGISTERED)


def in_order(components: Iterable[Component]) -> tuple[Component, ...]:
    """`components` in a stable topological order of their declarations (see the module's
    docstring); raises `PipelineError` for a requirement nobody provides, two providers of one
    field, or a cycle."""
    given = tuple(components)
    before = _dependencies(given)
    done: list[Component] = []
    waiting = list(given)
    while waiting:
        ready = next((c for c in waiting if not before[id(c)] - {id(d) for d in done}), None)
        if ready is None:
            names = ", ".join(repr(c.name) for c in waiting)
            raise PipelineError(
                f"components {names} wait for each other (a cycle in requires/provides/extends)"
            )
        waiting.remove(ready)
        done.append(ready)
    return tuple(done)


def _dependencies(components: tuple[Component, ...]) -> dict[int, set[int]]:
    """For each component (by id), the components that must run before it."""
    provider: dict[str, Component] = {}
    for c in components:
        for field in c.provides:
            if field in provider:
                raise PipelineError(
                    f"components {provider[field].name!r} and {c.name!r} both provide {field!r}; "
                    "one should extend it"
                )
            provider[field] = c
    extenders: dict[str, list[Component]] = {}
    for c in components:
        for field in c.extends:
            extenders.setdefault(field, []).append(c)
    before: dict[int, set[int]] = {id(c): set() for c in components}
    for c in components:
        both = sorted(set(c.requires) & set(c.extends))
        if both:
            raise PipelineError(f"component {c.name!r} both requires and extends {', '.join(both)}")
        for field in (*c.requires, *c.extends):
            if field not in provider and field not in INPUT_FIELDS:
                raise PipelineError(f"component {c.name!r} needs {field}, which no component provides")
            if field in provider and provider[field] is not c:
                before[id(c)].add(id(provider[field]))
        for field in c.requires:
            before[id(c)].update(id(e) for e in extenders.get(field, ()) if e is not c)
    return before


class Pipeline:
    def __init__(self, components: Iterable[Component]) -> None:
        self.components: Sequence[Component] = in_order(components)
        # the components after which the document's index of entities is out of date: those that
        # declare they fill or add to `entities` (the others only read them)
        self._changes_entities = frozenset(
            id(c) for c in self.components if "entities" in (*c.provides, *c.extends)
        )

    def __call__(self, doc: Document) -> Document:
        with collector_paused():
            return self._run(doc)

    def _run(self, doc: Document) -> Document:
        for component in self.components:
            try:
                component(doc)
                if id(component) in self._changes_entities:
                    doc.forget_indexes()
                doc.check_budget()
            except ExtractionError as exc:  # the reason (a template of its own) put inside
                raise type(exc)(
                    "%(reason)s (in component %(component)s)", reason=exc, component=repr(component.name)
                ) from exc
            except Exception as exc:  # any fault fails this one document with one line, not a batch
                raise ExtractionError(
                    "internal error in component %(component)s: %(fault)s",
                    component=repr(component.name),
                    fault=one_line(exc),
                ) from exc
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
                _promote_young()
                gc.enable()


def _promote_young() -> None:
    """Move the objects made while the collector was paused to its oldest generation without
    walking them, so that re-enabling it does not start a collection of the youngest one.

    Why: a paused extraction leaves thousands of young objects (its document, or the JSON),
    all alive and free of cycles; the first allocation after `gc.enable()` made the collector
    walk every one of them, about 5 % of an article's time and 7 % of a 1 MB text's (the walk
    grows faster than the text: its objects no longer fit the processor's caches). Freezing
    and unfreezing at once moves every tracked object to the oldest generation (a list
    splice) and resets the young count; an object kept there is walked at the next full
    collection, and a cycle made meanwhile is collected then. Skipped when the process holds
    frozen objects of its own (`gc.freeze()` before forking a server): unfreezing would
    release them."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
