"""Counselling rooms (心理辅导室)."""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from cxdesk.models.base import Base
from cxdesk.reference import BASIC_AREAS


@functools.lru_cache(maxsize=256)
def provided_areas(
    function: str | None, individual: bool, group: bool, reception: bool
) -> frozenset[str]:
    """The basic areas a room provides: the one its function names, and those ticked.

    Kept once per combination (a province's compliance asks it for every room)."""
    ticked = dict(zip(BASIC_AREAS, (individual, group, reception), strict=True))
    return frozenset(a for a in BASIC_AREAS if function == a or ticked[a])


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
    #: Which of the 2015 guide's three basic areas the room provides besides the one its
    #: ``function`` names (a combined room may provide all three; see :meth:`provided_areas`).
    has_individual: Mapped[bool] = mapped_column(default=False)
    has_group: Mapped[bool] = mapped_column(default=False)
    has_reception: Mapped[bool] = mapped_column(default=False)
    #: 标准化 ("standard": meets the guide) or 普通 ("ordinary"), as Yunnan reports; None
    #: when not given.  A code of ROOM_GRADES.
    grade: Mapped[str | None] = mapped_column(String(10))

    def provided_areas(self) -> frozenset[str]:
        """The basic areas (individual, group, reception) the room provides."""
        return provided_areas(
            self.function, self.has_individual, self.has_group, self.has_reception
        )

    @property
    def area_m2(self) -> Decimal:
        return Decimal(self.area_tenths) / 10

    @area_m2.setter
    def area_m2(self, value: Decimal) -> None:
        self.area_tenths = int(Decimal(value).scaleb(1).to_integral_exact())
