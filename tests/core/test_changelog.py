"""The change log: every insert, update and delete, written in the same transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cxdesk.errors import InputError
from cxdesk.services import counselors as cs
from cxdesk.services import rooms as rs
from cxdesk.services import training as ts
from cxdesk.storage.db import Database
from tests.core.helpers import certificate, counselor, log_entries, part_timer, room, training


def _since(db: Database, start: int) -> list[dict[str, Any]]:
    with db.reading() as session:
        return log_entries(session)[start:]


def _length(db: Database) -> int:
    with db.reading() as session:
        return len(log_entries(session))


def test_setting_up_a_school_is_logged(school_db: Database) -> None:
    entries = _since(school_db, 0)
    assert [(e["table"], e["action"]) for e in entries] == [
        ("school", "insert"),
        ("installation", "insert"),
    ]
    assert entries[0]["new"]["code"] == "2153230001"
    assert entries[0]["old"] is None


def test_insert_logs_every_column_of_the_new_record(school_db: Database, school_id: int) -> None:
    start = _length(school_db)
    with school_db.transaction() as session:
        c = cs.add_counselor(
            session, school_id=school_id, data=counselor(certificates=[certificate()])
        )
        cid, cert_id = c.id, c.certificates[0].id
    entries = _since(school_db, start)
    assert sorted((e["table"], e["action"], e["record_id"]) for e in entries) == [
        ("certificate", "insert", cert_id),
        ("counselor", "insert", cid),
    ]
    by_table = {e["table"]: e for e in entries}
    new = by_table["counselor"]["new"]
    assert new["name"] == "张丽"
    assert new["birth_date"] == "1985-03-12"
    assert new["psychology_degree"] is True
    assert new["id"] == cid and new["school_id"] == school_id
    assert by_table["certificate"]["new"]["counselor_id"] == cid


def test_update_logs_old_and_new_of_changed_columns_only(
    school_db: Database, school_id: int
) -> None:
    with school_db.transaction() as session:
        cid = cs.add_counselor(session, school_id=school_id, data=counselor()).id
    start = _length(school_db)
    with school_db.transaction() as session:
        cs.update_counselor(
            session, counselor_id=cid, data=counselor(title="senior", start_date=date(2022, 2, 1))
        )
    entries = _since(school_db, start)
    assert len(entries) == 1
    assert entries[0]["action"] == "update" and entries[0]["record_id"] == cid
    assert entries[0]["old"] == {"title": "first", "start_date": "2021-09-01"}
    assert entries[0]["new"] == {"title": "senior", "start_date": "2022-02-01"}


def test_an_update_that_changes_nothing_logs_nothing(school_db: Database, school_id: int) -> None:
    with school_db.transaction() as session:
        cid = cs.add_counselor(
            session, school_id=school_id, data=counselor(certificates=[certificate()])
        ).id
    start = _length(school_db)
    with school_db.transaction() as session:
        cs.update_counselor(session, counselor_id=cid, data=counselor(certificates=[certificate()]))
    assert _since(school_db, start) == []


def test_delete_logs_the_record_and_its_cascaded_children(
    school_db: Database, school_id: int
) -> None:
    with school_db.transaction() as session:
        c = cs.add_counselor(
            session,
            school_id=school_id,
            data=counselor(certificates=[certificate("nc_level2"), certificate("nc_level3")]),
        )
        event = ts.add_training(session, school_id=school_id, data=training(counselor_ids=[c.id]))
        cid, att_id = c.id, event.attendances[0].id
    start = _length(school_db)
    with school_db.transaction() as session:
        cs.delete_counselor(session, counselor_id=cid)
    entries = _since(school_db, start)
    assert sorted((e["table"], e["action"]) for e in entries) == [
        ("attendance", "delete"),
        ("certificate", "delete"),
        ("certificate", "delete"),
        ("counselor", "delete"),
    ]
    deleted = {e["table"]: e for e in entries}
    assert deleted["counselor"]["old"]["name"] == "张丽" and deleted["counselor"]["new"] is None
    assert deleted["attendance"]["record_id"] == att_id
    assert {e["old"]["kind"] for e in entries if e["table"] == "certificate"} == {
        "nc_level2",
        "nc_level3",
    }


def test_a_certificate_dropped_in_an_update_is_logged_as_deleted(
    school_db: Database, school_id: int
) -> None:
    with school_db.transaction() as session:
        c = cs.add_counselor(
            session,
            school_id=school_id,
            data=counselor(certificates=[certificate("nc_level2"), certificate("nc_level3")]),
        )
        cid, level3_id = c.id, c.certificates[1].id
    start = _length(school_db)
    with school_db.transaction() as session:
        cs.update_counselor(
            session, counselor_id=cid, data=counselor(certificates=[certificate("nc_level2")])
        )
    entries = _since(school_db, start)
    assert [(e["table"], e["action"], e["record_id"]) for e in entries] == [
        ("certificate", "delete", level3_id)
    ]
    assert entries[0]["old"]["kind"] == "nc_level3"


def test_attendance_removed_from_an_event_is_logged(school_db: Database, school_id: int) -> None:
    with school_db.transaction() as session:
        a = cs.add_counselor(session, school_id=school_id, data=counselor()).id
        b = cs.add_counselor(session, school_id=school_id, data=part_timer()).id
        event = ts.add_training(session, school_id=school_id, data=training(counselor_ids=[a, b]))
        eid = event.id
        gone = next(x.id for x in event.attendances if x.counselor_id == a)
    start = _length(school_db)
    with school_db.transaction() as session:
        ts.update_training(session, event_id=eid, data=training(counselor_ids=[b]))
    entries = _since(school_db, start)
    assert [(e["table"], e["action"], e["record_id"]) for e in entries] == [
        ("attendance", "delete", gone)
    ]


def test_deleting_an_event_logs_its_attendance(school_db: Database, school_id: int) -> None:
    with school_db.transaction() as session:
        a = cs.add_counselor(session, school_id=school_id, data=counselor()).id
        eid = ts.add_training(session, school_id=school_id, data=training(counselor_ids=[a])).id
    start = _length(school_db)
    with school_db.transaction() as session:
        ts.delete_training(session, event_id=eid)
    assert sorted((e["table"], e["action"]) for e in _since(school_db, start)) == [
        ("attendance", "delete"),
        ("training_event", "delete"),
    ]


def test_room_area_changes_are_logged_exactly(school_db: Database, school_id: int) -> None:
    with school_db.transaction() as session:
        rid = rs.add_room(session, school_id=school_id, data=room(area_tenths=286)).id
    start = _length(school_db)
    with school_db.transaction() as session:
        rs.update_room(session, room_id=rid, data=room(area_tenths=287))
    assert _since(school_db, start) == [
        {
            "table": "counselling_room",
            "record_id": rid,
            "action": "update",
            "old": {"area_tenths": 286},
            "new": {"area_tenths": 287},
        }
    ]


def test_a_rolled_back_action_leaves_no_log_row(school_db: Database, school_id: int) -> None:
    start = _length(school_db)

    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), school_db.transaction() as session:
        cs.add_counselor(session, school_id=school_id, data=counselor())
        session.flush()  # the log rows are written ...
        raise Interrupted  # ... and go with the rollback
    with pytest.raises(InputError), school_db.transaction() as session:
        rs.add_room(session, school_id=school_id, data=room())
        rs.add_room(session, school_id=school_id, data=room(area_tenths=0))
    assert _since(school_db, start) == []


def test_the_log_can_be_switched_off_for_a_session(school_db: Database, school_id: int) -> None:
    start = _length(school_db)
    with school_db.transaction() as session:
        session.info["changelog"] = False
        rs.add_room(session, school_id=school_id, data=room())
    assert _since(school_db, start) == []
