"""Dump the extractor's JSON for every text the project owns or is measured on, so that two
versions of the code can be compared byte for byte (a refactoring must not change the output).

Texts: tests/extraction/articles (the golden articles), hamkari/samples (the demo feed's
articles, read as `hamkari serve` reads them, with their dates), ../shared/seeds and
../shared/dev/texts. One line per text: its name, a tab, `to_json` of its document as JSON
(keys in the order the extractor gives them). The extraction runs without a time budget, so a
slow machine does not change the output.

    .venv/bin/python benchmarks/dump_extraction.py > /tmp/after.tsv   # on each version
    diff /tmp/before.tsv /tmp/after.tsv && echo identical
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hamkari.extraction import extract, to_json  # noqa: E402
from hamkari.sources.items import items  # noqa: E402

FOLDERS = [
    ROOT / "tests" / "extraction" / "articles",
    ROOT / "hamkari" / "samples",
    ROOT.parent / "shared" / "seeds",
    ROOT.parent / "shared" / "dev" / "texts",
]


def texts() -> Iterator[tuple[str, str, dt.date | None]]:
    for folder in FOLDERS:
        if not folder.is_dir():
            print(f"missing: {folder}", file=sys.stderr)
            continue
        for item in items([str(folder)]):
            if item.text is None:
                continue  # expected.json and the like are not articles
            path = Path(item.source)
            name = str(path.relative_to(ROOT if path.is_relative_to(ROOT) else ROOT.parent))
            yield name, item.text, item.published


def main() -> int:
    count = 0
    for name, text, published in texts():
        doc = extract(text, source=name, published=published, budget=math.inf)
        line = json.dumps(to_json(doc), ensure_ascii=False)
        print(f"{name}\t{line}")
        count += 1
    print(f"{count} texts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
