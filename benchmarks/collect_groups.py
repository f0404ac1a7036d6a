"""Collect before and after a change, the same packages in turns (issue 16).

``python -m benchmarks.collect_groups [--base COMMIT] [--province N] [--repeats R]
[--work DIR] [--marker NAME] [--no-docs]`` checks COMMIT (default e08306f) out in a temporary git worktree
and collects, with its code and with this tree's in turns (before, after, before, ...),
each time in a process of its own (``benchmarks/collect_child.py``: wall and CPU time of
the ``collect`` call) into a fresh copy of the same empty prefecture database:

* the sample's 902 packages;
* the first N of the province's 20,000 packages (``benchmarks/data.py``), default 2,000;

each pair of runs after the floor of the same packages (``benchmarks/floor.py``: unzip,
hashes, signature, decryption, calamine), measured in this process.  The table goes into
docs/benchmarks.md between its ``benchmarks:NAME`` markers (default ``collect-groups``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from functools import partial
from pathlib import Path

from benchmarks.before_after import base_tree, collect_run
from benchmarks.collecting import package_folder
from benchmarks.data import (
    SchoolPackage,
    bureau_template,
    fresh_copy,
    prefecture_keys,
    province_packages,
    sample_schools,
)
from benchmarks.docs import replace_between
from benchmarks.floor import read_floor
from benchmarks.machine import load_average
from benchmarks.stats import timed_with_cpu
from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def _linked(work: Path, packages: list[SchoolPackage]) -> Path:
    """A folder of links to ``packages`` (the first N of the province's)."""
    folder = work / f"province-first-{len(packages)}"
    if len(list(folder.glob("*.cxpkg"))) != len(packages):
        folder.mkdir(parents=True, exist_ok=True)
        for s in packages:
            link = folder / Path(s.package).name
            if not link.exists():
                link.symlink_to(s.package)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.collect_groups")
    parser.add_argument("--base", default="e08306f", help="the commit before the change")
    parser.add_argument("--province", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / ".work")
    parser.add_argument("--marker", default="collect-groups", help="the markers in the docs")
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args(argv)
    os.environ["CXDESK_KEY_PASSPHRASE"] = SAMPLE_PASSPHRASE  # the sample bureau's keys
    work: Path = args.work
    schools = sample_schools(work, report=_say)
    province = province_packages(work, schools, 20_000, report=_say)[: args.province]
    cases = [
        (f"collect the sample's {len(schools)} packages", schools, package_folder(work, schools)),
        (
            f"collect the first {len(province):,} province packages",
            province,
            _linked(work, province),
        ),
    ]
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    rows = []
    with base_tree(args.base) as base:
        for name, packages, folder in cases:
            template = bureau_template(
                work / f"bureau-ba-{len(packages)}" / "template.db", packages
            )
            times: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
            floors: list[tuple[float, float]] = []
            identities = prefecture_keys(work).identities
            files = [Path(p.package) for p in packages]
            loads = [load_average()]
            for n in range(args.repeats):
                floors.append(timed_with_cpu(partial(read_floor, files, identities)))
                for side, src in (("before", base), ("after", ROOT)):
                    db = fresh_copy(template, work / "collect-groups" / side / "prefecture.db")
                    times[side].append(collect_run(src, db, folder))
                    _say(
                        f"{name}, {side} {n + 1}: {times[side][-1][0]:.1f} s (CPU {times[side][-1][1]:.1f} s)"
                    )
            loads.append(load_average())
            rows.append((name, times, floors, loads))
    lines = [
        f"`python -m benchmarks.collect_groups --base {args.base} --province {args.province} "
        f"--repeats {args.repeats}` "
        f"(started {started}; base {args.base}, a temporary worktree; each run a process of its "
        "own, before and after in turns):",
        "",
        "| case | before: wall (runs) | after: wall (runs) | before: CPU | after: CPU | "
        "wall after / before | floor (wall; CPU) | load average (1/5/15 min) at start, end |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, times, floors, loads in rows:
        b_wall = [w for w, _ in times["before"]]
        a_wall = [w for w, _ in times["after"]]
        b_cpu = statistics.median(c for _, c in times["before"])
        a_cpu = statistics.median(c for _, c in times["after"])
        floor = (
            f"{statistics.median(w for w, _ in floors):.2f} s; {statistics.median(c for _, c in floors):.2f} s"
            if floors
            else "—"
        )
        lines.append(
            f"| {name} | {statistics.median(b_wall):.1f} s ({', '.join(f'{w:.1f}' for w in b_wall)}) "
            f"| {statistics.median(a_wall):.1f} s ({', '.join(f'{w:.1f}' for w in a_wall)}) "
            f"| {b_cpu:.1f} s | {a_cpu:.1f} s "
            f"| {statistics.median(a_wall) / statistics.median(b_wall):.2f}× "
            f"| {floor} | {loads[0]}; {loads[1]} |"
        )
    table = "\n".join(lines)
    print(table)
    if not args.no_docs:
        marker = args.marker
        replace_between(
            DOC, f"<!-- benchmarks:{marker} -->", f"<!-- /benchmarks:{marker} -->", table
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
