"""What a write changed is read from its transaction (issue 17, point 5): the window
refreshes from it, nobody names the table by hand."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from cxdesk.models import TrainingEvent
from cxdesk.sample.school import fill_demo_school
from cxdesk.services.records import RoomInput
from cxdesk.services.rooms import add_room, update_room
from cxdesk.services.setup import own_school
from cxdesk.storage.changes import EVERYTHING, Changes, changes_of
from cxdesk.storage.db import Database


@pytest.fixture
def filled_db(school_db: Database) -> Database:
    """A school with the demo's roster, rooms and training."""
    with school_db.transaction() as session:
        fill_demo_school(session, school=own_school(session), year=2026)
    return school_db


def _room(name: str) -> RoomInput:
    return RoomInput(name=name, function="individual", area_tenths=150, status="in_use")


def test_a_write_names_the_tables_it_changed_and_a_read_none(filled_db: Database) -> None:
    with filled_db.transaction() as session:
        room = add_room(session, school_id=own_school(session).id, data=_room("沙盘室"))
    assert changes_of(session).tables >= {"counselling_room"}
    assert not changes_of(session).touches("counselor", "training_event")
    with filled_db.transaction() as session:
        update_room(session, room_id=room.id, data=_room("沙盘室"))  # the same values
    assert not changes_of(session).touches("counselling_room")
    with filled_db.reading() as session:
        own_school(session)
    assert not changes_of(session)


def test_a_bulk_delete_and_a_cascade_are_seen(filled_db: Database) -> None:
    with filled_db.transaction() as session:
        event = session.query(TrainingEvent).first()
        assert event is not None and event.attendances
        event.attendances.clear()  # orphans removed by the cascade
    assert changes_of(session).touches("attendance")
    with filled_db.transaction() as session:
        session.execute(delete(TrainingEvent))
    assert changes_of(session).touches("training_event")
    assert not changes_of(session).touches("counselling_room")


def test_everything_touches_every_table() -> None:
    assert EVERYTHING.touches("school") and EVERYTHING
    assert Changes.of("submission").touches("submission", "school")
    assert not Changes() and not Changes.of("export_log").touches("submission")
