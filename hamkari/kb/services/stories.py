"""Stories: the articles that report one event, in any outlet and language, grouped together.

Each article gets the day what it reports happened (`event_date`, with the rule and the words),
and a set of language-neutral keys (regions, people linked across scripts, organisations,
figures, instrument kinds, event types, places: `hamkari.kb.evidence`) stored in an index with
that date. A new article first looks for a copy of itself (MinHash bands, canonical address, long
title: `hamkari.kb.duplicates`), then for the articles sharing its most specific keys within its
date window, scores them and joins the best story above the threshold, else starts one. The
article keeps the score and the evidence of its link. Analysts merge and split stories; an
article an analyst placed stays where it is (`story_locked`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hamkari.extraction.document import Document
from hamkari.extraction.when import When
from hamkari.kb import duplicates
from hamkari.kb.evidence import (
    CANDIDATE_KINDS,
    CERTAIN,
    RIVAL_MARGIN,
    SPECIFIC_KINDS,
    THRESHOLD,
    TOPIC_MENTIONS,
    WINDOW,
    Profile,
    Score,
    dates_compatible,
    kind,
    linked,
    repeats,
    score,
)
from hamkari.kb.models import Article, ArticleKey, Entity, EventSource, KeyCount, Position, Story
from hamkari.kb.selectors import live_window
from hamkari.kb.services.audit import audit_record

REGION_HEADS = ("head_of_region",)
ALL = "*"  # the KeyCount row that counts all articles
WINDOW_KEY = "date window"  # in `story_evidence`: the live window of an ingest-day date
CANDIDATES = 100  # articles scored per new article, those sharing the most keys
# An article dated by the ingest day only looks for candidates through keys this rare.
WEAK_KEY_LIMIT = 5000
# Between stories an article links to, each further linked report of a story adds this much,
# for this many reports at most: a story reported often is the likelier one.
CORROBORATION = 0.5
MAX_CORROBORATING = 2
# Region pairs are formed from the first few regions of each side only.
PAIR_REGIONS = 4


class StoryError(ValueError):
    """A merge or split an analyst asked for that cannot be done; the message says why."""


# ── event dates ──────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class EventDate:
    day: dt.date
    rule: str
    when: When | None  # the words, when the text dates it
    weak: bool  # only the ingest day dates it
    known: str  # what of it is certain: full | day_month | weekday | ""


def event_date(doc: Document, ingest_day: dt.date) -> EventDate:
    """The day what the article reports happened.

    From the words of its first event (else of its lead) resolved against the publication date;
    else the publication date (from the text or given with the item, e.g. by its feed); else the
    words resolved against the ingest day, or the ingest day itself: a weak hint."""
    when = next((e.when for e in doc.events if e.when), None) or doc.when
    published = doc.published
    source = doc.published_provenance
    given = source is not None and source.component == "input"
    published_rule = (
        "date given with the item (feed or --published)"
        if given
        else f"publication date ({source.rule if source else ''})"
    )
    if when is not None:
        day = when.resolve(published)
        if day is not None:
            base = "" if when.kind == "absolute" else f" from the {published_rule}"
            return EventDate(day, when.provenance.rule + base, when, False, "full")
    if published is not None:
        return EventDate(published, published_rule, None, False, "published")
    if when is not None:
        day = when.resolve(ingest_day)
        if day is not None:
            known = when.kind if when.kind in ("day_month", "weekday") else ""
            return EventDate(day, when.provenance.rule + " from the ingest day (a hint)", when, True, known)
    return EventDate(ingest_day, "ingest day (a hint)", None, True, "")


# ── keys ─────────────────────────────────────────────────────────────────────────────────────


def _figure(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.4g}"


def article_keys(doc: Document, entities: dict[int, Entity]) -> set[str]:
    """The language-neutral keys of what an article reports (see `hamkari.kb.evidence`)."""
    keys: set[str] = set()
    prefix = {"region": "r", "city": "c", "place": "pl", "country": "k"}
    for e in doc.entities:
        record = entities.get(id(e))
        if e.type in prefix and e.ref and not (e.type == "country" and e.ref in ("IR", "RU")):
            keys.add(f"{prefix[e.type]}:{e.ref}")
        elif e.type == "person" and record is not None:
            keys.add(f"p:{record.pk}")
        elif e.type == "organization" and record is not None:
            keys.add(f"o:{e.ref or record.pk}")
    regions = [e.ref for e in doc.entities if e.type == "region" and e.ref]
    iranian = [r for r in regions if r.startswith("IR-")][:PAIR_REGIONS]
    russian = [r for r in regions if r.startswith("RU-")][:PAIR_REGIONS]
    keys |= {f"rp:{a}|{b}" for a in iranian for b in russian}
    for q in doc.quantities:
        if q.value >= 2:
            keys.add(f"fv:{_figure(q.value)}")
            if q.unit:
                keys.add(f"f:{_figure(q.value)}:{q.unit}")
    keys |= {f"i:{i.kind}" for i in doc.instruments}
    for i in doc.instruments:
        parties = [p.ref for p in i.parties if p.type == "region" and p.ref]
        keys |= {
            f"ip:{i.kind}:{a}|{b}"
            for a in parties
            if a.startswith("IR-")
            for b in parties
            if b.startswith("RU-")
        }
    keys |= {f"e:{e.type}" for e in doc.events}
    keys |= _sectors(doc)
    return {k[:120] for k in keys}


def _sectors(doc: Document) -> set[str]:
    """`s:<sector>` for every sector named, and `st:<sector>` for the topic: the sector named
    most often, when it is named more than once (ties: each of them)."""
    mentions: dict[str, int] = defaultdict(int)
    for e in doc.entities:
        if e.type == "sector" and e.ref:
            mentions[e.ref] += len(e.mentions)
    keys = {f"s:{ref}" for ref in mentions}
    most = max(mentions.values(), default=0)
    if most >= TOPIC_MENTIONS:
        keys |= {f"st:{ref}" for ref, n in mentions.items() if n == most}
    return keys


def _posts(keys: set[str]) -> set[str]:
    """`po:<person>:<region>` for every region the article's people were ever seen heading (in
    any article): a governor is at all of his region's events."""
    people = [int(k[2:]) for k in keys if kind(k) == "p"]
    rows = Position.objects.filter(person_id__in=people, role__in=REGION_HEADS).exclude(region="")
    pairs = rows.values_list("person_id", "region")
    return {f"po:{pk}:{region}" for pk, region in pairs.distinct()}


