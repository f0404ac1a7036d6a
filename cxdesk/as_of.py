"""The one definition of "as of the reference date" (统计时点), for every kind of record.

A period's figures, its checks, its report package and the bureau's re-run of the checks
all look at the school's records *as they stood at the period's reference date* (the
period's end date).  This module is the only place that decides what that means; it says
it twice, in the same words, for records in Python (:class:`AsOf`'s predicates, used by
the checks and the package) and as SQL conditions (``AsOf.sql_*``, used by the figures),
and a test holds the two in step over records on both sides of a year boundary.

Two questions are asked of each record:

* **Does it exist at the reference date?**  (:meth:`AsOf.keeps_counselor`,
  :meth:`AsOf.certificate_issued`, :meth:`AsOf.room_opened`, :meth:`AsOf.training_started`)
  A counselor who started later, a certificate issued later, a room opened in a later
  year, training that starts later: they belong to a later period, and are left out of
  this period's checks and package, with a note (:meth:`AsOf.left_out`).  History stays:
  a counselor who left years ago, a closed room, last year's training are still there.
* **Is it counted?**  (:meth:`AsOf.in_post`, :meth:`AsOf.holds`, :meth:`AsOf.room_in_use`,
  :meth:`AsOf.training_in_period`) — the definitions of docs/figures.md.

:meth:`AsOf.counselor_values` and :meth:`AsOf.room_values` give a record's fields as they
stood at the reference date: someone who left after it was still in post then, a room
closed after it was still in use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import ColumnElement, and_, or_

from cxdesk.i18n import Message, Text
from cxdesk.models import Certificate, CounsellingRoom, Counselor, ReportingPeriod, TrainingEvent

LEFT_OUT = Text(
    "{kind}“{record}”（{what} {date}）在统计时点 {reference} 之后，属于以后的期次：不计入 {period} 期次，也不放入该期次的上报包。",
    "{kind_en} {record} ({what_en} {date}) is after the reference date {reference} and "
    "belongs to a later period: it is not counted for {period} nor sent in its package.",
)


class _Dated(Protocol):
    # read-only: a training event's start date is required (``date``), a plan's may be missing
    @property
    def start_date(self) -> date | None: ...


@dataclass(frozen=True)
class AsOf:
    """A period's dates: everything is taken as it stood at ``reference``."""

    label: str
    start: date
    #: The reference date (统计时点): the period's end date.
    reference: date

    @classmethod
    def of(cls, period: ReportingPeriod) -> AsOf:
        return cls(period.label, period.start_date, period.end_date)

    # --- does the record exist at the reference date? ------------------------------

    def counselor_started(self, counselor: Any) -> bool:
        """Started in the post by the reference date (an unknown start date: yes)."""
        return counselor.start_date is None or counselor.start_date <= self.reference

    def keeps_counselor(self, counselor: Any, *, attended: bool = False) -> bool:
        """A counselor of the period's records: started by the reference date, or (a
        soft finding, S-A01) attended training of the period before starting."""
        return attended or self.counselor_started(counselor)

    def certificate_issued(self, certificate: Any) -> bool:
        """Issued by the reference date (an unknown date of issue: yes)."""
        return certificate.issued_on is None or certificate.issued_on <= self.reference

    def room_opened(self, room: Any) -> bool:
        """Opened by the reference date's year (an unknown year: yes)."""
        return room.year_opened is None or room.year_opened <= self.reference.year

    def training_started(self, event: _Dated) -> bool:
        """Training that started by the reference date (earlier periods' included)."""
        return event.start_date is None or event.start_date <= self.reference

    # --- is it counted? ---------------------------------------------------------------

    def in_post(self, counselor: Any) -> bool:
        """In post at the reference date: started, and in post or left after it."""
        if not self.counselor_started(counselor):
            return False
        if counselor.status == "in_post":
            return True
        left = counselor.left_date
        return counselor.status == "left" and left is not None and left > self.reference

    def holds(self, certificate: Any, holder: Any) -> bool:
        """A certificate counted for its holder: holder in post, issued by then."""
        return self.in_post(holder) and self.certificate_issued(certificate)

    def room_in_use(self, room: Any) -> bool:
        """In use at the reference date: opened, and in use or closed after it."""
        if not self.room_opened(room):
            return False
        if room.status == "in_use":
            return True
        closed = room.closed_on
        return room.status == "closed" and closed is not None and closed > self.reference

    def training_in_period(self, event: _Dated) -> bool:
        """Training counted for the period: it starts within the period."""
        start = event.start_date
        return start is not None and self.start <= start <= self.reference

    # --- the same, as SQL conditions (for the figures) ---------------------------------

    def sql_counselor_started(self) -> ColumnElement[bool]:
        return or_(Counselor.start_date.is_(None), Counselor.start_date <= self.reference)

    def sql_in_post(self) -> ColumnElement[bool]:
        return and_(
            self.sql_counselor_started(),
            or_(
                Counselor.status == "in_post",
                and_(Counselor.status == "left", Counselor.left_date > self.reference),
            ),
        )

    def sql_certificate_issued(self) -> ColumnElement[bool]:
        return or_(Certificate.issued_on.is_(None), Certificate.issued_on <= self.reference)

    def sql_room_in_use(self) -> ColumnElement[bool]:
        return and_(
            or_(
                CounsellingRoom.year_opened.is_(None),
                CounsellingRoom.year_opened <= self.reference.year,
            ),
            or_(
                CounsellingRoom.status == "in_use",
                and_(
                    CounsellingRoom.status == "closed",
                    CounsellingRoom.closed_on > self.reference,
                ),
            ),
        )

    def sql_training_in_period(self) -> ColumnElement[bool]:
        return TrainingEvent.start_date.between(self.start, self.reference)

    # --- a record's fields as they stood at the reference date -------------------------

    def counselor_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """Someone who left after the reference date was in post at it."""
        left = values.get("left_date")
        if values.get("status") == "left" and left is not None and left > self.reference:
            return {**values, "status": "in_post", "left_date": None}
        return values

    def room_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """A room closed after the reference date was in use at it."""
        closed = values.get("closed_on")
        if values.get("status") == "closed" and closed is not None and closed > self.reference:
            return {**values, "status": "in_use", "closed_on": None}
        return values

    # --- notes --------------------------------------------------------------------------

    def left_out(self, kind: str, record: str, when: date | int) -> Message:
        """The note said for a record left out of the period: it names the reference date."""
        zh, en = _KIND_WORDS[kind]
        what, what_en = _WHEN_WORDS[kind]
        return LEFT_OUT(
            kind=zh,
            kind_en=en,
            record=record,
            what=what,
            what_en=what_en,
            date=when.isoformat() if isinstance(when, date) else str(when),
            reference=self.reference.isoformat(),
            period=self.label,
        )


_KIND_WORDS = {
    "counselor": ("教师", "Counselor"),
    "certificate": ("证书", "Certificate"),
    "counselling_room": ("辅导室", "Room"),
    "training_event": ("培训", "Training"),
}
_WHEN_WORDS = {
    "counselor": ("任职日期", "start date"),
    "certificate": ("发证日期", "issued"),
    "counselling_room": ("建成年份", "opened"),
    "training_event": ("开始日期", "starts"),
}
