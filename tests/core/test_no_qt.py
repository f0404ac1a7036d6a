"""The core never imports Qt: every module outside cxdesk/ui imports with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import cxdesk

#: Modules that are not imported on their own: alembic runs env.py inside a migration, and
#: ``python -m cxdesk`` runs the command line.
NOT_IMPORTABLE_ALONE = {"cxdesk.storage.migrations.env", "cxdesk.__main__"}

BLOCK_QT = """
import sys
for name in ("PySide6", "shiboken6", "PyQt5", "PyQt6"):
    sys.modules[name] = None  # any "import PySide6..." now raises ImportError
"""


def _core_modules() -> list[str]:
    root = Path(cxdesk.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[1:2] == ("ui",):
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name not in NOT_IMPORTABLE_ALONE:
            found.append(name)
    return found


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_QT + textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_walk_finds_the_core() -> None:
    modules = _core_modules()
    for expected in (
        "cxdesk",
        "cxdesk.storage.db",
        "cxdesk.checks.rules",
        "cxdesk.commands.checks",
    ):
        assert expected in modules
    assert not any(m.startswith("cxdesk.ui") for m in modules)


def test_every_core_module_imports_without_qt() -> None:
    result = _run(
        """
        import importlib, sys
        failed = []
        for name in sys.argv[1:]:
            try:
                importlib.import_module(name)
            except ImportError as exc:
                failed.append(f"{name}: {exc}")
        qt = sorted(
            m for m, module in sys.modules.items()
            if module is not None and m.split(".")[0] in ("PySide6", "shiboken6")
        )
        print("FAILED", failed)
        print("QT", qt)
        """,
        *_core_modules(),
    )
    assert result.returncode == 0, result.stderr
    assert "FAILED []" in result.stdout, result.stdout
    assert "QT []" in result.stdout, result.stdout


def test_command_line_runs_without_qt(tmp_path: Path) -> None:
    db = tmp_path / "school.db"
    result = _run(
        """
        import sys
        from cxdesk.cli import main
        db = sys.argv[1]
        codes = [
            main(["init", "school", "--db", db, "--code", "2153230001", "--name", "鹿城小学",
                  "--county", "532301", "--kind", "primary"]),
            main(["check", "--db", db, "--json"]),
            main(["summary", "--db", db, "--json"]),
        ]
        for argv in (["--help"], ["check", "--help"], ["summary", "--help"], ["demo", "--help"]):
            try:
                main(argv)
            except SystemExit as exc:
                codes.append(exc.code)
        print("CODES", codes)
        """,
        str(db),
    )
    assert result.returncode == 0, result.stderr
    assert "CODES [0, 1, 0, 0, 0, 0, 0]" in result.stdout, result.stdout + result.stderr
