"""A seeded generator of hostile inputs for the extractor, and the check that runs one.

Three kinds of input, in turn: random Unicode text, our own articles with random edits (inserted
letters of rare scripts, huge numbers, NULs, control characters, byte-order marks, HTML entities,
blank runs, cuts), and random or damaged bytes that go through `read_bytes` first. The check
allows `InputError` from reading and `TimeBudgetExceeded` from extraction; anything else (an
`ExtractionError` naming a fault included) is a crash, and so is a span outside the text or
JSON that cannot be written. Used by `tests/extraction/test_fuzz.py` (a few hundred inputs) and
`benchmarks/fuzz_extract.py` (as many as asked for).
"""

from __future__ import annotations

import codecs
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hamkari.extraction import TimeBudgetExceeded, extract, to_json
from hamkari.sources.inputs import InputError, read_bytes

ROOT = Path(__file__).resolve().parents[2]
ARTICLE_FOLDERS = (ROOT / "tests" / "extraction" / "articles", ROOT / "hamkari" / "samples")
KINDS = ("unicode", "article", "bytes")

# Code point ranges random text is drawn from: our scripts, their neighbours, rare scripts
# (Tangut, which pymorphy3 cannot name), marks, controls, surrogates, private use, emoji.
_RANGES = (
    (0x00, 0x7F),
    (0x80, 0x24F),
    (0x300, 0x36F),
    (0x400, 0x52F),
    (0x530, 0x58F),
    (0x590, 0x5FF),
    (0x600, 0x6FF),
    (0x750, 0x77F),
    (0x10A0, 0x10FF),
    (0x2000, 0x206F),
    (0x4E00, 0x4E80),
    (0xD800, 0xDFFF),
    (0xE000, 0xE0FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0x1F300, 0x1F5FF),
    (0x17000, 0x17100),
)
_PIECES = (
    "\x00",
    "\ufeff",
    "\u200c",
    "\u200d",
    "\u202e",
    "\u0640",
    "\x07",
    "\x1b[0m",
    "\r\n",
    "\n\n\n",
    "\t",
    " " * 50,
    "&amp;",
    "&#1575;",
    "&#x10FFFF;",
    "&#99999999;",
    "<p>",
    "</div>",
    "«",
    "»",
    "؟",
    "...",
    "ё",
    "\U00017000",
    "\u10d0",
    "\u0531",
    "9" * 5000,
    "۹" * 400,
    "1" + ",000" * 300,
    " میلیون" * 40,
    " million" * 40,
    " миллиардов" * 40,
    "ظرف ۹۹۹۹۹۹۹۹۹ روز",
    "в течение 999999999999 лет",
    "within 99999999 years",
    "2025-13-45",
    "۱۴۰۳/۱۲/۳۰",
    "31 февраля 1",
    "1399 ",
    "9999-99-99",
)


def articles() -> list[str]:
    return [p.read_text(encoding="utf-8") for f in ARTICLE_FOLDERS for p in sorted(f.rglob("*.txt"))]


def random_unicode(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(0, 400)):
        if rng.random() < 0.1:
            out.append(rng.choice(_PIECES))
        else:
            low, high = rng.choice(_RANGES)
            out.append(chr(rng.randint(low, high)))
    return "".join(out)


def mutated(rng: random.Random, texts: list[str]) -> str:
    text = rng.choice(texts)
    for _ in range(rng.randint(1, 12)):
        at = rng.randint(0, len(text))
        roll = rng.random()
        if roll < 0.35:
            text = text[:at] + rng.choice(_PIECES) + text[at:]
        elif roll < 0.5:
            text = text[:at] + random_unicode(rng)[:40] + text[at:]
        elif roll < 0.65:
            text = text[:at] + text[at + rng.randint(1, 200) :]
        elif roll < 0.8:
            end = min(len(text), at + rng.randint(1, 300))
            text = text[:end] + text[at:end] * rng.randint(1, 5) + text[end:]
        elif roll < 0.9:
            text = text[:at] + rng.choice(texts)[: rng.randint(0, 500)] + text[at:]
        else:
            text = text[:at]
    return text


def damaged_bytes(rng: random.Random, texts: list[str]) -> bytes:
    roll = rng.random()
    if roll < 0.3:
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 300)))
    text = rng.choice(texts)[: rng.randint(0, 3000)]
    codec = rng.choice(("utf-8", "utf-8", "utf-16", "utf-16-le", "cp1256", "cp1251"))
    data = bytearray(text.encode(codec, errors="replace"))
    for _ in range(rng.randint(0, 6)):
        if data:
            data[rng.randrange(len(data))] = rng.randint(0, 255)
    if rng.random() < 0.3:
        data[0:0] = rng.choice((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if rng.random() < 0.2:
        data += bytes(rng.randint(0x80, 0xFF) for _ in range(rng.randint(1, 8)))
    return bytes(data)


@dataclass(frozen=True)
class Case:
    number: int
    kind: str
    data: str | bytes


def cases(seed: int, count: int) -> Iterator[Case]:
    """`count` inputs, the three kinds in turn; the same seed gives the same inputs."""
    rng = random.Random(seed)
    texts = articles()
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        if kind == "unicode":
            yield Case(n, kind, random_unicode(rng))
        elif kind == "article":
            yield Case(n, kind, mutated(rng, texts))
        else:
            yield Case(n, kind, damaged_bytes(rng, texts))


def check(case: Case, budget: float = 60.0) -> str | None:
    """Run one input through reading (bytes) and extraction; the crash as one line, or None."""
    try:
        if isinstance(case.data, bytes):
            try:
                text = read_bytes(case.data, "fuzz.txt").text
            except InputError:
                return None
        else:
            text = case.data
        doc = extract(text, budget=budget)
        result = to_json(doc)
        json.dumps(result, ensure_ascii=False)
        for start, end in _spans(result):
            if not 0 <= start < end <= len(text):
                return f"span [{start}, {end}) outside a text of {len(text)} characters"
    except TimeBudgetExceeded:
        return None
    except Exception as exc:  # any other escape is the crash this looks for
        return f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
    return None


def _spans(value: object) -> Iterator[tuple[int, int]]:
    """Every [start, end] pair under a "span", "evidence" or "mentions" key of the JSON."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("span", "evidence") and isinstance(item, list) and len(item) == 2:
                yield item[0], item[1]
            elif key == "mentions" and isinstance(item, list):
                yield from ((s[0], s[1]) for s in item if isinstance(s, list) and len(s) == 2)
            else:
                yield from _spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from _spans(item)
