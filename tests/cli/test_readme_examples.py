"""The README's examples of `hamkari route`, `partners` and `consortium`, run exactly as written on
the bundled data (the reference data and the sample articles `hamkari serve` loads on its first
run): each exits 0 and prints what the README says it prints."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from hamkari.cli import main
from hamkari.kb import services as kb
from hamkari.kb.ingest import run_batch
from hamkari.partners import finder

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SAMPLES = ROOT / "hamkari" / "samples"
# a row of the route table: | `hamkari route …` (what) | option; option; … |
ROUTE_ROWS = re.findall(r"^\| `hamkari (route [^`]+)`[^|]*\| ([^|]+) \|$", README, flags=re.M)
BRANCHES = ("west", "east", "caspian")

pytestmark = pytest.mark.django_db


@pytest.fixture
def bundled() -> None:
    kb.reference_load()
    run_batch([str(SAMPLES)], progress=False)
    finder.clear_caches()


def run(command: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(shlex.split(command))
    return code, out.getvalue() + err.getvalue()


def test_the_readme_has_route_examples() -> None:
    assert len(ROUTE_ROWS) >= 4


@pytest.mark.parametrize(("command", "options"), ROUTE_ROWS, ids=[c for c, _ in ROUTE_ROWS])
def test_each_route_example_offers_the_branches_and_days_in_the_readme_s_order(
    command: str, options: str
) -> None:
    code, out = run(command)
    named = {"Western": "west", "Eastern": "east", "Caspian": "caspian"}
    printed = [(named[b], d) for b, d in re.findall(r"^\d+\. (\w+) branch: (\d+\.\d) days", out, flags=re.M)]
    written = [
        re.search(r"\b(west|east|caspian)\b.*?(\d+\.\d) days", part).groups() for part in options.split(";")
    ]  # type: ignore[union-attr]
    assert code == 0 and printed == written, out


@pytest.mark.parametrize(
    ("language", "pattern"), [("en", r"«(Astrakhan Region: [^…]+)…»"), ("fa", r"«(آستاراخان:\s[^…]+)…»")]
)
def test_the_partner_explanation_quoted_in_the_readme_is_what_partners_prints(
    bundled: None, language: str, pattern: str
) -> None:
    quoted = " ".join(re.search(pattern, README)[1].split())  # type: ignore[index]
    code, out = run(f"partners IR-10 --top 200 --language {language}")
    assert code == 0 and quoted in " ".join(out.split())


def test_the_readme_s_consortium_example_proposes_groups_on_the_bundled_data(bundled: None) -> None:
    market, sectors = re.search(r"GET /api/consortium\?market=(\w+)&sectors=([\w,]+)", README).groups()  # type: ignore[union-attr]
    code, out = run(f"consortium --market {market} --sectors {sectors}")
    assert code == 0 and re.match(r"1\. score 0\.\d+", out), out


def test_the_readme_s_partner_example_ranks_isfahan_s_partners(bundled: None) -> None:
    code, out = run("partners IR-10 --top 15")
    assert code == 0 and len(re.findall(r"^ ?\d+\. RU-", out, flags=re.M)) == 15
