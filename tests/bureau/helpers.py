"""Helpers of the bureau tests: re-exporting a school after a change, reading figures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cxdesk.bureau.summary import bureau_summary
from cxdesk.models import Submission
from cxdesk.services.counselors import add_counselor
from cxdesk.services.periods import get_period
from cxdesk.services.records import CounselorInput
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database


def add_part_timer(session: Session) -> None:
    """One more part-time counselor: the figures change by exactly one."""
    school = own_school(session)
    add_counselor(
        session,
        school_id=school.id,
        data=CounselorInput(
            name="新来的老师",
            post_type="part_time",
            main_subject="chinese",
            start_date=date(2026, 3, 1),
        ),
    )


def reexport(
    root: Path,
    plan: Any,
    workdir: Path,
    out: Path,
    change: Callable[[Session], None] = add_part_timer,
) -> Path:
    """Copy the school's installation, change it, export again: the next sequence."""
    from .crafting import export_from, school_copy

    return export_from(school_copy(root, plan, workdir), out, lambda session, _db: change(session))


def totals(db: Database, group_by: Any = None) -> dict[str, Any]:
    with db.transaction() as session:
        summary = bureau_summary(session, period=get_period(session, "2026"), group_by=group_by)
        return summary.to_json()


def soffice_csv(xlsx: Path, workdir: Path) -> Path:
    """LibreOffice's reading of the first sheet of ``xlsx``, as a UTF-8 CSV file."""
    import subprocess

    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{workdir / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(workdir / "csv"),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return workdir / "csv" / (xlsx.stem + ".csv")


def statuses(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return {
            status: int(n)
            for status, n in session.execute(
                select(Submission.status, func.count()).group_by(Submission.status)
            )
        }
