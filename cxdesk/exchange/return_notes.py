"""The bureau's current return of the school's report, arranged by the records it concerns.

The comments come from :func:`cxdesk.exchange.current_return`, so they are shown exactly
as long as the school's latest export of the current period is the returned one: the next
export makes them disappear (they stay in the history on the 上报 page).  The desktop app
shows them where the records are (:mod:`cxdesk.ui.shell.return_notes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.exchange.replies import current_return
from cxdesk.models import ReportingPeriod
from cxdesk.services.period_label import current_period_label
from cxdesk.services.setup import own_school


@dataclass(frozen=True)
class ReturnNotes:
    """The current return of the school's report, arranged by the records it concerns."""

    bureau_name: str
    sequence: int
    message: str | None
    total: int
    #: (table, local record id) -> the comments on that record.
    by_record: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    #: table -> labels of commented records that are not found here any more.
    missing: dict[str, list[str]] = field(default_factory=dict)

    def comments(self, table: str, record_id: int) -> list[str]:
        return self.by_record.get((table, record_id), [])

    def marked(self, table: str) -> int:
        return sum(1 for t, _ in self.by_record if t == table)


def read_return_notes(session: Session) -> ReturnNotes | None:
    """The comments of the bureau's return of the latest export, None when there is none.

    Only reads: the current period is looked up, not created (no period, no export).
    """
    period = session.scalars(
        select(ReportingPeriod).where(ReportingPeriod.label == current_period_label())
    ).first()
    if period is None:
        return None
    view = current_return(session, school=own_school(session), period=period)
    if view is None:
        return None
    by_record: dict[tuple[str, int], list[str]] = {}
    missing: dict[str, list[str]] = {}
    for c in view.comments:
        if c.table is None:
            continue
        if c.record_id is None:
            missing.setdefault(c.table, []).append(c.record_label)
        else:
            by_record.setdefault((c.table, c.record_id), []).append(c.comment)
    return ReturnNotes(
        view.bureau_name, view.sequence, view.message, len(view.comments), by_record, missing
    )
