"""Export and collect of the 902 sample schools, before and after encryption, in one run.

``python -m benchmarks.encryption_before_after --base BASE_TREE [--work DIR] [--schools N]
[--repeats R]``

BASE_TREE is a checkout of the commit before format 2 (``git worktree add --detach
/tmp/base-12 b184c3e``).  The run:

1. builds the sample schools' databases once, with the base code (schema 0004; the current
   code upgrades a copy when it opens it, outside the timed part);
2. sets the sample bureaus' keys up (current code), as a real chain must before exporting;
3. for each side, in processes of its own (``PYTHONPATH`` = that tree), exports every
   school from its own copy of the databases: only ``load_signer`` + ``export_report`` is
   timed, per school (the current code's schools registered their county's key file first,
   untimed, and encrypt to the county and the prefecture); the sides take turns by blocks
   of 50 schools, so that a change of the machine's load hits both;
4. collects each side's 902 packages into a fresh prefecture database with that side's
   code (wall clock and CPU time of the call), ``repeats`` times, the sides alternating
   (before, after, before, after, …) so that a change of the machine's load hits both;
   the current code's bureau opens its keys before the timed call, as the clerk types
   the passphrase once per session.

It prints the figures and writes them to ``WORK/encryption-before-after.json``.  With
``--collect-only`` it keeps the packages a previous run exported in WORK and repeats step 4
alone (the export figures of that run are kept).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = Path(__file__).with_name("encryption_child.py")
#: Schools exported by one side before the other side takes its turn.
BLOCK = 50


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def _child(tree: Path, *args: str) -> dict[str, object]:
    """Run the child script with ``tree``'s cxdesk; its JSON answer."""
    env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(CHILD), *args],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _export(work: Path, base: Path, schools: Path, only: int) -> dict[str, dict[str, float]]:
    """Steps 1 to 3: the schools, the bureaus' keys, each side's export; its figures."""
    if not (schools / "built.json").exists():
        _say("building the sample schools with the base code (once)…")
        _child(base, "build", str(schools), str(only))
    _say("the bureaus' keys (current code)…")
    _child(ROOT, "bureaus", str(work / "bureaus"))

    sides = (("before", base), ("after", ROOT))
    total = len(json.loads((schools / "built.json").read_text("utf-8")))
    times: dict[str, list[float]] = {"before": [], "after": []}
    for side, _tree in sides:
        if (work / side).exists():
            shutil.rmtree(work / side)
    for start in range(0, total, BLOCK):
        for side, tree in sides:
            answer = _child(
                tree,
                "export",
                side,
                str(schools),
                str(work / side),
                str(work / "bureaus"),
                f"{start}:{start + BLOCK}",
            )
            times[side] += [float(t) for t in answer["times"]]  # type: ignore[attr-defined]
        _say(f"exported {min(start + BLOCK, total)}/{total} schools on each side")
    exports = {
        side: {
            "count": len(times[side]),
            "total": sum(times[side]),
            "median": statistics.median(times[side]),
        }
        for side in times
    }
    for side in times:
        _say(
            f"{side}: export {exports[side]['count']} schools: total "
            f"{exports[side]['total']:.1f} s, median {exports[side]['median'] * 1000:.0f} ms"
        )
    return exports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / ".work-encryption")
    parser.add_argument("--schools", type=int, default=0, help="only N schools (a quick run)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--collect-only", action="store_true", help="collect again the packages of the last run"
    )
    args = parser.parse_args(argv)
    work: Path = args.work.resolve()
    base: Path = args.base.resolve()
    work.mkdir(parents=True, exist_ok=True)
    from benchmarks.machine import describe, load_average

    _say("machine: " + "; ".join(f"{k} {v}" for k, v in describe().items()))
    results: dict[str, object] = {"load_at_start": load_average(), "schools": args.schools}

    schools = work / "schools"
    kept = work / "encryption-before-after.json"
    if args.collect_only:
        exports = json.loads(kept.read_text("utf-8"))["export"]
    else:
        exports = _export(work, base, schools, args.schools)
    collects: dict[str, list[float]] = {"before": [], "after": []}
    #: The CPU time of the same calls: the other engineers' load disturbs it much less.
    cpu: dict[str, list[float]] = {"before": [], "after": []}
    for n in range(args.repeats):
        for side, tree in (("before", base), ("after", ROOT)):
            answer = _child(
                tree, "collect", side, str(work / side), str(work / "bureaus"), str(schools)
            )
            collects[side].append(float(answer["seconds"]))  # type: ignore[arg-type]
            cpu[side].append(float(answer["cpu"]))  # type: ignore[arg-type]
            _say(
                f"{side}: collect {answer['accepted']} packages, run {n + 1}: "
                f"{answer['seconds']:.1f} s (CPU {answer['cpu']:.1f} s)"
            )
    results["export"] = exports
    results["collect"] = collects
    results["collect_cpu"] = cpu
    results["load_at_end"] = load_average()
    before, after = statistics.median(collects["before"]), statistics.median(collects["after"])
    results["collect_added"] = after / before - 1
    cpu_before, cpu_after = statistics.median(cpu["before"]), statistics.median(cpu["after"])
    results["collect_cpu_added"] = cpu_after / cpu_before - 1
    export_before = float(exports["before"]["total"])
    export_after = float(exports["after"]["total"])
    results["export_added"] = export_after / export_before - 1
    (work / "encryption-before-after.json").write_text(json.dumps(results, indent=1), "utf-8")
    _say(
        f"collect: before {before:.1f} s, after {after:.1f} s (median of {args.repeats}): "
        f"{results['collect_added']:+.1%}; CPU: before {cpu_before:.1f} s, after "
        f"{cpu_after:.1f} s: {results['collect_cpu_added']:+.1%}; export: before {export_before:.1f} s, after "
        f"{export_after:.1f} s: {results['export_added']:+.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