def _counts(keys: set[str]) -> tuple[dict[str, int], int]:
    rows = dict(KeyCount.objects.filter(key__in=keys | {ALL}).values_list("key", "n"))
    return rows, rows.pop(ALL, 0)


def _index(article: Article, keys: set[str], date: dt.date | None) -> None:
    """Add an article's keys to the index and the counts (replacing those it had)."""
    old = set(ArticleKey.objects.filter(article=article).values_list("key", flat=True))
    if old:
        KeyCount.objects.filter(key__in=old - keys).update(n=F("n") - 1)
        ArticleKey.objects.filter(article=article).delete()
    added = (keys - old) | (set() if old else {ALL})
    KeyCount.objects.bulk_create([KeyCount(key=k, n=0) for k in added], ignore_conflicts=True)
    KeyCount.objects.filter(key__in=added).update(n=F("n") + 1)
    ArticleKey.objects.bulk_create([ArticleKey(article=article, key=k, date=date) for k in keys])


# ── assignment ───────────────────────────────────────────────────────────────────────────────


def story_assign(
    *,
    article: Article,
    doc: Document,
    keep: set[tuple[str, int, int, str]],
    run: Any,
    entities: dict[int, Entity],
) -> Story:
    """Put an article into the story it reports (a new one if none matches), with the evidence
    of the link, its event date and its event sources."""
    ingest_day = timezone.localdate(article.ingested_at) if article.ingested_at else timezone.localdate()
    dated = event_date(doc, ingest_day)
    article.event_date, article.event_date_rule = dated.day, dated.rule[:300]
    article.event_date_weak, article.event_date_known = dated.weak, dated.known
    article.event_date_start = dated.when.span.start if dated.when else None
    article.event_date_end = dated.when.span.end if dated.when else None
    window = live_window(article=article, ingest_day=ingest_day) if dated.weak else None
    if window is not None:
        article.event_date_rule = (
            dated.rule + f" within {window[0].isoformat()}…{window[1].isoformat()}, a live feed's delay"
        )[:300]
    content = article_keys(doc, entities)
    copy_keys = (
        set(duplicates.band_keys(article.minhash)) if article.shingles >= duplicates.MIN_SHINGLES else set()
    )
    copy_keys |= {k for k in (duplicates.url_key(article.url), duplicates.title_key(article.title)) if k}
    profile = Profile(
        frozenset(content | _posts(content)), dated.day, dated.weak, dated.known, doc.published, window
    )
    story = article.story
    if story is None:
        story = _place(article, profile, copy_keys)
    article.story = story
    article.story_evidence = {k: v for k, v in (article.story_evidence or {}).items() if k != WINDOW_KEY}
    if window is not None:
        article.story_evidence[WINDOW_KEY] = [window[0].isoformat(), window[1].isoformat()]
    article.save()
    _index(article, content | copy_keys, None if dated.weak else dated.day)
    _sources(article, doc, story, keep, run)
    return story


