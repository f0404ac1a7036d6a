"""The school's packages of a period, newest first, as the 上报 page lists them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.models import ExportLog, ReportingPeriod, School


@dataclass(frozen=True)
class ExportEntry:
    """One exported package: its number, when (UTC), its status ("sent", "receipted",
    "returned", ...) and its file's name."""

    sequence: int
    created: datetime
    status: str
    file_name: str


def export_history(
    session: Session, *, school: School, period: ReportingPeriod
) -> list[ExportEntry]:
    """Every package ``school`` exported for ``period``, the latest first."""
    return [
        ExportEntry(e.sequence, e.created_at, e.status, e.file_name)
        for e in session.scalars(
            select(ExportLog)
            .where(ExportLog.sender_code == school.code, ExportLog.period_id == period.id)
            .order_by(ExportLog.sequence.desc())
        )
    ]
