"""The services: counselors with certificates, rooms, training with attendance."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from cxdesk.errors import InputError, NotFoundError
from cxdesk.models import (
    Attendance,
    Certificate,
    ChangeLogEntry,
    CounsellingRoom,
    Counselor,
    TrainingEvent,
)
from cxdesk.services import counselors as cs
from cxdesk.services import rooms as rs
from cxdesk.services import training as ts
from cxdesk.storage.db import Database
from tests.core.helpers import certificate, counselor, identity_number, part_timer, room, training


def _count(db: Database, model: type) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_add_counselor_with_certificates(school_db: Database, school_id: int) -> None:
    data = counselor(certificates=[certificate("nc_level2"), certificate("nc_level3")])
    data.identity_number = data.identity_number.lower() if data.identity_number else None
    with school_db.transaction() as session:
        added = cs.add_counselor(session, school_id=school_id, data=data)
        new_id = added.id
    with school_db.reading() as session:
        stored = cs.get_counselor(session, new_id)
        assert stored.name == "张丽"
        assert stored.birth_date == date(1985, 3, 12)
        assert [c.kind for c in stored.certificates] == ["nc_level2", "nc_level3"]
        rows = cs.list_counselors(session, school_id=school_id)
    assert len(rows) == 1
    assert (
        rows[0].identity_masked
        == "532301********" + identity_number(date(1985, 3, 12), sequence=2)[-4:]
    )
    assert rows[0].certificates == ("nc_level2", "nc_level3")


def test_identity_number_with_lower_case_x_is_stored_upper_case(
    school_db: Database, school_id: int
) -> None:
    number = next(
        identity_number(date(1990, 1, 1), sequence=s)
        for s in range(0, 1000, 2)
        if identity_number(date(1990, 1, 1), sequence=s).endswith("X")
    )
    data = counselor(birth_date=date(1990, 1, 1), identity_number=number.lower())
    with school_db.transaction() as session:
        new_id = cs.add_counselor(session, school_id=school_id, data=data).id
    with school_db.reading() as session:
        assert cs.get_counselor(session, new_id).identity_number == number


def test_every_problem_is_listed_and_nothing_is_stored(school_db: Database, school_id: int) -> None:
    data = counselor(
        name="  ",
        identity_number="110105194912310021",  # wrong check character
        post_type="part_time",  # without a main subject
        ethnic_group="99",
        certificates=[certificate("other", other_name=None), certificate("no_such_kind")],
    )
    logged_before = _count(school_db, ChangeLogEntry)
    with pytest.raises(InputError) as caught, school_db.transaction() as session:
        cs.add_counselor(session, school_id=school_id, data=data)
    texts = [d.render("en") for d in caught.value.details]
    assert len(texts) == 6, texts
    assert any("Name is required" in t for t in texts)
    assert any("'no_such_kind'" in t for t in texts)
    assert any("check character" in t for t in texts)
    assert any("main subject" in t for t in texts)
    assert any("'99'" in t for t in texts)
    assert any("'other' certificate needs its name" in t for t in texts)
    zh = caught.value.render("zh")
    assert zh.startswith("数据有误，未保存：") and "兼职教师必须填写主教学科" in zh
    for model in (Counselor, Certificate):
        assert _count(school_db, model) == 0
    assert _count(school_db, ChangeLogEntry) == logged_before


def test_a_failing_action_rolls_back_what_it_did_before(
    school_db: Database, school_id: int
) -> None:
    logged_before = _count(school_db, ChangeLogEntry)
    with pytest.raises(InputError), school_db.transaction() as session:
        cs.add_counselor(session, school_id=school_id, data=counselor())
        cs.add_counselor(session, school_id=school_id, data=part_timer(main_subject=None))
    assert _count(school_db, Counselor) == 0
    assert _count(school_db, ChangeLogEntry) == logged_before


def test_duplicate_identity_number_is_refused(school_db: Database, school_id: int) -> None:
    with school_db.transaction() as session:
        first = cs.add_counselor(session, school_id=school_id, data=counselor("张丽")).id
        other = cs.add_counselor(session, school_id=school_id, data=part_timer("李明")).id
    with pytest.raises(InputError) as caught, school_db.transaction() as session:
        cs.add_counselor(session, school_id=school_id, data=counselor("张丽丽"))
    message = caught.value.render("zh")
    assert "已属于本校教师“张丽”" in message
    assert identity_number(date(1985, 3, 12), sequence=2) not in message  # masked
    # Changing another counselor to the same number is refused as well; keeping one's own is fine.
    with pytest.raises(InputError), school_db.transaction() as session:
        cs.update_counselor(session, counselor_id=other, data=counselor("李明"))
    with school_db.transaction() as session:
        cs.update_counselor(session, counselor_id=first, data=counselor("张丽", title="senior"))
    assert _count(school_db, Counselor) == 2


def test_counselors_without_identity_number_may_be_many(
    school_db: Database, school_id: int
) -> None:
    with school_db.transaction() as session:
        for name in ("李明", "王芳", "赵刚"):
            cs.add_counselor(session, school_id=school_id, data=part_timer(name))
    assert _count(school_db, Counselor) == 3


def test_update_replaces_details_and_certificates(school_db: Database, school_id: int) -> None:
    with school_db.transaction() as session:
        c = cs.add_counselor(
            session,
            school_id=school_id,
            data=counselor(
                certificates=[certificate("nc_level3"), certificate("counselling_skill")]
            ),
        )
        cid, kept_id = c.id, c.certificates[1].id
    new = counselor(
        title="senior",
        certificates=[certificate("counselling_skill"), certificate("nc_level2", number="N2")],
    )
    with school_db.transaction() as session:
        cs.update_counselor(session, counselor_id=cid, data=new)
    with school_db.reading() as session:
        stored = cs.get_counselor(session, cid)
        assert stored.title == "senior"
        assert sorted(c.kind for c in stored.certificates) == ["counselling_skill", "nc_level2"]
        # The unchanged certificate keeps its row (and so its history).
        assert kept_id in [c.id for c in stored.certificates]
    assert _count(school_db, Certificate) == 2


def test_update_and_delete_of_a_missing_counselor(school_db: Database) -> None:
    with pytest.raises(NotFoundError), school_db.transaction() as session:
        cs.update_counselor(session, counselor_id=999, data=counselor())
    with pytest.raises(NotFoundError) as caught, school_db.transaction() as session:
        cs.delete_counselor(session, counselor_id=999)
    assert caught.value.render("en") == "That counselor no longer exists"


def test_delete_and_restore_a_counselor(school_db: Database, school_id: int) -> None:
    with school_db.transaction() as session:
        c = cs.add_counselor(
            session, school_id=school_id, data=counselor(certificates=[certificate()])
        )
        keep = cs.add_counselor(session, school_id=school_id, data=part_timer())
        event = ts.add_training(
            session, school_id=school_id, data=training(counselor_ids=[c.id, keep.id])
        )
        gone_event = ts.add_training(
            session,
            school_id=school_id,
            data=training("校级培训", level="school", counselor_ids=[c.id]),
        )
        cid, event_id, gone_event_id = c.id, event.id, gone_event.id
    with school_db.transaction() as session:
        deleted = cs.delete_counselor(session, counselor_id=cid)
    assert deleted.event_ids == (event_id, gone_event_id) or set(deleted.event_ids) == {
        event_id,
        gone_event_id,
    }
    assert _count(school_db, Counselor) == 1
    assert _count(school_db, Certificate) == 0
    assert _count(school_db, Attendance) == 1  # the other counselor's
    with school_db.transaction() as session:
        ts.delete_training(session, event_id=gone_event_id)
    with school_db.transaction() as session:
        restored = cs.restore_counselor(session, deleted=deleted)
        rid = restored.id
    with school_db.reading() as session:
        again = cs.get_counselor(session, rid)
        assert again.name == "张丽" and [k.kind for k in again.certificates] == ["nc_level2"]
        assert [a.event_id for a in again.attendances] == [event_id]


def test_rooms(school_db: Database, school_id: int) -> None:
    with school_db.transaction() as session:
        rid = rs.add_room(session, school_id=school_id, data=room()).id
    with school_db.transaction() as session:
        rs.update_room(session, room_id=rid, data=room("团体辅导室", 625, function="group"))
    with school_db.reading() as session:
        rows = rs.list_rooms(session, school_id=school_id)
    assert [(r.name, r.function, str(r.area_m2)) for r in rows] == [("团体辅导室", "group", "62.5")]
    with pytest.raises(InputError) as caught, school_db.transaction() as session:
        rs.add_room(session, school_id=school_id, data=room("", 0, function="kitchen", status="x"))
    assert len(caught.value.details) == 4
    with school_db.transaction() as session:
        snapshot = rs.delete_room(session, room_id=rid)
    assert snapshot == room("团体辅导室", 625, function="group")
    assert _count(school_db, CounsellingRoom) == 0
    with pytest.raises(NotFoundError), school_db.transaction() as session:
        rs.delete_room(session, room_id=rid)


def test_training_with_attendance(school_db: Database, school_id: int) -> None:
    with school_db.transaction() as session:
        a = cs.add_counselor(session, school_id=school_id, data=counselor()).id
        b = cs.add_counselor(session, school_id=school_id, data=part_timer()).id
        eid = ts.add_training(session, school_id=school_id, data=training(counselor_ids=[a, b])).id
    with school_db.transaction() as session:
        ts.update_training(session, event_id=eid, data=training(hours=24, counselor_ids=[b]))
    with school_db.reading() as session:
        rows = ts.list_training(session, school_id=school_id)
        assert ts.training_input(ts.get_training(session, eid)).counselor_ids == [b]
    assert [(r.hours, r.attendees) for r in rows] == [(24, 1)]
    assert _count(school_db, Attendance) == 1
    with school_db.transaction() as session:
        snapshot = ts.delete_training(session, event_id=eid)
    assert snapshot.counselor_ids == [b]
    assert _count(school_db, TrainingEvent) == 0
    assert _count(school_db, Attendance) == 0


def test_training_problems_are_all_listed(school_db: Database, school_id: int) -> None:
    data = training(
        "",
        level="galactic",
        start=date(2026, 5, 2),
        end=date(2026, 5, 1),
        hours=0,
        counselor_ids=[12345],
    )
    with pytest.raises(InputError) as caught, school_db.transaction() as session:
        ts.add_training(session, school_id=school_id, data=data)
    texts = [d.render("zh") for d in caught.value.details]
    assert len(texts) == 5, texts
    assert "参训人员必须是本校教师（编号 12345）" in texts
    assert _count(school_db, TrainingEvent) == 0


def test_attendees_must_belong_to_the_school(school_db: Database, school_id: int) -> None:
    from cxdesk.models import School
    from cxdesk.services.setup import update_school

    with school_db.transaction() as session:
        other = School(code="3153230002")
        update_school(session, other, name="鹿城中学", county="532301", kind="junior")
        session.flush()
        stranger = cs.add_counselor(session, school_id=other.id, data=part_timer()).id
    with pytest.raises(InputError), school_db.transaction() as session:
        ts.add_training(session, school_id=school_id, data=training(counselor_ids=[stranger]))


def test_training_without_dates_is_an_input_error(school_db: Database, school_id: int) -> None:
    """Not a database error: the form left the dates empty."""
    data = training()
    data.start_date = None  # type: ignore[assignment]
    with pytest.raises(InputError) as caught, school_db.transaction() as session:
        ts.add_training(session, school_id=school_id, data=data)
    assert [d.render("en") for d in caught.value.details] == [
        "A training event needs its start and end dates"
    ]


def test_empty_tick_boxes_are_stored_as_no(school_db: Database, school_id: int) -> None:
    data = part_timer(psychology_degree=None, recruited_as_psych=None)
    with school_db.transaction() as session:
        new_id = cs.add_counselor(session, school_id=school_id, data=data).id
    with school_db.reading() as session:
        stored = cs.get_counselor(session, new_id)
        assert (stored.psychology_degree, stored.recruited_as_psych) == (False, False)


def test_school_details_are_checked_with_named_fields(db: Database) -> None:
    from cxdesk.services.setup import init_school

    with pytest.raises(InputError) as caught, db.transaction() as session:
        init_school(session, code="2153230001", name=" ", county="昆明", kind="", enrolment=-1)
    assert caught.value.render("zh").splitlines()[1:] == [
        "  在校生数不能为负数",
        "  “学校名称”必须填写",
        "  “所在县市”的值“昆明”不在可选列表中",
        "  “学校类别”必须填写",
    ]
    assert "  School name is required" in caught.value.render("en").splitlines()
