"""The scores, as plain functions on plain numbers, so that each can be checked by hand.

- Revealed comparative advantage (Balassa): RCA_ik = (x_ik / X_i) / (x_wk / X_w), where x_ik is
  region i's exports of product k, X_i its total exports, and w the reference (all regions).
- Trade complementarity of i's imports with j's exports: TC_ij = 100·(1 − Σ_k |m_ik − x_jk| / 2),
  with m_ik and x_jk the shares of product k in i's imports and j's exports.
- Growth against the same period a year before: (now − before) / before."""

from __future__ import annotations

from collections.abc import Mapping


def shares(values: Mapping[str, float]) -> dict[str, float]:
    total = sum(values.values())
    return {k: v / total for k, v in values.items()} if total else {}


def rca(region: Mapping[str, float], reference: Mapping[str, float]) -> dict[str, float]:
    """Balassa's index per product; above 1 means the region exports relatively more of it."""
    mine, world = shares(region), shares(reference)
    return {k: mine.get(k, 0.0) / world[k] for k in world if world[k] > 0}


def complementarity(imports: Mapping[str, float], exports: Mapping[str, float]) -> float:
    """How well one side's exports match the other's imports, 0 (not at all) to 100 (perfectly)."""
    m, x = shares(imports), shares(exports)
    if not m or not x:
        return 0.0
    return 100.0 * (1.0 - sum(abs(m.get(k, 0.0) - x.get(k, 0.0)) for k in set(m) | set(x)) / 2.0)


def growth(now: float, before: float) -> float | None:
    return None if before == 0 else (now - before) / before


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Similarity of two export profiles: 1 when they sell the same mix, 0 when nothing in common."""
    dot = sum(a[k] * b.get(k, 0.0) for k in a)
    norm = (sum(v * v for v in a.values()) ** 0.5) * (sum(v * v for v in b.values()) ** 0.5)
    return dot / norm if norm else 0.0
