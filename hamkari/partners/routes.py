"""Transit routes over a network (networkx) kept in data files: nodes (regional centres, Caspian
ports, border crossings, gateway ports, rail hubs) and edges by mode with distance, typical days and
the source of each figure (`data/transit_nodes.tsv`, `data/transit_edges.tsv`).

Routes are searched over (node, mode) states, so that a change of mode costs time where it happens
(MODE_CHANGE_DAYS) and legs of one mode are shown as one leg. The options are one a branch of the
North–South corridor — the western branch (through Astara and Azerbaijan), the eastern branch
(through Incheh Borun or Sarakhs, Turkmenistan and Kazakhstan), the Caspian sea branch, or direct
within one country — each the cheapest of its branch by a freight cost index (COST_PER_KM,
COST_PER_CHANGE, COST_PER_DAY), cheapest first. The partner finder's route component stays the
fastest route's days (`days_from`)."""

from __future__ import annotations

import csv
import functools
import itertools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import networkx as nx
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamkari.extraction import extract
from hamkari.partners.names import language_of, number, region_name

# A change of mode (rail → sea, road → rail) costs handling time at the port, station or border.
MODE_CHANGE_DAYS = 1.0
# A sea leg waits for a vessel: half the interval between sailings. Two sailings a week on the
# Astara–Astrakhan container line (Caspian Shipping Company, reported by Iran Press in 2022:
# https://ugc.iranpress.com/content/31194) give 3.5 / 2 = 1.75 days.
VESSEL_WAIT_DAYS = 1.75
MODES = ("rail", "road", "sea")
# The freight cost index that ranks the options, in truck-km: moving a tonne one km by road is 1.
# These are our assumptions, not published figures, and the index is shown beside every option:
# over long hauls a tonne-km by rail costs about half of one by truck, and by sea 0.7 (the
# Caspian's river–sea vessels are small: the Volga–Caspian channel limits their draught, and the
# northern ports ice over in winter); a change of mode (handling at a port, station or border)
# costs as much as 100 km by truck; a day in transit (the goods' time, waiting for a vessel) as
# much as 100 km by truck. With them a railway of 3,000 km (1,500 + 7.5 days · 100 = 2,250) is
# cheaper than 2,400 km by truck (2,400 + 4.8 · 100 = 2,880), and an 800 km drive (880) cheaper
# than a short sea crossing with two changes of mode. Golestan → Volgograd is a close call between
# the eastern railway and the sea via Amirabad: the railway wins while sea costs 0.65 or more
# (tests/partners/test_routes.py shows both sides).
COST_PER_KM = {"rail": 0.5, "road": 1.0, "sea": 0.7}
COST_PER_CHANGE = 100.0
COST_PER_DAY = 100.0
# Branches of the corridor: a route of a land branch leaves Iran through one of its crossings
# (an edge from the crossing to a node outside Iran and Russia); the Caspian branch takes a sea leg.
BRANCH_GATES = {"west": ("astara",), "east": ("incheh_borun", "sarakhs", "lotfabad")}
# what a branch is called where a person reads it (the code stays in JSON's "branch")
BRANCH_NAMES = {
    "west": gettext_lazy("Western branch"),
    "east": gettext_lazy("Eastern branch"),
    "caspian": gettext_lazy("Caspian branch"),
    "direct": gettext_lazy("Direct route"),
}

State = tuple[str, str]


@dataclass(frozen=True)
class Leg:
    start: str  # node ids
    end: str
    mode: str
    km: int
    days: float
    sources: tuple[str, ...]
    stops: tuple[str, ...]  # nodes passed on the way (same mode)

    def published(self) -> bool:
        return all(s.startswith("http") for s in self.sources)


