"""What the knowledge base announces to the layers above it (which listen; kb imports none of them).

`article_stored` is sent once a new article and all its facts are committed (never for a duplicate
or for a transaction that was rolled back), with `article_id`. Receivers run after the commit and
their errors are logged, never raised into the ingest."""

from __future__ import annotations

from django.dispatch import Signal

article_stored = Signal()
