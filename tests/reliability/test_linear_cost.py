"""Collecting stays linear: what runs for each package looks only at that package's school.

A bureau collects thousands of packages; for each it computes the school's figures (the
rule engine needs them).  If that query read every school already in the file, each
package would cost more than the one before (the 20,000-package benchmark measured it).
SQLite's query plan shows it: the one-school figures search by index, never scan a table.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.engine import Connection

from cxdesk.bureau.collect import collect
from cxdesk.figures import school_figures
from cxdesk.models import School
from cxdesk.services.periods import get_period
from cxdesk.storage.db import open_database
from tests.reliability.conftest import SamplePackages
from tests.reliability.packages import make_bureau


def test_one_schools_figures_never_scan_the_other_schools(
    sample_packages: SamplePackages, tmp_path: Path
) -> None:
    path = make_bureau(
        tmp_path / "prefecture.db",
        sample_packages.plans,
        sample_packages.built,
        sample_packages.bureaus,
    )
    db = open_database(path)
    try:
        report = collect(db, [sample_packages.folder], backup=False)
        assert report.count("accepted") == len(sample_packages.built)
        statements: list[tuple[str, object]] = []

        @event.listens_for(db.engine, "before_cursor_execute")
        def _keep(
            conn: Connection,
            cursor: object,
            statement: str,
            params: object,
            context: object,
            executemany: bool,
        ) -> None:
            statements.append((statement, params))

        with db.reading() as session:
            period = get_period(session, "2026")
            schools = list(session.scalars(select(School).order_by(School.id)))
            figures = [school_figures(session, school=s, period=period) for s in schools]
            statement, params = statements[-1]
            raw = session.connection().connection.driver_connection
            assert raw is not None
            plan = [r[3] for r in raw.execute(f"EXPLAIN QUERY PLAN {statement}", params)]
    finally:
        db.close()
    # Each school's figures are its own (the scoping changed no result) ...
    assert [f["counselors"] for f in figures] == [len(p.counselors) for p in sample_packages.plans]
    assert [f["rooms"] for f in figures] == [len(p.rooms) for p in sample_packages.plans]
    # ... and are found by index: no table is scanned whole.
    scans = [step for step in plan if step.startswith("SCAN ") and "anon" not in step]
    assert scans == [], plan
