"""The shipping engineer's rows: app start-up (from source and frozen) and build size.

They are measured by ``benchmarks/startup.py`` (owned by the shipping work); this module
only calls it, so the two measurements are never duplicated.
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.stats import Row


def rows(repeats: int, say: Callable[[str], None]) -> list[Row]:
    try:
        from benchmarks import startup  # type: ignore[attr-defined]
    except ImportError:
        say("startup: benchmarks/startup.py is not there; start-up and size rows skipped")
        return []
    measure = getattr(startup, "benchmark_rows", None)
    if measure is None:
        say("startup: benchmarks/startup.py has no benchmark_rows(); rows skipped")
        return []
    result: list[Row] = measure(repeats, say)
    return result
