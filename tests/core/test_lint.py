"""The code passes the house's own linters, in the suite, so that CI holds them (issue 17,
point 8): ruff's rules and format, and mypy --strict over the package.  Both are pinned in
the ``test`` extra, so that a new release cannot turn a green tree red on its own."""

from __future__ import annotations

import subprocess
import sys
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
