"""Light commands: how long ``cxdesk --version``, ``trust list``, ``board`` and ``held list``
take from the command to the exit, as a clerk types them.

Each runs in a process of its own (``python -m cxdesk ...``) on a copy of the prefecture
bureau database the collect case uses (its register and keys), with the source compiled to
bytecode as an installed package is (one warm-up run each).  The reference, measured the
same way: an interpreter that only imports sqlite3, with which the listings read an
up-to-date file (``cxdesk.storage.light_read``; before the third session of issue 16 they
imported SQLAlchemy's ORM, about 0.3 s of CPU here).  ``src`` runs another tree of the
code (the base of a change: see ``benchmarks/before_after.py``).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.stats import Measure, Row

ROOT = Path(__file__).resolve().parents[1]
LIMIT_S = 0.3
COMMANDS = (["--version"], ["trust", "list"], ["board"], ["held", "list"])
REFERENCE = [sys.executable, "-c", "import sqlite3"]
REFERENCE_NAME = "python importing sqlite3"


def _env(src: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(src)
    return env


def one_run(argv: list[str], src: Path = ROOT) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=src, env=_env(src), check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(argv: list[str], repeats: int, src: Path = ROOT) -> tuple[Measure, Measure]:
    one_run(argv, src)  # writes the bytecode, fills the file cache
    wall, cpu = Measure(), Measure()
    for _ in range(repeats):
        w, c = one_run(argv, src)
        wall.values.append(w)
        cpu.values.append(c)
    return wall, cpu


def command_argv(command: list[str], db: Path) -> list[str]:
    return [sys.executable, "-m", "cxdesk", *command, "--db", str(db)]


def bureau_copy(template: Path, work: Path) -> Path:
    """A copy of the collect case's empty prefecture database (register, keys)."""
    target = work / "light" / "prefecture.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return target


def light_rows(db: Path, keys: int, repeats: int, src: Path = ROOT) -> list[Row]:
    reference, _ = measure(REFERENCE, repeats, src)
    rows = []
    for command in COMMANDS:
        wall, cpu = measure(command_argv(command, db), repeats, src)
        rows.append(
            Row(
                f"start of `cxdesk {' '.join(command)}` (prefecture, {keys:,} keys)",
                wall,
                f"≤ {LIMIT_S * 1000:.0f} ms",
                wall.median <= LIMIT_S,
                reference=reference,
                reference_name=REFERENCE_NAME,
                ratio=wall.median / reference.median,
                note=f"CPU {cpu.median * 1000:.0f} ms (min {cpu.low * 1000:.0f}, "
                f"max {cpu.high * 1000:.0f})",
            )
        )
    return rows