def _place(article: Article, profile: Profile, copy_keys: set[str]) -> Story:
    """The story a new article belongs to, with the evidence set on the article."""
    copy = _copy_of(article, copy_keys, profile)
    if copy is not None:
        original, similarity, how = copy
        article.duplicate_of = original.duplicate_of or original
        article.story_score = similarity
        article.story_evidence = {
            "rule": "copy",
            "of": article.duplicate_of.pk,
            "by": how,
            "score": similarity,
        }
        if original.story is not None:
            return original.story
    match = _best_match(article, profile)
    if match is not None:
        story, other, found = match
        article.story_score = found.value
        article.story_evidence = {
            "rule": "evidence",
            "article": other,
            "score": found.value,
            "threshold": THRESHOLD,
            "evidence": [[k, w] for k, w in found.evidence],
        }
        if _dates_better(profile.known, story.date_known):
            # the first report that dates the event with certainty dates the story (its text's
            # day rather than a publication date, which may be a day or two later)
            story.date, story.date_known = profile.date, profile.known
            story.save(update_fields=["date", "date_known"])
        return story
    article.story_score = None
    article.story_evidence = article.story_evidence or {"rule": "new story"}
    return Story.objects.create(
        type=_type(profile), date=profile.date, date_known=profile.known, title=article.title[:500]
    )


def _known(article: Article) -> str:
    return "" if article.event_date_weak else article.event_date_known


def _dates_better(mine: str, story: str) -> bool:
    return (mine == "full" and story != "full") or (mine in CERTAIN and story not in CERTAIN)


def _type(profile: Profile) -> str:
    types = sorted(k[2:] for k in profile.keys if kind(k) == "e")
    return types[0] if types else "report"


def _copy_of(article: Article, copy_keys: set[str], profile: Profile) -> tuple[Article, float, str] | None:
    """An earlier article this one repeats: the same canonical address, or most of the shorter
    text's shingles shared (estimated from the MinHash signatures of LSH candidates; with the
    same long title, half of them) — and the same facts, on a compatible date."""
    if not copy_keys:
        return None
    rows = (
        ArticleKey.objects.filter(key__in=copy_keys)
        .exclude(article=article)
        .values_list("article_id", "key")[: CANDIDATES * duplicates.BANDS]
    )
    by_article: dict[int, set[str]] = defaultdict(set)
    for pk, key in rows:
        by_article[pk].add(key)
    ids = list(by_article)[:CANDIDATES]
    facts: dict[int, set[str]] = defaultdict(set)
    for pk, key in (
        ArticleKey.objects.filter(article_id__in=ids)
        .exclude(key__startswith="mh:")
        .values_list("article_id", "key")
    ):
        facts[pk].add(key)
    best: tuple[Article, float, str] | None = None
    for other in Article.objects.filter(pk__in=ids).select_related("duplicate_of", "story"):
        c = duplicates.containment(article.minhash, article.shingles, other.minhash, other.shingles)
        how = "text"
        if any(k.startswith("url:") for k in by_article[other.pk]):
            c, how = 1.0, "canonical address"
        elif any(k.startswith("t:") for k in by_article[other.pk]) and c >= duplicates.TITLE_CONTAINMENT:
            c, how = max(c, duplicates.CONTAINMENT), "title"
        theirs = _profile(other, facts[other.pk])
        # a shared text or headline proves nothing alone: outlets reuse headlines («Gilan news») and
        # templates for other events of the same regions
        if how != "canonical address" and not _same_facts(article, profile, other, theirs):
            continue
        if c >= duplicates.CONTAINMENT and (best is None or c > best[1]):
            best = (other, round(c, 3), how)
    return best


def _profile(article: Article, keys: set[str], story: Story | None = None) -> Profile:
    """An article's keys and date; an article of a story is about the story's event, so when it
    is undated or dated less precisely than the story (a publication date, a weekday, against a
    day a text names), it has the story's date."""
    if story is not None and story.date_known in CERTAIN and _dates_better(story.date_known, _known(article)):
        return Profile(frozenset(keys), story.date, False, story.date_known, article.published)
    return Profile(
        frozenset(keys),
        article.event_date,
        article.event_date_weak,
        article.event_date_known,
        article.published,
        _window(article),
    )


