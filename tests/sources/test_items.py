"""Where articles come from (hamkari/sources/items.py): what a path or an address given to
`hamkari ingest` comes to."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamkari.sources.items import items

# (typed, the reason its item fails with): an address of another kind is refused by its scheme,
# not looked for as a file (Path would fold «ftp://» into «ftp:/» and say there is no such file)
REFUSED = [
    ("ftp://example.org/news.rss", "refused: only http and https addresses are read, not ftp:"),
    ("file:///etc/passwd", "refused: only http and https addresses are read, not file:"),
    ("HTTPX://example.org/a", "refused: only http and https addresses are read, not HTTPX:"),
]


@pytest.mark.parametrize(("typed", "reason"), REFUSED)
def test_it_refuses_an_address_that_is_not_http_by_its_scheme(typed: str, reason: str) -> None:
    [item] = items([typed])
    assert (item.source, item.error) == (typed, reason)


def test_a_file_whose_name_looks_like_an_address_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes:").mkdir()
    (tmp_path / "notes:" / "a.txt").write_text("Gilan and Astrakhan met in Rasht.", encoding="utf-8")
    [item] = items(["notes://a.txt"])
    assert (item.error, item.text) == (None, "Gilan and Astrakhan met in Rasht.")


def test_a_missing_file_is_no_such_file(tmp_path: Path) -> None:
    [item] = items([str(tmp_path / "missing.txt")])
    assert item.error == "no such file or folder"
