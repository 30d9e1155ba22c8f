"""Near-duplicates: reprints under another headline, cut-off copies, syndicated versions with
another lead. An article's folded words are cut into overlapping shingles; a MinHash signature
(datasketch) estimates how many shingles two articles share, and the signature cut into LSH bands
gives index keys: two articles that share a band are candidates, checked on the signatures.

Besides the text, two articles are copies when they have the same canonical address (scheme,
«www.», «amp», tracking parameters and a final slash removed) or the same long folded title."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from datasketch import MinHash

from hamkari.extraction.normalize import fold

SHINGLE = 4  # words per shingle
PERMUTATIONS = 64
BANDS = 16  # of PERMUTATIONS // BANDS rows each: pairs sharing ~60 % of shingles or more meet in a band
ROWS = PERMUTATIONS // BANDS
# A copy shares this much of the shorter article's shingles (a cut-off copy shares all of it).
CONTAINMENT = 0.8
TITLE_CONTAINMENT = 0.5  # with the same long title
# Too short to tell a copy from a common phrase.
MIN_SHINGLES = 12
MIN_TITLE_WORDS = 5
_WORD = re.compile(r"\w+")
_TRACKING = re.compile(r"^(utm_|fbclid|gclid|yclid|from$|ref$)")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text).text)


def shingles(folded: str) -> set[bytes]:
    """The overlapping word shingles of an article's folded text (`normalize.fold`)."""
    w = _WORD.findall(folded)
    return {" ".join(w[i : i + SHINGLE]).encode("utf-8") for i in range(max(0, len(w) - SHINGLE + 1))}


def signature(items: set[bytes]) -> list[int]:
    m = MinHash(num_perm=PERMUTATIONS, seed=1)
    m.update_batch(list(items))
    return [int(v) for v in m.hashvalues]


def band_keys(sig: list[int]) -> list[str]:
    """One index key per LSH band of a signature."""
    keys = []
    for b in range(BANDS):
        rows = ",".join(str(v) for v in sig[b * ROWS : (b + 1) * ROWS])
        keys.append(f"mh:{b}:{hashlib.blake2b(rows.encode(), digest_size=8).hexdigest()}")
    return keys


def jaccard(a: list[int], b: list[int]) -> float:
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def containment(a: list[int], size_a: int, b: list[int], size_b: int) -> float:
    """The estimated share of the smaller article's shingles that the other one has:
    |A∩B| = J·(|A|+|B|)/(1+J)."""
    j = jaccard(a, b)
    if not j or not min(size_a, size_b):
        return 0.0
    return min(1.0, j * (size_a + size_b) / (1 + j) / min(size_a, size_b))


def canonical_url(url: str) -> str:
    """The address without what differs between copies of one page: «https://www.x.ir/amp/n/1/?utm_source=t»
    and «http://x.ir/n/1» are one."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = re.sub(r"/(amp|print)(?=/|$)", "", parts.path).rstrip("/")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    return f"{host}{path}" + (f"?{query}" if query else "") if host else ""


def url_key(url: str) -> str | None:
    canon = canonical_url(url)
    return "url:" + hashlib.blake2b(canon.encode(), digest_size=12).hexdigest() if canon else None


def title_key(title: str) -> str | None:
    w = words(title)
    if len(w) < MIN_TITLE_WORDS:
        return None
    return "t:" + hashlib.blake2b(" ".join(w).encode(), digest_size=12).hexdigest()
