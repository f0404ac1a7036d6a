"""The code passes the house's own linters, in the suite, so that CI holds them (issue 17,
point 8): ruff's rules and format, and mypy --strict over the package and its tests (one run:
pyproject's ``[tool.mypy] packages``).  Both are pinned in the ``test`` extra, so that a new
release cannot turn a green tree red on its own."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "tool",
    [
        ["ruff", "check", "--no-cache", "."],
        ["ruff", "format", "--check", "--no-cache", "."],
        ["mypy", "--cache-dir", "{tmp}/mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_the_code_passes(tool: list[str], tmp_path: Path) -> None:
    command = [sys.executable, "-m", *(part.replace("{tmp}", str(tmp_path)) for part in tool)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_mypy_checks_the_tests_as_strictly_as_the_package() -> None:
    """The run above covers the tests only while pyproject names them, with no override
    that loosens them (ignored errors, unannotated functions allowed)."""
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert mypy["packages"] == ["cxdesk", "tests"] and mypy["strict"] is True
    loosening = {"ignore_errors", "disallow_untyped_defs", "check_untyped_defs", "strict"}
    for override in mypy.get("overrides", []):
        modules = override["module"]
        modules = [modules] if isinstance(modules, str) else modules
        if any(m.startswith(("tests", "cxdesk")) for m in modules):
            assert not loosening & set(override), override
