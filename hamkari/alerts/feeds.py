"""A watchlist's news as an Atom feed (Django's feed generator), in the watchlist's language;
its address carries the watchlist's secret token, so that a feed reader needs no login."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from hamkari.alerts import present, selectors
from hamkari.alerts.models import Watchlist
from hamkari.kb.words import SEPARATOR


def feed_path(watchlist: Watchlist) -> str:
    return reverse("watchlist_feed", args=[watchlist.token])


def atom(watchlist: Watchlist, request: HttpRequest) -> str:
    with translation.override(watchlist.language):
        feed = Atom1Feed(
            title=gettext("Hamkari: %(name)s") % {"name": watchlist.name},
            link=request.build_absolute_uri(reverse("watchlists")),
            description=gettext("News for your watchlist «%(name)s»") % {"name": watchlist.name},
            language=watchlist.language,
            feed_url=request.build_absolute_uri(feed_path(watchlist)),
            feed_guid=f"urn:hamkari:watchlist:{watchlist.token[:12]}:{watchlist.pk}",
        )
        for n in selectors.feed_items(watchlist):
            day = present.when(n)
            feed.add_item(
                title=f"{present.headline(n)}: {n.summary}" if n.summary else present.headline(n),
                link=request.build_absolute_uri(n.url),
                description=f"{n.summary}{SEPARATOR}{day}" if day else n.summary,
                unique_id=f"urn:hamkari:notification:{n.pk}",
                pubdate=n.created_at,
                updateddate=n.created_at,
                categories=[n.kind],
            )
        return feed.writeString("utf-8")
