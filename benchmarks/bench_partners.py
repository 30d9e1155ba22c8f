"""Partner ranking and consortium proposals with ≥ 100,000 firms and all 114 regions.

Creates a fresh SQLite knowledge base under a temporary HAMKARI_HOME with the reference data
(every Iranian and Russian region), N random firms (sector, size, exports, markets), offers and
needs for every region and one year of trade figures, then times `rank` for random regions
(median and p95 over --requests calls, data caches warm) and `propose` for random value chains.

    .venv/bin/python benchmarks/bench_partners.py [--firms 100000] [--requests 200]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _stats import percentile  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--firms", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    os.environ["HAMKARI_HOME"] = tempfile.mkdtemp(prefix="hamkari-partners-bench-")
    os.environ.pop("HAMKARI_DATABASE_URL", None)

    from hamkari.cli import django_setup

    django_setup()
    from hamkari.kb.models import Entity
    from hamkari.kb.services import reference_load
    from hamkari.partners.finder import profiles, propose, rank
    from hamkari.partners.models import Capacity, Firm, TradeFlow
    from hamkari.partners.services import sectors

    rng = random.Random(args.seed)
    reference_load()
    regions = list(Entity.objects.filter(type="region", ref__regex=r"^(IR|RU)-"))
    slugs = sorted(sectors())
    markets = ("africa", "asia", "europe", "middle_east", "central_asia")
    start = time.perf_counter()
    Firm.objects.bulk_create(
        [
            Firm(
                name=f"Firm {n}",
                region=rng.choice(regions),
                sector=rng.choice(slugs),
                size=rng.randint(5, 5000),
                exports=rng.lognormvariate(13, 1.5),
                markets=" ".join(rng.sample(markets, rng.randint(0, 2))),
            )
            for n in range(args.firms)
        ],
        batch_size=5000,
    )
    caps = []
    for region in regions:
        for sector in rng.sample(slugs, 4):
            caps.append(Capacity(entity=region, sector=sector, kind="offer", strength=rng.randint(1, 5)))
        for sector in rng.sample(slugs, 2):
            caps.append(Capacity(entity=region, sector=sector, kind="need", strength=rng.randint(1, 5)))
    Capacity.objects.bulk_create(caps, ignore_conflicts=True)
    flows = [
        TradeFlow(
            region=region,
            partner="WLD",
            hs=f"{hs:02d}",
            year=2024,
            flow=flow,
            value=rng.lognormvariate(15, 1),
        )
        for region in regions
        for flow in ("export", "import")
        for hs in rng.sample(range(1, 98), 20)
    ]
    TradeFlow.objects.bulk_create(flows, ignore_conflicts=True)
    load = time.perf_counter() - start
    print(
        f"data             {Firm.objects.count():,} firms, {len(regions)} regions, "
        f"{len(caps)} offers and needs, "
        f"{len(flows)} trade rows ({load:.1f} s to create)"
    )

    t = time.perf_counter()
    profiles()
    print(f"profiles         {time.perf_counter() - t:.2f} s to build once (cached until the data changes)")
    codes = [r.ref for r in regions]
    timings = []
    for _ in range(args.requests):
        code = rng.choice(codes)
        t = time.perf_counter()
        rank(code, top=10)
        timings.append((time.perf_counter() - t) * 1000)
    print(
        f"partner ranking  median {statistics.median(timings):.1f} ms   p95 {percentile(timings, 95):.1f} ms"
        f"   ({args.requests} regions, top 10 with explanations)"
    )
    chains = [
        ["agriculture", "food_industry", "transport_logistics"],
        ["steel", "machinery"],
        ["petrochemicals", "trade", "transport_logistics"],
        ["textiles", "leather_footwear", "trade"],
    ]
    timings = []
    for n in range(max(20, args.requests // 10)):
        t = time.perf_counter()
        propose(market=markets[n % len(markets)], sectors=chains[n % len(chains)])
        timings.append((time.perf_counter() - t) * 1000)
    print(
        f"consortium       median {statistics.median(timings):.1f} ms   p95 {percentile(timings, 95):.1f} ms"
        f"   ({len(timings)} proposals of 2–3 sectors)"
    )


if __name__ == "__main__":
    main()
