"""The knowledge base: one record per outlet, article, story, entity and instrument; every fact
(mention, position, event source, status step, commitment, quantity) points to the words of the
article it came from and carries a review state.

Models hold data only; writes live in services.py, reads in selectors.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamkari.extraction.vocabulary import DUE_PRECISIONS

# The bundled sample articles (hamkari/samples/demo.atom, written for the demo, not real news) link
# to addresses under this prefix: pages mark such an article as a sample (`Article.is_sample`).
SAMPLE_URL_PREFIX = "urn:hamkari:sample:"


class ReviewState(models.TextChoices):
    PROPOSED = "proposed", "proposed"
    ACCEPTED = "accepted", "accepted"
    REJECTED = "rejected", "rejected"


class Outlet(models.Model):
    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, unique=True)  # folded name

    def __str__(self) -> str:
        return self.name


class Story(models.Model):
    """One event reported by one or more articles, in any language."""

    type = models.CharField(max_length=30)
    date = models.DateField(null=True, blank=True)
    # what of the date is certain: "full", "day_month", "weekday" or "" (a hint): see kb/evidence.py
    date_known = models.CharField(max_length=10, blank=True, default="full")
    title = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["date"])]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title or f"{self.type} {self.date}"


class Article(models.Model):
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    source = models.CharField(max_length=1000, blank=True)  # file path, feed or URL it was read from
    url = models.CharField(max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True)  # of the folded text without blanks
    language = models.CharField(max_length=2)
    published = models.DateField(null=True, blank=True)
    published_jalali = models.CharField(max_length=10, blank=True)
    search_text = models.TextField(blank=True)  # folded text and fact names, for full-text search
    ingested_at = models.DateTimeField(auto_now_add=True)
    # The day what the article reports happened, and how it is known: the rule and, when the
    # text says it, the words [start, end); `event_date_weak` when only the ingest day dates it
    # (or a day word resolved against it).
    event_date = models.DateField(null=True, blank=True)
    event_date_rule = models.CharField(max_length=300, blank=True)
    event_date_start = models.PositiveIntegerField(null=True, blank=True)
    event_date_end = models.PositiveIntegerField(null=True, blank=True)
    event_date_weak = models.BooleanField(default=False)
    event_date_known = models.CharField(max_length=10, blank=True)  # full | day_month | weekday | ""
    # Why the article is in its story: the score and the evidence of the link
    # (services/stories.py); `story_locked` once an analyst put it there (merge or split), which
    # re-extraction and later articles respect.
    story_score = models.FloatField(null=True, blank=True)
    story_evidence = models.JSONField(default=dict, blank=True)
    story_locked = models.BooleanField(default=False)
    # A reprint, a cut-off or syndicated copy: the canonical article it repeats (same story).
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    minhash = models.JSONField(default=list, blank=True)  # MinHash signature of the folded shingles
    shingles = models.PositiveIntegerField(default=0)  # how many distinct shingles it has
    # The default region of the watched source it came from (`hamkari sources add --region`), ISO
    # code: what the source says it covers, NOT a fact of the text — no offsets, no mention, never
    # counted as the article naming the region; the article page shows it apart, labelled as the
    # source's. Empty for articles that came from elsewhere.
    source_region = models.CharField(max_length=10, blank=True)

    class Meta:
        indexes = [models.Index(fields=["published"]), models.Index(fields=["language"])]

    def __str__(self) -> str:
        return self.title or self.source

    @property
    def is_sample(self) -> bool:
        """A sample article of the demo feed: invented, shown with a «sample» mark."""
        return self.url.startswith(SAMPLE_URL_PREFIX)


class ArticleKey(models.Model):
    """The index stories are found by: one row per language-neutral thing an article reports
    (`r:IR-02` a region, `p:17` a person, `f:40:person` a figure, `mh:3:…` a MinHash band …) with
    the article's event date, so that candidates come from an index lookup by key and date and
    never from a scan of all stories."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=120)
    date = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["key", "date"])]
        constraints = [models.UniqueConstraint(fields=["article", "key"], name="article_key_unique")]


class KeyCount(models.Model):
    """How many articles carry a key (the key `*` counts all articles): how specific it is."""

    key = models.CharField(max_length=120, unique=True)
    n = models.PositiveIntegerField(default=0)


class ExtractionRun(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="runs")
    extractor_version = models.CharField(max_length=30)
    created_at = models.DateTimeField(auto_now_add=True)


