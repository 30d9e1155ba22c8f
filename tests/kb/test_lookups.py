"""A missing record is one kind of 404 for pages and the API alike."""

from __future__ import annotations

import pytest
from django.http import Http404

from hamkari.kb import selectors
from hamkari.kb.lookups import Missing, NoRecord, found, record_id, typed_id
from hamkari.kb.models import Entity

pytestmark = pytest.mark.django_db


def test_it_returns_what_the_selector_finds() -> None:
    Entity.objects.create(type="region", ref="IR-01", name="Gilan")
    assert found(selectors.region_by_code, "ir-01").ref == "IR-01"


@pytest.mark.parametrize(
    ("getter", "args"),
    [
        (selectors.region_by_code, ("XX-99",)),  # DoesNotExist
        (selectors.entity_get, (987654,)),
        (selectors.curated_entity_get, (987654,)),
        (selectors.article_fact, ("no-such-kind", 1)),  # a kind of record there is not
        (selectors.audited_get, ("no-such-kind", 1)),
    ],
)
def test_a_record_that_does_not_exist_is_a_404_with_its_message(getter: object, args: tuple[object]) -> None:
    with pytest.raises(Missing, match="nothing here") as raised:
        found(getter, *args, missing="nothing here")  # type: ignore[operator]
    assert isinstance(raised.value, Http404)  # Django's 404 page for the web


def test_an_error_that_is_not_about_a_missing_record_is_not_hidden() -> None:
    def broken() -> None:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError):
        found(broken)


@pytest.mark.parametrize("text", ["abc", "²", "", "1.5", None])
def test_an_id_that_is_no_number_names_no_record(text: object) -> None:
    with pytest.raises(NoRecord):
        record_id(text)


@pytest.mark.parametrize(("text", "number"), [("42", 42), (7, 7), ("۱۲", 12)])
def test_an_id_in_any_decimal_digits_is_read_as_its_number(text: object, number: int) -> None:
    assert record_id(text) == number


def test_a_selector_given_an_id_that_is_no_number_is_a_404() -> None:
    def by_number(pk: str) -> Entity:
        return selectors.entity_get(record_id(pk))

    with pytest.raises(Missing):
        found(by_number, "abc")


@pytest.mark.parametrize("fault", [KeyError("kind"), ValueError("invalid literal for int()")])
def test_a_key_or_value_error_of_a_fault_in_a_selector_is_not_turned_into_a_404(fault: Exception) -> None:
    def broken() -> None:
        raise fault

    with pytest.raises(type(fault)) as raised:
        found(broken)
    assert not isinstance(raised.value, Http404)  # a server error, not a page that is not there


# (typed, the record's number: None for no number, 0 for a number longer than any id)
TYPED_IDS = [
    ("12", 12),
    (" ۱۲ ", 12),
    ("²", None),
    ("abc", None),
    ("", None),
    ("9" * 18, 10**18 - 1),
    ("9" * 5000, 0),
]


@pytest.mark.parametrize(("typed", "number"), TYPED_IDS)
def test_a_typed_id_is_a_number_only_when_it_can_be_one(typed: str, number: int | None) -> None:
    assert typed_id(typed) == number
