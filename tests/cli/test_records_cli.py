"""The command line on par with the GUI: explain, delete, import-xlsx --replace."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from cxdesk.exchange.keys import Signer
from cxdesk.models import (
    Attendance,
    Certificate,
    CounsellingRoom,
    Counselor,
    FindingExplanation,
    TrainingEvent,
)
from cxdesk.services import counselors as cs
from cxdesk.services import rooms as rs
from cxdesk.services import training as ts
from cxdesk.services.periods import get_period
from cxdesk.services.setup import init_school, own_school
from cxdesk.storage.backup import list_backups
from cxdesk.storage.db import Database, open_database
from cxdesk.workbook import write_school_workbook
from tests.cli.test_cli import run
from tests.conftest import SCHOOL_CODE
from tests.core.helpers import certificate, counselor, part_timer, room, training
from tests.period_helpers import accept, export


def _fill(db: Database, *, full: bool = True) -> None:
    """张丽 (level 2) and, when ``full``, 李明, two rooms and two training events."""
    with db.transaction() as session:
        school_id = own_school(session).id
        zhang = cs.add_counselor(
            session, school_id=school_id, data=counselor(certificates=[certificate()])
        ).id
        people = [zhang]
        rs.add_room(session, school_id=school_id, data=room("心灵驿站"))
        if full:
            li = cs.add_counselor(
                session,
                school_id=school_id,
                data=part_timer(certificates=[certificate("counselling_skill")]),
            ).id
            people.append(li)
            rs.add_room(session, school_id=school_id, data=room("沙盘室", 120))
        ts.add_training(
            session, school_id=school_id, data=training("州级培训", counselor_ids=people)
        )
        if full:
            ts.add_training(
                session,
                school_id=school_id,
                data=training("县级培训", level="county", start=date(2026, 5, 6)),
            )


@pytest.fixture
def filled(school_db: Database) -> Database:
    _fill(school_db)
    return school_db


def _counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return {
            model.__tablename__: int(session.scalar(select(func.count(model.id))) or 0)
            for model in (Counselor, Certificate, CounsellingRoom, TrainingEvent, Attendance)
        }


# --- explain ------------------------------------------------------------------------


@pytest.fixture
def small_room(filled: Database) -> int:
    with filled.transaction() as session:
        return rs.add_room(session, school_id=own_school(session).id, data=room("小屋", 80)).id


def test_explain_keeps_a_soft_finding_by_name_and_withdraws_it(
    capsys: pytest.CaptureFixture[str], filled: Database, db_path: Path, small_room: int
) -> None:
    db = ["--db", str(db_path)]
    assert run(capsys, "check", *db)[0] == 1
    code, out, _err = run(capsys, "explain", "S-R01", "小屋", "借用的小房间，明年扩建", *db)
    assert code == 0
    assert out.strip() == "已保存说明：[S-R01] 辅导室「小屋」：借用的小房间，明年扩建"
    code, out, _err = run(capsys, "check", "--json", *db)
    assert code == 0 and json.loads(out)["open"] == 0
    code, out, _err = run(capsys, "explain", "s-r01", str(small_room), "", *db, "--lang", "en")
    assert code == 0 and out.strip() == "Explanation withdrawn: [S-R01] Room 小屋"
    with filled.reading() as session:
        assert session.scalar(select(func.count(FindingExplanation.id))) == 0


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("S-X99", "小屋", "x"), "没有规则“S-X99”"),
        (("H-R01", "小屋", "x"), "H-R01是必须修正的逻辑错误"),
        (("S-R01", "沙盘室", "x"), "规则 S-R01 对“沙盘室”没有提出问题"),
        (("S-R01", "9999", "x"), "没有提出问题"),
    ],
)
def test_explain_refuses_what_cannot_be_kept(
    capsys: pytest.CaptureFixture[str],
    small_room: int,
    db_path: Path,
    argv: tuple[str, ...],
    said: str,
) -> None:
    code, _out, err = run(capsys, "explain", *argv, "--db", str(db_path))
    assert code == 2
    assert said in err
    assert "Traceback" not in err


def test_explain_refuses_a_name_two_records_share(
    capsys: pytest.CaptureFixture[str], small_room: int, filled: Database, db_path: Path
) -> None:
    with filled.transaction() as session:
        # Two rooms of one name cannot be typed in the form, but an old import made them.
        session.add(
            CounsellingRoom(
                school_id=own_school(session).id,
                name="小屋",
                function="group",
                area_tenths=70,
                status="in_use",
            )
        )
    code, _out, err = run(capsys, "explain", "S-R01", "小屋", "x", "--db", str(db_path))
    assert code == 2
    assert "有多条记录叫“小屋”" in err and f"{small_room} (小屋)" in err


# --- delete -------------------------------------------------------------------------


def test_delete_a_counselor_by_name_with_certificates_and_attendance(
    capsys: pytest.CaptureFixture[str], filled: Database, db_path: Path
) -> None:
    before = _counts(filled)
    code, out, _err = run(capsys, "delete", "counselor", "李明", "--yes", "--db", str(db_path))
    assert code == 0
    assert "已删除教师“李明”（连同 1 本证书、1 条参训记录）" in out
    after = _counts(filled)
    assert after["counselor"] == before["counselor"] - 1
    assert after["certificate"] == before["certificate"] - 1
    assert after["attendance"] == before["attendance"] - 1
    assert "before-delete" in [b.reason for b in list_backups(db_path)]


def test_delete_by_identity_number_and_number(
    capsys: pytest.CaptureFixture[str], filled: Database, db_path: Path
) -> None:
    with filled.reading() as session:
        zhang = session.scalars(select(Counselor).where(Counselor.name == "张丽")).one()
        identity, event = zhang.identity_number, session.scalars(select(TrainingEvent.id)).first()
    assert identity
    code, out, _err = run(
        capsys, "delete", "counselor", identity.lower(), "-y", "--db", str(db_path), "--lang", "en"
    )
    assert code == 0 and "Deleted the counselor 张丽 532301" in out
    code, out, _err = run(capsys, "delete", "training", str(event), "-y", "--db", str(db_path))
    assert code == 0 and "已删除培训“州级培训（2026-04-10）”" in out
    code, out, _err = run(capsys, "delete", "room", "沙盘室", "-y", "--db", str(db_path))
    assert code == 0
    assert _counts(filled)["counselor"] == 1 and _counts(filled)["counselling_room"] == 1


def test_delete_asks_and_a_script_must_say_yes(
    capsys: pytest.CaptureFixture[str], filled: Database, db_path: Path
) -> None:
    before = _counts(filled)
    code, out, err = run(capsys, "delete", "room", "沙盘室", "--db", str(db_path))
    assert code == 2
    assert "将删除辅导室“沙盘室”。" in out
    assert "请加 --yes" in err
    assert _counts(filled) == before


def test_delete_what_is_not_there_or_is_ambiguous(
    capsys: pytest.CaptureFixture[str], filled: Database, db_path: Path
) -> None:
    code, _out, err = run(capsys, "delete", "counselor", "王五", "-y", "--db", str(db_path))
    assert code == 2 and "找不到教师“王五”" in err
    with filled.transaction() as session:
        cs.add_counselor(
            session,
            school_id=own_school(session).id,
            data=part_timer(birth_date=date(1990, 1, 1)),  # a second 李明
        )
    code, _out, err = run(capsys, "delete", "counselor", "李明", "-y", "--db", str(db_path))
    assert code == 2 and "有多条记录叫“李明”" in err
    code, _out, err = run(capsys, "delete", "spaceship", "1", "--db", str(db_path))
    assert code == 2


def test_deleting_from_an_accepted_period_says_so_first(
    capsys: pytest.CaptureFixture[str], filled: Database, db_path: Path, tmp_path: Path
) -> None:
    package = export(filled, "2026", tmp_path / "usb")
    accept(
        filled, package, tmp_path / "replies", Signer.from_private_key(Ed25519PrivateKey.generate())
    )
    code, out, err = run(capsys, "delete", "room", "沙盘室", "--db", str(db_path))
    assert code == 2
    assert "教育局已接收（已回执）的 2026 期次数据" in out
    assert _counts(filled)["counselling_room"] == 2
    code, out, _err = run(capsys, "delete", "room", "沙盘室", "-y", "--db", str(db_path))
    assert code == 0 and "更正" in out
    # Exporting 2026 again is now a correction, said explicitly.
    code, _out, err = run(
        capsys, "export", "--period", "2026", "--out", str(tmp_path / "usb2"), "--db", str(db_path),
        "--unencrypted",
    )  # fmt: skip
    assert code == 2 and "--correction" in err


# --- import-xlsx --replace ------------------------------------------------------------


@pytest.fixture
def smaller_workbook(tmp_path: Path) -> Path:
    """The same school's workbook with only 张丽, 心灵驿站 and 州级培训 (made elsewhere)."""
    other = open_database(tmp_path / "other" / "cxdesk.db")
    with other.transaction() as session:
        init_school(
            session, code=SCHOOL_CODE, name="楚雄市鹿城小学", county="532301", kind="primary"
        )
    _fill(other, full=False)
    path = tmp_path / "complete.xlsx"
    with other.transaction() as session:
        school = own_school(session)
        write_school_workbook(session, school=school, period=get_period(session, "2026"), path=path)
    other.close()
    return path


