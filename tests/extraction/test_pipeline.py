"""The pipeline assembles itself from the registered components in the order their declarations
give, and pauses Python's cyclic garbage collector while it runs (restoring it as it was)."""

from __future__ import annotations

import gc
import importlib
import math
import pkgutil
import random
import re
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

import pytest

from hamkari.extraction import components, extract, to_json
from hamkari.extraction.components import COMPONENTS
from hamkari.extraction.components.text import Normalizer
from hamkari.extraction.document import Document, Span
from hamkari.extraction.pipeline import (
    INPUT_FIELDS,
    Component,
    Pipeline,
    PipelineError,
    collector_paused,
    registered,
    registered_components,
)

ARTICLES = Path(__file__).parent / "articles"


class _Watch(Component):
    name = "watch"
    requires = ("folded",)
    seen: list[bool]

    def __init__(self, fail: bool = False) -> None:
        self.seen = []
        self.fail = fail

    def __call__(self, doc: Document) -> None:
        self.seen.append(gc.isenabled())
        if self.fail:
            raise RuntimeError("broken on purpose")


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_inside_the_pipeline_and_on_again_after(collector_on: None) -> None:
    watch = _Watch()
    Pipeline([Normalizer(), watch])(Document(text="Губернатор области провёл встречу."))
    assert watch.seen == [False]
    assert gc.isenabled()


def test_a_failing_component_still_restores_the_collector(collector_on: None) -> None:
    with pytest.raises(Exception, match="broken on purpose"):
        Pipeline([Normalizer(), _Watch(fail=True)])(Document(text="some text"))
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off(collector_on: None) -> None:
    gc.disable()
    to_json(extract("استاندار گیلان با سفیر روسیه دیدار کرد."))
    assert not gc.isenabled()


def test_overlapping_runs_restore_the_collector_only_when_the_last_one_ends(collector_on: None) -> None:
    first, second = collector_paused(), collector_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()  # the second run is still going
    second.__exit__(None, None, None)
    assert gc.isenabled()


class _Node:
    """An object that can take part in a reference cycle."""

    def __init__(self) -> None:
        self.other: object = None


def test_a_cycle_made_during_extraction_is_still_collected_after_it(collector_on: None) -> None:
    with collector_paused():
        node = _Node()
        node.other = node  # a cycle, made while the collector is paused
        seen = weakref.ref(node)
        del node
    assert seen() is not None  # only the cyclic collector can free it
    gc.collect()
    assert seen() is None


def test_objects_the_process_froze_stay_frozen_after_an_extraction(collector_on: None) -> None:
    kept = [_Node() for _ in range(10)]
    gc.freeze()  # as a server does before forking
    try:
        to_json(extract("Губернатор области провёл встречу с послом."))
        tracked = {id(o) for o in gc.get_objects()}  # the generations, not the frozen objects
        assert not any(id(k) in tracked for k in kept)
    finally:
        gc.unfreeze()


def test_an_extraction_ends_without_a_collection_of_its_objects(collector_on: None) -> None:
    gc.collect()
    collections = gc.get_stats()[0]["collections"]
    doc = extract("استاندار گیلان با سفیر روسیه دیدار کرد. " * 50)  # thousands of objects
    assert gc.get_stats()[0]["collections"] == collections
    assert doc.entities


class _Indexes(Component):
    """Reads the document's index of entities and keeps the one it got."""

    seen: list[object]

    def __call__(self, doc: Document) -> None:
        doc.entities_in(Span(0, len(doc.text)), "region")
        self.seen.append(doc.mention_index)


def _indexes(
    name: str, requires: tuple[str, ...] = (), extends: tuple[str, ...] = (), provides: tuple[str, ...] = ()
) -> _Indexes:
    kind = type(
        name,
        (_Indexes,),
        {"name": name, "requires": requires, "provides": (*provides, f"{name}_done"), "extends": extends},
    )
    reader = cast(_Indexes, kind())
    reader.seen = []
    return reader


def test_readers_of_entities_share_one_index_and_an_extender_makes_them_a_new_one() -> None:
    extender = _indexes("extender", extends=("entities",))
    first = _indexes("first", requires=("entities",))
    second = _indexes("second", requires=("entities", "first_done"))
    pipeline = Pipeline([_indexes("gazetteer", ("text",), provides=("entities",)), extender, first, second])
    assert _names(pipeline.components) == ["gazetteer", "extender", "first", "second"]
    pipeline(Document(text="Губернатор области провёл встречу."))
    assert first.seen[0] is second.seen[0]  # one index for the components that only read
    assert extender.seen[0] is not first.seen[0]  # dropped after the component that extends


# The pipeline assembles itself: the registered components, ordered by their declarations.


def _component(
    name: str, requires: tuple[str, ...] = (), provides: tuple[str, ...] = (), extends: tuple[str, ...] = ()
) -> Component:
    kind = type(
        name, (Component,), {"name": name, "requires": requires, "provides": provides, "extends": extends}
    )
    return cast(Component, kind())


