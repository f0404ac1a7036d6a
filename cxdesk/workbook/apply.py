"""Storing a planned import through the services, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from cxdesk.errors import InputError
from cxdesk.i18n import Text
from cxdesk.models import School
from cxdesk.services.counselors import add_counselor, delete_counselor, update_counselor
from cxdesk.services.rooms import add_room, delete_room, update_room
from cxdesk.services.setup import update_school
from cxdesk.services.training import add_training, delete_training, update_training
from cxdesk.standards.standard_set import adopt_standard_set
from cxdesk.workbook.import_plan import ImportPlan
from cxdesk.workbook.layout import COUNSELORS, EVENTS, ROOMS
from cxdesk.workbook.problems import Problem

REFUSED = Text(
    "表格有 {count} 处问题，没有导入任何数据。请改正后重新导入：",
    "The workbook has {count} problems; nothing was imported. Correct them and import again:",
)
ROW_REFUSED = Text(
    "“{sheet}”表第{row}行未能保存：", "Sheet {sheet}, row {row} could not be stored:"
)


def refusal(plan: ImportPlan) -> InputError:
    """The error that lists every problem of a plan."""
    return InputError(
        REFUSED(count=len(plan.problems)), details=[p.as_message() for p in plan.problems]
    )


def apply_import(session: Session, *, plan: ImportPlan) -> dict[str, dict[str, int]]:
    """Store what ``plan`` found, in the caller's transaction; returns ``plan.counts()``.

    Raises InputError listing every problem when the plan has any (nothing is stored).
    Rows the plan found unchanged are not touched, so re-importing a workbook writes
    nothing, not even to the change log.  Plan and apply belong in one transaction: the
    plan refers to the records as they were when it was made.
    """
    if plan.problems:
        raise refusal(plan)
    school = session.get(School, plan.school_id)
    assert school is not None, "the plan was made for a school of this database"
    if plan.school_values is not None:
        update_school(session, school, **plan.school_values)
        session.flush()

    ids: dict[str, int] = {}
    for item in plan.counselors:
        with _located(COUNSELORS.name, item.row):
            if item.action == "add":
                ids[item.target] = add_counselor(session, school_id=school.id, data=item.data).id
                continue
            assert item.existing_id is not None
            ids[item.target] = item.existing_id
            if item.action == "update":
                update_counselor(session, counselor_id=item.existing_id, data=item.data)
    for room in plan.rooms:
        with _located(ROOMS.name, room.row):
            if room.action == "add":
                add_room(session, school_id=school.id, data=room.data)
            elif room.action == "update":
                assert room.existing_id is not None
                update_room(session, room_id=room.existing_id, data=room.data)
    for event in plan.events:
        if event.action == "unchanged":
            continue
        event.data.counselor_ids = [
            int(t[3:]) if t.startswith("db:") else ids[t] for t in event.attendees
        ]
        with _located(EVENTS.name, event.row):
            if event.action == "add":
                add_training(session, school_id=school.id, data=event.data)
            else:
                assert event.existing_id is not None
                update_training(session, event_id=event.existing_id, data=event.data)
    for removal in plan.removals:  # import-xlsx --replace: what the workbook no longer lists
        REMOVERS[removal.table](session, removal.record_id)
    if plan.standards is not None:  # a bureau's template: its standards come with it
        adopt_standard_set(session, plan.standards)
    session.flush()
    return plan.counts()


#: How each kind of record is removed (with what goes with it: certificates, attendance).
REMOVERS: dict[str, Callable[[Session, int], object]] = {
    "counselor": lambda s, record_id: delete_counselor(s, counselor_id=record_id),
    "counselling_room": lambda s, record_id: delete_room(s, room_id=record_id),
    "training_event": lambda s, record_id: delete_training(s, event_id=record_id),
}


@contextmanager
def _located(sheet: str, row: int | None) -> Iterator[None]:
    """A refusal of a service that the plan did not foresee names the row."""
    try:
        yield
    except InputError as exc:
        located = [Problem(d, sheet, row).as_message() for d in exc.details] or [
            Problem(exc.message, sheet, row).as_message()
        ]
        raise InputError(ROW_REFUSED(sheet=sheet, row=row or "?"), details=located) from exc