class Entity(models.Model):
    """A person, organisation, region, country, city, place, sector, route or market."""

    type = models.CharField(max_length=20)
    ref = models.CharField(max_length=100, null=True, blank=True)  # ISO code, slug; null for people
    name = models.CharField(max_length=500)
    key = models.CharField(
        max_length=200, blank=True, db_index=True
    )  # linking key (people: surname skeleton)
    country = models.CharField(max_length=2, blank=True)
    kind = models.CharField(max_length=40, blank=True)
    region = models.CharField(max_length=10, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["type", "ref"], condition=models.Q(ref__isnull=False), name="entity_type_ref"
            )
        ]
        indexes = [models.Index(fields=["type", "key"])]
        verbose_name_plural = "entities"

    def __str__(self) -> str:
        return self.name


class Alias(models.Model):
    """A spelling of an entity's name as some article wrote it."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=500)
    key = models.CharField(max_length=500, db_index=True)  # folded name, for search
    language = models.CharField(max_length=2, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entity", "name"], name="alias_entity_name")]


class Fact(models.Model):
    """What every extracted fact carries: its article, its words, who made it, its review."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(ExtractionRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    component = models.CharField(max_length=40)
    rule = models.CharField(max_length=300)
    review_state = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.PROPOSED)
    edited = models.BooleanField(default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def reviewed(self) -> bool:
        return self.review_state != ReviewState.PROPOSED or self.edited


class Mention(Fact):
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions")
    link_rule = models.CharField(max_length=100, blank=True)  # how the mention was tied to the entity
    link_confidence = models.FloatField(default=1.0)

    class Meta:
        indexes = [models.Index(fields=["article", "start"])]


class Position(Fact):
    """A person seen holding a post on a date (the article's); positions accumulate over time."""

    person = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="positions")
    role = models.CharField(max_length=40)
    title = models.CharField(max_length=500)
    region = models.CharField(max_length=10, blank=True)
    country = models.CharField(max_length=2, blank=True)
    organization = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff_positions"
    )
    observed_on = models.DateField(null=True, blank=True)


class EventSource(Fact):
    """An article's report of a story."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="sources")
    type = models.CharField(max_length=30)
    date = models.DateField(null=True, blank=True)


class Instrument(models.Model):
    kind = models.CharField(max_length=30)
    status = models.CharField(max_length=20)  # the furthest accepted or proposed step
    # set by hand in the tracker: new articles no longer move it
    status_manual = models.BooleanField(default=False)
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="instruments"
    )
    parties = models.ManyToManyField(Entity, blank=True, related_name="instruments")
    created_at = models.DateTimeField(auto_now_add=True)


class InstrumentStep(Fact):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(max_length=20)
    date = models.DateField(null=True, blank=True)


class Commitment(Fact):
    action = models.TextField()
    actor = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="commitments"
    )
    instrument = models.ForeignKey(
        Instrument, null=True, blank=True, on_delete=models.SET_NULL, related_name="commitments"
    )
    due = models.DateField(null=True, blank=True)
    # how exact `due` is (vocabulary.DUE_PRECISIONS): «до конца марта» is due on 31 March with the
    # precision of a month, and pages show it as the month; "" when there is no due date
    due_precision = models.CharField(
        max_length=10, blank=True, choices=[(p, p) for p in DUE_PRECISIONS], default=""
    )
    due_relative = models.CharField(max_length=20, blank=True)
    due_expression = models.CharField(max_length=300, blank=True)


class Quantity(Fact):
    value = models.FloatField()
    unit = models.CharField(max_length=40, blank=True)
    subject = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="quantities"
    )
    text = models.CharField(max_length=300)


class Delegation(Fact):
    """A delegation that travels or is received: how many, who leads it, who is in it, from and
    to which region or country, why and when."""

    # The member records found while building the fact, added once it is saved (not a column).
    pending_members: list[Entity]

    size = models.PositiveIntegerField(null=True, blank=True)
    leader = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_delegations"
    )
    members = models.ManyToManyField(Entity, blank=True, related_name="delegations")
    origin = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="delegations_sent"
    )
    destination = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="delegations_received"
    )
    purpose = models.CharField(max_length=500, blank=True)
    date = models.DateField(null=True, blank=True)


class AuditLog(models.Model):
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=50)
    object_type = models.CharField(max_length=50)
    object_id = models.BigIntegerField()
    data = models.JSONField(default=dict)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id"])]
