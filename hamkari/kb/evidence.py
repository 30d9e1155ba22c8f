"""How much two articles' language-neutral facts say they report one event.

An article is reduced to keys that read the same in every language (`hamkari.kb.services.stories`
builds them): regions `r:IR-02`, the Iranian–Russian region pair `rp:IR-02|RU-VGG`, cities `c:`,
places `pl:`, people `p:<id>` (linked across scripts), organisations `o:`, figures
`f:40:person` (and the bare value `fv:40`), instrument kinds `i:`, event types `e:`, other
countries `k:`, sectors `s:` and the topic `st:` (the sector named most often). Each shared key
adds its weight, scaled down when the key is common in the knowledge base; the regions and the
sectors add their overlap (Jaccard); other topics, other people, other regions count against;
dates decide what may be compared at all. People name the occasion only when they were at no
other event that could be this one (`linked`). The result lists every piece of evidence with its
weight, so a link can be explained."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

WEIGHTS = {
    "p": 2.0,  # a person named by both (after linking across scripts and cases)
    "po": 0.0,  # a person's post in a region (`po:17:RU-AST`): only qualifies `p`, see below
    "f": 2.0,  # the same figure with the same unit: «40 человек», «۴۰ نفر»
    "fv": 1.0,  # the same figure, one side without a unit
    # Regions say who took part, not which of their many meetings it was: they count little.
    "rp": 0.5,  # the same pair of an Iranian and a Russian region
    "c": 0.5,
    "pl": 1.0,  # a port, a crossing, an economic zone
    "o": 1.0,  # organisations link by name, so mostly within one language
    "i": 1.0,
    # the same kind of instrument between the same Iranian and Russian region
    "ip": 1.5,
    "e": 0.5,
    "k": 0.5,
}
# An official of a region both articles name (its governor, a consul there) is at all of its
# events: such a person counts this much, not WEIGHTS["p"].
REGIONAL_OFFICIAL = 1.0
REGIONS = 1.5  # times the Jaccard overlap of the two articles' regions
# Sectors (`s:agriculture`) say what was discussed: their overlap counts like the regions'. The
# topic (`st:`) is the sector an article names most often (at least TOPIC_MENTIONS times): two
# reports of one meeting are about the same thing; a meeting of the same officials about
# something else is another occasion.
SECTORS = 1.0
TOPIC_MENTIONS = 2
SAME_TOPIC = 0.5
OTHER_TOPIC = -1.5
# Both name people and none of them is shared; both report events and no type is shared.
OTHER_PEOPLE = -1.5
OTHER_EVENTS = -0.5
OTHER_REGIONS = -1.5
# Evidence that names the occasion rather than its participants' regions; a link needs one.
# (Organisations are not: a region's chamber of commerce is at many of its events.)
HARD_KINDS = frozenset({"p", "f", "pl"})
HARD_FIGURE = 100  # a bare figure from this value up is specific enough
SAME_DAY = 1.5  # both texts name the day, the same day
# Both texts name the day, different days: a visit of several days has several occasions.
OTHER_DAY = -2.0
THRESHOLD = 3.5
# An undated report's people name one of their stories only when it fits that story this much
# better than any other (hamkari.kb.services.stories.Rivals).
RIVAL_MARGIN = 1.5
SOFT_THRESHOLD = 5.0
# Both dated by the text or the publication: further apart than this are two events.
WINDOW = dt.timedelta(days=3)
CERTAIN = frozenset({"full", "published"})
NAMED_DAY = frozenset({"full", "day_month"})  # the text names the day
# A date read from the ingest day only is a hint: it rules a pair out only as the window of a live
# feed (`Profile.window`).
# Keys found in more than this share of all articles count for less.
COMMON = 0.005
# Below this many articles, how common a key is says nothing yet.
MIN_ARTICLES = 500
# The keys candidates are looked up by: those that can name the occasion, and (within a certain
# date window only) regions and region pairs.
SPECIFIC_KINDS = ("p", "f", "ip", "pl", "o", "fv")
CANDIDATE_KINDS = (*SPECIFIC_KINDS, "rp", "r")


@dataclass(frozen=True)
class Profile:
    keys: frozenset[str]
    date: dt.date | None
    weak: bool  # the date is only a hint (ingest day)
    # what of the date is certain: "full" (the text names the day), "published" (the publication
    # date), "day_month" (the year is a guess: «13 марта» without a publication date), "weekday",
    # or "" (nothing)
    known: str = "full"
    # the publication date, when known: a report tells of what happened by then
    published: dt.date | None = None
    # an ingest-day hint of a live feed: the event happened between these days (see
    # `hamkari.kb.selectors.live_window`); None when the date is no window
    window: tuple[dt.date, dt.date] | None = None


@dataclass
class Score:
    value: float
    evidence: list[tuple[str, float]] = field(default_factory=list)
    hard: bool = False  # some evidence names the occasion (see HARD_KINDS)
    # the people among that evidence: they name the occasion only when they were at no other
    # event in the date window (see `linked`)
    people: frozenset[str] = frozenset()
    hard_other: bool = False  # evidence other than people names it (a figure, a place, the day)
    # the topics differ, though each may be named in the other (not counted: see `_topics`)
    topics_differ: bool = False


def kind(key: str) -> str:
    return key.split(":", 1)[0]


def specificity(df: int, total: int) -> float:
    """1 for a key carried by a small share of the articles, less for common ones (a big region,
    «meeting»), never below 0.2."""
    if total < MIN_ARTICLES or df <= COMMON * total:
        return 1.0
    return max(0.2, math.log(total / df) / math.log(1 / COMMON))


def dates_compatible(a: Profile, b: Profile) -> bool:
    """Whether two dates may be one event's: both certain and at most WINDOW apart; with only the
    day and month known, those at most WINDOW apart in some year; a weekday and a certain date or
    another weekday, the same day of the week; an ingest day alone rules nothing out, except as
    a live feed's window (`Profile.window`): then a date outside it is another event."""
    if a.date is None or b.date is None:
        return True
    if not (_in_window(a, b) and _in_window(b, a)):
        return False
    if _after_publication(a, b) or _after_publication(b, a):
        return False
    if a.known in CERTAIN and b.known in CERTAIN:
        return abs(a.date - b.date) <= WINDOW
    if {a.known, b.known} <= {*CERTAIN, "day_month"}:
        return _day_of_year_distance(a.date, b.date) <= WINDOW.days
    if "weekday" in (a.known, b.known) and {a.known, b.known} <= {*CERTAIN, "weekday"}:
        # «on Tuesday» and a report that dates the event certainly: the same day of the week
        return a.date.weekday() == b.date.weekday()
    return True


