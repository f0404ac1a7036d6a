"""What a bureau counted for a school in the period before: the base of the swing rule.

At collect the bureau runs the school's checks again (:func:`cxdesk.bureau.collect.
findings_summary`); the swing rule (S-S04) compares the package with the figures of the
package the bureau counted for that school in the previous period, the same figures its
summaries show for that period.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.checks.engine import PreviousFigures
from cxdesk.figures import school_figures
from cxdesk.models import ReportingPeriod, School, Submission
from cxdesk.services.periods import previous_period


def counted_previous(
    session: Session, *, school_code: str, period: ReportingPeriod
) -> PreviousFigures | None:
    """The figures of the school's counted package of the period before, if any."""
    before = previous_period(session, period)
    if before is None:
        return None
    snapshot = session.scalars(
        select(School)
        .join(Submission, School.submission_id == Submission.id)
        .where(
            Submission.sender_code == school_code,
            Submission.period_label == before.label,
            Submission.status == "accepted",
        )
    ).first()
    if snapshot is None:
        return None
    return PreviousFigures(before.label, school_figures(session, school=snapshot, period=before))
