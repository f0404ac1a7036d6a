"""What a bureau counted for a school in the period before: the base of the swing rule.

At collect the bureau runs the school's checks again (:func:`cxdesk.bureau.collect.
findings_summary`); the swing rule (S-S04) compares the package with the figures of the
package the bureau counted for that school in the previous period, the same figures its
summaries show for that period.
"""

from __future__ import annotations

import functools

from sqlalchemy import Select, bindparam, select
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
    snapshot = session.scalars(_counted_school(), {"code": school_code, "period": before.label})
    school = snapshot.first()
    if school is None:
        return None
    return PreviousFigures(before.label, school_figures(session, school=school, period=before))


@functools.cache
def _counted_school() -> Select[School]:
    # Built once: collect asks it for every package (issue 16).
    return (
        select(School)
        .join(Submission, School.submission_id == Submission.id)
        .where(
            Submission.sender_code == bindparam("code"),
            Submission.period_label == bindparam("period"),
            Submission.status == "accepted",
        )
    )
