"""Reads of partners: the reference profile of a region as the pages show it."""

from __future__ import annotations

import pytest

from hamkari.kb import services as kb
from hamkari.kb.models import Entity
from hamkari.partners import place_names, reference
from hamkari.partners.selectors import PLACES, reference_rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fa", "ru", "en"])
def test_every_regions_ports_hubs_and_crossings_are_shown_in_the_pages_language(language: str) -> None:
    kb.reference_load()
    published = [v for v in reference.values() if v.field in place_names.FIELDS]
    regions = Entity.objects.filter(type="region", ref__in={v.region for v in published}).order_by("ref")
    shown = [
        (region.ref, name)
        for region in regions
        for row in reference_rows(region, language)
        if row["field"] in PLACES
        for name in row["names"]
    ]
    assert len(shown) == len(published)
    assert [(ref, name) for ref, name in shown if name.language != language] == []


@pytest.mark.parametrize(
    ("language", "ports"),
    [
        ("fa", "بندر نووروسیسک، بندر توآپسه"),
        ("ru", "порт Новороссийск, порт Туапсе"),
        ("en", "Novorossiysk, Tuapse"),
    ],
)
def test_a_regions_ports_are_listed_in_the_order_published_with_the_languages_comma(
    language: str, ports: str
) -> None:
    kb.reference_load()
    krasnodar = Entity.objects.get(type="region", ref="RU-KDA")
    row = next(r for r in reference_rows(krasnodar, language) if r["field"] == "ports")
    assert row["published"] == ports
