"""A source's state and kind have one home for their words (hamkari.monitoring.words): the
sources pages and `hamkari sources list` say the same, in every language."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from hamkari.monitoring.models import KINDS, Source
from hamkari.monitoring.words import SOURCE_KINDS, SOURCE_STATES, source_kind, source_state


def test_every_kind_and_state_a_source_may_have_has_words() -> None:
    assert set(SOURCE_KINDS) == set(KINDS)
    assert set(SOURCE_STATES) == {code for code, _ in Source.STATES}


@pytest.mark.parametrize("language", ["fa", "ru"])
def test_the_words_are_translated(language: str) -> None:
    with translation.override(language):
        said = {source_state(code) for code in SOURCE_STATES} | {source_kind(code) for code in SOURCE_KINDS}
    with translation.override("en"):
        english = {str(words) for words in [*SOURCE_STATES.values(), *SOURCE_KINDS.values()]}
    assert len(said) == 5 and not said & english


@pytest.mark.parametrize("language", ["fa", "ru", "en"])
def test_the_pages_say_the_words_the_command_line_says(language: str) -> None:
    with translation.override(language):
        for kind in SOURCE_KINDS:
            assert render_to_string("web/_source_kind.html", {"kind": kind}) == source_kind(kind)
        disabled = render_to_string("web/_source_state.html", {"state": "disabled"})
        assert disabled == f'<span class="error">{source_state("disabled")}</span>'
        active = render_to_string("web/_source_state.html", {"state": "active"})
        assert active == f'<span class="ok">{source_state("active")}</span>'
