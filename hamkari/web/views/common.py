"""What the page modules share: the request as htmx leaves it (a missing record is
`hamkari.kb.lookups.found`, shared with the other apps' pages and the API)."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (typed for the checker)."""

    htmx: HtmxDetails
