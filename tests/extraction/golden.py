"""Compare extractor output with golden expectations written in the gold format
(`must` items a correct extractor finds, `may` items that count either way)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hamkari.extraction.normalize import fold

CATEGORIES = (
    "countries",
    "regions",
    "people",
    "organizations",
    "sectors",
    "outlets",
    "events",
    "instruments",
    "commitments",
    "quantities",
    "routes",
    "markets",
)
_REF_TYPES = {
    "countries": "country",
    "regions": "region",
    "sectors": "sector",
    "routes": "route",
    "markets": "market",
}


def squash(s: str) -> str:
    return "".join(ch for ch in fold(s or "").text if ch.isalnum())


@dataclass
class Tally:
    found: int = 0
    extra: int = 0
    missed: list[str] = field(default_factory=list)
    wrong_attribute: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)


def _items(doc: dict[str, Any], category: str) -> list[Any]:
    if category in _REF_TYPES:
        return sorted(
            {e["ref"] for e in doc["entities"] if e["type"] == _REF_TYPES[category] and e.get("ref")}
        )
    if category == "people":
        return [e for e in doc["entities"] if e["type"] == "person"]
    if category == "organizations":
        return [e["name"] for e in doc["entities"] if e["type"] == "organization"]
    if category == "outlets":
        return [o["name"] for o in doc["document"]["outlets"]]
    if category == "events":
        return sorted({e["type"] for e in doc["events"]})
    return list(doc[category])


def _matcher(category: str, text: str) -> Callable[[Any, Any], bool]:
    if category in ("organizations", "outlets"):
        return lambda p, g: bool(squash(p)) and (squash(p) in squash(g) or squash(g) in squash(p))
    if category == "people":
        return lambda p, g: squash(g["name"]) in squash(p["name"])
    if category == "instruments":
        return lambda p, g: p["kind"] == g["kind"]
    if category == "quantities":
        return lambda p, g: p["value"] == g["value"]
    if category == "commitments":

        def about(p: dict[str, Any], g: dict[str, Any]) -> bool:
            s, e = p["evidence"]
            return squash(g["about"]) in squash(" ".join((p["action"], p["due_expression"], text[s:e])))

        return about
    return lambda p, g: p == g


def _attribute_ok(category: str, p: Any, g: Any) -> bool:
    if category == "people":
        return any(r["role"] in g["roles"] for r in p["roles"])
    if category == "instruments":
        return bool(p["status"] in g["status"])
    if category == "commitments":
        return (not g.get("due_relative") or p["due_relative"] == g["due_relative"]) and (
            not g.get("due") or p["due"] == g["due"]
        )
    if category == "quantities":
        return not g.get("unit") or p.get("unit") == g["unit"]
    return True


def compare(gold: dict[str, Any], doc: dict[str, Any], text: str) -> dict[str, Tally]:
    result = {}
    for category in CATEGORIES:
        tally = Tally()
        same = _matcher(category, text)
        must, may = list(gold[category]["must"]), list(gold[category]["may"])
        for p in _items(doc, category):
            hit = next((g for g in must if same(p, g)), None)
            if hit is not None:
                must.remove(hit)
                tally.found += 1
                if not _attribute_ok(category, p, hit):
                    tally.wrong_attribute.append(f"{hit} ← {_short(p)}")
                continue
            hit = next((g for g in may if same(p, g)), None)
            if hit is not None:
                may.remove(hit)
                continue
            tally.extra += 1
            tally.unexpected.append(_short(p))
        tally.missed = [str(g) for g in must]
        result[category] = tally
    return result


def _short(p: Any) -> str:
    if isinstance(p, dict):
        keep = {
            k: p[k] for k in ("name", "kind", "status", "value", "unit", "action", "due_relative") if k in p
        }
        if "roles" in p:
            keep["roles"] = [r["role"] for r in p["roles"]]
        return str(keep)[:160]
    return str(p)
