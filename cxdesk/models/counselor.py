"""Counselors (psychological-health teachers) and their certificates."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxdesk.models.base import Base

if TYPE_CHECKING:
    from cxdesk.models.training import Attendance


class Counselor(Base):
    """A teacher assigned to psychological-health education at one school (a roster entry)."""

    __tablename__ = "counselor"
    __table_args__ = (
        Index("ix_counselor_school_identity", "school_id", "identity_number", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    gender: Mapped[str | None] = mapped_column(String(1))
    ethnic_group: Mapped[str | None] = mapped_column(String(2))
    #: GB 11643 number, upper-case X; optional, unique within a school when given.
    identity_number: Mapped[str | None] = mapped_column(String(18))
    birth_date: Mapped[date | None]
    post_type: Mapped[str] = mapped_column(String(16))
    main_subject: Mapped[str | None] = mapped_column(String(16))
    education: Mapped[str | None] = mapped_column(String(16))
    psychology_degree: Mapped[bool] = mapped_column(default=False)
    title: Mapped[str | None] = mapped_column(String(16))
    #: The date the teacher started in this post.
    start_date: Mapped[date | None]
    recruited_as_psych: Mapped[bool] = mapped_column(default=False)
    studio_role: Mapped[str] = mapped_column(String(8), default="none")
    status: Mapped[str] = mapped_column(String(8), default="in_post")
    left_date: Mapped[date | None]

    certificates: Mapped[list[Certificate]] = relationship(
        back_populates="counselor",
        cascade="all, delete-orphan",
        order_by="Certificate.id",
    )
    # Loaded on delete so that the change log sees every attendance that goes with it.
    attendances: Mapped[list[Attendance]] = relationship(cascade="all, delete-orphan")


class Certificate(Base):
    """A certificate held by a counselor; ``kind`` is a code of CERTIFICATE_KINDS."""

    __tablename__ = "certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    counselor_id: Mapped[int] = mapped_column(
        ForeignKey("counselor.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(32))
    #: The certificate's name when ``kind`` is "other".
    other_name: Mapped[str | None] = mapped_column(String(100))
    number: Mapped[str | None] = mapped_column(String(50))
    issuer: Mapped[str | None] = mapped_column(String(100))
    issued_on: Mapped[date | None]

    counselor: Mapped[Counselor] = relationship(back_populates="certificates")