def _names(components: Iterable[Component]) -> list[str]:
    return [c.name for c in components]


def test_components_run_after_what_they_require_whatever_order_they_are_given_in() -> None:
    given = [_component("b", ("a_out",), ("b_out",)), _component("a", ("text",), ("a_out",))]
    assert _names(Pipeline(given).components) == ["a", "b"]


def test_an_extender_runs_after_the_provider_and_before_those_who_require_the_field() -> None:
    given = [
        _component("reader", ("things",), ("summary",)),
        _component("more_things", ("text",), ("more",), extends=("things",)),
        _component("things", ("text",), ("things",)),
    ]
    assert _names(Pipeline(given).components) == ["things", "more_things", "reader"]


def test_components_free_to_run_keep_the_order_they_were_given_in() -> None:
    given = [_component("z", ("text",), ("z_out",)), _component("y", ("text",), ("y_out",))]
    assert _names(Pipeline(given).components) == ["z", "y"]


def test_it_rejects_a_requirement_nobody_provides() -> None:
    with pytest.raises(PipelineError, match="'b' needs nothing, which no component provides"):
        Pipeline([_component("b", ("nothing",))])


def test_it_rejects_two_providers_of_one_field() -> None:
    with pytest.raises(PipelineError, match="'a' and 'b' both provide 'x'"):
        Pipeline([_component("a", provides=("x",)), _component("b", provides=("x",))])


def test_it_rejects_components_that_wait_for_each_other() -> None:
    with pytest.raises(PipelineError, match="'a', 'b' wait for each other"):
        Pipeline([_component("a", ("y",), ("x",)), _component("b", ("x",), ("y",))])


def test_it_rejects_a_component_that_requires_what_it_extends() -> None:
    with pytest.raises(PipelineError, match="'a' both requires and extends"):
        Pipeline([_component("p", provides=("x",)), _component("a", ("x",), extends=("x",))])


def test_it_refuses_to_register_a_second_component_of_the_same_name() -> None:
    twin = type("Twin", (Component,), {"name": "normalize"})
    with pytest.raises(PipelineError, match="two components are named 'normalize'"):
        registered(twin)
    assert twin not in registered_components()


def test_every_component_class_in_the_components_package_is_registered() -> None:
    defined = {
        value
        for info in pkgutil.iter_modules(components.__path__)
        for value in vars(importlib.import_module(f"{components.__name__}.{info.name}")).values()
        if isinstance(value, type) and issubclass(value, Component) and value is not Component
    }
    assert defined == set(COMPONENTS)
    assert len({c.name for c in COMPONENTS}) == len(COMPONENTS)


def test_the_declarations_alone_fix_the_output_in_any_given_order() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*/*.txt"))]
    expected = [to_json(extract(t, budget=math.inf)) for t in texts]
    for seed in (1, 2):
        shuffled = list(COMPONENTS)
        random.Random(seed).shuffle(shuffled)
        pipeline = Pipeline(c() for c in shuffled)
        assert [to_json(pipeline(Document(text=t))) for t in texts] == expected


# What a component module reads of the document, found in its source: `doc.<field>` and the
# document's lookups (`doc.matches_in` reads matches …), with the helper modules of the package
# that register no component (context, names). A field read but not declared would run the
# component before its provider and read an empty field.
LOOKUPS = {
    "entities_in": "entities",
    "mentions_in": "entities",
    "entities_of": "entities",
    "sentence_at": "sentences",
    "sentences_started": "sentences",
    "matches_in": "matches",
    "matches_at": "matches",
    "matches_near": "matches",
    "date_at": "dates",
    "span_of": "folded",
    "is_ignored": "ignored",
    "quote": "text",
}
READ = re.compile(r"\bdoc\.(\w+)")
IMPORTED = re.compile(r"from hamkari\.extraction\.components\.(\w+) import")


def _reads(module: str, fields: set[str]) -> set[str]:
    source = Path(importlib.import_module(module).__file__ or "").read_text(encoding="utf-8")
    helpers = [m for m in IMPORTED.findall(source) if f"{components.__name__}.{m}" not in _MODULES]
    for helper in helpers:
        source += Path(importlib.import_module(f"{components.__name__}.{helper}").__file__ or "").read_text(
            encoding="utf-8"
        )
    return {LOOKUPS.get(name, name) for name in READ.findall(source)} & fields


_MODULES = {c.__module__ for c in COMPONENTS}


@pytest.mark.parametrize("module", sorted(_MODULES))
def test_every_document_field_a_component_module_reads_is_declared(module: str) -> None:
    fields = {f for c in COMPONENTS for f in (*c.provides, *c.extends)} | set(INPUT_FIELDS)
    declared = {
        f for c in COMPONENTS if c.__module__ == module for f in (*c.requires, *c.provides, *c.extends)
    }
    assert sorted(_reads(module, fields) - declared) == []
