"""Transit routes over a network (networkx) kept in data files: nodes (regional centres, Caspian
ports, border crossings, gateway ports) and edges by mode with distance, typical days and the
source of each figure (`data/transit_nodes.tsv`, `data/transit_edges.tsv`)."""

from __future__ import annotations

import csv
import functools
import itertools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import networkx as nx

from hamkari.extraction import extract

# A change of mode (rail → sea) costs handling time at the port or the border.
MODE_CHANGE_DAYS = 1.0


@dataclass(frozen=True)
class Leg:
    start: str
    end: str
    mode: str
    km: int
    days: float
    source: str


@dataclass(frozen=True)
class Route:
    legs: tuple[Leg, ...]
    km: int
    days: float
    mode_changes: int
    via: tuple[str, ...]  # ports and crossings on the way

    def summary(self) -> str:
        modes = "–".join(m for m, _ in itertools.groupby(leg.mode for leg in self.legs))
        via = f" via {', '.join(self.via)}" if self.via else ""
        return f"{self.days:.0f} days, {self.km} km by {modes}{via}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "km": self.km,
            "days": round(self.days, 1),
            "mode_changes": self.mode_changes,
            "via": list(self.via),
            "summary": self.summary(),
            "legs": [
                {
                    "from": leg.start,
                    "to": leg.end,
                    "mode": leg.mode,
                    "km": leg.km,
                    "days": leg.days,
                    "source": leg.source,
                }
                for leg in self.legs
            ],
        }


def _rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("hamkari.partners") / "data" / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@functools.cache
def network() -> nx.MultiGraph:
    graph = nx.MultiGraph()
    for row in _rows("transit_nodes.tsv"):
        graph.add_node(
            row["id"],
            kind=row["kind"],
            region=row["region"],
            name=row["name_en"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
        )
    for row in _rows("transit_edges.tsv"):
        for end in (row["from"], row["to"]):
            if end not in graph:
                raise ValueError(f"transit_edges.tsv: unknown node {end!r}")
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
        if data["name"].lower() == key.lower():
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
    table = {row["place"]: row["node"] for row in _rows("transit_places.tsv")}
    unknown = sorted(node for node in table.values() if node not in nodes)
    if unknown:
        raise ValueError(f"transit_places.tsv names nodes that do not exist: {', '.join(unknown)}")
    return table


@functools.cache
def mode_graph(modes: tuple[str, ...] = ("rail", "road", "sea")) -> nx.Graph:
    """The fastest edge of the given modes between each pair of nodes, for path search."""
    simple = nx.Graph()
    for a, b, data in network().edges(data=True):
        if data["mode"] in modes and (not simple.has_edge(a, b) or simple[a][b]["days"] > data["days"]):
            simple.add_edge(a, b, **data)
    return simple


def _route(path: list[str], graph: nx.Graph) -> Route:
    nodes = network().nodes
    legs = tuple(
        Leg(
            nodes[a]["name"],
            nodes[b]["name"],
            graph[a][b]["mode"],
            graph[a][b]["km"],
            graph[a][b]["days"],
            graph[a][b]["source"],
        )
        for a, b in itertools.pairwise(path)
    )
    changes = sum(1 for x, y in itertools.pairwise(legs) if x.mode != y.mode)
    via = tuple(nodes[n]["name"] for n in path[1:-1] if nodes[n]["kind"] in ("port", "crossing"))
    return Route(
        legs,
        sum(leg.km for leg in legs),
        sum(leg.days for leg in legs) + changes * MODE_CHANGE_DAYS,
        changes,
        via,
    )


def _shortest(graph: nx.Graph, start: str, end: str) -> list[str] | None:
    if start not in graph or end not in graph or not nx.has_path(graph, start, end):
        return None
    return list(nx.shortest_path(graph, start, end, weight="days"))


def routes(start: str, end: str, options: int = 3) -> list[Route]:
    """The best routes, fastest first: the fastest of all, then the fastest by rail alone, the
    fastest with a sea leg and the fastest by road alone (so the eastern rail branch shows even
    when a road-and-ship route is quicker), then other routes through other ports or crossings."""
    full = mode_graph()
    if start == end or _shortest(full, start, end) is None:
        return []
    candidates: list[tuple[list[str], nx.Graph]] = []
    for modes in (("rail", "road", "sea"), ("rail",), ("road",)):
        graph = mode_graph(modes)
        path = _shortest(graph, start, end)
        if path is not None:
            candidates.append((path, graph))
    for path in itertools.islice(nx.shortest_simple_paths(full, start, end, weight="days"), 40):
        candidates.append((path, full))
    sea = next(
        ((p, g) for p, g in candidates if any(g[a][b]["mode"] == "sea" for a, b in itertools.pairwise(p))),
        None,
    )
    if sea is not None:
        candidates.insert(2, sea)
    found: list[Route] = []
    seen: set[tuple[str, ...]] = set()
    for path, graph in candidates:
        route = _route(path, graph)
        signature = route.via + tuple(m for m, _ in itertools.groupby(leg.mode for leg in route.legs))
        if signature in seen:
            continue
        seen.add(signature)
        found.append(route)
        if len(found) == options:
            break
    return sorted(found, key=lambda r: r.days)


@functools.lru_cache(maxsize=20_000)
def fastest(start: str, end: str) -> Route | None:
    """The fastest route between two nodes (cached: the network is fixed data)."""
    graph = mode_graph()
    path = _shortest(graph, start, end) if start != end else None
    return _route(path, graph) if path else None


@functools.cache
def days_from(region: str) -> dict[str, float]:
    """Days to every region's centre from a region's centre (fastest route, without mode changes)."""
    start = centres().get(region)
    if start is None:
        return {}
    lengths = nx.single_source_dijkstra_path_length(mode_graph(), start, weight="days")
    return {code: lengths[node] for code, node in centres().items() if node in lengths}
