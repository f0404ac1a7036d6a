"""The summary of a province by county, and the export of one school package."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from benchmarks.data import fresh_copy, school_databases
from benchmarks.stats import Row, repeat

SUMMARY_LIMIT_S = 1.0
EXPORT_LIMIT_S = 1.0
PERIOD = "2026"

#: The bare floor of the summary: the same tables joined and counted by county, in SQL.
BARE_SUMMARY_SQL = """
SELECT s.county_code, count(DISTINCT s.id), count(c.id)
FROM school s
JOIN submission u ON u.id = s.submission_id AND u.status = 'accepted' AND u.period_label = ?
LEFT JOIN counselor c ON c.school_id = s.id
GROUP BY s.county_code
"""


def summary_by_county(db_path: Path, repeats: int, schools: int) -> Row:
    """``bureau_summary(group_by="county")`` over every counted school of ``db_path``."""
    from cxdesk.bureau.summary import bureau_summary
    from cxdesk.services.periods import get_period
    from cxdesk.storage.db import open_database

    db = open_database(db_path)
    reported: list[int] = []

    def run() -> None:
        with db.reading() as session:
            summary = bureau_summary(session, period=get_period(session, PERIOD), group_by="county")
            reported.append(int(summary.totals["schools_reported"]))

    try:
        measure = repeat(run, repeats)
    finally:
        db.close()
    if reported[-1] != schools:
        raise RuntimeError(f"the summary counted {reported[-1]} schools, not {schools}")
    conn = sqlite3.connect(db_path)
    try:
        reference = repeat(lambda: conn.execute(BARE_SUMMARY_SQL, (PERIOD,)).fetchall(), repeats)
    finally:
        conn.close()
    return Row(
        f"summary of {schools:,} schools by county",
        measure,
        f"< {SUMMARY_LIMIT_S:g} s",
        measure.median < SUMMARY_LIMIT_S,
        reference=reference,
        reference_name="bare SQL count by county",
        ratio=measure.median / reference.median,
    )


def largest_school(work: Path) -> tuple[Path, int]:
    """The sample school with the most counselors: its database, and how many."""

    def counselors(path: Path) -> int:
        conn = sqlite3.connect(path)
        try:
            return int(conn.execute("SELECT count(*) FROM counselor").fetchone()[0])
        finally:
            conn.close()

    path = max(school_databases(work), key=counselors)
    return path, counselors(path)


def write_floor(rows: list[list[list[object]]]) -> None:
    """The bare floor of an export: openpyxl writes the same cell values, nothing else."""
    import io

    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    for sheet_rows in rows:
        sheet = book.create_sheet()
        for row in sheet_rows:
            sheet.append(row)
    book.save(io.BytesIO())


def export_one(work: Path, repeats: int) -> Row:
    """``export_report`` of the sample's biggest school, each run a new sequence."""
    import openpyxl

    from cxdesk.exchange.export import export_report, outbox_dir
    from cxdesk.exchange.keys import keys_dir, load_signer
    from cxdesk.storage.db import open_database

    source, counselors = largest_school(work)
    with tempfile.TemporaryDirectory(prefix="cxdesk-bench-export-") as tmp:
        folder = Path(tmp) / "school"
        shutil.copytree(source.parent, folder, ignore=shutil.ignore_patterns("outbox"))
        path = folder / "cxdesk.db"
        fresh_copy(source, path)
        db = open_database(path)
        made: list[Path] = []

        def run() -> None:
            out = Path(tmp) / f"usb{len(made)}"
            out.mkdir()
            with db.transaction() as session:
                signer = load_signer(session, key_dir=keys_dir(path))
                result = export_report(
                    session,
                    period_label=PERIOD,
                    out_dir=out,
                    outbox=outbox_dir(path),
                    signer=signer,
                )
            made.append(result.path)

        try:
            measure = repeat(run, repeats)
        finally:
            db.close()
        from benchmarks.data import prefecture_keys
        from cxdesk.exchange.encryption import open_package
        from cxdesk.exchange.verify import verify_package
        from cxdesk.exchange.workbook_check import WORKBOOK_NAME

        workbook = Path(tmp) / "w.xlsx"
        opened = open_package(verify_package(made[-1]), prefecture_keys(work))
        workbook.write_bytes(opened.members[WORKBOOK_NAME])
        book = openpyxl.load_workbook(workbook, read_only=True)
        cells = [[list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets]
        book.close()
        reference = repeat(lambda: write_floor(cells), repeats)
    return Row(
        "export of one school package",
        measure,
        f"< {EXPORT_LIMIT_S:g} s",
        measure.median < EXPORT_LIMIT_S,
        reference=reference,
        reference_name="openpyxl writes the same cells",
        ratio=measure.median / reference.median,
        note=f"the sample's biggest school ({counselors} counselors)",
    )
