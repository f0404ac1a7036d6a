"""The read-ahead worker's CPU per package, step by step (issue 16).

``python -m benchmarks.reader_steps [--packages N] [--rounds R] [--profile FILE] [--work DIR]``
reads the sample's packages exactly as a read-ahead worker does
(:func:`cxdesk.bureau.read_ahead._read`, in this process, with the prefecture's keys),
``R`` rounds over the same files, and prints the CPU milliseconds per package of each
step, of the whole read, and the size of what the worker sends to the collector (the
pickled :class:`~cxdesk.bureau.package_reading.ReadFile`) with the CPU of pickling and
unpickling it.  ``--profile`` writes a cProfile of the reads (without the step timers).  ``--pool``
instead reads them through :class:`~cxdesk.bureau.read_ahead.ReadAhead` with one worker
process, as a collect does, and prints that process's whole CPU time per package (its
start, about half a second, included) and this process's.
Run it from another worktree (``PYTHONPATH=/tmp/base``) for a before/after in one run.
"""

from __future__ import annotations

import argparse
import collections
import importlib
import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.data import prefecture_keys, sample_schools

ROOT = Path(__file__).resolve().parents[1]

#: (module, function, what it does), in the order of a package's way through the worker.
STEPS = (
    (
        "cxdesk.bureau.read_ahead",
        "verified_file",
        "the package verified (unzip, hashes, signature)",
    ),
    ("cxdesk.bureau.package_reading", "open_with_keys", "decrypted"),
    ("cxdesk.exchange.unpack", "workbook_parts", "the workbook's parts checked"),
    ("cxdesk.exchange.unpack", "plan_import", "the workbook read and planned"),
    ("cxdesk.workbook.plan", "read_workbook", "  of which read (survey, calamine)"),
)


def _wrap(module: str, name: str, label: str, cpu: dict[str, float]) -> None:
    owner = importlib.import_module(module)
    original: Callable[..., Any] = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        c = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            cpu[label] += time.process_time() - c

    setattr(owner, name, timed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reader_steps")
    parser.add_argument("--packages", type=int, default=0, help="only the first N")
    parser.add_argument("--rounds", type=int, default=1, help="read the files R times")
    parser.add_argument("--profile", type=Path, help="write a cProfile here (no step timers)")
    parser.add_argument("--pool", action="store_true", help="through a worker process")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / ".work")
    args = parser.parse_args(argv)
    if args.pool:
        return _through_pool(args.work, args.packages)
    from cxdesk.bureau import read_ahead
    from cxdesk.exchange.manifest import KINDS

    schools = sample_schools(args.work)
    if args.packages:
        schools = schools[: args.packages]
    files = [str(s.package) for s in schools]
    read_ahead._keys = prefecture_keys(args.work)
    for f in files[:5]:  # imports and first-call caches, before the timing
        read_ahead._read(f, KINDS)
    cpu: dict[str, float] = collections.defaultdict(float)
    if args.profile is None:
        for module, name, label in STEPS:
            _wrap(module, name, label, cpu)
    results = []
    c = time.process_time()
    if args.profile is not None:
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    for _ in range(args.rounds):
        results = [read_ahead._read(f, KINDS) for f in files]
    if args.profile is not None:
        profile.disable()
        profile.dump_stats(args.profile)
    total = time.process_time() - c
    n = len(files) * args.rounds
    c = time.process_time()
    pickled = [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results]
    dump = time.process_time() - c
    c = time.process_time()
    for p in pickled:
        pickle.loads(p)
    load = time.process_time() - c
    m = len(files)
    bad = sum(1 for r in results if r.refusal or r.unreadable)
    size = sum(len(p) for p in pickled) / m
    print(
        f"{m} packages × {args.rounds} rounds ({bad} refused or unreadable), load {os.getloadavg()[0]:.1f}"
    )
    print("| worker step | CPU per package |")
    print("|---|---|")
    for _, _, label in STEPS:
        print(f"| {label} | {cpu[label] / n * 1000:.3f} ms |")
    print(f"| whole read (`read_ahead._read`) | {total / n * 1000:.3f} ms |")
    print(
        f"| pickled for the collector: size / dump / load | {size / 1024:.1f} KB / "
        f"{dump / m * 1000:.3f} ms / {load / m * 1000:.3f} ms |"
    )
    return 0


def _through_pool(work: Path, packages: int) -> int:
    from cxdesk.bureau import read_ahead

    schools = sample_schools(work)
    files = [Path(s.package) for s in schools[: packages or None]]
    keys = prefecture_keys(work)
    read_ahead.MAX_WORKERS = 1
    read_ahead.READ_AHEAD_MIN = 1
    start, _ = _pool_run(files[:1], keys)  # a worker's start and one package
    worker, mine = _pool_run(files, keys)
    n = len(files)
    print(f"{n} packages through one worker process, load {os.getloadavg()[0]:.1f}")
    print("| through a worker process | CPU |")
    print("|---|---|")
    print(f"| the worker's start (and one package) | {start:.2f} s |")
    print(
        f"| the worker, per package, its start apart | {(worker - start) / (n - 1) * 1000:.3f} ms |"
    )
    print(f"| the worker, per package, its start included | {worker / n * 1000:.3f} ms |")
    print(f"| this process (submitting, unpickling), per package | {mine / n * 1000:.3f} ms |")
    return 0


def _pool_run(files: list[Path], keys: Any) -> tuple[float, float]:
    """The CPU seconds of the worker process and of this one, reading ``files`` ahead."""
    import resource

    from cxdesk.bureau import read_ahead
    from cxdesk.exchange.manifest import KINDS

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    mine = time.process_time()
    with read_ahead.ReadAhead(files, kinds=KINDS, keys=keys) as ahead:
        if not ahead.active:
            raise SystemExit("no worker process could be started")
        for n in range(len(files)):
            if ahead.get(n) is None:
                raise SystemExit(f"{files[n]} was not read ahead")
    mine = time.process_time() - mine
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), mine


if __name__ == "__main__":
    raise SystemExit(main())
