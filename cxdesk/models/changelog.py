"""The change log: every insert, update and delete of an audited model."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cxdesk.models.base import Base


class ChangeLogEntry(Base):
    """One change of one record; values are JSON objects of column name to value."""

    __tablename__ = "change_log"
    __audited__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    table_name: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(String(8))
    old_values: Mapped[str | None] = mapped_column(Text)
    new_values: Mapped[str | None] = mapped_column(Text)
