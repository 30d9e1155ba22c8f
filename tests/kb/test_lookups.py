"""A missing record is one kind of 404 for pages and the API alike."""

from __future__ import annotations

import pytest
from django.http import Http404

from hamkari.kb import selectors
from hamkari.kb.lookups import Missing, found
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