def _in_window(a: Profile, b: Profile) -> bool:
    """`b` may be about the event of `a` as far as `a`'s ingest-day window says: another window
    overlaps it, a date not read from an ingest day falls in it (a date of unknown certainty, an
    undated story's, says nothing)."""
    if a.window is None:
        return True
    first, last = a.window
    if b.window is not None:
        return b.window[0] <= last and first <= b.window[1]
    if b.weak or b.date is None or not b.known:
        return True
    return first <= b.date <= last


def _after_publication(a: Profile, b: Profile) -> bool:
    """`a`'s text names a day after `b` was published: `b` cannot be reporting it (a report tells
    of what has happened; an announcement of what will happen is dated by its own text)."""
    if a.known != "full" or a.date is None or b.published is None:
        return False
    return a.date > b.published and not (b.known == "full" and b.date is not None and b.date >= a.date)


def _day_of_year_distance(a: dt.date, b: dt.date) -> int:
    # in a leap year, so that 29 February exists; the distance wraps around New Year
    x = dt.date(2000, a.month, a.day).timetuple().tm_yday
    y = dt.date(2000, b.month, b.day).timetuple().tm_yday
    return min(abs(x - y), 366 - abs(x - y))


def score(a: Profile, b: Profile, counts: dict[str, int], total: int) -> Score | None:
    """The evidence that `a` and `b` report one event, or None when their dates rule it out."""
    if not dates_compatible(a, b):
        return None
    result = Score(0.0)
    types = False
    officials = {key for key in a.keys | b.keys if kind(key) == "p" and _official_of_shared_region(key, a, b)}
    for key in sorted(a.keys & b.keys):
        k = kind(key)
        if k not in WEIGHTS or not WEIGHTS[k] or (k == "e" and types):
            continue
        types = types or k == "e"
        base = REGIONAL_OFFICIAL if key in officials else WEIGHTS[k]
        w = base * specificity(counts.get(key, 1), total)
        result.evidence.append((key, round(w, 3)))
        if key not in officials and _hard(key):
            result.hard = True
            if k == "p":
                result.people |= {key}
            else:
                result.hard_other = True
    regions_a = {k for k in a.keys if kind(k) == "r"}
    regions_b = {k for k in b.keys if kind(k) == "r"}
    if regions_a & regions_b:
        overlap = len(regions_a & regions_b) / len(regions_a | regions_b)
        w = REGIONS * overlap * max(specificity(counts.get(r, 1), total) for r in regions_a & regions_b)
        result.evidence.append(
            ("regions " + ",".join(sorted(r[2:] for r in regions_a & regions_b)), round(w, 3))
        )
    result.evidence += _topics(a, b, counts, total)
    topics_a, topics_b = ({k for k in x.keys if kind(k) == "st"} for x in (a, b))
    result.topics_differ = bool(topics_a and topics_b and not topics_a & topics_b)
    if {a.known, b.known} <= NAMED_DAY and a.date is not None and b.date is not None:
        # both texts name the day (a publication date may be a day after the event); without the
        # year («13 марта») the day and month
        if (a.date.month, a.date.day) == (b.date.month, b.date.day):
            result.evidence.append(("same day", SAME_DAY))
            result.hard = result.hard_other = True
        else:
            result.evidence.append(("other day", OTHER_DAY))
    # other people: each side names someone besides the officials of the shared regions, and
    # none of them is shared
    mine = {k for k in a.keys if kind(k) == "p"} - officials
    theirs = {k for k in b.keys if kind(k) == "p"} - officials
    if mine and theirs and not mine & theirs:
        result.evidence.append(("other people", OTHER_PEOPLE))
    mine, theirs = ({k for k in x.keys if kind(k) == "e"} for x in (a, b))
    if mine and theirs and not mine & theirs:
        result.evidence.append(("other events", OTHER_EVENTS))
    for side in ("r:IR-", "r:RU-"):
        # the Iranian (or Russian) regions of one report are all missing from the other
        mine, theirs = ({k for k in x if k.startswith(side)} for x in (regions_a, regions_b))
        if mine and theirs and not mine & theirs:
            result.evidence.append((f"other {side[2:4]} regions", OTHER_REGIONS))
    result.value = round(sum(w for _, w in result.evidence), 3)
    return result


