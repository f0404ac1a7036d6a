"""Where a collect's time goes: CPU and wall time per package, step by step (issue 16).

``python -m benchmarks.collect_steps [--packages N] [--here] [--work DIR]`` collects the
first N (default all 902) of the sample's packages into a fresh copy of the benchmark's
empty prefecture database, with a timer around each step of the intake (the functions
are wrapped in this process, so a step run by a read-ahead worker shows as nothing here;
``--here`` reads every package in this process, as without workers).  Prints a table:
per package, the CPU and wall milliseconds of each step and of the whole collect.
The steps overlap (the workbook read is inside the snapshot's reading).
"""

from __future__ import annotations

import argparse
import collections
import importlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.collecting import package_folder
from benchmarks.data import bureau_template, fresh_copy, sample_schools
from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE

ROOT = Path(__file__).resolve().parents[1]

#: (module, function, what it does), in the order of a package's way through the intake.
STEPS = (
    ("cxdesk.bureau.intake", "verified_file", "the package verified (unzip, hashes, signature)"),
    ("cxdesk.bureau.intake", "_already_had", "the same file received before?"),
    ("cxdesk.bureau.intake", "register_entry", "the register's entry"),
    ("cxdesk.bureau.intake", "encryption_problem", "encrypted to this bureau?"),
    ("cxdesk.bureau.intake", "decide_key", "the sender's key"),
    ("cxdesk.bureau.package_reading", "open_with_keys", "decrypted"),
    ("cxdesk.exchange.unpack", "workbook_parts", "the workbook's parts checked"),
    ("cxdesk.exchange.unpack", "plan_import", "the workbook read and planned"),
    ("cxdesk.workbook.plan", "read_workbook", "  of which read (survey, calamine)"),
    ("cxdesk.bureau.intake", "_ensure_period", "the period (and the flush before it)"),
    ("cxdesk.bureau.intake", "counted_submission", "the counted package"),
    ("cxdesk.bureau.intake", "_write_stored", "the package file written into the store"),
    ("cxdesk.bureau.intake", "store_snapshot", "the snapshot stored"),
    ("cxdesk.bureau.intake", "store_person_keys", "person keys"),
    ("cxdesk.bureau.intake", "findings_summary", "checks and findings summary"),
    ("cxdesk.bureau.collect", "note_shared_people", "people counted twice (per group)"),
)


def _wrap(
    module: str,
    name: str,
    label: str,
    cpu: dict[str, float],
    wall: dict[str, float],
) -> None:
    owner = importlib.import_module(module)
    original: Callable[..., Any] = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        c, w = time.process_time(), time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            cpu[label] += time.process_time() - c
            wall[label] += time.perf_counter() - w

    setattr(owner, name, timed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.collect_steps")
    parser.add_argument("--packages", type=int, default=0, help="only the first N")
    parser.add_argument("--here", action="store_true", help="no read-ahead workers")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / ".work")
    args = parser.parse_args(argv)
    os.environ["CXDESK_KEY_PASSPHRASE"] = SAMPLE_PASSPHRASE
    from cxdesk.bureau import intake, read_ahead
    from cxdesk.bureau.collect import collect
    from cxdesk.storage.db import open_database

    schools = sample_schools(args.work)
    if args.packages:
        schools = schools[: args.packages]
    folder = package_folder(args.work, schools)
    template = bureau_template(args.work / "bureau-902" / "template.db", schools)
    db = open_database(fresh_copy(template, args.work / "collect-steps" / "prefecture.db"))
    if args.here:
        read_ahead.READ_AHEAD_MIN = 10**9
    with db.reading() as session:  # the keys are unsealed once, before the timing
        receiver = intake.prepare_receiver(session, db)
    cpu: dict[str, float] = collections.defaultdict(float)
    wall: dict[str, float] = collections.defaultdict(float)
    for module, name, label in STEPS:
        _wrap(module, name, label, cpu, wall)
    import cxdesk.bureau.collect as collecting

    setattr(collecting, "prepare_receiver", lambda session, db: receiver)  # noqa: B010
    c, w = time.process_time(), time.perf_counter()
    report = collect(db, [folder])
    c, w = time.process_time() - c, time.perf_counter() - w
    db.close()
    n = len(report.results)
    print(f"{n} packages, {dict(report.school_counts())}, load {os.getloadavg()[0]:.1f}")
    print("| step | CPU per package | wall per package |")
    print("|---|---|---|")
    for _, _, label in STEPS:
        print(f"| {label} | {cpu[label] / n * 1000:.2f} ms | {wall[label] / n * 1000:.2f} ms |")
    print(f"| whole collect (this process) | {c / n * 1000:.2f} ms | {w / n * 1000:.2f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
