"""``python -m benchmarks``: build the data, run every case, print and record the table.

Options: ``--repeats N`` (runs per case, default 3), ``--province N`` (packages of the
province case, default 20,000), ``--roster N`` (counselors of the roster case, default
100,000), ``--only CASE ...`` (collect, province, summary, export, roster, startup),
``--work DIR`` (where the data is built and kept between runs, default
``benchmarks/.work``), ``--fresh`` (rebuild the data),
``--no-docs`` (do not write docs/benchmarks.md).  See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import docs, shipping
from benchmarks.machine import describe, load_average
from benchmarks.stats import Row, table

ROOT = Path(__file__).resolve().parents[1]
CASES = ("collect", "province", "summary", "export", "roster", "startup")


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--province", type=int, default=20_000)
    parser.add_argument("--roster", type=int, default=100_000)
    parser.add_argument("--only", nargs="+", choices=CASES, default=list(CASES))
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / ".work")
    parser.add_argument("--schools", type=int, default=0, help="quick run: only N sample schools")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args(argv)

    from benchmarks.collecting import collect_902, collect_province
    from benchmarks.data import province_packages, sample_schools
    from benchmarks.reporting import export_one, summary_by_county
    from benchmarks.roster import roster_view

    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    machine = describe()
    machine["load average at start (1/5/15 min)"] = load_average()
    _say("machine: " + "; ".join(f"{k} {v}" for k, v in machine.items()))
    rows: list[Row] = []
    cases = set(args.only)

    schools = sample_schools(work, fresh=args.fresh, report=_say)
    if args.schools:
        schools = schools[: args.schools]
    _say(f"sample: {len(schools)} school packages")
    if "collect" in cases:
        rows.append(collect_902(work, schools, args.repeats, _say))
    bureau = work / "bureau-902" / "run" / "prefecture.db"
    schools_in_bureau = len(schools)
    if cases & {"province", "summary", "roster"}:
        packages = province_packages(work, schools, args.province, fresh=args.fresh, report=_say)
        folder = work / f"province-{args.province}"
        province_db = work / f"bureau-{args.province}" / "run" / "prefecture.db"
        if "province" in cases or not province_db.exists():
            province_rows, province_db = collect_province(work, packages, folder, _say)
            if "province" in cases:
                rows += province_rows
        bureau, schools_in_bureau = province_db, len(packages)
    if "summary" in cases:
        rows.append(summary_by_county(bureau, max(args.repeats, 5), schools_in_bureau))
        _say(f"summary: {rows[-1].measure.median:.3f} s")
    if "export" in cases:
        rows.append(export_one(work, max(args.repeats, 5)))
        _say(f"export: {rows[-1].measure.median:.3f} s")
    if "roster" in cases:
        rows += roster_view(bureau, work, args.roster, max(args.repeats, 3))
        _say(f"roster: open {rows[-2].measure.median:.3f} s, sort {rows[-1].measure.median:.3f} s")
    if "startup" in cases:
        rows += shipping.rows(args.repeats, _say)

    machine["load average at end (1/5/15 min)"] = load_average()
    text = table(rows)
    print()
    print(text)
    notes = [f"{r.case}: {r.note}" for r in rows if r.note]
    for note in notes:
        print(f"- {note}")
    missed = [r.case for r in rows if r.met is False]
    print(f"\ntargets missed: {', '.join(missed) if missed else 'none'}")
    if not args.no_docs:
        docs.record(ROOT / "docs" / "benchmarks.md", rows, machine, started, argv or sys.argv[1:])
        _say("written to docs/benchmarks.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
