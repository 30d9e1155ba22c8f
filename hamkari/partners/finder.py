"""Capacity profiles, the partner finder and the consortium builder.

A region's strength in a sector is weighed evidence (EVIDENCE_WEIGHTS): its reference profile (the
leading sectors a published source names, by rank, scaled by the region's size), its firms'
exports and its exports in the trade figures (each scaled to the strongest region in that sector),
offers its editor declared (strength 1–5) and reports in the news (n articles count n/(n+3): one
article is weak evidence). Every score is shown with its components and an explanation in the
page's language."""

from __future__ import annotations

import datetime
import functools
import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Sum
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hamkari.kb.calendar import digits_in
from hamkari.kb.models import Entity, Instrument, Mention, ReviewState
from hamkari.partners import reference, routes, scores
from hamkari.partners.models import Capacity, Firm, ReferenceOverride, TradeFlow
from hamkari.partners.names import number, region_name, sector_name
from hamkari.partners.services import markets
from hamkari.partners.services import sectors as known_sectors

EVIDENCE_WEIGHTS = {"reference": 0.35, "firms": 0.2, "trade": 0.15, "declared": 0.15, "news": 0.15}
NEWS_HALF = 3  # articles at which the news evidence of a sector counts half
DEFAULT_WEIGHTS = {"complement": 0.35, "trade": 0.25, "ties": 0.2, "route": 0.2}
MAX_CHAIN = 6  # sectors in one consortium
TOP_SECTORS = 3  # sectors that make the complement: the three largest differences each way
ROUTE_SCALE = 7.0  # days at which the route score halves
# Ties: a shared instrument counts by its status, a shared event half, a shared working group
# fully; each halves in weight a year after its date (undated ones count as a year old);
# ties = 1 − exp(−sum / TIES_SCALE), so more ties always count more, without a cap.
STATUS_WEIGHT = {
    "proposed": 0.3,
    "discussed": 0.4,
    "agreed": 0.7,
    "signed": 1.0,
    "established": 1.0,
    "completed": 1.0,
}
EVENT_WEIGHT = 0.5
GROUP_WEIGHT = 1.0
HALF_LIFE_DAYS = 365.0
TIES_SCALE = 2.0
# The reference evidence of a region is scaled by its size: log10(population) between 10^5
# (0.3) and the largest region (1.0); a region without a published population counts 0.5.
SIZE_UNKNOWN = 0.5


@dataclass
class Evidence:
    """One piece of evidence for a sector: its kind, what it says and its weighed contribution."""

    kind: str  # reference, firms, trade, declared, news
    value: float  # 0..1 before the weight
    detail: dict[str, Any] = field(default_factory=dict)

    def describe(self, language: str | None) -> str:
        with translation.override(language or "fa"):
            d = self.detail
            weight = number(EVIDENCE_WEIGHTS[self.kind], language, 2)
            if self.kind == "reference":
                text = _("reference profile: rank %(rank)s (%(year)s)") % {
                    "rank": digits_in(d["rank"], language or "fa"),
                    "year": digits_in(d["year"], language or "fa"),
                }
            elif self.kind == "news":
                text = ngettext("%(n)s report", "%(n)s reports", d["n"]) % {"n": number(d["n"], language)}
            elif self.kind == "declared":
                text = _("declared offer %(n)s/5") % {"n": number(d["n"], language)}
            elif self.kind == "firms":
                text = _("%(n)s firms, $%(m)sM exports") % {
                    "n": number(d["n"], language),
                    "m": number(d["exports"] / 1e6, language),
                }
            else:
                text = _("$%(m)sM exports in the trade figures") % {"m": number(d["exports"] / 1e6, language)}
            return f"{text} (×{weight})"


