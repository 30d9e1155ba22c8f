"""robots.txt rules (hamkari/sources/robots.py): RFC 9309 read with urllib.robotparser."""

from __future__ import annotations

import pytest

from hamkari.sources.robots import MAX_CRAWL_DELAY, RobotsDisallowed, Rules, origin, robots_url

SITE = "https://news.example.org"
RULES = """
User-agent: *
Disallow: /private/
Crawl-delay: 2

User-agent: hamkari
Disallow: /archive/
Crawl-delay: 5
"""


def test_it_follows_the_group_of_its_own_user_agent() -> None:
    rules = Rules(200, RULES)
    assert rules.allows(f"{SITE}/news/1") is True
    assert rules.allows(f"{SITE}/archive/1") is False
    assert rules.crawl_delay() == 5.0


def test_it_refuses_a_disallowed_address_with_the_reason() -> None:
    with pytest.raises(RobotsDisallowed) as refused:
        Rules(200, RULES).check(f"{SITE}/archive/")
    assert str(refused.value) == "disallowed by robots.txt: https://news.example.org/archive/"


def test_a_missing_robots_txt_allows_everything() -> None:
    for status in (404, 403, 410):
        Rules(status, "").check(f"{SITE}/anything")  # no exception
        assert Rules(status, "").crawl_delay() == 0.0


@pytest.mark.parametrize("status", [None, 500, 503])
def test_an_unreachable_robots_txt_allows_nothing_for_now(status: int | None) -> None:
    with pytest.raises(RobotsDisallowed, match="could not be read"):
        Rules(status, "").check(f"{SITE}/news/1")


def test_a_huge_crawl_delay_is_capped() -> None:
    assert Rules(200, "User-agent: *\nCrawl-delay: 86400\n").crawl_delay() == MAX_CRAWL_DELAY


def test_robots_txt_belongs_to_one_scheme_host_and_port() -> None:
    assert origin("https://News.Example.org/a?b=1") == "https://news.example.org:443"
    assert origin("http://news.example.org:8080/a") == "http://news.example.org:8080"
    assert robots_url("http://news.example.org/a/b") == "http://news.example.org:80/robots.txt"
