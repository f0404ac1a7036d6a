"""The light commands' start-up in instructions executed, before and after a change.

``python -m benchmarks.light_instructions [--base COMMIT] [--db PATH] [--work DIR]
[--marker NAME] [--no-docs]`` runs each light command (and, for scale, bare interpreters)
under valgrind's callgrind, with the code of COMMIT (a temporary git worktree; default the
base of issue 16) and of this tree, and counts the instructions executed: unlike time, the
count does not depend on what else the machine is doing.  Bytecode is cached first, as in
an installed package.  Each side reads its own copy of the prefecture database: ``--db``
(one with its packages collected), or else the collect case's template (register and
keys, built from the sample the first time).  Needs ``valgrind``; each run takes about 30
times its normal time.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.before_after import DOC, base_tree
from benchmarks.data import bureau_template, sample_schools
from benchmarks.docs import replace_between
from benchmarks.light_commands import COMMANDS, _env, bureau_copy

ROOT = Path(__file__).resolve().parents[1]
SCALE = (
    ("python, nothing imported", ["-c", "pass"]),
    ("python importing sqlite3", ["-c", "import sqlite3"]),
    ("python importing sqlalchemy.orm", ["-c", "import sqlalchemy.orm"]),
)


def instructions(args: list[str], src: Path) -> int:
    """Instructions executed by ``python ARGS`` with the code in ``src``."""
    subprocess.run([sys.executable, *args], cwd=src, env=_env(src), capture_output=True)
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, *args],
        cwd=src,
        env=_env(src),
        capture_output=True,
        text=True,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(done.stderr[-2000:])
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.light_instructions")
    parser.add_argument("--base", default="b184c3e")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / ".work")
    parser.add_argument("--db", type=Path, help="a prefecture database to copy for each run")
    parser.add_argument("--marker", default="issue16-instructions", help="the table's marker")
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)")
        return 2
    work: Path = args.work.resolve()
    if args.db is not None:
        template = args.db.resolve()
        with closing(sqlite3.connect(f"{template.as_uri()}?mode=ro", uri=True)) as conn:
            keys = conn.execute("SELECT count(*) FROM trusted_key").fetchone()[0]
            packages = conn.execute("SELECT count(*) FROM submission").fetchone()[0]
        what = f"{keys} keys and {packages} packages in the prefecture database"
    else:
        schools = sample_schools(work)
        template = bureau_template(work / "bureau-902" / "template.db", schools)
        what = f"{len(schools)} keys in the prefecture database"
    started = datetime.now(UTC)
    lines = []
    with base_tree(args.base) as base:
        for label, python_args in SCALE:
            count = instructions(python_args, ROOT)
            lines.append(f"| {label} | {count / 1e6:,.0f} M | {count / 1e6:,.0f} M | — |")
        for command in COMMANDS:
            counts = []
            for src in (base, ROOT):
                db = bureau_copy(template, work / "instructions" / src.name)
                counts.append(instructions(["-m", "cxdesk", *command, "--db", str(db)], src))
            before, after = counts
            lines.append(
                f"| `cxdesk {' '.join(command)}` | {before / 1e6:,.0f} M | {after / 1e6:,.0f} M"
                f" | {after / before - 1:+.0%} |"
            )
    table = "\n".join(
        [
            f"`python -m benchmarks.light_instructions`, {started:%Y-%m-%d %H:%M} UTC ({what}):",
            "",
            f"| command | before ({args.base}) | after | change |",
            "|---|---|---|---|",
            *lines,
        ]
    )
    print(table)
    begin, end = f"<!-- benchmarks:{args.marker} -->", f"<!-- /benchmarks:{args.marker} -->"
    if not args.no_docs and not replace_between(DOC, begin, end, table):
        print(f"docs/benchmarks.md has no {begin} marker: not written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