@dataclass
class Profile:
    code: str
    country: str
    strength: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[Evidence]] = field(default_factory=lambda: defaultdict(list))
    needs: dict[str, float] = field(default_factory=dict)
    articles: set[int] = field(default_factory=set)
    stories: dict[int, datetime.date | None] = field(default_factory=dict)
    instruments: dict[int, tuple[str, datetime.date | None]] = field(default_factory=dict)
    groups: set[int] = field(default_factory=set)
    markets: set[str] = field(default_factory=set)

    def name(self, language: str | None) -> str:
        return region_name(self.code, language)


def _state() -> tuple[Any, ...]:
    return (
        Mention.objects.aggregate(n=Count("id"), m=Max("id"), r=Max("reviewed_at")).values(),
        Capacity.objects.aggregate(
            n=Count("id"), m=Max("id"), s=Sum("strength"), e=Sum("entity_id")
        ).values(),
        list(Capacity.objects.values_list("entity_id", "sector", "kind", "strength")),
        Firm.objects.aggregate(n=Count("id"), m=Max("id"), e=Sum("exports")).values(),
        TradeFlow.objects.aggregate(n=Count("id"), m=Max("id"), v=Sum("value")).values(),
        ReferenceOverride.objects.aggregate(n=Count("id"), m=Max("entered_at")).values(),
        Instrument.objects.aggregate(n=Count("id"), m=Max("id"), s=Max("steps__id")).values(),
        Entity.objects.filter(type="region").aggregate(g=Count("working_groups")).values(),
        datetime.date.today(),
    )


def profiles() -> dict[str, Profile]:
    """Profiles of every Iranian and Russian region, computed once per state of the data."""
    state = tuple(tuple(v) if not isinstance(v, datetime.date) else v for v in _state())
    return _profiles(state)


def clear_caches() -> None:
    """Forget computed profiles (tests whose rolled-back rows may repeat an earlier state)."""
    _profiles.cache_clear()
    _trade_vectors.cache_clear()


def _size(population: float | None, largest: float) -> float:
    if not population:
        return SIZE_UNKNOWN
    span = math.log10(largest) - 5
    return min(1.0, max(0.3, (math.log10(population) - 5) / span)) if span > 0 else 1.0


def effective_reference() -> dict[str, tuple[list[tuple[str, int, int]], float | None]]:
    """Region → (sectors as (slug, rank, year), population), the editor's override where set."""
    out: dict[str, tuple[list[tuple[str, int, int]], float | None]] = {}
    for code, ref in reference.references().items():
        population = ref.first("population")
        years = {v.value: v.year or 0 for v in ref.values if v.field == "sector"}
        people = float(population.value) if population else None
        out[code] = ([(s, r, years.get(s, 0)) for s, r in ref.sectors], people)
    for region_ref, name, value, at in ReferenceOverride.objects.values_list(
        "region__ref", "field", "value", "entered_at"
    ):
        code = str(region_ref)  # overrides are only made for regions, which all have a code
        sectors, people = out.get(code, ([], None))
        if name == "population" and value.replace(".", "", 1).isdecimal():
            out[code] = (sectors, float(value))
        elif name == "sectors":
            out[code] = ([(s, i, at.year) for i, s in enumerate(value.split(), start=1)], people)
    return out


def _add(p: Profile, sector: str, evidence: Evidence) -> None:
    p.evidence[sector].append(evidence)
    p.strength[sector] = p.strength.get(sector, 0.0) + EVIDENCE_WEIGHTS[evidence.kind] * evidence.value


def _reference_evidence(out: dict[str, Profile]) -> None:
    refs = effective_reference()
    largest = max((pop for _, pop in refs.values() if pop), default=0.0)
    for code, (sectors, pop) in refs.items():
        if code not in out:
            continue
        size = _size(pop, largest)
        for slug, rank, year in sectors:
            value = reference.RANK_DECAY ** (rank - 1) * size
            _add(out[code], slug, Evidence("reference", value, {"rank": rank, "year": year}))


