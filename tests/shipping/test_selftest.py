"""``cxdesk --self-test`` from source: every check passes, one line each, exit code 0."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import cxdesk.selftest
from cxdesk.cli import main
from cxdesk.paths import data_dir
from cxdesk.selftest import CHECKS, run_self_test


def test_self_test_passes_from_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "self-test passed"
    checks = [line.split()[1] for line in lines[1:-1]]
    assert checks == [name for name, _ in CHECKS]
    assert all(line.startswith("ok") for line in lines[1:-1])
    assert "gui" in checks and "database" in checks
    assert sorted(p.name for p in data_dir().iterdir()) == ["logs"]  # no database, no backups
    assert os.environ["CXDESK_DATA_DIR"] == str(data_dir())


def test_a_failing_check_fails_the_self_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(folder: Path) -> str:
        raise OSError("disk full")

    monkeypatch.setattr(cxdesk.selftest, "CHECKS", [*CHECKS[:1], ("broken", broken)])
    lines: list[str] = []
    assert run_self_test(lines.append) == 1
    assert lines[1].startswith("ok") and lines[2].startswith("FAIL")
    assert "OSError: disk full" in lines[2]
    assert lines[-1] == "self-test FAILED: broken"
