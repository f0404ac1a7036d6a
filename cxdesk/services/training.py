"""Training events and attendance (person-times)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cxdesk.checks import record_problems
from cxdesk.errors import InputError, NotFoundError
from cxdesk.i18n import Text
from cxdesk.models import Attendance, Counselor, TrainingEvent
from cxdesk.services.records import INVALID_RECORD, TrainingInput, column_values

NO_SUCH_EVENT = Text("找不到该培训（可能已被删除）", "That training event no longer exists")
FOREIGN_ATTENDEE = Text(
    "参训人员必须是本校教师（编号 {ids}）",
    "Attendees must be counselors of this school (ids {ids})",
)


def _validate(session: Session, *, school_id: int, data: TrainingInput) -> None:
    data.title = (data.title or "").strip()
    data.organiser = (data.organiser or "").strip() or None
    data.place = (data.place or "").strip() or None
    problems = record_problems("training_event", data)
    wanted = set(data.counselor_ids)
    if wanted:
        found = set(
            session.scalars(
                select(Counselor.id).where(
                    Counselor.id.in_(wanted), Counselor.school_id == school_id
                )
            )
        )
        if wanted - found:
            problems.append(FOREIGN_ATTENDEE(ids=", ".join(map(str, sorted(wanted - found)))))
    if problems:
        raise InputError(INVALID_RECORD(), details=problems)


def _set_attendance(event: TrainingEvent, counselor_ids: list[int]) -> None:
    wanted = set(counselor_ids)
    for attendance in list(event.attendances):
        if attendance.counselor_id in wanted:
            wanted.discard(attendance.counselor_id)
        else:
            event.attendances.remove(attendance)
    for counselor_id in sorted(wanted):
        event.attendances.append(Attendance(counselor_id=counselor_id))


def add_training(session: Session, *, school_id: int, data: TrainingInput) -> TrainingEvent:
    _validate(session, school_id=school_id, data=data)
    event = TrainingEvent(school_id=school_id, **column_values(data))
    _set_attendance(event, data.counselor_ids)
    session.add(event)
    session.flush()
    return event


def update_training(session: Session, *, event_id: int, data: TrainingInput) -> TrainingEvent:
    event = get_training(session, event_id)
    _validate(session, school_id=event.school_id, data=data)
    for key, value in column_values(data).items():
        setattr(event, key, value)
    _set_attendance(event, data.counselor_ids)
    session.flush()
    return event


def delete_training(session: Session, *, event_id: int) -> TrainingInput:
    """Delete an event with its attendance; returns what it held, for undo."""
    event = get_training(session, event_id)
    snapshot = training_input(event)
    session.delete(event)
    session.flush()
    return snapshot


def get_training(session: Session, event_id: int) -> TrainingEvent:
    event = session.get(TrainingEvent, event_id, options=[selectinload(TrainingEvent.attendances)])
    if event is None:
        raise NotFoundError(NO_SUCH_EVENT())
    return event


def training_input(event: TrainingEvent) -> TrainingInput:
    return TrainingInput(
        title=event.title,
        level=event.level,
        start_date=event.start_date,
        end_date=event.end_date,
        organiser=event.organiser,
        place=event.place,
        hours=event.hours,
        counselor_ids=sorted(a.counselor_id for a in event.attendances),
    )


@dataclass(frozen=True)
class TrainingRow:
    id: int
    title: str
    level: str
    organiser: str | None
    place: str | None
    start_date: date
    end_date: date
    hours: int | None
    attendees: int


def list_training(session: Session, *, school_id: int) -> list[TrainingRow]:
    events = session.scalars(
        select(TrainingEvent)
        .where(TrainingEvent.school_id == school_id)
        .options(selectinload(TrainingEvent.attendances))
        .order_by(TrainingEvent.start_date.desc(), TrainingEvent.id)
    )
    return [
        TrainingRow(
            e.id,
            e.title,
            e.level,
            e.organiser,
            e.place,
            e.start_date,
            e.end_date,
            e.hours,
            len(e.attendances),
        )
        for e in events
    ]
