"""Capacity profiles, the partner finder and the consortium builder.

A region's strength in a sector combines three kinds of evidence, each scaled to the strongest
region in that sector: reports in the news (articles that name the region and the sector, not
rejected by an analyst), offers its editor declared (strength 1–5), and the exports of its firms.
Every score is shown with its components and an explanation a person can check."""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Sum

from hamkari.kb.models import Entity, Instrument, Mention, ReviewState
from hamkari.partners import routes, scores
from hamkari.partners.models import Capacity, Firm, TradeFlow
from hamkari.partners.services import markets
from hamkari.partners.services import sectors as known_sectors

EVIDENCE_WEIGHTS = {"news": 0.4, "declared": 0.3, "firms": 0.3}
DEFAULT_WEIGHTS = {"complement": 0.35, "trade": 0.25, "ties": 0.2, "route": 0.2}
MAX_CHAIN = 6  # sectors in one consortium
TIES_FULL = 4  # shared reports and instruments that count as a full tie
ROUTE_SCALE = 7.0  # days at which the route score halves


@dataclass
class Profile:
    code: str
    name: str
    country: str
    strength: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    needs: dict[str, float] = field(default_factory=dict)
    articles: set[int] = field(default_factory=set)
    markets: set[str] = field(default_factory=set)


def _state() -> tuple[Any, ...]:
    return (
        Mention.objects.aggregate(n=Count("id"), m=Max("id"), r=Max("reviewed_at")).values(),
        Capacity.objects.aggregate(n=Count("id"), m=Max("id")).values(),
        Firm.objects.aggregate(n=Count("id"), m=Max("id"), e=Sum("exports")).values(),
        TradeFlow.objects.aggregate(n=Count("id"), m=Max("id")).values(),
    )


def profiles() -> dict[str, Profile]:
    """Profiles of every Iranian and Russian region, computed once per state of the data."""
    state = tuple(tuple(v) for v in _state())
    return _profiles(state)


@functools.lru_cache(maxsize=4)
def _profiles(state: tuple[Any, ...]) -> dict[str, Profile]:  # noqa: C901 - one pass over all evidence
    regions = Entity.objects.filter(type="region", ref__regex=r"^(IR|RU)-")
    out = {r.ref: Profile(r.ref, r.name, r.ref[:2]) for r in regions}
    region_rows = Mention.objects.filter(entity__type="region").exclude(review_state=ReviewState.REJECTED)
    by_article: dict[int, set[str]] = defaultdict(set)
    for article_id, ref in region_rows.values_list("article_id", "entity__ref"):
        if ref in out:
            by_article[article_id].add(ref)
            out[ref].articles.add(article_id)
    news: dict[tuple[str, str], int] = defaultdict(int)
    sector_rows = (
        Mention.objects.filter(entity__type__in=("sector", "market"))
        .exclude(review_state=ReviewState.REJECTED)
        .values_list("article_id", "entity__type", "entity__ref")
        .distinct()
    )
    for article_id, kind, ref in sector_rows:
        for region in by_article.get(article_id, ()):
            if kind == "market":
                out[region].markets.add(ref)
            else:
                news[(region, ref)] += 1
    raw: dict[str, dict[tuple[str, str], float]] = {"news": dict(news), "declared": {}, "firms": {}}
    for entity_ref, sector, kind, strength in Capacity.objects.filter(entity__type="region").values_list(
        "entity__ref", "sector", "kind", "strength"
    ):
        if entity_ref not in out:
            continue
        if kind == "offer":
            raw["declared"][(entity_ref, sector)] = strength / 5
            out[entity_ref].evidence[sector].append(f"declared offer {strength}/5")
        else:
            out[entity_ref].needs[sector] = strength / 5
    firms = Firm.objects.values_list("region__ref", "sector").annotate(n=Count("id"), exports=Sum("exports"))
    for ref, sector, n, exports in firms:
        if ref in out:
            raw["firms"][(ref, sector)] = float(exports or 0) or float(n)
            out[ref].evidence[sector].append(f"{n} firms, ${(exports or 0) / 1e6:,.0f}M exports")
    for (ref, sector), count in news.items():
        out[ref].evidence[sector].insert(0, f"{count} reports")
    for source, values in raw.items():
        top: dict[str, float] = defaultdict(float)
        for (_, sector), value in values.items():
            top[sector] = max(top[sector], value)
        for (ref, sector), value in values.items():
            if top[sector] > 0:
                p = out[ref].strength
                p[sector] = p.get(sector, 0.0) + EVIDENCE_WEIGHTS[source] * value / top[sector]
    return out