def _window(article: Article) -> tuple[dt.date, dt.date] | None:
    found = (article.story_evidence or {}).get(WINDOW_KEY) if article.event_date_weak else None
    if not found:
        return None
    return dt.date.fromisoformat(found[0]), dt.date.fromisoformat(found[1])


def _same_facts(article: Article, mine: Profile, other: Article, theirs: Profile) -> bool:
    if not dates_compatible(mine, theirs):
        return False
    if article.shingles <= other.shingles:
        return repeats(mine.keys, theirs.keys)
    return repeats(theirs.keys, mine.keys)


def _candidates(article: Article, profile: Profile) -> list[int]:
    """The articles sharing the most specific keys with this one in its date window, from the index."""
    weak = profile.weak or profile.date is None
    keys = [k for k in profile.keys if kind(k) in (SPECIFIC_KINDS if weak else CANDIDATE_KINDS)]
    if weak:
        counts, _ = _counts(set(keys))
        keys = [k for k in keys if counts.get(k, 0) <= WEAK_KEY_LIMIT]
    if not keys:
        return []
    rows = ArticleKey.objects.filter(key__in=keys).exclude(article=article)
    window = profile.window
    if not weak:
        assert profile.date is not None
        window = (profile.date - WINDOW, profile.date + WINDOW)
    if window is not None:
        rows = rows.filter(Q(date__range=window) | Q(date__isnull=True))
    ranked = rows.values("article_id").annotate(n=Count("id")).order_by("-n", "-article_id")[:CANDIDATES]
    return [r["article_id"] for r in ranked]


def _best_match(article: Article, profile: Profile) -> tuple[Story, int, Score] | None:
    ids = _candidates(article, profile)
    if not ids:
        return None
    keys = _keys_of(ids)
    counts, total = _counts(set(profile.keys))
    scored: list[tuple[Score, Article]] = []
    # the dated stories of the window each person is named in
    stories_of: dict[str, set[int]] = defaultdict(set)
    for other in Article.objects.filter(pk__in=ids, story__isnull=False).select_related("story"):
        story = other.story
        assert story is not None
        theirs = _profile(other, keys[other.pk], story)
        # the story's own date too: a report joins no story whose certain date is elsewhere
        if not dates_compatible(profile, Profile(frozenset(), story.date, False, story.date_known)):
            continue
        found = score(profile, theirs, counts, max(total, 1))
        if found is None:
            continue
        if story.date_known:
            for key in found.people:
                stories_of[key].add(story.pk)
        scored.append((found, other))
    # how well the new article fits each story (its best-scored article there)
    fit: dict[int, float] = {}
    for found, other in scored:
        pk = other.story_id or 0  # every scored article has a story
        fit[pk] = max(fit.get(pk, found.value), found.value)
    judge = _Judge(profile, Rivals(fit), stories_of, _pair_stories(profile, scored, keys))
    # per story: its best-linked article, and how many of its articles are linked
    best: dict[int, tuple[Score, Article]] = {}
    support: dict[int, int] = defaultdict(int)
    for found, other in scored:
        story = other.story
        assert story is not None
        if not judge.links(found, other, story):
            continue
        support[story.pk] += 1
        if story.pk not in best or found.value > best[story.pk][0].value:
            best[story.pk] = (found, other)
    if not best:
        return None
    # the best evidence wins; each further report of a story that agrees corroborates it
    chosen = max(best, key=lambda pk: (_corroborated(best[pk][0].value, support[pk]), -pk))
    found, other = best[chosen]
    story = Story.objects.get(pk=chosen)
    if _proof(found):
        for pk, (evidence, _) in best.items():
            if pk != chosen and _proof(evidence):
                story = _merge_proven(Story.objects.get(pk=pk), story, article)
    return story, other.pk, found


def _pair_stories(
    profile: Profile, scored: list[tuple[Score, Article]], keys: dict[int, set[str]]
) -> set[int]:
    """The stories among the scored candidates with the new article's Iranian–Russian region pair."""
    pairs = {k for k in profile.keys if kind(k) == "rp"}
    return {other.story_id or 0 for _, other in scored if pairs & keys[other.pk]}


