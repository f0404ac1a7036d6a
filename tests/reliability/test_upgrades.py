"""Upgrades: a database made by each earlier schema version opens with nothing lost.

Every ``tests/fixtures/schema_v*.db`` (v1 by the foundation; v2, v3, v4 made by
``tests/fixtures/make_schema_older_dbs.py`` with realistic data) is copied, opened by the
current cxdesk (which migrates it to the newest revision), and compared row by row with
what it held before; then the program uses it as its user would: a school's figures and
checks, a bureau's summary.  The fixture files themselves are never changed.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from cxdesk.storage import schema
from cxdesk.storage.db import open_database

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures").glob("schema_v*.db"))


def _rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if r[0] != "alembic_version"
        ]
        return {
            t: [dict(r) for r in conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid')]
            for t in tables
        }
    finally:
        conn.close()


def test_there_is_a_fixture_for_every_earlier_schema_version() -> None:
    made = {schema.database_revision(p)[1] for p in FIXTURES}
    assert set(schema.REVISIONS[:-1]) <= made, "add a fixture made by the missing revision"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_an_earlier_database_opens_with_nothing_lost(fixture: Path, tmp_path: Path) -> None:
    untouched = hashlib.sha256(fixture.read_bytes()).hexdigest()
    path = tmp_path / "cxdesk.db"
    shutil.copyfile(fixture, path)
    before = _rows(path)
    assert sum(len(rows) for rows in before.values()) >= 10, "a fixture must hold real data"

    open_database(path).close()

    assert schema.database_revision(path) == (True, schema.HEAD)
    after = _rows(path)
    for table, rows in before.items():
        assert table in after, f"table {table} disappeared"
        kept = [{c: row[c] for c in rows[0]} for row in after[table]] if rows else []
        assert kept == rows, f"rows of {table} changed"
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    _use_it(path, before)
    assert hashlib.sha256(fixture.read_bytes()).hexdigest() == untouched


def _use_it(path: Path, before: dict[str, list[dict[str, Any]]]) -> None:
    """What the user does next: the figures and checks of the school, or the summary."""
    from cxdesk.services.periods import get_period

    role = before["installation"][0]["role"]
    db = open_database(path)
    try:
        with db.reading() as session:
            period = get_period(session, "2026")
            if role == "school":
                from cxdesk.checks import run_checks
                from cxdesk.figures import school_figures
                from cxdesk.services.setup import own_school

                school = own_school(session)
                figures = school_figures(session, school=school, period=period)
                in_post = [
                    c
                    for c in before["counselor"]
                    if c["status"] == "in_post" or (c["left_date"] or "9999") > "2026-12-31"
                ]
                assert figures["counselors"] == len(in_post)
                in_use = [  # a room closed before the reference date no longer counts (0007)
                    r
                    for r in before["counselling_room"]
                    if (r.get("closed_on") or "9999") > "2026-12-31"
                ]
                assert figures["rooms"] == len(in_use)
                run_checks(session, school=school, period=period)
            else:
                from cxdesk.bureau.summary import bureau_summary

                summary = bureau_summary(session, period=period)
                accepted = [s for s in before["submission"] if s["status"] == "accepted"]
                assert summary.totals["schools_reported"] == len(accepted)
                assert summary.totals["schools_expected"] == len(before["register_entry"])
    finally:
        db.close()