@dataclass(frozen=True)
class Route:
    legs: tuple[Leg, ...]
    km: int
    days: float
    mode_changes: int
    via: tuple[str, ...]  # node ids of the ports and crossings on the way
    branch: str  # west, east, caspian or direct
    cost: float = 0.0  # the freight cost index (truck-km), see COST_PER_KM

    def modes(self) -> list[str]:
        return [leg.mode for leg in self.legs]

    def summary(self, language: str | None = None) -> str:
        """«9 days, 4100 km by rail via Incheh Borun» in the page's language."""
        language = language or translation.get_language() or "fa"
        with translation.override(language):
            modes = "–".join(str(_(m)) for m in self.modes())
            text = _("%(days)s days, %(km)s km by %(modes)s") % {
                "days": number(self.days, language, 1),
                "km": number(self.km, language),
                "modes": modes,
            }
            if self.via:
                sep = "، " if language == "fa" else ", "
                text += " " + _("via %(places)s") % {
                    "places": sep.join(node_name(n, language) for n in self.via)
                }
            return str(text)

    def branch_name(self, language: str | None = None) -> str:
        """«Western branch», «شاخهٔ غربی» in the page's language."""
        with translation.override(language or translation.get_language() or "fa"):
            return str(BRANCH_NAMES.get(self.branch, self.branch))

    def as_dict(self, language: str | None = None) -> dict[str, Any]:
        return {
            "km": self.km,
            "days": round(self.days, 1),
            "mode_changes": self.mode_changes,
            "branch": self.branch,
            "branch_name": self.branch_name(language),
            "cost": round(self.cost),
            "via": [node_name(n, language) for n in self.via],
            "summary": self.summary(language),
            "legs": [
                {
                    "from": node_name(leg.start, language),
                    "to": node_name(leg.end, language),
                    "mode": leg.mode,
                    "km": leg.km,
                    "days": round(leg.days, 1),
                    "stops": [node_name(n, language) for n in leg.stops],
                    "sources": list(leg.sources),
                    "published": leg.published(),
                }
                for leg in self.legs
            ],
        }


