"""Alert pages and the Atom feed (hamkari/alerts/views.py, feeds.py): own watchlists only, CSRF,
names not codes, the unread count in the header, the feed behind its secret address."""

from __future__ import annotations

import datetime as dt
from typing import Any

import feedparser
import pytest
from django.test import Client

from hamkari.alerts.models import PAIR, REGION, Notification, Watchlist
from hamkari.alerts.services import TargetSpec, article_match, watchlist_create
from hamkari.kb.models import Entity
from hamkari.kb.services import article_ingest
from tests.alerts.conftest import FERRY, FISH
from tests.kb.factories import UserFactory
from tests.web.test_interface_language import leaks

pytestmark = pytest.mark.django_db


def logged_in(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def gilan(owner: Any, language: str = "en") -> Watchlist:
    return watchlist_create(
        owner=owner, name="Gilan", frequency="daily", language=language, targets=[TargetSpec(REGION, "IR-01")]
    )


def with_news(owner: Any, language: str = "en") -> Watchlist:
    watchlist = gilan(owner, language)
    for text in (FERRY[1], FISH[1]):
        article_match(article_id=article_ingest(text=text, published=dt.date(2025, 1, 14)).article.pk)
    return watchlist


def test_a_user_creates_a_watchlist_and_follows_a_region_a_pair_and_a_person_by_name(
    regions: None, reader: Any
) -> None:
    article_ingest(text="Governor of Gilan Arash Karimzadeh met traders in Rasht on 2 February 2025.")
    client = logged_in(reader)
    response = client.post("/alerts/", {"name": "Caspian", "frequency": "weekly", "language": "ru"})
    watchlist = Watchlist.objects.get(owner=reader)
    assert response.status_code == 302 and response["Location"] == f"/alerts/{watchlist.pk}/"
    assert (watchlist.frequency, watchlist.language) == ("weekly", "ru")
    add = f"/alerts/{watchlist.pk}/targets/"
    assert client.post(add, {"kind": "region", "value": "IR-01"}).status_code == 302
    assert client.post(add, {"kind": "pair", "first": "IR-01", "second": "RU-AST"}).status_code == 302
    assert client.post(add, {"kind": "person", "q": "Karimzadeh"}).status_code == 302
    assert client.post(add, {"kind": "sector", "value": "fisheries"}).status_code == 302
    kinds = sorted(watchlist.targets.values_list("kind", flat=True))
    assert kinds == ["pair", "person", "region", "sector"]
    page = client.get(f"/alerts/{watchlist.pk}/").content.decode()
    assert "Region pair: <bdi" in page and "Gilan – Astrakhan" in page and "Arash Karimzadeh" in page


def test_a_refused_form_comes_back_with_the_reason(regions: None, reader: Any) -> None:
    client = logged_in(reader)
    response = client.post("/alerts/", {"name": " ", "frequency": "daily", "language": "en"})
    assert response.status_code == 400 and "Give the watchlist a name." in response.content.decode()
    watchlist = gilan(reader)
    add = f"/alerts/{watchlist.pk}/targets/"
    refused = client.post(add, {"kind": "pair", "first": "IR-01", "second": "IR-01"})
    assert refused.status_code == 400 and "A pair is two different regions." in refused.content.decode()
    assert client.post(add, {"kind": "region", "value": "IR-99"}).status_code == 400
    assert client.post(add, {"kind": "person", "q": "Nobody Known"}).status_code == 400
    assert client.post(add, {"kind": "region", "value": "IR-01"}).status_code == 400  # already followed
    assert watchlist.targets.count() == 1


def test_a_user_sees_and_changes_only_their_own_watchlists(regions: None, reader: Any) -> None:
    theirs = with_news(UserFactory(username="other", email="other@example.org"))
    target = theirs.targets.get()
    client = logged_in(reader)
    assert client.get(f"/alerts/{theirs.pk}/").status_code == 404
    assert (
        client.post(
            f"/alerts/{theirs.pk}/", {"name": "x", "frequency": "daily", "language": "en"}
        ).status_code
        == 404
    )
    assert (
        client.post(f"/alerts/{theirs.pk}/targets/", {"kind": "region", "value": "IR-02"}).status_code == 404
    )
    assert client.post(f"/alerts/{theirs.pk}/targets/{target.pk}/remove/").status_code == 404
    assert client.post(f"/alerts/{theirs.pk}/delete/").status_code == 404
    assert client.post(f"/alerts/{theirs.pk}/feed-address/").status_code == 404
    news = theirs.notifications.first()
    assert client.get(f"/alerts/notifications/{news.pk}/").status_code == 404
    assert "Gilan" not in client.get("/alerts/").content.decode().split("<main")[1]
    client.post("/alerts/notifications/")  # «mark all read» marks the reader's own only
    assert theirs.notifications.filter(read_at__isnull=True).count() == theirs.notifications.count()
    theirs.refresh_from_db()
    assert theirs.name == "Gilan" and theirs.targets.count() == 1


def test_pages_need_a_login(regions: None, reader: Any) -> None:
    watchlist = gilan(reader)
    for path in ("/alerts/", f"/alerts/{watchlist.pk}/", "/alerts/notifications/"):
        response = Client().get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_posts_without_a_csrf_token_are_refused(regions: None, reader: Any) -> None:
    watchlist = gilan(reader)
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    assert client.post(f"/alerts/{watchlist.pk}/delete/").status_code == 403
    assert client.post("/alerts/", {"name": "x", "frequency": "daily", "language": "en"}).status_code == 403
    assert Watchlist.objects.filter(pk=watchlist.pk).exists()
    form = client.get(f"/alerts/{watchlist.pk}/").content.decode()
    assert form.count("csrfmiddlewaretoken") >= 10


def test_the_header_counts_unread_notifications_and_opening_one_reads_it(regions: None, reader: Any) -> None:
    watchlist = with_news(reader)
    unread = watchlist.notifications.count()
    client = logged_in(reader)
    page = client.get("/").content.decode()
    assert f'<span class="badge">{unread}</span>' in page
    listed = client.get("/alerts/notifications/").content.decode()
    assert "New commitment, due March 14, 2025" in listed and "Fish farmers of Gilan" in listed
    first = watchlist.notifications.order_by("pk").first()
    opened = client.get(f"/alerts/notifications/{first.pk}/")
    assert opened.status_code == 302 and opened["Location"] == first.url
    assert f'<span class="badge">{unread - 1}</span>' in client.get("/").content.decode()
    client.post("/alerts/notifications/")
    assert 'class="badge"' not in client.get("/").content.decode()


def test_a_user_deletes_a_watchlist_and_its_news(regions: None, reader: Any) -> None:
    watchlist = with_news(reader)
    response = logged_in(reader).post(f"/alerts/{watchlist.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/alerts/"
    assert not Watchlist.objects.exists() and not Notification.objects.exists()


def test_the_atom_feed_parses_back_and_lists_the_news_without_a_login(regions: None, reader: Any) -> None:
    watchlist = with_news(reader)
    response = Client().get(f"/alerts/feed/{watchlist.token}.atom")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and parsed.feed.title == "Hamkari: Gilan"
    titles = [e.title for e in parsed.entries]
    assert len(parsed.entries) == watchlist.notifications.count()
    assert f"New story: {FERRY[1].split(' The two')[0]}" in titles
    assert any(
        t == "New commitment, due March 14, 2025: The two sides will open a joint office" for t in titles
    )
    assert all(e.link.startswith("http://testserver/") for e in parsed.entries)
    assert len({e.id for e in parsed.entries}) == len(parsed.entries)


def test_a_persian_feed_has_persian_titles_and_jalali_dates(regions: None, reader: Any) -> None:
    watchlist = with_news(reader, language="fa")
    content = Client().get(f"/alerts/feed/{watchlist.token}.atom").content
    assert b'xml:lang="fa"' in content
    parsed = feedparser.parse(content)
    assert parsed.feed.title == "همکاری: Gilan"
    assert "تعهد تازه، با موعد ۲۴ اسفند ۱۴۰۳: The two sides will open a joint office" in [
        e.title for e in parsed.entries
    ]


def test_a_wrong_or_renewed_feed_token_is_a_404(regions: None, reader: Any) -> None:
    watchlist = with_news(reader)
    old = watchlist.token
    assert Client().get(f"/alerts/feed/{old[:-1]}x.atom").status_code == 404
    assert Client().get("/alerts/feed/.atom").status_code == 404
    logged_in(reader).post(f"/alerts/{watchlist.pk}/feed-address/")
    assert Client().get(f"/alerts/feed/{old}.atom").status_code == 404
    watchlist.refresh_from_db()
    assert Client().get(f"/alerts/feed/{watchlist.token}.atom").status_code == 200


def test_the_alert_pages_in_persian_show_no_codes_or_english(regions: None, reader: Any) -> None:
    watchlist = with_news(reader, language="fa")
    person = Entity.objects.create(type="person", name="Arash Karimzadeh")
    watchlist_create(
        owner=reader,
        name="جفت",
        frequency="immediate",
        targets=[TargetSpec(PAIR, "IR-01 RU-AST"), TargetSpec("person", entity=person)],
    )
    client = logged_in(reader, "fa")
    found = {}
    for path in ("/alerts/", f"/alerts/{watchlist.pk}/", "/alerts/notifications/"):
        response = client.get(path)
        assert response.status_code == 200
        page_leaks = [leak for leak in leaks(response.content.decode()) if "127.0.0.1" not in leak]
        if page_leaks:
            found[path] = page_leaks
    assert not found


def test_follow_on_a_region_page_and_save_on_the_search_page_make_a_daily_watchlist(
    regions: None, reader: Any
) -> None:
    client = logged_in(reader, "ru")
    region_page = client.get("/regions/IR-01/").content.decode()
    assert 'action="/alerts/follow/"' in region_page and 'name="value" value="IR-01"' in region_page
    made = client.post("/alerts/follow/", {"kind": "region", "value": "IR-01"})
    watchlist = Watchlist.objects.get()
    assert made.status_code == 302 and made["Location"] == f"/alerts/{watchlist.pk}/"
    assert (watchlist.name, watchlist.frequency, watchlist.language) == ("Гилян", "daily", "ru")
    assert "Сохранить этот поиск" in client.get("/search/?q=ferry").content.decode()
    client.post("/alerts/follow/", {"kind": "search", "value": "ferry grain"})
    assert Watchlist.objects.filter(name="«ferry grain»").exists()
    refused = client.post("/alerts/follow/", {"kind": "region", "value": "IR-99"})
    assert refused["Location"] == "/alerts/" and Watchlist.objects.count() == 2
