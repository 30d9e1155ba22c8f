"""The structure: imports point down only (import-linter's contracts in pyproject.toml), and no
module hides an upward or circular import inside a function."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "hamkari"
# The command line configures Django before it may import models: its entry point is the one
# place that imports inside a function, and only that.
ALLOWED = {PACKAGE / "cli" / "__init__.py"}


def _imports_inside_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found += [
                f"{path.relative_to(ROOT)}:{inner.lineno}"
                for inner in ast.walk(node)
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith("hamkari")
            ]
    return found


def test_no_hamkari_module_is_imported_inside_a_function() -> None:
    modules = [p for p in PACKAGE.rglob("*.py") if p not in ALLOWED and "migrations" not in p.parts]
    assert [hit for p in modules for hit in _imports_inside_functions(p)] == []


def test_the_import_contracts_hold() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
