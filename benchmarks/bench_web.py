"""Page-load times of the web application on a large knowledge base.

Uses the database a `bench_kb.py` run left (pass its data directory with --home; without it a new
one with --articles generated articles is built first), logs in an analyst and requests the
dashboard, a region page, an article page and a search page, each --requests times through
Django's test client (server time, no network), printing median and p95.

    .venv/bin/python benchmarks/bench_web.py --home /tmp/hamkari-bench-XXXX [--requests 200]
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
    parser.add_argument("--home", help="a data directory with a knowledge base (from bench_kb.py)")
    parser.add_argument(
        "--articles", type=int, default=10_000, help="articles to generate when --home is not given"
    )
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    home = Path(args.home or tempfile.mkdtemp(prefix="hamkari-web-bench-"))
    os.environ["HAMKARI_HOME"] = str(home)
    os.environ.pop("HAMKARI_DATABASE_URL", None)

    from hamkari.cli import django_setup

    django_setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from hamkari.accounts.services import user_create
    from hamkari.kb.models import Article, Entity
    from hamkari.kb.services import article_ingest, reference_load
    from hamkari.web.i18n import compile_messages

    compile_messages()
    reference_load()
    if not Article.objects.exists():
        from bench_kb import make_article  # type: ignore[import-not-found]

        rng = random.Random(args.seed)
        for n in range(args.articles):
            article_ingest(text=make_article(n, rng), source="bench")
    user = get_user_model().objects.filter(username="bench").first() or user_create(
        username="bench", password="bench-password-1", role="analyst"
    )
    client = Client()
    client.force_login(user)
    rng = random.Random(args.seed)
    article_ids = list(Article.objects.values_list("pk", flat=True))
    regions = list(
        Entity.objects.filter(type="region", mentions__isnull=False).distinct().values_list("ref", flat=True)
    )
    queries = ["همکاری", "همكاري شیلات", "گردشگری", "Астрахан", "губернатор", "fisheries", "گیلان"]
    print(f"database         {home}: {len(article_ids)} articles")
    pages = {
        "dashboard": lambda i: "/",
        "region": lambda i: f"/regions/{rng.choice(regions)}/",
        "article": lambda i: f"/articles/{rng.choice(article_ids)}/",
        "search": lambda i: f"/search/?q={queries[i % len(queries)]}",
    }
    for name, url in pages.items():
        for language in ("fa",):
            client.cookies["django_language"] = language
            timings = []
            for i in range(args.requests):
                path = url(i)
                start = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            median, p95 = statistics.median(timings), percentile(timings, 95)
            print(f"page {name:<11} median {median:6.1f} ms   p95 {p95:6.1f} ms   ({args.requests} requests)")


if __name__ == "__main__":
    main()