@dataclass
class _Judge:
    """Whether the evidence between the new article and one article of a story links them."""

    profile: Profile
    rivals: Rivals
    stories_of: dict[str, set[int]]  # the dated stories of the window each person is named in
    pair_stories: set[int]
    anytime: dict[str, set[int]] = field(default_factory=dict)

    def links(self, found: Score, other: Article, story: Story) -> bool:
        dated = self.profile.known != "" and not self.profile.weak
        both_dated = dated and bool(story.date_known)
        if any(k.startswith("other ") and k.endswith(" regions") for k, _ in found.evidence):
            # the Iranian (or Russian) side of one report is not in the other: other participants,
            # another occasion, even on the same day (a delegation visiting two provinces)
            return False
        if not both_dated and _disagrees(found):
            # without both dates, nothing places the report at this occasion but what it says
            return False
        if both_dated and _disagrees(found):
            elsewhere = found.people
        elif both_dated:
            elsewhere = frozenset(k for k in found.people if self.stories_of[k] - {story.pk})
        else:
            elsewhere = self.rivals.ambiguous(found, self.profile, other, story.pk, new_is_undated=not dated)
        soft = both_dated or _only_story(found, story.pk, self.anytime)
        if linked(found, elsewhere=elsewhere, soft=soft):
            return True
        # both dated, the only story of these regions in the window, on the same topic, and
        # nothing disagrees: a report that names neither a guest nor a figure still joins it
        return (
            both_dated
            and self.pair_stories == {story.pk}
            and any(k.startswith("same topic") for k, _ in found.evidence)
            and not _disagrees(found)
            and found.value >= THRESHOLD
        )


def _proof(found: Score) -> bool:
    """Evidence that names the occasion by more than its people (a figure, a place, the day both
    texts give), with nothing disagreeing."""
    return found.hard_other and not _disagrees(found) and found.value >= THRESHOLD


def _merge_proven(source: Story, target: Story, article: Article) -> Story:
    """Two stories a new article proves are one event (it names each one's occasion) become one,
    audited; stories an analyst arranged are left as they are."""
    if Article.objects.filter(story__in=(source, target), story_locked=True).exists():
        return target
    mine = Profile(frozenset(), target.date, False, target.date_known)
    if not dates_compatible(mine, Profile(frozenset(), source.date, False, source.date_known)):
        return target
    if source.date_known and not target.date_known:
        source, target = target, source
    moved = list(Article.objects.filter(story=source).values_list("pk", flat=True))
    Article.objects.filter(story=source).update(story=target)
    EventSource.objects.filter(story=source).update(story=target)
    source.instruments.update(story=target)
    data = {"merged": source.pk, "articles": moved, "proved by": article.pk, "rule": "one event"}
    audit_record(user=None, action="story.merge", obj=target, data=data)
    source.delete()
    return target


def _disagrees(found: Score) -> bool:
    """Some of the evidence says another occasion (another topic, kind of event, day, regions or
    people): then the people both name do not tell that it is this one."""
    return any(w < 0 for _, w in found.evidence)


def _keys_of(ids: list[int]) -> dict[int, set[str]]:
    keys: dict[int, set[str]] = defaultdict(set)
    rows = ArticleKey.objects.filter(article_id__in=ids).exclude(key__startswith="mh:")
    for pk, key in rows.values_list("article_id", "key"):
        keys[pk].add(key)
    return keys


class Rivals:
    """Whether the people two reports share name the occasion when one of them is undated.

    An undated report of a governor and a deputy who met several times could be about any of
    their meetings: the people name one of them only when the undated report fits that story
    clearly better (RIVAL_MARGIN) than every other story it could join. When the new article is
    the undated one, its own scores against the other candidates' stories are the rivals; when
    the undated report is already in a story, a dated newcomer re-evaluates it: the undated
    report's scores against the other stories of the index (its own candidates) are the rivals
    of its score against the newcomer. Without a date, nothing places the report at the occasion
    but what it says: anything in it that disagrees (another topic, kind of event, regions or
    people) means another occasion."""

    def __init__(self, fit: dict[int, float]) -> None:
        self.fit = fit
        self.cache: dict[int, float | None] = {}

    def ambiguous(
        self, found: Score, profile: Profile, other: Article, story: int, *, new_is_undated: bool
    ) -> frozenset[str]:
        if not found.people:
            return frozenset()
        if _disagrees(found):
            return found.people
        if found.topics_differ and not (
            profile.weak and other.event_date_weak and profile.date == other.event_date
        ):
            # a dated story about something else (even if the report names it in passing); two
            # undated reports that arrived on the same day are from one news cycle
            return found.people
        if new_is_undated:
            rival = max((v for pk, v in self.fit.items() if pk != story), default=None)
        else:
            rival = self._rival_of(other, story)
        if rival is None or found.value >= rival + RIVAL_MARGIN:
            return frozenset()
        return found.people

    def _rival_of(self, undated: Article, story: int) -> float | None:
        """The best score of an undated article against the other stories of its candidates."""
        if undated.pk not in self.cache:
            keys = set(
                ArticleKey.objects.filter(article=undated)
                .exclude(key__startswith="mh:")
                .values_list("key", flat=True)
            )
            mine = _profile(undated, keys | _posts(keys))
            ids = _candidates(undated, mine)
            theirs = _keys_of(ids)
            counts, total = _counts(set(mine.keys))
            values = []
            for other in Article.objects.filter(pk__in=ids, story__isnull=False).exclude(story_id=story):
                found = score(mine, _profile(other, theirs[other.pk]), counts, max(total, 1))
                if found is not None:
                    values.append(found.value)
            self.cache[undated.pk] = max(values, default=None)
        return self.cache[undated.pk]


