"""Alerts: the cost of matching one stored article against many watchlists, and of one periodic
run of all of them, on SQLite.

1. Ingests N generated articles (bench_kb's templates: Persian, Russian, English, random regions,
   officials, sectors, deadlines) into a fresh SQLite database under a temporary HAMKARI_HOME.
2. Makes W watchlists for 20 users, each following 1 to 3 random things (regions, region pairs,
   sectors, kinds of instrument, one in ten a saved search), created before the articles.
3. Times `article_match` on every article (what the job after each ingest does): median and p95
   milliseconds per article, and the notifications made.
4. Times one `digests_run` of all watchlists (catch-up of nothing new, deadlines coming due, one
   digest each to the locmem mail backend).

    .venv/bin/python benchmarks/bench_alerts.py [--articles 200] [--watchlists 300] [--seed 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from bench_kb import make_article  # noqa: E402

REGIONS = [
    "IR-01",
    "IR-02",
    "IR-27",
    "IR-10",
    "IR-20",
    "IR-23",
    "RU-AST",
    "RU-TA",
    "RU-VGG",
    "RU-DA",
    "RU-MOW",
]
SECTORS = ["agriculture", "fisheries", "transport_logistics", "energy", "tourism", "industry"]
KINDS = ["memorandum", "agreement", "working_group", "action_plan"]
SEARCHES = ["grain", "railway transit", "fair", "port"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--watchlists", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="hamkari-bench-alerts-"))
    os.environ["HAMKARI_HOME"] = str(home)
    os.environ.pop("HAMKARI_DATABASE_URL", None)

    from hamkari.cli import django_setup

    django_setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.utils import timezone

    from hamkari.alerts.models import Notification
    from hamkari.alerts.services import TargetSpec, article_match, digests_run, sector_codes, watchlist_create
    from hamkari.kb.services import article_ingest, reference_load

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reference_load()
    rng = random.Random(args.seed)
    users = [User.objects.create(username=f"reader{n}", email=f"reader{n}@example.org") for n in range(20)]
    known_sectors = set(sector_codes())

    def target() -> TargetSpec:
        pick = rng.random()
        if pick < 0.1:
            return TargetSpec("search", rng.choice(SEARCHES))
        if pick < 0.45:
            return TargetSpec("region", rng.choice(REGIONS))
        if pick < 0.65:
            first, second = rng.sample(REGIONS, 2)
            return TargetSpec("pair", f"{first} {second}")
        if pick < 0.85:
            return TargetSpec("sector", rng.choice([s for s in SECTORS if s in known_sectors]))
        return TargetSpec("instrument", rng.choice(KINDS))

    for n in range(args.watchlists):
        specs = {(t.kind, t.value): t for t in (target() for _ in range(rng.randint(1, 3)))}
        watchlist_create(
            owner=users[n % len(users)],
            name=f"watch {n}",
            frequency=rng.choice(["immediate", "daily", "weekly"]),
            language=rng.choice(["fa", "ru", "en"]),
            targets=list(specs.values()),
            now=timezone.now() - dt.timedelta(minutes=1),
        )
    ids = []
    start = time.perf_counter()
    for n in range(args.articles):
        ids.append(article_ingest(text=make_article(n, rng), source="bench").article.pk)
    ingest = time.perf_counter() - start

    timings = []
    for pk in ids:
        start = time.perf_counter()
        article_match(article_id=pk)
        timings.append((time.perf_counter() - start) * 1000)
    made = Notification.objects.count()
    start = time.perf_counter()
    outcomes = digests_run(now=timezone.now() + dt.timedelta(days=8))
    run = time.perf_counter() - start
    sent = sum(1 for o in outcomes if o.sent)
    print(f"articles         {len(ids)} ingested in {ingest:.1f} s")
    print(f"watchlists       {args.watchlists} for {len(users)} users")
    print(
        f"article_match    median {statistics.median(timings):.1f} ms, p95 {percentile(timings, 95):.1f} ms "
        f"per article; {made} notifications"
    )
    print(f"digests_run      {len(outcomes)} watchlists in {run:.1f} s ({sent} digests sent)")


if __name__ == "__main__":
    main()