def trade_vectors() -> dict[tuple[str, str], dict[str, float]]:
    """(region, flow) → product → value in the latest year each region reported, in one query."""
    state = tuple(TradeFlow.objects.aggregate(n=Count("id"), m=Max("id"), v=Sum("value")).values())
    return _trade_vectors(state)


@functools.lru_cache(maxsize=4)
def _trade_vectors(state: tuple[Any, ...]) -> dict[tuple[str, str], dict[str, float]]:
    latest: dict[tuple[str, str], int] = {}
    rows = list(TradeFlow.objects.values_list("region__ref", "flow", "year", "hs").annotate(v=Sum("value")))
    for ref, flow, year, _, _ in rows:
        latest[(ref, flow)] = max(latest.get((ref, flow), 0), year)
    out: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for ref, flow, year, hs, value in rows:
        if year == latest[(ref, flow)]:
            out[(ref, flow)][hs] = float(value)
    return dict(out)


@dataclass
class Ranking:
    code: str
    name: str
    score: float
    components: dict[str, float | None]
    explanation: str
    firms: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "region": self.code,
            "name": self.name,
            "score": round(self.score, 3),
            "components": {k: None if v is None else round(v, 3) for k, v in self.components.items()},
            "explanation": self.explanation,
            "firms": self.firms,
        }


def _ties(me: Profile, other: Profile) -> tuple[int, int]:
    reports = len(me.articles & other.articles)
    instruments = (
        Instrument.objects.filter(parties__ref=me.code).filter(parties__ref=other.code).count()
        if reports
        else 0
    )
    return reports, instruments


def rank(
    code: str, *, top: int = 10, weights: dict[str, float] | None = None, sector: str | None = None
) -> list[Ranking]:
    """Regions on the other side, best partner first. With `sector` (a firm's sector), the partner
    regions are judged for that sector and their leading firms in the sectors it lacks are listed."""
    all_profiles = profiles()
    if code not in all_profiles:
        raise KeyError(f"unknown region {code!r}")
    unknown = set(weights or {}) - set(DEFAULT_WEIGHTS)
    if unknown or any(w < 0 for w in (weights or {}).values()):
        wrong = ", ".join(unknown) or "negative"
        raise ValueError(f"weights are {', '.join(DEFAULT_WEIGHTS)}, each 0 or more; not {wrong}")
    me = all_profiles[code]
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    days = routes.days_from(code)
    trade_data = trade_vectors()
    my_imports, my_exports = trade_data.get((code, "import"), {}), trade_data.get((code, "export"), {})
    results: list[tuple[Ranking, tuple[Any, ...]]] = []
    for other in all_profiles.values():
        if other.country == me.country:
            continue
        lacks = sorted(
            (
                (other.strength[s] - me.strength.get(s, 0.0) + me.needs.get(s, 0.0), s)
                for s in other.strength
                if other.strength[s] > me.strength.get(s, 0.0)
            ),
            reverse=True,
        )
        gives = sorted(
            (
                (me.strength[s] - other.strength.get(s, 0.0) + other.needs.get(s, 0.0), s)
                for s in me.strength
                if me.strength[s] > other.strength.get(s, 0.0)
            ),
            reverse=True,
        )
        if sector is not None:
            gives = [(v, s) for v, s in gives if s == sector]
        complement = min(1.0, (sum(v for v, _ in lacks[:3]) + sum(v for v, _ in gives[:3])) / 2)
        trade: float | None = None
        their_imports = trade_data.get((other.code, "import"), {})
        their_exports = trade_data.get((other.code, "export"), {})
        # a direction counts only where one side's imports and the other's exports are both known
        pairs = [
            scores.complementarity(imports, exports)
            for imports, exports in ((my_imports, their_exports), (their_imports, my_exports))
            if imports and exports
        ]
        if pairs:
            trade = sum(pairs) / (100 * len(pairs))
        reports, instruments = _ties(me, other)
        ties = min(1.0, (reports + instruments) / TIES_FULL)
        reasons = (lacks, gives, reports, instruments)
        route_days = days.get(other.code)
        route = 1 / (1 + route_days / ROUTE_SCALE) if route_days is not None else None
        components: dict[str, float | None] = {
            "complement": complement,
            "trade": trade,
            "ties": ties,
            "route": route,
        }
        used = {k: w for k, w in weights.items() if components.get(k) is not None}
        total = sum(used.values()) or 1.0
        score = sum(w * (components[k] or 0.0) for k, w in used.items()) / total
        results.append((Ranking(other.code, other.name, score, components, ""), reasons))
    results.sort(key=lambda pair: (-pair[0].score, pair[0].code))
    chosen = []
    for r, (lacks, gives, reports, instruments) in results[:top]:
        # the explanation's route and firms are looked up for the partners shown only
        r.explanation = _explain(me, all_profiles[r.code], lacks, gives, reports, instruments, code)
        r.firms = list(
            Firm.objects.filter(region__ref=r.code, sector__in=[s for _, s in lacks[:3]])
            .order_by("-exports")
            .values_list("name", flat=True)[:3]
        )
        chosen.append(r)
    return chosen


