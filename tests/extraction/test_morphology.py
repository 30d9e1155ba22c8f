"""Russian agreement of a unit with its number (pymorphy3), one golden table."""

from __future__ import annotations

import pytest

from hamkari.extraction.morphology import agreed_with_number

# (unit phrase, number, what a Russian reader writes after the number)
AGREEMENT = [
    ("тонна", 1, "тонна"),
    ("тонна", 3, "тонны"),
    ("тонна", 1_400_000, "тонн"),
    ("тонна", 1.5, "тонны"),  # a fraction: genitive singular
    ("тонна", 21, "тонна"),
    ("человек", 40, "человек"),  # the counted plural, not «людей»
    ("человек", 2, "человека"),
    ("производственная единица", 5, "производственных единиц"),
    ("голова скота", 12, "голов скота"),  # only the words in the nominative agree
    ("евро", 7, "евро"),
    ("км", 300, "км"),
    ("tonnes", 5, "tonnes"),  # another script as it is
]


@pytest.mark.parametrize(("phrase", "number", "expected"), AGREEMENT)
def test_a_russian_unit_agrees_with_its_number(phrase: str, number: float, expected: str) -> None:
    assert agreed_with_number(phrase, number) == expected
