"""A snapshot of the extractor's output, to show that a change meant only for speed changed nothing.

Writes one JSON line per text: `to_json(extract(...))` of every article in tests/extraction/articles,
every file in hamkari/samples (each item of the demo feed as the feed reader gives it), and, when
`../shared` is there, its seeds, samples and dev texts; then `--docs` of the documents that
`bench_extract.py` builds (same seed), which mix paragraphs of all of them, and one long text
(`--size` bytes) per language made the way the benchmark makes its scaling texts. Compare two snapshots
with `cmp` or `diff`:

    .venv/bin/python benchmarks/extract_snapshot.py > /tmp/after.jsonl
    git stash; .venv/bin/python benchmarks/extract_snapshot.py > /tmp/before.jsonl; git stash pop
    cmp /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_extract import make_documents, paragraphs_by_language, sized_text  # noqa: E402

from hamkari.extraction import extract, to_json  # noqa: E402
from hamkari.sources.items import Item, items  # noqa: E402

SHARED = ROOT.parent / "shared"
FOLDERS = [
    ROOT / "tests" / "extraction" / "articles",
    ROOT / "hamkari" / "samples",
    SHARED / "seeds",
    SHARED / "samples",
    SHARED / "dev" / "texts",
]


def articles() -> Iterator[tuple[str, Item]]:
    """Every readable item of the folders, as the ingestion reads it (feeds item by item), with
    its name relative to the checkout's parent (the same in every worktree)."""
    for folder in FOLDERS:
        if not folder.is_dir():
            print(f"skipped (absent): {folder}", file=sys.stderr)
            continue
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".txt", ".html", ".atom"))
        for item in items([str(p) for p in files]):
            if item.text is not None:
                base = ROOT if item.source.startswith(str(ROOT)) else ROOT.parent
                yield str(Path(item.source).relative_to(base)), item


def line(name: str, result: dict[str, object]) -> str:
    # keys in the order the extractor wrote them: a change of order is a change of output
    return json.dumps({"source": name, "result": result}, ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=300, help="benchmark documents to add (default 300)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--size", type=int, default=100_000, help="bytes of one long text per language")
    args = parser.parse_args()
    count = 0
    for name, item in articles():
        doc = extract(item.text or "", source=name, published=item.published, budget=math.inf)
        print(line(name, to_json(doc)))
        count += 1
    for n, text in enumerate(make_documents(args.docs, args.seed)):
        print(line(f"bench#{n}", to_json(extract(text, budget=math.inf))))
        count += 1
    rng = random.Random(args.seed)
    for lang, pool in sorted(paragraphs_by_language().items()):
        text = sized_text(pool, args.size, rng)
        print(line(f"bench-{lang}-{args.size}", to_json(extract(text, budget=math.inf))))
        count += 1
    print(f"{count} texts", file=sys.stderr)


if __name__ == "__main__":
    main()
