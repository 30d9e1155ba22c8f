"""The evidence that two articles report one event: topics, and when people name the occasion."""

from __future__ import annotations

import datetime as dt

from hamkari.kb.evidence import (
    OTHER_DAY,
    OTHER_PEOPLE,
    OTHER_TOPIC,
    SAME_TOPIC,
    SOFT_THRESHOLD,
    Profile,
    linked,
    score,
)

DAY = dt.date(2025, 3, 3)
GOVERNOR_AND_GUEST = frozenset({"p:1", "p:2", "po:1:IR-20", "r:IR-20", "r:RU-SAM", "rp:IR-20|RU-SAM"})


def _profile(*keys: str, date: dt.date | None = DAY, weak: bool = False, known: str = "full") -> Profile:
    return Profile(GOVERNOR_AND_GUEST | frozenset(keys), date, weak, known)


def test_reports_about_other_topics_count_against_one_event() -> None:
    found = score(_profile("s:tourism", "st:tourism"), _profile("s:agriculture", "st:agriculture"), {}, 1)
    assert found is not None and ("other topic", OTHER_TOPIC) in found.evidence


def test_reports_about_the_same_topic_count_for_one_event() -> None:
    found = score(_profile("s:tourism", "st:tourism", "s:trade"), _profile("s:tourism", "st:tourism"), {}, 1)
    assert found is not None and ("same topic tourism", SAME_TOPIC) in found.evidence
    assert any(k.startswith("sectors tourism") for k, _ in found.evidence)


def test_a_person_seen_at_another_event_does_not_name_the_occasion() -> None:
    found = score(_profile(), _profile(date=None, weak=True, known=""), {}, 1)
    assert found is not None and found.people == frozenset({"p:2"})  # p:1 heads a shared region
    assert linked(found)
    assert not linked(found, elsewhere=frozenset({"p:2"}))


def test_a_shared_figure_names_the_occasion_even_when_the_people_met_elsewhere() -> None:
    found = score(_profile("f:260:company"), _profile("f:260:company", date=None, weak=True, known=""), {}, 1)
    assert found is not None and found.hard_other
    assert linked(found, elsewhere=frozenset({"p:2"}))


def test_agreeing_instruments_alone_link_only_when_the_caller_allows_it() -> None:
    keys = ("i:memorandum", "ip:memorandum:IR-20|RU-SAM", "e:signing")
    a = Profile(
        frozenset({"p:1", "po:1:IR-20", "r:IR-20", "r:RU-SAM", "rp:IR-20|RU-SAM", *keys}),
        DAY,
        False,
        "published",
    )
    found = score(a, a, {}, 1)
    assert found is not None and not found.hard
    assert linked(found) and not linked(found, soft=False)


def test_agreeing_instruments_do_not_link_reports_about_other_topics() -> None:
    keys = {"p:1", "po:1:IR-20", "r:IR-20", "r:RU-SAM", "rp:IR-20|RU-SAM", "i:memorandum", "e:signing"}
    keys |= {"ip:memorandum:IR-20|RU-SAM", "s:tourism"}
    tourism = Profile(frozenset(keys | {"st:tourism", "o:5"}), DAY, False, "published")
    trade = Profile(frozenset(keys | {"s:trade", "st:trade", "o:5"}), DAY, False, "published")
    found = score(tourism, trade, {}, 1)
    assert found is not None and not found.hard and found.value >= SOFT_THRESHOLD
    assert not linked(found)


def test_agreeing_instruments_do_not_link_reports_that_name_other_people() -> None:
    keys = {"p:1", "po:1:IR-20", "r:IR-20", "r:RU-SAM", "rp:IR-20|RU-SAM", "i:memorandum", "e:signing"}
    keys.add("ip:memorandum:IR-20|RU-SAM")
    mine = Profile(frozenset(keys | {"p:7", "s:tourism"}), DAY, False, "published")
    theirs = Profile(frozenset(keys | {"p:8", "s:tourism"}), DAY, False, "published")
    found = score(mine, theirs, {}, 1)
    assert found is not None and not found.hard and found.value >= SOFT_THRESHOLD
    assert ("other people", OTHER_PEOPLE) in found.evidence
    assert not linked(found)


def test_a_report_published_before_the_day_another_names_cannot_report_it() -> None:
    named = _profile(date=dt.date(2025, 3, 5))
    published = Profile(GOVERNOR_AND_GUEST, DAY, False, "published", DAY)
    assert score(named, published, {}, 1) is None
    assert score(_profile(date=dt.date(2025, 3, 2)), published, {}, 1) is not None


def test_two_texts_that_name_different_days_count_against_one_event() -> None:
    found = score(_profile(), _profile(date=dt.date(2025, 3, 4)), {}, 1)
    assert found is not None and ("other day", OTHER_DAY) in found.evidence and not found.hard_other


def test_a_topic_the_other_report_also_names_is_no_contradiction() -> None:
    mine = _profile("s:tourism", "st:tourism", "s:trade")
    found = score(mine, _profile("s:trade", "st:trade", "s:tourism"), {}, 1)
    assert found is not None and found.topics_differ
    assert not any(k == "other topic" for k, _ in found.evidence)


def _ingest_day(day: dt.date, window: tuple[dt.date, dt.date] | None) -> Profile:
    return Profile(GOVERNOR_AND_GUEST, day, True, "", None, window)


def test_a_date_outside_a_live_feeds_window_rules_the_pair_out() -> None:
    undated = _ingest_day(dt.date(2025, 6, 20), (dt.date(2025, 6, 15), dt.date(2025, 6, 21)))
    assert score(undated, _profile(date=dt.date(2025, 3, 3)), {}, 1) is None
    assert score(_profile(date=dt.date(2025, 6, 18)), undated, {}, 1) is not None


def test_two_live_windows_that_do_not_overlap_rule_the_pair_out() -> None:
    june = _ingest_day(dt.date(2025, 6, 20), (dt.date(2025, 6, 15), dt.date(2025, 6, 21)))
    march = _ingest_day(dt.date(2025, 3, 3), (dt.date(2025, 2, 26), dt.date(2025, 3, 4)))
    assert score(june, march, {}, 1) is None
    later = _ingest_day(dt.date(2025, 6, 24), (dt.date(2025, 6, 19), dt.date(2025, 6, 25)))
    assert score(june, later, {}, 1) is not None


def test_an_ingest_day_without_a_window_rules_no_date_out() -> None:
    undated = _ingest_day(dt.date(2025, 6, 20), None)
    assert score(undated, _profile(date=dt.date(2025, 3, 3)), {}, 1) is not None