def _news_evidence(out: dict[str, Profile]) -> None:
    region_rows = Mention.objects.filter(entity__type="region").exclude(review_state=ReviewState.REJECTED)
    by_article: dict[int, set[str]] = defaultdict(set)
    for article_id, ref, story_id, story_date, published in region_rows.values_list(
        "article_id", "entity__ref", "article__story_id", "article__story__date", "article__published"
    ):
        if ref in out:
            by_article[article_id].add(ref)
            out[ref].articles.add(article_id)
            if story_id is not None:
                out[ref].stories[story_id] = story_date or published
    news: dict[tuple[str, str], int] = defaultdict(int)
    sector_rows = (
        Mention.objects.filter(entity__type__in=("sector", "market"))
        .exclude(review_state=ReviewState.REJECTED)
        .values_list("article_id", "entity__type", "entity__ref")
        .distinct()
    )
    for article_id, kind, ref in sector_rows:
        if ref is None:
            continue
        for region in by_article.get(article_id, ()):
            if kind == "market":
                out[region].markets.add(ref)
            else:
                news[(region, ref)] += 1
    for (region, sector), n in news.items():
        _add(out[region], sector, Evidence("news", n / (n + NEWS_HALF), {"n": n}))


def _declared_evidence(out: dict[str, Profile]) -> None:
    rows = Capacity.objects.filter(entity__type="region").values_list(
        "entity__ref", "sector", "kind", "strength"
    )
    for ref, sector, kind, strength in rows:
        if ref not in out:
            continue
        if kind == "offer":
            _add(out[ref], sector, Evidence("declared", strength / 5, {"n": strength}))
        else:
            out[ref].needs[sector] = strength / 5


def _scaled(values: dict[tuple[str, str], float]) -> dict[tuple[str, str], float]:
    top: dict[str, float] = defaultdict(float)
    for (_ref, sector), value in values.items():
        top[sector] = max(top[sector], value)
    return {key: value / top[key[1]] for key, value in values.items() if top[key[1]] > 0}


def _firm_evidence(out: dict[str, Profile]) -> None:
    rows = Firm.objects.values_list("region__ref", "sector").annotate(n=Count("id"), exports=Sum("exports"))
    raw = {(ref, sector): float(exports or 0) or float(n) for ref, sector, n, exports in rows if ref in out}
    counts = {(ref, sector): (n, float(exports or 0)) for ref, sector, n, exports in rows}
    for (ref, sector), value in _scaled(raw).items():
        n, exports = counts[(ref, sector)]
        _add(out[ref], sector, Evidence("firms", value, {"n": n, "exports": exports}))


@functools.cache
def hs_sectors() -> dict[str, str]:
    """HS chapter ('01' … '97') → sector (`data/hs_sectors.tsv`)."""
    out = {}
    for row in routes.rows("hs_sectors.tsv"):
        for chapter in range(int(row["from"]), int(row["to"]) + 1):
            out[f"{chapter:02d}"] = row["sector"]
    return out


def _trade_evidence(out: dict[str, Profile]) -> None:
    raw: dict[tuple[str, str], float] = defaultdict(float)
    for (ref, flow), products in trade_vectors().items():
        if flow != "export" or ref not in out:
            continue
        for hs, value in products.items():
            sector = hs_sectors().get(hs[:2])
            if sector:
                raw[(ref, sector)] += value
    for key, value in _scaled(dict(raw)).items():
        _add(out[key[0]], key[1], Evidence("trade", value, {"exports": raw[key]}))


def _ties_data(out: dict[str, Profile]) -> None:
    rows = Instrument.objects.filter(parties__type="region").values_list(
        "id", "parties__ref", "status", "story__date", "created_at"
    )
    for pk, ref, status, story_date, created in rows:
        if ref in out:
            out[ref].instruments[pk] = (status, story_date or created.date())
    for ref, group in Entity.objects.filter(type="region", working_groups__isnull=False).values_list(
        "ref", "working_groups"
    ):
        if ref in out:
            out[ref].groups.add(group)


