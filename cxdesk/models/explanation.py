"""Explanations (填写说明) that keep a soft finding: they travel with the data."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cxdesk.models.base import Base


class FindingExplanation(Base):
    """Why a soft finding on one record is right as it is, written by the school."""

    __tablename__ = "finding_explanation"
    __table_args__ = (UniqueConstraint("school_id", "rule_id", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[str] = mapped_column(String(10))
    table_name: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[int]
    explanation: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]
