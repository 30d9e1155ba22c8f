"""Fuzz the extractor: N seeded inputs (random Unicode, our articles with random edits, random or
damaged bytes through `read_bytes`), each through decoding and extraction; prints the count,
the time and every crash (any exception but `InputError` and a spent time budget) with the
input's number, so that `--seed S --only N` repeats it.

    .venv/bin/python benchmarks/fuzz_extract.py [--inputs 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.extraction.fuzzing import cases, check  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", type=int, default=None, help="run only the input with this number")
    args = parser.parse_args()
    start = time.perf_counter()
    crashes: list[tuple[int, str, str]] = []
    kinds: collections.Counter[str] = collections.Counter()
    for case in cases(args.seed, args.inputs):
        if args.only is not None and case.number != args.only:
            continue
        kinds[case.kind] += 1
        found = check(case)
        if found is not None:
            crashes.append((case.number, case.kind, found))
            print(f"crash #{case.number} ({case.kind}): {found}", flush=True)
        if case.number and case.number % 10_000 == 0:
            print(f"... {case.number:,} inputs, {len(crashes)} crashes", flush=True)
    elapsed = time.perf_counter() - start
    total = sum(kinds.values())
    print(
        f"inputs   {total:,} ({', '.join(f'{k} {v:,}' for k, v in sorted(kinds.items()))}), seed {args.seed}"
    )
    print(f"crashes  {len(crashes)}")
    print(f"elapsed  {elapsed:.0f} s ({elapsed / max(total, 1) * 1000:.1f} ms per input)")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