@functools.lru_cache(maxsize=4)
def _profiles(state: tuple[Any, ...]) -> dict[str, Profile]:
    codes = Entity.objects.filter(type="region", ref__regex=r"^(IR|RU)-").values_list("ref", flat=True)
    out = {code: Profile(code, code[:2]) for code in codes if code is not None}
    for step in (
        _reference_evidence,
        _news_evidence,
        _declared_evidence,
        _firm_evidence,
        _trade_evidence,
        _ties_data,
    ):
        step(out)
    return out


def trade_vectors() -> dict[tuple[str, str], dict[str, float]]:
    """(region, flow) → product → value in the latest year each region reported, in one query."""
    state = tuple(TradeFlow.objects.aggregate(n=Count("id"), m=Max("id"), v=Sum("value")).values())
    return _trade_vectors(state)


@functools.lru_cache(maxsize=4)
def _trade_vectors(state: tuple[Any, ...]) -> dict[tuple[str, str], dict[str, float]]:
    latest: dict[tuple[str, str], int] = {}
    rows = list(TradeFlow.objects.values_list("region__ref", "flow", "year", "hs").annotate(v=Sum("value")))
    for ref, flow, year, _hs, _value in rows:
        latest[(ref, flow)] = max(latest.get((ref, flow), 0), year)
    out: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for ref, flow, year, hs, value in rows:
        if year == latest[(ref, flow)]:
            out[(ref, flow)][hs] = float(value)
    return dict(out)


# --- the partner finder ---------------------------------------------------------------------------


def complement(
    mine: dict[str, float],
    theirs: dict[str, float],
    *,
    my_needs: dict[str, float] | None = None,
    their_needs: dict[str, float] | None = None,
    only_give: str | None = None,
) -> tuple[float, list[tuple[float, str]], list[tuple[float, str]]]:
    """How much the partner is stronger in what we lack (weighted up by our declared needs) and
    how much we are stronger in what it lacks (weighted up by its needs): the mean of the three
    largest differences each way, averaged. Graded, not capped. Returns (score, lacks, gives)."""
    my_needs, their_needs = my_needs or {}, their_needs or {}
    lacks = sorted(
        (
            ((theirs[s] - mine.get(s, 0.0)) * (1 + my_needs.get(s, 0.0)), s)
            for s in theirs
            if theirs[s] > mine.get(s, 0.0)
        ),
        reverse=True,
    )
    gives = sorted(
        (
            ((mine[s] - theirs.get(s, 0.0)) * (1 + their_needs.get(s, 0.0)), s)
            for s in mine
            if mine[s] > theirs.get(s, 0.0)
        ),
        reverse=True,
    )
    if only_give is not None:
        gives = [(v, s) for v, s in gives if s == only_give]
    score = (sum(v for v, _ in lacks[:TOP_SECTORS]) + sum(v for v, _ in gives[:TOP_SECTORS])) / (
        2 * TOP_SECTORS
    )
    return score, lacks, gives


def recency(when: datetime.date | None, today: datetime.date) -> float:
    age = HALF_LIFE_DAYS if when is None else max(0, (today - when).days)
    return float(0.5 ** (age / HALF_LIFE_DAYS))


@dataclass
class Ties:
    instruments: int
    events: int
    groups: int
    score: float


def ties(me: Profile, other: Profile, today: datetime.date) -> Ties:
    shared_instruments = me.instruments.keys() & other.instruments.keys()
    shared_events = me.stories.keys() & other.stories.keys()
    shared_groups = me.groups & other.groups
    total = sum(
        STATUS_WEIGHT.get(me.instruments[i][0], 0.3) * recency(me.instruments[i][1], today)
        for i in shared_instruments
    )
    total += sum(EVENT_WEIGHT * recency(me.stories[s], today) for s in shared_events)
    total += GROUP_WEIGHT * len(shared_groups)
    return Ties(
        len(shared_instruments), len(shared_events), len(shared_groups), 1 - math.exp(-total / TIES_SCALE)
    )


