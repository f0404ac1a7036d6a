"""Periods the bureau has accepted, and changes that touch them (更正).

Once the county bureau has sent a receipt (回执) for one of the school's packages of a
period, that period is *accepted*: its data stands as reported.  A change to the school's
records that alters what the period's package would carry (the records as they stood at
its reference date) *affects* the accepted period: the desktop app and the command line
ask before making it, and exporting that period again is a correction (更正), marked as
such in the package.  A change that does not alter the period's records (someone's date
left after the reference date, next year's training) does not affect it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.as_of import AsOf
from cxdesk.i18n import Message, Text
from cxdesk.models import ExportLog, ReceivedReply, ReportingPeriod, School
from cxdesk.period_records import period_snapshot
from cxdesk.services.setup import get_installation, own_school

T = TypeVar("T")

AFFECTS_ACCEPTED = Text(
    "此修改会改变教育局已接收（已回执）的 {periods} 期次数据。修改后，需要再次导出这些期次的上报包作为更正（更正包）。",
    "This change alters the data of {periods_en}, which the bureau has accepted (receipt "
    "received). After it, export those periods again as a correction (更正).",
)


@dataclass(frozen=True)
class AcceptedPeriod:
    """A period with a receipt: the export the bureau accepted last."""

    period: ReportingPeriod
    sequence: int
    file_name: str


def accepted_periods(session: Session, *, school: School) -> list[AcceptedPeriod]:
    """The school's periods with a receipt for one of its packages, oldest first."""
    rows = session.execute(
        select(ReportingPeriod, ExportLog.sequence, ExportLog.file_name)
        .join(ExportLog, ExportLog.period_id == ReportingPeriod.id)
        .join(ReceivedReply, ReceivedReply.export_id == ExportLog.id)
        .where(ExportLog.sender_code == school.code, ReceivedReply.kind == "receipt")
        .order_by(ReportingPeriod.end_date, ExportLog.sequence)
    ).all()
    latest: dict[int, AcceptedPeriod] = {}
    for period, sequence, file_name in rows:
        latest[period.id] = AcceptedPeriod(period, sequence, file_name)
    return list(latest.values())


def accepted_period(
    session: Session, *, school: School, period: ReportingPeriod
) -> AcceptedPeriod | None:
    """The accepted export of ``period``, if the bureau has sent a receipt for it."""
    return next(
        (a for a in accepted_periods(session, school=school) if a.period.id == period.id), None
    )


def period_digest(session: Session, *, school: School, period: ReportingPeriod) -> str:
    """A fingerprint of the period's records as they stood at its reference date."""
    snapshot, _notes = period_snapshot(session, school=school, as_of=AsOf.of(period))
    records = asdict(snapshot)
    records.pop("explanations")  # notes on findings, not the data
    for contact in ("contact_person", "contact_phone"):  # whom to call: not the period's data
        records["school"].pop(contact, None)
    text = json.dumps(records, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class LockGuard:
    """The accepted periods' fingerprints before a change, to tell which ones it alters."""

    def __init__(self, session: Session) -> None:
        self.before: dict[str, tuple[ReportingPeriod, str]] = {}
        if get_installation(session).role != "school":
            return
        self.school = own_school(session)
        for accepted in accepted_periods(session, school=self.school):
            period = accepted.period
            self.before[period.label] = (
                period,
                period_digest(session, school=self.school, period=period),
            )

    def affected(self, session: Session) -> list[str]:
        """The labels of the accepted periods whose records differ now."""
        session.flush()
        return [
            label
            for label, (period, digest) in self.before.items()
            if period_digest(session, school=self.school, period=period) != digest
        ]


def affected_periods(session: Session, change: Callable[[Session], T]) -> tuple[T, list[str]]:
    """Run ``change`` in the caller's transaction; also say which accepted periods it alters."""
    guard = LockGuard(session)
    result = change(session)
    return result, guard.affected(session)


def describe(labels: list[str]) -> Message:
    """The sentence that asks before a change to accepted periods."""
    return AFFECTS_ACCEPTED(periods="、".join(labels), periods_en=", ".join(labels))
