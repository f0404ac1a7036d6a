"""Collect a folder of packages in a process of its own: per-package times and peak memory.

``python -m benchmarks.collect_child DB FOLDER OUT.json [SECONDS]``: collects every package
under FOLDER into the bureau database DB through :func:`cxdesk.bureau.collect.collect`
(exactly what ``cxdesk collect`` does), and writes to OUT.json the time after each
package, the outcome counts, the CPU time of the collect and the process's peak resident
memory.  With SECONDS, it
stops after the first package that ends past that time (every package before it is
committed, as when a clerk presses Cancel) and says so in OUT.json.  A process of its own, so that the
peak is the collector's, not the benchmark runner's.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # at run time only collect: the child also runs older trees' code
    from cxdesk.bureau.outcomes import CollectResult


def cpu_seconds() -> float:
    """CPU seconds of this process and its ended children (the read-ahead workers); as
    benchmarks.stats.cpu_seconds, which this script cannot import: it runs with an older
    tree's code on its path."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class _TimeUp(Exception):
    """The time given is over: stop between two packages."""


def main() -> None:
    from cxdesk.bureau.collect import collect
    from cxdesk.storage.db import open_database

    db_path, folder, out = (Path(a) for a in sys.argv[1:4])
    limit = float(sys.argv[4]) if len(sys.argv) > 4 else None
    db = open_database(db_path)
    marks: list[float] = []
    outcomes: dict[str, int] = {}

    def progress(done: int, total: int, result: CollectResult) -> None:
        marks.append(time.perf_counter() - start)
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
        if limit is not None and marks[-1] > limit and done < total:
            raise _TimeUp

    start = time.perf_counter()
    cpu_start = cpu_seconds()
    stopped = False
    try:
        collect(db, [folder], progress=progress)
    except _TimeUp:
        stopped = True
    finally:
        db.close()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out.write_text(
        json.dumps(
            {
                "marks": marks,
                "outcomes": outcomes,
                "peak_mb": usage.ru_maxrss / 1024,  # KiB on Linux
                "stopped": stopped,
                "cpu_s": cpu_seconds() - cpu_start,
            }
        ),
        "utf-8",
    )


if __name__ == "__main__":
    main()
