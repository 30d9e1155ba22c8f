"""Extraction throughput: documents per second on one core, and peak memory.

Builds N documents of 3–4 KB each from the project's own articles (tests/extraction/articles
and hamkari/samples): each document is a random mix of paragraphs of one language, so that
no two documents are the same text. Runs the whole pipeline (to JSON) in this one process,
pinned to one CPU where the system allows it.

    .venv/bin/python benchmarks/bench_extract.py [--docs 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hamkari.extraction import extract, to_json  # noqa: E402

SOURCES = [ROOT / "tests" / "extraction" / "articles", ROOT / "hamkari" / "samples"]
MIN_CHARS, MAX_CHARS = 3000, 4000


def paragraphs_by_language() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.txt")):
            text = path.read_text(encoding="utf-8")
            lang = (
                "fa"
                if any("\u0600" <= c <= "\u06ff" for c in text[:200])
                else ("ru" if any("\u0400" <= c <= "\u04ff" for c in text[:200]) else "en")
            )
            out.setdefault(lang, []).extend(p.strip() for p in text.split("\n\n") if len(p.strip()) > 40)
    return out


def make_documents(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pools = paragraphs_by_language()
    languages = sorted(pools)
    docs = []
    for n in range(count):
        pool = pools[languages[n % len(languages)]]
        target = rng.randint(MIN_CHARS, MAX_CHARS)
        parts: list[str] = []
        while sum(len(p) + 2 for p in parts) < target:
            parts.append(rng.choice(pool))
        docs.append("\n\n".join(parts)[:MAX_CHARS])
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    docs = make_documents(args.docs, args.seed)
    warm = time.perf_counter()
    to_json(extract(docs[0]))  # loads lexicons, automata and the morphology dictionary once
    load = time.perf_counter() - warm
    start = time.perf_counter()
    facts = 0
    for text in docs:
        result = to_json(extract(text))
        facts += len(result["entities"]) + len(result["events"]) + len(result["quantities"])
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    avg = sum(len(d) for d in docs) / len(docs)
    print(f"documents        {len(docs)} (average {avg:,.0f} characters, fa/ru/en in turn)")
    print(f"start-up         {load:.2f} s (lexicons, automata, morphology)")
    print(f"elapsed          {elapsed:.2f} s on one core")
    print(f"throughput       {len(docs) / elapsed:.0f} documents/s")
    print(f"facts            {facts} entities, events and figures")
    print(f"peak memory      {peak_mb:.0f} MB (max RSS)")


if __name__ == "__main__":
    main()
