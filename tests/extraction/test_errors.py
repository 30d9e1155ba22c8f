"""`extract` lets out `ExtractionError` (one line) and nothing else; the crash classes found by
fuzzing (huge numbers, rare letters inside Cyrillic words, far deadlines) extract normally."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from hamkari.extraction import ExtractionError, TimeBudgetExceeded, extract, to_json
from hamkari.extraction.components.text import Normalizer
from hamkari.extraction.document import Document
from hamkari.extraction.morphology import grammemes, lemma
from hamkari.extraction.pipeline import Component, Pipeline

HUGE = "9" * 5000
HUGE_NUMBERS = [
    (f"مبلغ این قرارداد {HUGE} ریال اعلام شد.", "fa"),
    (f"Сумма контракта составила {HUGE} рублей.", "ru"),
    (f"The contract is worth {HUGE} dollars.", "en"),
    ("The contract is worth 5 " + "million " * 900 + "dollars.", "en"),
    ("ارزش قرارداد ۵ " + "هزار " * 900 + "ریال است.", "fa"),
    ("Сумма составила " + "1" + ",000" * 2000 + " рублей.", "ru"),
]


@pytest.mark.parametrize(("text", "language"), HUGE_NUMBERS)
def test_it_reads_no_figure_beyond_the_largest_one(text: str, language: str) -> None:
    result = to_json(extract(text))
    assert result["document"]["language"] == language
    assert all(abs(q["value"]) <= 10**18 for q in result["quantities"])
    json.dumps(result)  # every value can be written out


def test_a_sensible_figure_next_to_a_huge_one_is_still_read() -> None:
    result = to_json(extract(f"Поставлено 150 тыс. тонн зерна, код {HUGE}."))
    assert [q["value"] for q in result["quantities"]] == [150000]


def test_a_rare_script_letter_inside_a_cyrillic_word_is_an_unknown_word() -> None:
    word = "\U00017000при"  # a Tangut letter: pymorphy3 fails on it with «no such name»
    assert lemma(word) == word
    assert grammemes(word) == frozenset()
    doc = extract(f"Губернатор области встретился с {word} и консулом Ирана.")
    assert doc.language == "ru"


def test_a_deadline_beyond_the_calendar_has_no_due_date() -> None:
    doc = extract(
        "Стороны договорились в течение 99999999 дней подготовить дорожную карту.",
        published=dt.date(2025, 1, 1),
    )
    assert [(c.due_relative, c.due) for c in doc.commitments] == [("P99999999D", None)]


def test_an_unsupported_language_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="unsupported language 'de'"):
        extract("Der Gouverneur traf den Konsul.", language="de")


def test_text_that_is_not_a_string_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="must be a str, not bytes"):
        extract(b"bytes")  # type: ignore[arg-type]


class _Broken(Component):
    name = "broken"
    requires = ("folded",)

    def __call__(self, doc: Document) -> None:
        raise KeyError("a\nmulti-line\nreason")


def test_a_fault_inside_a_component_is_one_line_that_names_it() -> None:
    with pytest.raises(ExtractionError) as caught:
        Pipeline([Normalizer(), _Broken()])(Document(text="some text"))
    assert str(caught.value) == "internal error in component 'broken': KeyError: 'a\\nmulti-line\\nreason'"
    assert isinstance(caught.value.__cause__, KeyError)


def test_a_spent_time_budget_is_an_extraction_error_naming_the_component() -> None:
    with pytest.raises(TimeBudgetExceeded, match=r"time budget of 1e-09 s \(in component '\w+'\)"):
        extract("Губернатор области встретился с консулом Ирана.", budget=1e-9)


def test_the_budget_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMKARI_EXTRACTION_BUDGET", "1e-9")
    with pytest.raises(TimeBudgetExceeded):
        extract("Губернатор области встретился с консулом Ирана.")
    monkeypatch.setenv("HAMKARI_EXTRACTION_BUDGET", "0")  # no limit
    assert extract("Губернатор области встретился с консулом Ирана.").budget is None


@pytest.mark.parametrize("value", ["soon", "-1", "nan"])
def test_a_malformed_budget_setting_is_an_extraction_error(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMKARI_EXTRACTION_BUDGET", value)
    with pytest.raises(ExtractionError, match="HAMKARI_EXTRACTION_BUDGET must be a number of seconds"):
        extract("text")


@pytest.mark.parametrize("budget", [0.0, -1.0, math.nan])
def test_a_budget_argument_must_be_positive(budget: float) -> None:
    with pytest.raises(ExtractionError, match="time budget must be a positive number"):
        extract("text", budget=budget)
