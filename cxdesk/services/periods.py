"""Reporting periods: a label such as "2026" with its start and end (the reference date)."""

from __future__ import annotations

import functools
import re
from datetime import date

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from cxdesk.errors import InputError
from cxdesk.i18n import Text
from cxdesk.models import ReportingPeriod
from cxdesk.storage.transaction_memo import forget, remembered

BAD_LABEL = Text(
    "期次“{label}”无效：请用年份（如 2026）或先用 cxdesk period add 定义该期次",
    "Unknown period {label!r}: use a year such as 2026, or define it first",
)
BAD_DATES = Text("期次的开始日期应早于结束日期", "A period must start before it ends")


def get_period(session: Session, label: str) -> ReportingPeriod:
    """The period with this label; a bare year is created as 1 January to 31 December."""
    period = find_period(session, label)
    if period is not None:
        return period
    if not re.fullmatch(r"(19|20)[0-9][0-9]", label):  # ASCII: "２０２６" is not a year label
        raise InputError(BAD_LABEL(label=label))
    year = int(label)
    return define_period(session, label=label, start=date(year, 1, 1), end=date(year, 12, 31))


def define_period(session: Session, *, label: str, start: date, end: date) -> ReportingPeriod:
    if start > end:
        raise InputError(BAD_DATES())
    period = session.scalars(select(ReportingPeriod).where(ReportingPeriod.label == label)).first()
    if period is None:
        period = ReportingPeriod(label=label, start_date=start, end_date=end)
        session.add(period)
    else:
        period.start_date, period.end_date = start, end
    session.flush()
    forget(session)  # the periods the transaction knew have changed
    return period


def previous_period(session: Session, period: ReportingPeriod) -> ReportingPeriod | None:
    """The latest period that ended before this one started, if any is defined."""
    return remembered(
        session,
        ("period before", period.start_date),
        lambda: session.scalars(_before(), {"start": period.start_date}).first(),
    )


def find_period(session: Session, label: str) -> ReportingPeriod | None:
    """The period with this label, if it is defined."""
    return remembered(
        session,
        ("period", label),
        lambda: session.scalars(_by_label(), {"label": label}).first(),
    )


# Built once, and asked once in a collect's transaction (cxdesk.storage.transaction_memo):
# collect asks these for every package (issue 16).
@functools.cache
def _by_label() -> Select[ReportingPeriod]:
    return select(ReportingPeriod).where(ReportingPeriod.label == bindparam("label"))


@functools.cache
def _before() -> Select[ReportingPeriod]:
    return (
        select(ReportingPeriod)
        .where(ReportingPeriod.end_date < bindparam("start"))
        .order_by(ReportingPeriod.end_date.desc())
    )
