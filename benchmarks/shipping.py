"""The shipping work's rows: app start-up (from source and frozen) and the build's size.

Both are measured by ``benchmarks/startup.py`` (owned by the shipping work; the size read
from what ``.ci/build.sh`` builds); this module only calls its ``benchmark_rows``, so the
two measurements are never duplicated.
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.stats import Row


def rows(repeats: int, say: Callable[[str], None]) -> list[Row]:
    try:
        from benchmarks import startup
    except ImportError:
        say("startup: benchmarks/startup.py is not there; start-up and size rows not measured")
        return []
    result: list[Row] = startup.benchmark_rows(repeats, say)
    return result