def test_replace_lists_every_removal_and_waits_for_a_yes(
    capsys: pytest.CaptureFixture[str], filled: Database, db_path: Path, smaller_workbook: Path
) -> None:
    before = _counts(filled)
    db = ["--db", str(db_path)]
    code, out, err = run(capsys, "import-xlsx", str(smaller_workbook), "--replace", *db)
    assert code == 2 and "请加 --yes" in err
    assert _counts(filled) == before
    for removed in ("“教师”李明", "“辅导室”沙盘室", "“培训”县级培训（2026-05-06）"):
        assert f"[删除] {removed}" in out, out
    assert "将删除表格中没有的 3 条已有记录" in out

    code, out, err = run(
        capsys, "import-xlsx", str(smaller_workbook), "--replace", "--dry-run", *db
    )
    assert code == 0 and "[删除] “教师”李明" in out and _counts(filled) == before

    code, out, _err = run(capsys, "import-xlsx", str(smaller_workbook), "--replace", "--yes", *db)
    assert code == 0
    assert _counts(filled) == {
        "counselor": 1,
        "certificate": 1,
        "counselling_room": 1,
        "training_event": 1,
        "attendance": 1,
    }
    assert "before-import" in [b.reason for b in list_backups(db_path)]
    # Importing it again removes nothing more and asks nothing.
    code, out, _err = run(capsys, "import-xlsx", str(smaller_workbook), "--replace", "--json", *db)
    assert code == 0 and json.loads(out)["removed"] == []


