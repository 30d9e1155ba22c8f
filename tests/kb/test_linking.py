"""Names across scripts: the same person written in Persian, Russian and English links; other
people do not."""

from __future__ import annotations

import pytest

from hamkari.kb import linking

SAME = [
    ("Alexey Voronin", "Алексей Воронин"),  # x = кс
    ("Maxim Zotov", "Максим Зотов"),
    ("Alexander Ryabov", "الکساندر ریابوف"),
    ("Bahram Nikzadi", "بهرام نیکزادی"),
    ("Бахрам Никзади", "Bahram Nikzadi"),
]
OTHER = [
    ("Alexey Voronin", "Павел Воронин"),
    ("Maxim Zotov", "Максим Зуев"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_it_links_one_name_written_in_two_scripts(a: str, b: str) -> None:
    assert linking.compare(linking.name_key(a), linking.name_key(b), same_country=None, same_post=False)


@pytest.mark.parametrize(("a", "b"), OTHER)
def test_it_keeps_other_given_names_or_surnames_apart(a: str, b: str) -> None:
    assert not linking.compare(linking.name_key(a), linking.name_key(b), same_country=None, same_post=False)
