"""benchmarks/bench_kb.py runs to its end: its API requests are made by a logged-in reader (the
API answers anonymous reads with 401), so the README's command does not stop at the first one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_knowledge_base_benchmark_times_every_api_request_it_makes(tmp_path: Path) -> None:
    command = [sys.executable, "benchmarks/bench_kb.py", "--articles", "2", "--requests", "2"]
    done = subprocess.run(
        [*command, "--home", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    timed = [line.split()[1] for line in done.stdout.splitlines() if line.startswith("api ")]
    assert timed == ["article", "region", "search"]