def test_without_replace_nothing_is_removed(
    capsys: pytest.CaptureFixture[str], filled: Database, db_path: Path, smaller_workbook: Path
) -> None:
    before = _counts(filled)
    code, _out, _err = run(capsys, "import-xlsx", str(smaller_workbook), "--db", str(db_path))
    assert code == 0
    after = _counts(filled)
    for kind in ("counselor", "counselling_room", "training_event"):
        assert after[kind] == before[kind]


def test_replace_is_all_or_nothing(
    capsys: pytest.CaptureFixture[str], filled: Database, db_path: Path, tmp_path: Path
) -> None:
    """A certificate row naming someone the workbook does not list: nothing at all happens."""
    import openpyxl

    path = tmp_path / "wb.xlsx"
    with filled.transaction() as session:
        write_school_workbook(
            session, school=own_school(session), period=get_period(session, "2026"), path=path
        )
    book = openpyxl.load_workbook(path)
    people = book["教师"]
    for row in range(people.max_row, 1, -1):
        if people.cell(row, 1).value == "李明":
            people.delete_rows(row)
    rooms = book["辅导室"]
    rooms.delete_rows(3)  # 沙盘室 would be removed too
    book.save(path)
    before = _counts(filled)
    code, out, _err = run(
        capsys, "import-xlsx", str(path), "--replace", "--yes", "--db", str(db_path)
    )
    assert code == 2
    assert "“李明”不在“教师”表中" in out
    assert _counts(filled) == before


def test_a_school_compares_two_periods_of_its_own(
    capsys: pytest.CaptureFixture[str], filled: Database, db_path: Path
) -> None:
    """summary --compare at a school: its own figures, each as of its reference date."""
    with filled.transaction() as session:
        get_period(session, "2025")
    db = ["--db", str(db_path)]
    code, out, _err = run(capsys, "summary", "--period", "2026", "--compare", "2025", *db)
    assert code == 0
    assert "2025 → 2026" in out
    # Both counselors started long before 2025; the 2026 training is 2026's only.
    assert "  心理健康教育教师: 2 → 2  (0)" in out
    assert "  培训人次（州级）: 0 → 2  (+2)" in out
    code, out, _err = run(
        capsys, "summary", "--compare", "2025", "--json", "--period", "2026", *db, "--lang", "en"
    )
    totals = json.loads(out)["totals"]["figures"]
    assert totals["training_person_times.prefecture"] == {"base": 0, "now": 2, "change": 2}
    assert json.loads(out)["rows"] == []
