"""The installation's own identity, schools and reporting periods."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from cxdesk.models.base import Base


class Installation(Base):
    """Who this database belongs to: one row, written by ``cxdesk init``."""

    __tablename__ = "installation"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("role IN ('school', 'county', 'prefecture')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    role: Mapped[str] = mapped_column(String(16))
    #: The school code for a school, the GB/T 2260 code for a bureau.
    code: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]


class School(Base):
    """A school: identification code, where it is, what kind, and whom to call."""

    __tablename__ = "school"
    __table_args__ = (
        # A school's own record has no submission and its code is unique; a bureau keeps
        # one record per received package (snapshot) of each school.
        UniqueConstraint("code", "submission_id"),
        Index(
            "ix_school_own_code",
            "code",
            unique=True,
            sqlite_where=text("submission_id IS NULL"),  # on a server too: give_partial_indexes_to
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(100))
    county_code: Mapped[str] = mapped_column(String(6))
    kind: Mapped[str] = mapped_column(String(16))
    mountain: Mapped[bool] = mapped_column(default=False)
    enrolment: Mapped[int | None]
    #: Pupils who board at the school (寄宿生), for standards that depend on them.
    boarders: Mapped[int | None]
    contact_person: Mapped[str | None] = mapped_column(String(50))
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    #: At a bureau: the received package this snapshot of the school came from.
    submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), index=True
    )


class ReportingPeriod(Base):
    """A reporting period such as "2026"; its end date is the reference date (统计时点)."""

    __tablename__ = "reporting_period"
    __table_args__ = (CheckConstraint("start_date <= end_date", name="dates_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(20), unique=True)
    start_date: Mapped[date]
    end_date: Mapped[date]

    @property
    def reference_date(self) -> date:
        return self.end_date
