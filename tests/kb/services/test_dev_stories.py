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

from hamkari.extraction.components.names import given_names, vocabulary
from hamkari.extraction.lexicon import LANGUAGES, load_table
from hamkari.extraction.normalize import WORD, fold, fold_term
from hamkari.kb import services
from hamkari.kb.models import Article, Entity, Mention

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


def test_no_stored_person_is_a_word_that_is_not_a_name(dev: dict[str, Any]) -> None:
    """Every person record after ingesting the development set has a name made of name words:
    none of its words is a function word, a region, an organisation head, a sector, a month or
    another lexicon word that the extractor's name guard refuses (in any of the three languages)."""
    refused = set().union(*(vocabulary(lang) for lang in LANGUAGES))
    refused |= {
        word
        for lang in LANGUAGES
        for entry in load_table(lang, "stopwords")
        for term in entry.terms
        for word in WORD.findall(fold_term(term))
    }
    not_names = [
        person.name
        for person in Entity.objects.filter(type="person")
        if not (words := WORD.findall(fold(person.name).text))
        # initials («V.I.») are letters, not words
        or any(len(w) > 1 and w in refused and w not in given_names() for w in words)
    ]
    assert not_names == []