def rows(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file of this package (comment lines start with #)."""
    text = (resources.files("hamkari.partners") / "data" / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@functools.cache
def network() -> nx.MultiGraph:
    graph = nx.MultiGraph()
    for row in rows("transit_nodes.tsv"):
        graph.add_node(
            row["id"],
            kind=row["kind"],
            region=row["region"],
            name=row["name_en"],
            names={"en": row["name_en"], "fa": row.get("name_fa") or "", "ru": row.get("name_ru") or ""},
            lat=float(row["lat"]),
            lon=float(row["lon"]),
        )
    for row in rows("transit_edges.tsv"):
        for end in (row["from"], row["to"]):
            if end not in graph:
                raise ValueError(f"transit_edges.tsv: unknown node {end!r}")
        if row["mode"] not in MODES:
            raise ValueError(f"transit_edges.tsv: unknown mode {row['mode']!r}")
        graph.add_edge(
            row["from"],
            row["to"],
            mode=row["mode"],
            km=int(float(row["km"])),
            days=float(row["days"]),
            source=row["source"],
            note=row.get("note", ""),
        )
    return graph


def published_edges() -> list[tuple[str, str, str]]:
    """Edges whose figure comes from a published page (the source is its address)."""
    return [(a, b, d["mode"]) for a, b, d in network().edges(data=True) if d["source"].startswith("http")]


def node_label(node: str, language: str | None = None) -> tuple[str, str]:
    """(name, the language it is written in) of a node: a centre by its region's gazetteer name, a
    port, crossing or hub by its name in the language (`transit_nodes.tsv`), else in English."""
    data = network().nodes[node]
    language = language_of(language or translation.get_language())
    if data["kind"] == "centre":
        return region_name(data["region"], language), language
    local = data["names"].get(language)
    return (str(local), language) if local else (str(data["name"]), "en")


def node_name(node: str, language: str | None = None) -> str:
    """A centre by its region's gazetteer name; a port, crossing or hub by its name in the language."""
    return node_label(node, language)[0]


@functools.cache
def centres() -> dict[str, str]:
    """Region code → the node of its administrative centre."""
    return {data["region"]: node for node, data in network().nodes(data=True) if data["kind"] == "centre"}


def resolve(place: str) -> str | None:
    """A node from an ISO region code, a node id, or a port, crossing or region named in Persian,
    Russian or English."""
    graph = network()
    key = place.strip()
    if key.upper() in centres():
        return centres()[key.upper()]
    if key.lower() in graph:
        return key.lower()
    for node, data in graph.nodes(data=True):
        if key.lower() in {n.lower() for n in data["names"].values() if n}:
            return str(node)
    found = extract(key)
    # a port or crossing named is its own node; a region (or a place without a node) its centre
    for entity in found.entities:
        if entity.type == "place" and entity.ref in places():
            return places()[entity.ref]
    for entity in found.entities:
        region = entity.ref if entity.type == "region" else entity.region if entity.type == "place" else None
        if region in centres():
            return centres()[region]
    return None


@functools.cache
def places() -> dict[str, str]:
    """Lexicon place key → its node (`data/transit_places.tsv`)."""
    nodes = network()
    table = {row["place"]: row["node"] for row in rows("transit_places.tsv")}
    unknown = sorted(node for node in table.values() if node not in nodes)
    if unknown:
        raise ValueError(f"transit_places.tsv names nodes that do not exist: {', '.join(unknown)}")
    return table


def _leg_days(data: dict[str, Any]) -> float:
    return float(data["days"]) + (VESSEL_WAIT_DAYS if data["mode"] == "sea" else 0.0)


def _leg_cost(data: dict[str, Any]) -> float:
    return float(data["km"]) * COST_PER_KM[data["mode"]] + _leg_days(data) * COST_PER_DAY


CHANGE_COST = COST_PER_CHANGE + MODE_CHANGE_DAYS * COST_PER_DAY


@functools.cache
def _in_area(region: str, area: str) -> bool:
    return not area or (region[:2] == "IR") == (area == "iran")


@functools.cache
def state_graph(modes: tuple[str, ...] = MODES, area: str = "") -> nx.Graph:
    """(node, mode) states: the fastest edge of a mode between two nodes, and a change of mode
    at a node that has edges of both modes (MODE_CHANGE_DAYS), each with its days and its cost
    (the two weights of a search). Only the given modes; `area` "iran" keeps Iran's nodes only,
    "abroad" the others (a route of a branch leaves Iran once)."""
    graph = nx.Graph()
    nodes = network().nodes
    for a, b, data in network().edges(data=True):
        mode, days = data["mode"], _leg_days(data)
        inside = _in_area(nodes[a]["region"], area) and _in_area(nodes[b]["region"], area)
        if mode not in modes or not inside:
            continue
        u, v = (a, mode), (b, mode)
        if not graph.has_edge(u, v) or graph[u][v]["days"] > days:
            graph.add_edge(u, v, days=days, cost=_leg_cost(data), data=data)
    by_node: dict[str, list[str]] = {}
    for node, mode in list(graph.nodes):
        by_node.setdefault(node, []).append(mode)
    for node, present in by_node.items():
        for m1, m2 in itertools.combinations(sorted(present), 2):
            graph.add_edge((node, m1), (node, m2), days=MODE_CHANGE_DAYS, cost=CHANGE_COST, data=None)
    return graph


def _states(node: str, modes: tuple[str, ...] = MODES, area: str = "") -> set[State]:
    return {(node, m) for m in modes if (node, m) in state_graph(modes, area)}


@functools.lru_cache(maxsize=512)
def _search(
    node: str, modes: tuple[str, ...] = MODES, area: str = "", weight: str = "days"
) -> tuple[dict[State, float], dict[State, list[State]]]:
    """Shortest paths from a node's states by `weight`: "days" or "cost"."""
    sources = _states(node, modes, area)
    if not sources:
        return {}, {}
    dist, paths = nx.multi_source_dijkstra(state_graph(modes, area), sources, weight=weight)
    return dist, paths


def _route(path: list[State], branch: str | None = None) -> Route:
    """A route from a path of states: legs of one mode merged, changes of mode counted."""
    graph = state_graph()
    legs: list[Leg] = []
    changes, new_leg = 0, True
    for u, v in itertools.pairwise(path):
        data = graph[u][v]["data"]
        if data is None:  # a change of mode at this node starts a new leg
            changes, new_leg = changes + 1, True
            continue
        km, days, source = int(data["km"]), _leg_days(data), str(data["source"])
        if new_leg:
            legs.append(Leg(u[0], v[0], u[1], km, days, (source,), ()))
        else:
            last = legs[-1]
            sources = last.sources if source in last.sources else (*last.sources, source)
            legs[-1] = Leg(
                last.start, v[0], last.mode, last.km + km, last.days + days, sources, (*last.stops, u[0])
            )
        new_leg = False
    nodes = network().nodes
    passed = [n for leg in legs for n in (leg.start, *leg.stops, leg.end)]
    # the borders crossed (a crossing next to a node of another country), and the ports where a
    # sea leg starts or ends
    ports = {n for leg in legs if leg.mode == "sea" for n in (leg.start, leg.end)}
    crossed = {
        n
        for a, n, b in zip(passed, passed[1:], passed[2:], strict=False)
        if nodes[n]["kind"] == "crossing"
        and {nodes[a]["region"][:2], nodes[b]["region"][:2]} != {nodes[n]["region"][:2]}
    }
    via = tuple(dict.fromkeys(n for n in passed[1:-1] if n in crossed or n in ports))
    days_total = sum(leg.days for leg in legs) + changes * MODE_CHANGE_DAYS
    cost = (
        sum(leg.km * COST_PER_KM[leg.mode] for leg in legs)
        + days_total * COST_PER_DAY
        + changes * COST_PER_CHANGE
    )
    return Route(
        tuple(legs),
        sum(leg.km for leg in legs),
        days_total,
        changes,
        via,
        branch or _branch(legs, passed),
        cost,
    )


def _branch(legs: list[Leg], passed: list[str]) -> str:
    """The branch of a route: where it leaves or enters Iran (a crossing, or a sea leg)."""
    nodes = network().nodes
    for x, y in itertools.pairwise(passed):
        inside = [n for n in (x, y) if nodes[n]["region"][:2] == "IR"]
        if len(inside) == 1:
            for name, gates in BRANCH_GATES.items():
                if inside[0] in gates:
                    return name
            return "caspian" if nodes[inside[0]]["kind"] == "port" else "other"
    return "direct"


def _gate_edges(branch: str) -> list[tuple[str, str, str]]:
    """(Iranian node, node abroad, mode) edges that put a route on a branch: leaving Iran through
    the branch's crossing, or a sea leg from an Iranian port for the Caspian branch."""
    graph, out = network(), []
    for a, b, data in graph.edges(data=True):
        for x, y in ((a, b), (b, a)):
            inside, abroad = graph.nodes[x]["region"][:2] == "IR", graph.nodes[y]["region"][:2] != "IR"
            if not (inside and abroad):
                continue
            if (branch == "caspian" and data["mode"] == "sea") or x in BRANCH_GATES.get(branch, ()):
                out.append((x, y, data["mode"]))
    return out


def _arrivals(
    node: str, mode: str, origin: str, search: tuple[dict[State, float], dict[State, list[State]]]
) -> list[tuple[float, list[State]]]:
    """Ways to stand at `node` ready to travel by `mode`, from `origin` over a searched area (by
    cost): by any mode that reaches the node (a change of mode if another one), or the origin,
    where a route starts in any mode (a sea leg from the port it starts at changes nothing)."""
    dist, paths = search
    out = [(0.0, [(node, mode)])] if node == origin else []
    for state, cost in dist.items():
        if state[0] == node:
            change = [(node, mode)] if state[1] != mode else []
            out.append((cost + CHANGE_COST * len(change), paths[state] + change))
    return out


def _best_through(start: str, end: str, branch: str, modes: tuple[str, ...]) -> list[State] | None:
    """The cheapest path (freight cost index) from the Iranian end, inside Iran, through one of
    the branch's gate edges, then abroad to the other end; None unless exactly one end is in Iran."""
    nodes = network().nodes
    if (nodes[start]["region"][:2] == "IR") == (nodes[end]["region"][:2] == "IR"):
        return None
    home, away = (start, end) if nodes[start]["region"][:2] == "IR" else (end, start)
    inside, abroad = _search(home, modes, "iran", "cost"), _search(away, modes, "abroad", "cost")
    best: tuple[float, list[State]] | None = None
    for x, y, mode in _gate_edges(branch):
        if mode not in modes:
            continue
        leg = min(_leg_cost(d) for d in network()[x][y].values() if d["mode"] == mode)
        for before, path_in in _arrivals(x, mode, home, inside):
            for after, path_out in _arrivals(y, mode, away, abroad):
                if best is None or before + leg + after < best[0]:
                    best = (before + leg + after, path_in + list(reversed(path_out)))
    if best is None:
        return None
    return best[1] if home == start else list(reversed(best[1]))


def fastest_path(
    start: str, end: str, modes: tuple[str, ...] = MODES, weight: str = "days"
) -> list[State] | None:
    """The best path by `weight`: "days" (the fastest) or "cost" (the cheapest)."""
    dist_s, paths_s = _search(start, modes, "", weight)
    ends = [(dist_s[s], s) for s in _states(end, modes) if s in dist_s]
    return paths_s[min(ends)[1]] if ends else None


def routes(start: str, end: str, options: int = 3, modes: tuple[str, ...] = MODES) -> list[Route]:
    """The best routes, one a branch, cheapest first (freight cost index): of the candidates — the
    cheapest of all, the cheapest through each corridor branch (western through Astara, eastern
    through Incheh Borun or Sarakhs, Caspian by sea) and the fastest of all — the cheapest of each
    branch. `modes` keeps to some modes (rail and sea for bulk freight)."""
    unknown = set(modes) - set(MODES)
    if unknown or not modes:
        raise ValueError(
            _("modes are %(modes)s; not %(wrong)s")
            % {"modes": ", ".join(MODES), "wrong": ", ".join(sorted(unknown)) or _("none")}
        )
    modes = tuple(m for m in MODES if m in modes)
    if start == end:
        return []
    candidates: list[tuple[str | None, list[State] | None]] = [
        (None, fastest_path(start, end, modes, "cost"))
    ]
    candidates += [(b, _best_through(start, end, b, modes)) for b in ("west", "east", "caspian")]
    candidates.append((None, fastest_path(start, end, modes)))
    found: dict[str, Route] = {}  # one option a branch: its cheapest route
    for branch, path in candidates:
        route = _route(path, branch) if path else None
        if route and (route.branch not in found or route.cost < found[route.branch].cost):
            found[route.branch] = route
    return sorted(found.values(), key=lambda r: (r.cost, r.days))[:options]


@functools.lru_cache(maxsize=20_000)
def recommended(start: str, end: str) -> Route | None:
    """The route `routes` offers first (the cheapest by the freight cost index), so that a partner's
    reason and the route page name the same route (cached: the network is fixed data)."""
    found = routes(start, end, options=1)
    return found[0] if found else None


@functools.cache
def days_from(region: str) -> dict[str, float]:
    """Days to every region's centre from a region's centre (fastest route, changes of mode counted)."""
    start = centres().get(region)
    if start is None:
        return {}
    dist, _paths = _search(start)
    out = {}
    for code, node in centres().items():
        reached = [dist[s] for s in _states(node) if s in dist]
        if reached:
            out[code] = min(reached)
    return out
