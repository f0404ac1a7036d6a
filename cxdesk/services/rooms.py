"""Counselling rooms: add, change, delete, list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.checks import record_problems
from cxdesk.errors import InputError, NotFoundError
from cxdesk.i18n import Text
from cxdesk.models import CounsellingRoom
from cxdesk.reference import BASIC_AREAS
from cxdesk.services.records import INVALID_RECORD, RoomInput, column_values

NO_SUCH_ROOM = Text("找不到该辅导室（可能已被删除）", "That room no longer exists")


def _validate(data: RoomInput) -> None:
    data.name = (data.name or "").strip()
    problems = record_problems("counselling_room", data)
    if problems:
        raise InputError(INVALID_RECORD(), details=problems)


def add_room(session: Session, *, school_id: int, data: RoomInput) -> CounsellingRoom:
    _validate(data)
    room = CounsellingRoom(school_id=school_id, **column_values(data))
    session.add(room)
    session.flush()
    return room


def update_room(session: Session, *, room_id: int, data: RoomInput) -> CounsellingRoom:
    room = get_room(session, room_id)
    _validate(data)
    for key, value in column_values(data).items():
        setattr(room, key, value)
    session.flush()
    return room


def delete_room(session: Session, *, room_id: int) -> RoomInput:
    """Delete a room; returns what it held, for undo."""
    room = get_room(session, room_id)
    snapshot = room_input(room)
    session.delete(room)
    session.flush()
    return snapshot


def get_room(session: Session, room_id: int) -> CounsellingRoom:
    room = session.get(CounsellingRoom, room_id)
    if room is None:
        raise NotFoundError(NO_SUCH_ROOM())
    return room


def room_input(room: CounsellingRoom) -> RoomInput:
    return RoomInput(
        room.name,
        room.function,
        room.area_tenths,
        room.year_opened,
        room.status,
        closed_on=room.closed_on,
        has_individual=room.has_individual,
        has_group=room.has_group,
        has_reception=room.has_reception,
        grade=room.grade,
    )


@dataclass(frozen=True)
class RoomRow:
    id: int
    name: str
    function: str
    area_m2: Decimal
    year_opened: int | None
    status: str
    #: The basic areas it provides (individual, group, reception), in the guide's order.
    areas: tuple[str, ...] = ()
    grade: str | None = None
    closed_on: date | None = None


def list_rooms(session: Session, *, school_id: int) -> list[RoomRow]:
    rooms = session.scalars(
        select(CounsellingRoom)
        .where(CounsellingRoom.school_id == school_id)
        .order_by(CounsellingRoom.id)
    )
    return [
        RoomRow(
            r.id,
            r.name,
            r.function,
            r.area_m2,
            r.year_opened,
            r.status,
            tuple(a for a in BASIC_AREAS if a in r.provided_areas()),
            r.grade,
            r.closed_on,
        )
        for r in rooms
    ]