def _explain(
    me: Profile,
    other: Profile,
    lacks: list[tuple[float, str]],
    gives: list[tuple[float, str]],
    reports: int,
    instruments: int,
    code: str,
) -> str:
    parts = []
    if lacks:
        parts.append(f"{', '.join(s for _, s in lacks[:3])} that {me.name} lacks")
    if gives:
        parts.append(f"needs {', '.join(s for _, s in gives[:3])} that {me.name} offers")
    if reports or instruments:
        parts.append(f"{reports} shared reports, {instruments} instruments")
    centres = routes.centres()
    best = (
        routes.fastest(centres[code], centres[other.code])
        if code in centres and other.code in centres
        else None
    )
    if best is not None:
        parts.append(best.summary())
    return f"{other.name}: " + "; ".join(parts) if parts else f"{other.name}: no evidence yet"


# --- consortium builder ---------------------------------------------------------------------------


@dataclass
class Member:
    kind: str  # region or firm
    code: str  # region code, or the firm's id
    name: str
    country: str
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
                    "sector": m.sector,
                    "strength": round(m.strength, 3),
                    "reason": m.reason,
                }
                for m in self.members
            ],
        }


COMPETITION_PENALTY = 0.5


def _candidates(sector: str, market: str, per_sector: int) -> list[Member]:
    out = []
    for p in profiles().values():
        value = p.strength.get(sector, 0.0)
        if value <= 0:
            continue
        bonus = 0.1 if market in p.markets else 0.0
        reason = f"{sector}: {'; '.join(p.evidence.get(sector, [])) or 'evidence in the news'}"
        if bonus:
            reason += f"; reported in the {market} market"
        out.append(Member("region", p.code, p.name, p.country, sector, value + bonus, reason, p.strength))
    firms = Firm.objects.filter(sector=sector).select_related("region").order_by("-exports")[: per_sector * 4]
    top = max((f.exports for f in firms), default=0.0) or 1.0
    for f in firms:
        bonus = 0.1 if market in f.markets.split() else 0.0
        out.append(
            Member(
                "firm",
                str(f.pk),
                f.name,
                f.region.ref[:2] if f.region.ref else "",
                sector,
                f.exports / top + bonus,
                f"{sector}: ${f.exports / 1e6:,.1f}M exports, {f.size} staff"
                + (f"; already sells in {market}" if bonus else ""),
                {sector: 1.0},
            )
        )
    out.sort(key=lambda m: -m.strength)
    return out[:per_sector]


def propose(*, market: str, sectors: list[str], proposals: int = 3, per_sector: int = 5) -> list[Proposal]:
    """Groups of Iranian and Russian regions or firms covering every sector of the value chain,
    both countries present, penalised when members compete (similar export profiles). Raises
    ValueError for an unknown market or sector, or a chain longer than MAX_CHAIN."""

    if market not in markets():
        raise ValueError(f"unknown market {market!r}; use one of {', '.join(markets())}")
    unknown = [s for s in sectors if s not in known_sectors()]
    if unknown or not 1 <= len(sectors) <= MAX_CHAIN:
        # every sector multiplies the combinations tried by per_sector
        raise ValueError(f"give 1 to {MAX_CHAIN} known sectors; unknown: {', '.join(unknown) or '-'}")
    pools = [_candidates(s, market, per_sector) for s in sectors]
    if any(not pool for pool in pools):
        missing = [s for s, pool in zip(sectors, pools, strict=True) if not pool]
        raise ValueError(f"no region or firm with capacity in {', '.join(missing)}")
    found = []
    for combo in itertools.product(*pools):
        if not {"IR", "RU"} <= {m.country for m in combo}:
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
        found.append(
            Proposal(list(combo), coverage - COMPETITION_PENALTY * competition, coverage, competition)
        )
    found.sort(key=lambda p: -p.score)
    distinct, seen = [], set()
    for p in found:
        key = frozenset((m.kind, m.code) for m in p.members)
        if key not in seen:
            seen.add(key)
            distinct.append(p)
        if len(distinct) == proposals:
            break
    return distinct
