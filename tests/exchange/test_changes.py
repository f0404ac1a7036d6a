"""What changed since the last package: people, rooms, training and figures, year on year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cxdesk.exchange.changes import PackageChanges, changes_since_last_package
from cxdesk.exchange.export import outbox_dir
from cxdesk.models import CounsellingRoom, Counselor
from cxdesk.services import counselors as cs
from cxdesk.services import rooms as rs
from cxdesk.services import training as ts
from cxdesk.services.records import RoomInput
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database
from tests.cli.test_cli import run
from tests.core.helpers import certificate, counselor, part_timer, room, training
from tests.period_helpers import export


def _changes(db: Database, period: str) -> PackageChanges:
    with db.transaction() as session:
        return changes_since_last_package(session, period_label=period, outbox=outbox_dir(db.path))


@pytest.fixture
def sent_2025(school_db: Database, school_id: int, tmp_path: Path) -> Database:
    """2025 as sent: 张丽 (full-time, level 2), 李明, two rooms, one training."""
    with school_db.transaction() as session:
        cs.add_counselor(
            session,
            school_id=school_id,
            data=counselor(start_date=date(2020, 9, 1), certificates=[certificate()]),
        )
        cs.add_counselor(session, school_id=school_id, data=part_timer())
        rs.add_room(session, school_id=school_id, data=room("心灵驿站", 186))
        rs.add_room(session, school_id=school_id, data=room("沙盘室", 120))
        ts.add_training(
            session, school_id=school_id, data=training("县级培训", start=date(2025, 5, 10))
        )
    export(school_db, "2025", tmp_path / "usb")
    return school_db


def test_nothing_sent_yet(school_db: Database) -> None:
    changes = _changes(school_db, "2026")
    assert changes.first and changes.records == [] and changes.figures == []


def test_the_year_since_the_last_package(sent_2025: Database, school_id: int) -> None:
    with sent_2025.transaction() as session:
        zhang = session.query(Counselor).filter_by(name="张丽").one()
        data = cs.counselor_input(zhang)
        data.status, data.left_date = "left", date(2026, 3, 1)
        cs.update_counselor(session, counselor_id=zhang.id, data=data)
        cs.add_counselor(
            session, school_id=school_id, data=part_timer("王芳", start_date=date(2026, 2, 1))
        )
        sand = session.query(CounsellingRoom).filter_by(name="沙盘室").one()
        rs.update_room(
            session,
            room_id=sand.id,
            data=RoomInput("沙盘室", "individual", 120, 2019, "closed", date(2026, 2, 28)),
        )
        ts.add_training(session, school_id=school_id, data=training("州级培训"))
    changes = _changes(sent_2025, "2026")
    assert (changes.base_period, changes.base_sequence) == ("2025", 1)
    assert not changes.missing_copy
    kinds = {(c.table, c.kind, c.record) for c in changes.records}
    assert kinds == {
        ("counselor", "left", "张丽"),
        ("counselor", "added", "王芳"),
        ("counselling_room", "closed", "沙盘室"),
        ("training_event", "added", "州级培训（2026-04-10）"),
    }
    left = next(c for c in changes.records if c.kind == "left")
    assert [(f.field, f.old, f.new) for f in left.fields] == [
        ("status", "在岗", "已离岗"),
        ("left_date", "—", "2026-03-01"),
    ]
    figures = {f.key: (f.old, f.new) for f in changes.figures}
    assert figures["full_time"] == (1, 0)
    assert figures["rooms"] == (2, 1)
    assert "counselors" not in figures  # one left, one joined: 2 → 2
    lines = changes.lines("zh")
    assert "[离岗] 教师「张丽」 在岗状态 在岗 → 已离岗；离岗日期 — → 2026-03-01" in lines
    assert "专职教师: 1 → 0" in lines


def test_a_correction_of_the_same_period(sent_2025: Database) -> None:
    """Against the package of the same period; what happened after it is not a change."""
    with sent_2025.transaction() as session:
        zhang = session.query(Counselor).filter_by(name="张丽").one()
        data = cs.counselor_input(zhang)
        data.status, data.left_date = "left", date(2026, 3, 1)  # after 2025-12-31
        cs.update_counselor(session, counselor_id=zhang.id, data=data)
        heart = session.query(CounsellingRoom).filter_by(name="心灵驿站").one()
        rs.update_room(
            session, room_id=heart.id, data=RoomInput("心灵驿站", "individual", 168, 2019)
        )
    changes = _changes(sent_2025, "2025")
    assert [(c.table, c.kind, c.record) for c in changes.records] == [
        ("counselling_room", "changed", "心灵驿站")
    ]
    (area,) = changes.records[0].fields
    assert (area.old, area.new) == ("18.6", "16.8")
    assert [(f.key, str(f.old), str(f.new)) for f in changes.figures] == [
        ("room_area_m2", "30.6", "28.8")
    ]


def test_without_the_outbox_copy_only_figures(sent_2025: Database, school_id: int) -> None:
    import shutil

    shutil.rmtree(outbox_dir(sent_2025.path))  # the packages and the workbooks kept as sent
    with sent_2025.transaction() as session:
        rs.add_room(session, school_id=school_id, data=room("新辅导室", 200))
    changes = _changes(sent_2025, "2025")
    assert changes.missing_copy and changes.records == []
    assert [f.key for f in changes.figures] == ["rooms", "room_area_m2"]
    assert "找不到上次上报包" in changes.lines("zh")[0]


def test_the_command(
    capsys: pytest.CaptureFixture[str], sent_2025: Database, db_path: Path, school_id: int
) -> None:
    with sent_2025.transaction() as session:
        rs.add_room(session, school_id=own_school(session).id, data=room("新辅导室", 200))
    code, out, _err = run(capsys, "changes", "--period", "2025", "--db", str(db_path))
    assert code == 0
    assert "与上次发送的上报包（2025 期次第 001 次" in out
    assert "[新增] 辅导室「新辅导室」" in out
    code, out, _err = run(capsys, "changes", "--period", "2025", "--json", "--db", str(db_path))
    assert code == 0 and '"change": "added"' in out
