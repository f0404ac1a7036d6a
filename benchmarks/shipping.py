"""The shipping engineer's rows: app start-up (from source and frozen) and build size.

Both are measured by the shipping work, never here: the start-up by
``benchmarks/startup.py`` (when it is there, through its ``benchmark_rows(repeats, say)``),
the size by ``.ci/build.sh``, which writes ``dist/build-sizes.txt`` after each build; this
module only reads those results into the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from benchmarks.stats import Measure, Row

ROOT = Path(__file__).resolve().parents[1]
SIZE_RECORD = ROOT / "dist" / "build-sizes.txt"
SIZE_LIMIT_MB = 60.0
_ARCHIVE = re.compile(r"^archive (\S+) .*?: (\d+) bytes", re.MULTILINE)


def startup_rows(repeats: int, say: Callable[[str], None]) -> list[Row]:
    try:
        from benchmarks import startup  # type: ignore[attr-defined]
    except ImportError:
        say("startup: benchmarks/startup.py is not there yet; start-up rows not measured")
        return []
    measure = getattr(startup, "benchmark_rows", None)
    if measure is None:
        say("startup: benchmarks/startup.py has no benchmark_rows(); start-up rows not measured")
        return []
    result: list[Row] = measure(repeats, say)
    return result


def size_rows(say: Callable[[str], None]) -> list[Row]:
    """The compressed one-folder build, as .ci/build.sh recorded it."""
    if not SIZE_RECORD.exists():
        say("size: no dist/build-sizes.txt (run .ci/build.sh); size row not measured")
        return []
    found = _ARCHIVE.search(SIZE_RECORD.read_text("utf-8"))
    if found is None:
        say("size: dist/build-sizes.txt has no archive line; size row not measured")
        return []
    mb = int(found.group(2)) / 1_000_000
    return [
        Row(
            "compressed one-folder build (xz, by .ci/build.sh)",
            Measure([mb], unit="MB"),
            f"≤ {SIZE_LIMIT_MB:g} MB",
            mb <= SIZE_LIMIT_MB,
            note=SIZE_RECORD.read_text("utf-8").splitlines()[0],
        )
    ]


def rows(repeats: int, say: Callable[[str], None]) -> list[Row]:
    return startup_rows(repeats, say) + size_rows(say)
