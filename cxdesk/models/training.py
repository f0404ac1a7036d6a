"""Training events and who attended them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxdesk.models.base import Base


class TrainingEvent(Base):
    """A training event that counselors of the school attended."""

    __tablename__ = "training_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))
    organiser: Mapped[str | None] = mapped_column(String(100))
    place: Mapped[str | None] = mapped_column(String(100))
    start_date: Mapped[date]
    end_date: Mapped[date]
    hours: Mapped[int | None]

    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )


class Attendance(Base):
    """One counselor at one event: one person-time (人次)."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("event_id", "counselor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("training_event.id", ondelete="CASCADE"), index=True
    )
    counselor_id: Mapped[int] = mapped_column(
        ForeignKey("counselor.id", ondelete="CASCADE"), index=True
    )

    event: Mapped[TrainingEvent] = relationship(back_populates="attendances")