def _topics(a: Profile, b: Profile, counts: dict[str, int], total: int) -> list[tuple[str, float]]:
    """The sectors both name (their overlap, weighed by the rarest shared one), and whether their
    topics agree."""
    out: list[tuple[str, float]] = []
    sectors_a, sectors_b = ({k for k in x.keys if kind(k) == "s"} for x in (a, b))
    shared = sectors_a & sectors_b
    if shared:
        overlap = len(shared) / len(sectors_a | sectors_b)
        w = SECTORS * overlap * max(specificity(counts.get(k, 1), total) for k in shared)
        out.append(("sectors " + ",".join(sorted(k[2:] for k in shared)), round(w, 3)))
    topics_a, topics_b = ({k for k in x.keys if kind(k) == "st"} for x in (a, b))
    if topics_a & topics_b:
        out.append(("same topic " + ",".join(sorted(k[3:] for k in topics_a & topics_b)), SAME_TOPIC))
    elif (
        topics_a and topics_b and not _mentioned(topics_a, sectors_b) and not _mentioned(topics_b, sectors_a)
    ):
        # the main subject of each is not even named in the other
        out.append(("other topic", OTHER_TOPIC))
    return out


def _mentioned(topics: set[str], sectors: set[str]) -> bool:
    return any("s:" + t[3:] in sectors for t in topics)


def _official_of_shared_region(person: str, a: Profile, b: Profile) -> bool:
    prefix = "po:" + person[2:] + ":"
    posts = {k[len(prefix) :] for k in a.keys | b.keys if k.startswith(prefix)}
    return any(f"r:{region}" in a.keys and f"r:{region}" in b.keys for region in posts)


def _hard(key: str) -> bool:
    if kind(key) == "fv":
        return float(key[3:]) >= HARD_FIGURE
    return kind(key) in HARD_KINDS


def linked(found: Score | None, *, elsewhere: frozenset[str] = frozenset(), soft: bool = True) -> bool:
    """Whether the evidence is enough: the threshold and one piece that names the occasion, or
    without one, much agreeing evidence (the same kind of instrument between the same regions,
    their heads, the same regions and kind of event) when both dates are known.

    People name the occasion only if one of them was at no other event that could be this one
    (`elsewhere`: the people also named in another story of the date window — for an undated
    report, any other story): a deputy governor who met the same governor in March and in June
    says nothing about which of the two meetings an undated report is about. Without both dates,
    agreeing participants, regions and instruments are enough only when no other story has such
    an instrument between those regions (`soft`, decided by the caller); never when the two
    reports name other people; and never when each names its topic and the topics differ:
    nothing names the occasion, so what it was about must not disagree (the same officials sign
    memoranda on other subjects on the days of one visit)."""
    if found is None:
        return False
    names = found.hard_other or bool(found.people - elsewhere)
    if names:
        return found.value >= THRESHOLD
    others = any(k == "other people" for k, _ in found.evidence)
    return (
        soft and not found.topics_differ and not found.hard and not others and found.value >= SOFT_THRESHOLD
    )


def repeats(shorter: frozenset[str], longer: frozenset[str]) -> bool:
    """Whether a text that looks like a copy also repeats the other's facts: its people and
    figures are all in the other (a cut-off copy has fewer; a copy has no others)."""
    facts = {k for k in shorter if kind(k) in ("p", "f", "fv")}
    return facts <= longer