@dataclass
class Ranking:
    code: str
    name: str
    score: float
    components: dict[str, float | None]
    explanation: str
    firms: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "region": self.code,
            "name": self.name,
            "score": round(self.score, 3),
            "components": {k: None if v is None else round(v, 3) for k, v in self.components.items()},
            "explanation": self.explanation,
            "firms": self.firms,
            "details": self.details,
        }


def check_weights(weights: dict[str, float] | None) -> dict[str, float]:
    unknown = set(weights or {}) - set(DEFAULT_WEIGHTS)
    if unknown or any(w < 0 for w in (weights or {}).values()):
        wrong = ", ".join(sorted(unknown)) or _("negative")
        raise ValueError(
            _("weights are %(names)s, each 0 or more; not %(wrong)s")
            % {"names": ", ".join(DEFAULT_WEIGHTS), "wrong": wrong}
        )
    return {**DEFAULT_WEIGHTS, **(weights or {})}


def _trade_component(code: str, other: str, data: dict[tuple[str, str], dict[str, float]]) -> float | None:
    # a direction counts only where one side's imports and the other's exports are both known
    pairs = [
        scores.complementarity(imports, exports)
        for imports, exports in (
            (data.get((code, "import"), {}), data.get((other, "export"), {})),
            (data.get((other, "import"), {}), data.get((code, "export"), {})),
        )
        if imports and exports
    ]
    return sum(pairs) / (100 * len(pairs)) if pairs else None


def rank(
    code: str,
    *,
    top: int = 10,
    weights: dict[str, float] | None = None,
    sector: str | None = None,
    language: str | None = None,
) -> list[Ranking]:
    """Regions on the other side, best partner first. With `sector` (a firm's sector), the partner
    regions are judged for that sector and their leading firms in the sectors it lacks are listed.
    Names and explanations are in `language` (fa, ru, en; default the active one)."""
    all_profiles = profiles()
    if code not in all_profiles:
        raise KeyError(_("unknown region %(code)s") % {"code": repr(code)})
    used_weights = check_weights(weights)
    language = language or translation.get_language() or "fa"
    me, today = all_profiles[code], datetime.date.today()
    days = routes.days_from(code)
    trade_data = trade_vectors()
    results = []
    for other in all_profiles.values():
        if other.country == me.country:
            continue
        comp, lacks, gives = complement(
            me.strength, other.strength, my_needs=me.needs, their_needs=other.needs, only_give=sector
        )
        tie = ties(me, other, today)
        route_days = days.get(other.code)
        components: dict[str, float | None] = {
            "complement": comp,
            "trade": _trade_component(code, other.code, trade_data),
            "ties": tie.score,
            "route": 1 / (1 + route_days / ROUTE_SCALE) if route_days is not None else None,
        }
        used = {k: w for k, w in used_weights.items() if components.get(k) is not None}
        total = sum(used.values()) or 1.0
        score = sum(w * (components[k] or 0.0) for k, w in used.items()) / total
        results.append(
            (Ranking(other.code, other.name(language), score, components, ""), (lacks, gives, tie))
        )
    results.sort(key=lambda pair: (-pair[0].score, pair[0].code))
    firms = _leading_firms(
        [(r.code, [s for _, s in lacks[:TOP_SECTORS]]) for r, (lacks, _g, _t) in results[:top]]
    )
    chosen = []
    for r, (lacks, gives, tie) in results[:top]:
        # the explanation's route and firms are looked up for the partners shown only
        r.explanation = explain(me, all_profiles[r.code], lacks, gives, tie, language)
        r.details = {
            "lacks": [{"sector": s, "difference": round(v, 3)} for v, s in lacks[:TOP_SECTORS]],
            "offers": [{"sector": s, "difference": round(v, 3)} for v, s in gives[:TOP_SECTORS]],
            "ties": {"instruments": tie.instruments, "events": tie.events, "working_groups": tie.groups},
        }
        r.firms = firms.get(r.code, [])
        chosen.append(r)
    return chosen


