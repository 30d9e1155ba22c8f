"""Writes to the knowledge base. Every service is keyword-only, typed and atomic.

- `store`: an article and its facts (ingest, re-extraction, instrument status);
- `resolve`: which record an entity of an article is (used by `store`);
- `review`: analysts' corrections (review a fact, merge and split people);
- `stories`: the story an article joins; analysts merge and split stories;
- `audit`: the audit log; `reference`: records that exist before any article names them.
"""

from hamkari.kb.facts import instrument_status_update
from hamkari.kb.services.audit import audit_record
from hamkari.kb.services.reference import reference_load
from hamkari.kb.services.review import ReviewError, fact_review, facts_review, person_merge, person_split
from hamkari.kb.services.store import IngestOutcome, article_ingest, article_reextract, content_hash
from hamkari.kb.services.stories import StoryError, story_merge, story_split

__all__ = [
    "IngestOutcome",
    "ReviewError",
    "StoryError",
    "article_ingest",
    "article_reextract",
    "audit_record",
    "content_hash",
    "fact_review",
    "facts_review",
    "instrument_status_update",
    "person_merge",
    "person_split",
    "reference_load",
    "story_merge",
    "story_split",
]