def _only_story(found: Score, story: int, anytime: dict[str, set[int]]) -> bool:
    """Whether the instruments between the same regions that this evidence shares are in no other
    dated story (at any date)."""
    shared = [k for k, _ in found.evidence if kind(k) == "ip"]
    for key in shared:
        if key not in anytime:
            anytime[key] = _dated_stories(key)
    return bool(shared) and not any(anytime[k] - {story} for k in shared)


def _dated_stories(key: str) -> set[int]:
    """Some dated stories (two are enough to tell) whose articles carry the key."""
    rows = (
        Article.objects.filter(keys__key=key, story__isnull=False)
        .exclude(story__date_known="")
        .values_list("story_id", flat=True)
        .distinct()
    )
    return {pk for pk in rows[:2] if pk is not None}


def _corroborated(value: float, reports: int) -> float:
    return value + CORROBORATION * min(reports - 1, MAX_CORROBORATING)


def _sources(
    article: Article, doc: Document, story: Story, keep: set[tuple[str, int, int, str]], run: Any
) -> None:
    for event in doc.events:
        if ("event_source", event.evidence.start, event.evidence.end, "") in keep:
            continue
        own = event.when.resolve(doc.published) if event.when else None
        EventSource.objects.create(
            article=article,
            run=run,
            story=story,
            type=event.type,
            date=own or article.event_date,
            start=event.evidence.start,
            end=event.evidence.end,
            component=event.provenance.component,
            rule=event.provenance.rule[:300],
        )


# ── analysts ─────────────────────────────────────────────────────────────────────────────────


@transaction.atomic
def story_merge(*, source: Story, target: Story, user: User | None) -> Story:
    """Make every article, source and instrument of `source` part of `target`; audited."""
    if source.pk == target.pk:
        raise StoryError(_("Choose another story to merge into."))
    moved = list(Article.objects.filter(story=source).values_list("pk", flat=True))
    Article.objects.filter(story=source).update(story=target, story_locked=True)
    EventSource.objects.filter(story=source).update(story=target)
    source.instruments.update(story=target)
    Article.objects.filter(pk__in=moved).update(
        story_evidence={"rule": "merged by analyst", "from": source.pk}
    )
    audit_record(user=user, action="story.merge", obj=target, data={"merged": source.pk, "articles": moved})
    source.delete()
    return target


@transaction.atomic
def story_split(*, story: Story, article_ids: list[int], user: User | None) -> Story:
    """Move the given articles (with their event sources) into a new story; audited. The moved
    articles and those left stay where the analyst put them when they are extracted again."""
    articles = list(Article.objects.filter(story=story, pk__in=article_ids))
    if not articles or len(articles) != len(set(article_ids)):
        raise StoryError(_("Choose articles of this story to move."))
    if Article.objects.filter(story=story).exclude(pk__in=article_ids).count() == 0:
        raise StoryError(_("A split must leave the story at least one article."))
    first = articles[0]
    other = Story.objects.create(
        type=story.type, date=first.event_date or story.date, title=first.title[:500]
    )
    Article.objects.filter(pk__in=article_ids).update(
        story=other, story_locked=True, story_evidence={"rule": "split by analyst", "from": story.pk}
    )
    Article.objects.filter(story=story).update(story_locked=True)
    EventSource.objects.filter(story=story, article_id__in=article_ids).update(story=other)
    audit_record(user=user, action="story.split", obj=story, data={"new": other.pk, "articles": article_ids})
    return other
