"""The pipeline pauses Python's cyclic garbage collector while it runs and restores it as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from hamkari.extraction import extract, to_json
from hamkari.extraction.components.text import Normalizer
from hamkari.extraction.document import Document
from hamkari.extraction.pipeline import Component, Pipeline, collector_paused


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
