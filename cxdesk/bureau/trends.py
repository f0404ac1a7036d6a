"""The bureau's figures over every period it has counted packages for, oldest first.

The dashboard's trend charts draw these; each period's totals are its summary (as of its
own reference date, docs/figures.md), so a trend point is exactly the figure the summary
of that period shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.bureau.summary import bureau_summary
from cxdesk.models import ReportingPeriod, Submission
from cxdesk.services.bureau_identity import Bureau
from cxdesk.services.bureaus import own_bureau


@dataclass(frozen=True)
class TrendPoint:
    period: str
    totals: dict[str, Any]


def counted_periods(session: Session, bureau: Bureau) -> list[ReportingPeriod]:
    """The periods with at least one counted school package in scope, oldest first."""
    counted = select(Submission.period_label).where(
        Submission.status == "accepted", Submission.sender_role == "school"
    )
    if bureau.county_code is not None:
        counted = counted.where(Submission.county_code == bureau.county_code)
    query = (
        select(ReportingPeriod)
        .where(ReportingPeriod.label.in_(counted))
        .order_by(ReportingPeriod.end_date, ReportingPeriod.label)
    )
    return list(session.scalars(query))


def trend(session: Session, *, bureau: Bureau | None = None) -> list[TrendPoint]:
    """Each counted period's totals, oldest first."""
    bureau = bureau or own_bureau(session)
    return [
        TrendPoint(period.label, bureau_summary(session, period=period, bureau=bureau).totals)
        for period in counted_periods(session, bureau)
    ]
