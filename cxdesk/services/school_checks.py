"""Checking a school's data for a period, compared with what it reported the period before.

The rules never look anything up themselves: this service finds the figures of the
previous period and hands them to :func:`cxdesk.checks.run_checks` (the swing rule S-S04).
They are the figures the school *reported* for that period (its latest package of it, as
the bureau has them); for a period it never exported, its own data as of that period's
reference date.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.as_of import AsOf
from cxdesk.checks import Finding, run_checks
from cxdesk.checks.engine import PreviousFigures
from cxdesk.figures import school_figures
from cxdesk.i18n import Message
from cxdesk.models import ExportLog, ReportingPeriod, School
from cxdesk.period_records import period_records
from cxdesk.services.periods import previous_period


def figures_from_json(text: str) -> dict[str, Any]:
    """Figures as a manifest writes them (exact decimals as strings) back to numbers."""
    figures: dict[str, Any] = json.loads(text)
    return {k: Decimal(v) if isinstance(v, str) else v for k, v in figures.items()}


def reported_figures(
    session: Session, *, school: School, period: ReportingPeriod
) -> dict[str, Any] | None:
    """The figures of the school's latest package of ``period``, if it sent one."""
    text = session.scalars(
        select(ExportLog.figures_json)
        .where(
            ExportLog.sender_code == school.code,
            ExportLog.period_id == period.id,
            ExportLog.figures_json.is_not(None),
        )
        .order_by(ExportLog.sequence.desc())
    ).first()
    return figures_from_json(text) if text else None


def previous_figures(
    session: Session, *, school: School, period: ReportingPeriod
) -> PreviousFigures | None:
    """The figures of the period before ``period``: as reported, else as of its date."""
    before = previous_period(session, period)
    if before is None:
        return None
    figures = reported_figures(session, school=school, period=before)
    if figures is None:
        figures = school_figures(session, school=school, period=before)
    return PreviousFigures(before.label, figures)


def left_out_notes(session: Session, *, school: School, period: ReportingPeriod) -> list[Message]:
    """The records of a later period, left out of ``period`` (each note names its date)."""
    return period_records(session, school=school, as_of=AsOf.of(period)).notes


def check_school(session: Session, *, school: School, period: ReportingPeriod) -> list[Finding]:
    """Every finding on the school's data for ``period`` (see :func:`run_checks`)."""
    previous = previous_figures(session, school=school, period=period)
    return run_checks(session, school=school, period=period, previous=previous)
