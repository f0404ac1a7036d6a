"""What a write changed is read from its transaction (issue 17, point 5): the window
refreshes from it, nobody names the table by hand."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import delete, insert

from cxdesk.models import CounsellingRoom, TrainingEvent
from cxdesk.sample.school import fill_demo_school
from cxdesk.services.records import RoomInput
from cxdesk.services.rooms import add_room, update_room
from cxdesk.services.setup import own_school
from cxdesk.storage.changes import EVERYTHING, Changes, changes_of, recording
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
    submission, export_log = Changes(frozenset({"submission"})), Changes(frozenset({"export_log"}))
    assert EVERYTHING.touches("school") and EVERYTHING
    assert submission.touches("submission", "school")
    assert not Changes() and not export_log.touches("submission")
    assert Changes.union([submission, export_log]).tables == {"submission", "export_log"}
    assert (submission | EVERYTHING).everything and not Changes.union([])


def test_a_savepoint_rolled_back_is_forgotten(filled_db: Database) -> None:
    with filled_db.transaction() as session:
        school_id = own_school(session).id
        room = add_room(session, school_id=school_id, data=_room("沙盘室"))
        with pytest.raises(ValueError), session.begin_nested():
            session.execute(delete(TrainingEvent))
            raise ValueError("refused: this part is rolled back")
        with session.begin_nested():
            update_room(session, room_id=room.id, data=_room("宣泄室"))
    assert changes_of(session).touches("counselling_room")
    assert not changes_of(session).touches("training_event")


def test_a_statement_on_the_sessions_connection_is_seen(filled_db: Database) -> None:
    """Core inserts run on ``session.connection()`` (as a snapshot's rows are stored)."""
    with filled_db.transaction() as session:
        school_id = own_school(session).id
        session.connection().execute(
            insert(CounsellingRoom),
            [
                {
                    "school_id": school_id,
                    "name": "团体辅导室",
                    "function": "group",
                    "area_tenths": 300,
                    "status": "in_use",
                }
            ],
        )
    assert changes_of(session).touches("counselling_room")


def test_recording_gathers_the_transactions_committed_on_its_thread(
    filled_db: Database,
) -> None:
    with recording() as outer:
        with filled_db.transaction() as session:
            school_id = own_school(session).id
            add_room(session, school_id=school_id, data=_room("沙盘室"))
        with recording() as inner:
            with filled_db.transaction() as session:
                session.execute(delete(TrainingEvent))
            with pytest.raises(ValueError), filled_db.transaction() as session:
                add_room(session, school_id=school_id, data=_room("未提交"))
                raise ValueError("rolled back: not recorded")
            other_thread = threading.Thread(target=_add_room_elsewhere, args=(filled_db,))
            other_thread.start()
            other_thread.join()
    assert inner.changes.touches("training_event")
    assert not inner.changes.touches("counselling_room")  # rolled back, or another thread's
    assert outer.changes.touches("counselling_room", "training_event")
    assert not outer.changes.touches("counselor")
    with filled_db.transaction() as session:
        own_school(session)
    assert not outer.changes.touches("school")  # after the block: not recorded


def _add_room_elsewhere(db: Database) -> None:
    with db.transaction() as session:
        add_room(session, school_id=own_school(session).id, data=_room("别的线程"))
