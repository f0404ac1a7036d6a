"""Counselling rooms (心理辅导室)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from cxdesk.models.base import Base


class CounsellingRoom(Base):
    """A counselling room; the area is kept in integer tenths of m², so sums are exact."""

    __tablename__ = "counselling_room"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    function: Mapped[str] = mapped_column(String(16))
    area_tenths: Mapped[int]
    year_opened: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(8), default="in_use")
    #: The date a closed room stopped being used: it counts for the periods before.
    closed_on: Mapped[date | None]

    @property
    def area_m2(self) -> Decimal:
        return Decimal(self.area_tenths) / 10

    @area_m2.setter
    def area_m2(self, value: Decimal) -> None:
        self.area_tenths = int(Decimal(value).scaleb(1).to_integral_exact())
