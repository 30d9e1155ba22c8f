"""The knowledge base on the shared development set (`../shared/dev`): real articles nobody here
wrote. After ingesting all of them, each event reported in two languages (`same_event_as` in
its gold file) is one story, no two other articles share a story, and the people its gold says
are one (`people_same_as`) are one record. The names come from the gold file at run time; no
word of those articles is in the code or the tests."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from hamkari.extraction.normalize import fold
from hamkari.kb import services
from hamkari.kb.models import Article, Mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def dev(shared: Path) -> dict[str, Any]:
    folder = shared / "dev"
    gold: dict[str, Any] = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["documents"]
    for name in sorted(gold):
        services.article_ingest(text=(folder / "texts" / name).read_text(encoding="utf-8"), source=name)
    return gold


def test_each_event_reported_twice_is_one_story_and_nothing_else_shares_one(dev: dict[str, Any]) -> None:
    story = dict(Article.objects.values_list("source", "story_id"))
    assert None not in story.values()
    same = {frozenset((name, doc["same_event_as"])) for name, doc in dev.items() if doc.get("same_event_as")}
    assert len(same) == 5
    linked = {pair for pair in same if len({story[n] for n in pair}) == 1}
    together = {frozenset(p) for p in itertools.combinations(sorted(story), 2) if story[p[0]] == story[p[1]]}
    assert linked == same, f"pairs not linked: {sorted(map(sorted, same - linked))}"
    assert together == same, f"false pairings: {sorted(map(sorted, together - same))}"


def _person(article: Article, name: str) -> set[int]:
    """The people of an article whose words start with the name's stem (case endings aside)."""
    words = fold(name).text.split()
    stem = words[-1][: max(4, len(words[-1]) - 2)]
    found = set()
    for m in Mention.objects.filter(article=article, entity__type="person"):
        said = fold(article.text[m.start : m.end]).text
        if any(w.startswith(stem) for w in said.split()):
            found.add(m.entity_id)
    return found


def test_the_people_named_in_both_reports_of_an_event_are_one_person(dev: dict[str, Any]) -> None:
    articles = {a.source: a for a in Article.objects.all()}
    checked, wrong = 0, []
    for name, doc in dev.items():
        for pair in doc.get("people_same_as", []):
            one, other = pair.split("=")
            here = _person(articles[name], one) | _person(articles[name], other)
            there = _person(articles[doc["same_event_as"]], one) | _person(
                articles[doc["same_event_as"]], other
            )
            if not here or here != there:
                wrong.append(f"{name}: {pair} is {here or 'nobody'} here, {there or 'nobody'} in the other")
            checked += 1
    assert checked >= 9
    assert not wrong, "; ".join(wrong)