def _leading_firms(wanted: list[tuple[str, list[str]]], per_region: int = 3) -> dict[str, list[str]]:
    """The firms with the largest exports of each region in the given sectors, in one query per
    region over the (region, sector) index."""
    ids = dict(Entity.objects.filter(type="region", ref__in=[c for c, _ in wanted]).values_list("ref", "id"))
    out: dict[str, list[str]] = {}
    for code, sectors in wanted:
        if code in ids and sectors:
            rows = Firm.objects.filter(region_id=ids[code], sector__in=sectors).order_by("-exports")
            out[code] = list(rows.values_list("name", flat=True)[:per_region])
    return out


def explain(
    me: Profile,
    other: Profile,
    lacks: list[tuple[float, str]],
    gives: list[tuple[float, str]],
    tie: Ties,
    language: str,
) -> str:
    """«Novgorod Oblast: forestry, machinery that Isfahan lacks; …» in the page's language."""
    with translation.override(language):
        sep = "، " if language == "fa" else ", "
        mine = me.name(language)
        parts = []
        if lacks:
            names = sep.join(sector_name(s, language) for _, s in lacks[:TOP_SECTORS])
            parts.append(_("%(sectors)s that %(region)s lacks") % {"sectors": names, "region": mine})
        if gives:
            names = sep.join(sector_name(s, language) for _, s in gives[:TOP_SECTORS])
            parts.append(_("needs %(sectors)s that %(region)s offers") % {"sectors": names, "region": mine})
        if tie.instruments or tie.events or tie.groups:
            parts.append(
                _("%(i)s shared instruments, %(e)s shared events, %(g)s working groups")
                % {
                    "i": number(tie.instruments, language),
                    "e": number(tie.events, language),
                    "g": number(tie.groups, language),
                }
            )
        centres = routes.centres()
        if me.code in centres and other.code in centres:
            best = routes.recommended(centres[me.code], centres[other.code])
            if best is not None:
                parts.append(best.summary(language))
        semi = "؛ " if language == "fa" else "; "
        body = semi.join(parts) if parts else _("no evidence yet")
        return f"{other.name(language)}: {body}"


# --- consortium builder ---------------------------------------------------------------------------


@dataclass
class Member:
    kind: str  # region or firm
    code: str  # region code, or the firm's id
    name: str
    country: str
    region: str  # the member's region (a firm's own)
    sector: str
    strength: float
    reason: str
    profile: dict[str, float]


@dataclass
class Proposal:
    members: list[Member]
    score: float
    coverage: float
    competition: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 3),
            "coverage": round(self.coverage, 3),
            "competition": round(self.competition, 3),
            "members": [
                {
                    "kind": m.kind,
                    "id": m.code,
                    "name": m.name,
                    "country": m.country,
                    "region": m.region,
                    "sector": m.sector,
                    "strength": round(m.strength, 3),
                    "reason": m.reason,
                }
                for m in self.members
            ],
        }


COMPETITION_PENALTY = 0.5
MARKET_BONUS = 0.1


def _region_members(sector: str, market: str) -> list[Member]:
    out = []
    for p in profiles().values():
        value = p.strength.get(sector, 0.0)
        if value > 0:
            bonus = MARKET_BONUS if market in p.markets else 0.0
            out.append(Member("region", p.code, "", p.country, p.code, sector, value + bonus, "", p.strength))
    return out


def _region_reason(member: Member, market: str, language: str) -> str:
    """The evidence behind a region member, described for the proposals shown only."""
    profile = profiles()[member.code]
    with translation.override(language):
        reasons = [e.describe(language) for e in profile.evidence.get(member.sector, [])]
        if market in profile.markets:
            reasons.append(_("reported in this market"))
        separator = _("; ")  # «؛ » in Persian
    return f"{sector_name(member.sector, language)}: {separator.join(reasons)}"


