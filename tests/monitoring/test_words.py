"""A source's state and kind, a job's kind and state and a job item's state have one home for
their words (hamkari.monitoring.words): the pages and the command line say the same, in every
language."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise

from hamkari.monitoring.models import ITEM_FINISHED, ITEM_QUEUED, ITEM_RUNNING, KINDS, Job, Source
from hamkari.monitoring.words import (
    ITEM_STATES,
    JOB_KINDS,
    JOB_STATES,
    SOURCE_KINDS,
    SOURCE_STATES,
    item_state,
    job_kind,
    job_state,
    source_kind,
    source_state,
)

WORDS: list[tuple[dict[str, Promise], Callable[[str], str]]] = [
    (SOURCE_STATES, source_state),
    (SOURCE_KINDS, source_kind),
    (JOB_KINDS, job_kind),
    (JOB_STATES, job_state),
    (ITEM_STATES, item_state),
]


def test_every_kind_and_state_a_source_or_a_job_may_have_has_words() -> None:
    assert set(SOURCE_KINDS) == set(KINDS)
    assert set(SOURCE_STATES) == {code for code, _ in Source.STATES}
    assert set(JOB_KINDS) == {code for code, _ in Job.KINDS}
    assert set(ITEM_STATES) == {ITEM_QUEUED, ITEM_RUNNING, *ITEM_FINISHED}


@pytest.mark.parametrize("language", ["fa", "ru"])
def test_the_words_are_translated(language: str) -> None:
    with translation.override("en"):
        english = {code: said(code) for words, said in WORDS for code in words}
    with translation.override(language):
        for words, said in WORDS:
            assert [code for code in words if said(code) == english[code]] == []


@pytest.mark.parametrize("language", ["fa", "ru", "en"])
def test_the_pages_say_the_words_the_command_line_says(language: str) -> None:
    with translation.override(language):
        for kind in SOURCE_KINDS:
            assert render_to_string("web/_source_kind.html", {"kind": kind}) == source_kind(kind)
        disabled = render_to_string("web/_source_state.html", {"state": "disabled"})
        assert disabled == f'<span class="error">{source_state("disabled")}</span>'
        active = render_to_string("web/_source_state.html", {"state": "active"})
        assert active == f'<span class="ok">{source_state("active")}</span>'
        for kind in JOB_KINDS:
            assert render_to_string("web/_job_kind.html", {"kind": kind}) == job_kind(kind)
        for state in ITEM_STATES:
            assert render_to_string("web/_job_state.html", {"state": state}) == item_state(state)
