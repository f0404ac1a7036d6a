"""``python -m benchmarks``: build the data, run every case, print and record the table.

Options: ``--repeats N`` (runs per case, default 3), ``--province N`` (packages of the
province case, default 20,000), ``--roster N`` (counselors of the roster case, default
100,000), ``--only CASE ...`` (collect, province, summary, compliance, export, import, roster,
light, startup),
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

from benchmarks import docs, results, shipping
from benchmarks.machine import describe, load_average
from benchmarks.stats import Row, table

ROOT = Path(__file__).resolve().parents[1]
CASES = (
    "collect",
    "province",
    "summary",
    "compliance",
    "export",
    "import",
    "roster",
    "light",
    "startup",
)
#: The order the table lists them in (the run order differs: the longest first).


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--province", type=int, default=20_000)
    parser.add_argument(
        "--province-minutes",
        type=float,
        default=None,
        help="stop the province collect after this long (a busy machine); the rows say so",
    )
    parser.add_argument("--roster", type=int, default=100_000)
    parser.add_argument("--only", nargs="+", choices=CASES, default=list(CASES))
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / ".work")
    parser.add_argument("--schools", type=int, default=0, help="quick run: only N sample schools")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument(
        "--docs-only", action="store_true", help="measure nothing: rewrite the table kept"
    )
    args = parser.parse_args(argv)

    from benchmarks.collecting import collect_902, collect_province
    from benchmarks.data import bureau_template, province_packages, sample_schools
    from benchmarks.light_commands import bureau_copy, light_rows
    from benchmarks.reporting import export_one, summary_by_county
    from benchmarks.roster import roster_view
    from benchmarks.school_import import import_rows

    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    machine = describe()
    machine["load average at start (1/5/15 min)"] = load_average()
    _say("machine: " + "; ".join(f"{k} {v}" for k, v in machine.items()))
    cases = set(args.only)
    store = results.Store(work / "results.json")
    command = argv if argv is not None else sys.argv[1:]

    def done(case: str, rows: list[Row]) -> None:
        """Keep a case's rows at once: a run stopped later loses nothing measured."""
        store.put(case, rows, load_average(), " ".join(["python -m benchmarks", *command]))
        for row in rows:
            _say(f"{row.case}: median {row.measure.median:.3f} {row.measure.unit}")

    if args.docs_only:
        cases = set()
    schools = sample_schools(work, fresh=args.fresh, report=_say) if cases else []
    if args.schools:
        schools = schools[: args.schools]
    _say(f"sample: {len(schools)} school packages")
    bureau = work / "bureau-902" / "run" / "prefecture.db"
    schools_in_bureau = 0
    if cases & {"province", "summary", "compliance", "roster"}:
        packages = province_packages(work, schools, args.province, fresh=args.fresh, report=_say)
        folder = work / f"province-{args.province}"
        bureau = work / f"bureau-{args.province}" / "run" / "prefecture.db"
        province_rows, bureau, schools_in_bureau = collect_province(
            work, packages, folder, _say, minutes=args.province_minutes
        )
        if "province" in cases:
            done("province", province_rows)
    if "summary" in cases:
        done("summary", [summary_by_county(bureau, max(args.repeats, 5), schools_in_bureau)])
    if "compliance" in cases:
        from benchmarks.compliance import compliance_rows

        done("compliance", compliance_rows(bureau, max(args.repeats, 5), schools_in_bureau))
    if "export" in cases:
        done("export", [export_one(work, max(args.repeats, 5))])
    if "import" in cases:
        done("import", import_rows(work, max(args.repeats, 5)))
    if "roster" in cases:
        done("roster", roster_view(bureau, work, args.roster, max(args.repeats, 3)))
    if "light" in cases:
        template = bureau_template(work / "bureau-902" / "template.db", schools)
        db = bureau_copy(template, work)
        done("light", light_rows(db, len(schools), max(args.repeats, 10)))
    if "startup" in cases:
        done("startup", shipping.rows(args.repeats, _say))
    if "collect" in cases:
        done("collect", [collect_902(work, schools, args.repeats, _say)])

    machine["load average at end (1/5/15 min)"] = load_average()
    rows = store.rows(CASES)
    text = table(rows)
    print()
    print(text)
    for row in rows:
        if row.note:
            print(f"- {row.case}: {row.note}")
    missed = [r.case for r in rows if r.met is False]
    print(f"\ntargets missed: {', '.join(missed) if missed else 'none'}")
    if not args.no_docs:
        docs.record(
            ROOT / "docs" / "benchmarks.md",
            rows,
            machine,
            started,
            argv or sys.argv[1:],
            store.when(CASES),
        )
        _say("written to docs/benchmarks.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
