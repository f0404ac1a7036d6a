"""Before and after a change, measured in the same run: collect, the light commands, import.

``python -m benchmarks.before_after [--base COMMIT] [--repeats N] [--work DIR] [--no-docs]``
checks out COMMIT (default b184c3e, the base of issue 16) in a temporary git worktree and
runs each case with that code and with this tree's, in turns (before, after, before, ...),
so that a machine whose load changes weighs on both alike:

* collect of the sample's packages into a fresh copy of the empty prefecture database, in
  a process of its own (``benchmarks/collect_child.py``, wall and CPU time of the collect),
  with the floor of the same packages (``benchmarks/floor.py``) measured beside each;
* the light commands (``benchmarks/light_commands.py``);
* a school's import of a full template (``benchmarks/school_import.py``).

The table, with the load average before and after each case, goes into docs/benchmarks.md
between its ``benchmarks:issue16-before-after`` markers (``--no-docs``: printed only).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.collecting import package_folder
from benchmarks.data import bureau_template, fresh_copy, prefecture_keys, sample_schools
from benchmarks.docs import replace_between
from benchmarks.floor import read_floor
from benchmarks.light_commands import (
    COMMANDS,
    REFERENCE,
    REFERENCE_NAME,
    bureau_copy,
    command_argv,
    measure,
)
from benchmarks.machine import load_average
from benchmarks.school_import import (
    calamine_floor,
    full_template,
    in_process,
    school_database,
    whole_command,
)
from benchmarks.stats import fmt, repeat, timed_with_cpu

ROOT = Path(__file__).resolve().parents[1]
BASE = "b184c3e"
DOC = ROOT / "docs" / "benchmarks.md"
BEGIN = "<!-- benchmarks:issue16-before-after -->"
END = "<!-- /benchmarks:issue16-before-after -->"


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


@contextmanager
def base_tree(commit: str) -> Iterator[Path]:
    """A temporary git worktree of ``commit`` (removed afterwards)."""
    folder = Path(tempfile.mkdtemp(prefix="cxdesk-base-")) / "tree"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(folder), commit],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    try:
        yield folder
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, capture_output=True
        )


def collect_run(src: Path, db: Path, folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one collect of ``folder`` by the code in ``src``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(src)
    with tempfile.TemporaryDirectory(prefix="cxdesk-bench-ba-") as tmp:
        out = Path(tmp) / "collect.json"
        child = Path(__file__).with_name("collect_child.py")
        subprocess.run(
            [sys.executable, str(child), str(db), str(folder), str(out)],
            cwd=src,
            env=env,
            check=True,
        )
        result = json.loads(out.read_text("utf-8"))
    if len(result["marks"]) != result["outcomes"].get("accepted"):
        raise RuntimeError(f"not every package was accepted: {result['outcomes']}")
    return float(result["marks"][-1]), float(result["cpu_s"])


def median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.before_after", description=__doc__)
    parser.add_argument("--base", default=BASE, help="the commit before the change")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / ".work")
    parser.add_argument("--schools", type=int, default=0, help="quick run: only N schools")
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args(argv)
    work: Path = args.work.resolve()
    schools = sample_schools(work, report=_say)
    if args.schools:
        schools = schools[: args.schools]
    folder = package_folder(work, schools)
    template = bureau_template(work / "bureau-902" / "template.db", schools)
    packages = [Path(s.package) for s in schools]
    identities = prefecture_keys(work).identities
    started = datetime.now(UTC)
    lines: list[str] = []
    with base_tree(args.base) as base:
        trees = {"before": base, "after": ROOT}

        # Collect, with the floor beside each run.
        loads = [load_average()]
        wall: dict[str, list[float]] = {"before": [], "after": []}
        cpu: dict[str, list[float]] = {"before": [], "after": []}
        floor: list[float] = []
        floor_cpu: list[float] = []
        for n in range(args.repeats):
            for side, src in trees.items():
                w, c = timed_with_cpu(lambda: read_floor(packages, identities))
                floor.append(w)
                floor_cpu.append(c)
                db = fresh_copy(template, work / "before-after" / side / "prefecture.db")
                w, c = collect_run(src, db, folder)
                wall[side].append(w)
                cpu[side].append(c)
                _say(f"collect {len(schools)}, {side} {n + 1}: {w:.2f} s (CPU {c:.2f} s)")
        loads.append(load_average())
        f, fc = median(floor), median(floor_cpu)
        lines.append(
            f"| collect {len(schools)} school packages (wall; CPU of the collect) | "
            f"{fmt(median(wall['before']), 's')}; {fmt(median(cpu['before']), 's')} | "
            f"{fmt(median(wall['after']), 's')}; {fmt(median(cpu['after']), 's')} | "
            f"floor {fmt(f, 's')}; {fmt(fc, 's')}: wall {median(wall['before']) / f:.1f}× → "
            f"{median(wall['after']) / f:.1f}×, CPU {median(cpu['before']) / fc:.1f}× → "
            f"{median(cpu['after']) / fc:.1f}× | {loads[0]} → {loads[1]} |"
        )

        # The light commands.
        db = bureau_copy(template, work)
        repeats = max(args.repeats, 10)
        loads = [load_average()]
        reference, _ = measure(REFERENCE, repeats)
        for command in COMMANDS:
            shown: dict[str, str] = {}
            for side, src in trees.items():
                w, c = measure(command_argv(command, db), repeats, src)
                shown[side] = f"{fmt(w.median, 's')} (CPU {fmt(c.median, 's')})"
            loads.append(load_average())
            lines.append(
                f"| `cxdesk {' '.join(command)}`, wall (CPU) | {shown['before']} | "
                f"{shown['after']} | {REFERENCE_NAME} {fmt(reference.median, 's')}"
                f" | {loads[-2]} → {loads[-1]} |"
            )

        # A school's import of a full template.
        workbook, code, counselors = full_template(work)
        floor_import = repeat(lambda: calamine_floor(workbook), repeats)
        alone: dict[str, str] = {}
        whole: dict[str, str] = {}
        loads = [load_average()]
        for side, src in trees.items():
            school_db = school_database(code, work / "import" / side, src)
            alone[side] = fmt(in_process(workbook, school_db, repeats, src).median, "s")
            whole[side] = fmt(whole_command(workbook, school_db, repeats, src).median, "s")
        loads.append(load_average())
        lines.append(
            f"| import-xlsx of a full template ({counselors} counselors): the import; the "
            f"whole command | {alone['before']}; {whole['before']} | {alone['after']}; "
            f"{whole['after']} | calamine reads every cell {fmt(floor_import.median, 's')} | "
            f"{loads[0]} → {loads[1]} |"
        )

    table = "\n".join(
        [
            f"`python -m benchmarks.before_after --repeats {args.repeats}`, "
            f"{started:%Y-%m-%d %H:%M} UTC: the code of {args.base} (before) and of this tree "
            "(after), in turns, in the same run (medians; load average 1/5/15 min before → "
            "after each case, on 2 cores shared with the other engineers' test runs):",
            "",
            "| case | before | after | reference (same run) | load |",
            "|---|---|---|---|---|",
            *lines,
        ]
    )
    print(table)
    if not args.no_docs:
        if replace_between(DOC, BEGIN, END, table):
            _say("written to docs/benchmarks.md")
        else:
            _say(f"docs/benchmarks.md has no {BEGIN} marker: not written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
