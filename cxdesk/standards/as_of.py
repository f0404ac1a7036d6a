"""The one date compliance is evaluated at: the period's reference date (统计时点).

Kept in one place so that it can follow the shared "as of the reference date" function
when the periods work provides one; everything in :mod:`cxdesk.standards` asks here.
"""

from __future__ import annotations

from datetime import date

from cxdesk.models import ReportingPeriod


def evaluation_date(period: ReportingPeriod) -> date:
    """The date a school's standing is taken at for ``period``."""
    return period.reference_date