def _firm_members(sector: str, market: str, per_sector: int, language: str) -> list[Member]:
    firms = Firm.objects.filter(sector=sector).select_related("region").order_by("-exports")[: per_sector * 4]
    top = max((f.exports for f in firms), default=0.0) or 1.0
    out = []
    for f in firms:
        bonus = MARKET_BONUS if market in f.markets.split() else 0.0
        with translation.override(language):
            reason = _("$%(m)sM exports, %(n)s staff") % {
                "m": number(f.exports / 1e6, language, 1),
                "n": number(f.size, language),
            }
            if bonus:
                reason += _("; ") + _("already sells in this market")
        ref = f.region.ref or ""
        out.append(
            Member(
                "firm",
                str(f.pk),
                f.name,
                ref[:2],
                ref,
                sector,
                f.exports / top + bonus,
                reason,
                {sector: 1.0},
            )
        )
    return out


def _candidates(sector: str, market: str, per_sector: int, language: str) -> list[Member]:
    out = _region_members(sector, market) + _firm_members(sector, market, per_sector, language)
    out.sort(key=lambda m: (-m.strength, m.code))
    chosen = out[:per_sector]
    for m in chosen:
        if m.kind == "region":
            m.name, m.reason = region_name(m.code, language), _region_reason(m, market, language)
    return chosen


def _valid(combo: tuple[Member, ...], shared_regions: bool) -> bool:
    if not {"IR", "RU"} <= {m.country for m in combo}:
        return False
    regions = [m.region for m in combo]
    return shared_regions or len(set(regions)) == len(regions)


def propose(
    *,
    market: str,
    sectors: list[str],
    proposals: int = 3,
    per_sector: int = 6,
    shared_regions: bool = False,
    language: str | None = None,
) -> list[Proposal]:
    """Groups of Iranian and Russian regions or firms covering every sector of the value chain,
    both countries present, one member per region unless `shared_regions`, penalised when members
    compete (similar export profiles). Only proposals scoring above zero are returned. Raises
    ValueError for an unknown market or sector, or a chain longer than MAX_CHAIN."""
    language = language or translation.get_language() or "fa"
    if market not in markets():
        raise ValueError(
            _("unknown market %(market)s; use one of %(known)s")
            % {"market": repr(market), "known": ", ".join(markets())}
        )
    unknown = [s for s in sectors if s not in known_sectors()]
    if unknown or not 1 <= len(sectors) <= MAX_CHAIN:
        # every sector multiplies the combinations tried by per_sector
        raise ValueError(
            _("give 1 to %(most)s known sectors; unknown: %(unknown)s")
            % {
                "most": digits_in(MAX_CHAIN, translation.get_language() or "fa"),
                "unknown": ", ".join(unknown) or "-",
            }
        )
    pools = [_candidates(s, market, per_sector, language) for s in sectors]
    if any(not pool for pool in pools):
        missing = [s for s, pool in zip(sectors, pools, strict=True) if not pool]
        raise ValueError(
            _("no region or firm with capacity in %(sectors)s")
            % {"sectors": ", ".join(sector_name(s, language) for s in missing)}
        )
    found = []
    for combo in itertools.product(*pools):
        if not _valid(combo, shared_regions):
            continue
        coverage = sum(m.strength for m in combo) / len(combo)
        competition = max(
            (
                scores.cosine(a.profile, b.profile)
                for a, b in itertools.combinations(combo, 2)
                if (a.kind, a.code) != (b.kind, b.code)
            ),
            default=0.0,
        )
        score = coverage - COMPETITION_PENALTY * competition
        if score > 0:
            found.append(Proposal(list(combo), score, coverage, competition))
    found.sort(key=lambda p: (-p.score, [m.code for m in p.members]))
    distinct, seen = [], set()
    for p in found:
        key = frozenset((m.kind, m.code) for m in p.members)
        if key not in seen:
            seen.add(key)
            distinct.append(p)
        if len(distinct) == proposals:
            break
    return distinct
