"""The prefecture roster view with 100,000 counselors: open it, then sort it by a column.

The counselors are those of a bureau database the collect cases filled (the province's,
about 50,000 counselors from 20,000 schools), copied by SQL within their schools until the
roster holds the wanted number (the copies have no identity number, which must be unique
within a school).  The view is measured in a process of its own with a real QTableView
over :class:`cxdesk.ui.bureau.roster_model.ScopeRosterModel` (offscreen Qt): "open" is
from creating the model to the window painted with its first rows; "sort" is a click on
a column header until the view shows the new first rows.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.data import remove_database
from benchmarks.stats import Measure, Row

ROSTER_LIMIT_S = 1.0
PERIOD = "2026"
COUNSELOR_COLUMNS = (
    "name, gender, ethnic_group, birth_date, post_type, main_subject, education, "
    "psychology_degree, title, start_date, recruited_as_psych, studio_role, status, left_date"
)
COUNTED = (
    "SELECT s.id FROM school s JOIN submission u ON u.id = s.submission_id "
    "WHERE u.status = 'accepted' AND u.period_label = ?"
)


def roster_database(source: Path, target: Path, counselors: int) -> int:
    """A copy of the bureau database ``source`` whose roster holds ``counselors`` rows."""
    remove_database(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(source)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    shutil.copyfile(source, target)
    conn = sqlite3.connect(target)
    try:
        count = f"SELECT count(*) FROM counselor WHERE school_id IN ({COUNTED})"
        have = int(conn.execute(count, (PERIOD,)).fetchone()[0])
        while have < counselors:
            conn.execute(
                f"INSERT INTO counselor (school_id, {COUNSELOR_COLUMNS}) "
                f"SELECT school_id, {COUNSELOR_COLUMNS} FROM counselor "
                f"WHERE school_id IN ({COUNTED}) ORDER BY id LIMIT ?",
                (PERIOD, counselors - have),
            )
            have = int(conn.execute(count, (PERIOD,)).fetchone()[0])
        conn.commit()
        return have
    finally:
        conn.close()


def bare_first_page(db_path: Path, order: str, repeats: int) -> Measure:
    """The reference: the same count and first page by plain SQL, no Qt, no ORM."""
    from benchmarks.stats import repeat

    sql = (
        "SELECT c.id, s.county_code, s.code, s.name, c.name, c.gender, c.post_type, "
        "c.main_subject, c.education, c.title, c.start_date, c.studio_role "
        f"FROM counselor c JOIN school s ON s.id = c.school_id WHERE s.id IN ({COUNTED}) "
        f"ORDER BY {order}, c.id LIMIT 200"
    )
    conn = sqlite3.connect(db_path)
    try:
        return repeat(
            lambda: (
                conn.execute(
                    f"SELECT count(*) FROM counselor WHERE school_id IN ({COUNTED})", (PERIOD,)
                ).fetchone(),
                conn.execute(sql, (PERIOD,)).fetchall(),
            ),
            repeats,
        )
    finally:
        conn.close()


def roster_view(source: Path, work: Path, counselors: int, repeats: int) -> list[Row]:
    db_path = work / "roster" / "prefecture.db"
    rows = roster_database(source, db_path, counselors)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "roster.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.roster_child",
                str(db_path),
                PERIOD,
                str(repeats),
                str(out),
            ],
            check=True,
            cwd=Path(__file__).resolve().parents[1],
        )
        result = json.loads(out.read_text("utf-8"))
    if result["total"] != rows:
        raise RuntimeError(f"the roster model counts {result['total']} rows, not {rows}")
    open_m, sort_m = Measure(result["open"]), Measure(result["sort"])
    open_ref = bare_first_page(db_path, "s.code", repeats)
    sort_ref = bare_first_page(db_path, "c.name", repeats)
    note = f"{rows:,} counselors; {result['loaded']} rows built at open"
    return [
        Row(
            f"roster view of {rows:,} counselors: open",
            open_m,
            f"< {ROSTER_LIMIT_S:g} s",
            open_m.median < ROSTER_LIMIT_S,
            reference=open_ref,
            reference_name="bare SQL count + first page",
            ratio=open_m.median / open_ref.median,
            note=note,
        ),
        Row(
            f"roster view of {rows:,} counselors: sort by a column",
            sort_m,
            f"< {ROSTER_LIMIT_S:g} s",
            sort_m.median < ROSTER_LIMIT_S,
            reference=sort_ref,
            reference_name="bare SQL sorted first page",
            ratio=sort_m.median / sort_ref.median,
            note="name, school, start date in turn",
        ),
    ]
