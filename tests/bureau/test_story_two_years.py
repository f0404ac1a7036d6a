"""The whole story of two years, school to county, against figures computed by hand.

A school reports 2025 and the county accepts it (a receipt).  In 2026 one counselor
leaves and another joins, a room closes, 2026 training is entered; the school then finds
two mistakes in 2025 (a room's area, a forgotten training), corrects them, and exports
2025 again (a correction, 更正) and 2026.  The county collects everything, and the figures
of both years come out exactly as counted by hand below, at the school and at the county,
with the correction marked, the swing explained, the two years compared and trended.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.bureau.board import completeness_board
from cxdesk.bureau.collect import collect
from cxdesk.bureau.register import RegisterRow, load_register
from cxdesk.bureau.review import accept_submission
from cxdesk.bureau.summary import bureau_summary
from cxdesk.bureau.trends import trend
from cxdesk.checks import explain_finding
from cxdesk.cli import main
from cxdesk.errors import InputError
from cxdesk.exchange.changes import changes_since_last_package
from cxdesk.exchange.export import outbox_dir
from cxdesk.exchange.keys import current_key, keys_dir, load_signer
from cxdesk.exchange.replies import receive_file
from cxdesk.exchange.trust import register_key
from cxdesk.exchange.verify import verify_package
from cxdesk.figures import school_figures
from cxdesk.models import CounsellingRoom, Counselor, Submission
from cxdesk.services import counselors as cs
from cxdesk.services import rooms as rs
from cxdesk.services import training as ts
from cxdesk.services.bureaus import init_bureau
from cxdesk.services.periods import get_period
from cxdesk.services.records import RoomInput
from cxdesk.services.school_checks import check_school
from cxdesk.services.setup import init_school, own_school
from cxdesk.storage.db import Database, open_database
from tests.core.helpers import certificate, counselor, part_timer, room, training
from tests.period_helpers import export

CODE, COUNTY = "2153230001", "532301"
LEVELS = ("national", "provincial", "prefecture", "county", "school")

#: Counted by hand from the story (see the module's docstring and the comments below).
EXPECTED_2025 = {
    "schools_expected": 1,
    "schools_reported": 1,
    "counselors": 3,  # 张丽 (left only in 2026), 李明, 赵强
    "full_time": 1,  # 张丽
    "part_time": 2,
    "cert_level2": 1,  # 张丽
    "cert_level3": 0,  # 王芳's came in 2026
    "cert_other": 1,  # 李明
    "recruited_since_2020": 1,  # 张丽, started 2020-09-01
    "studio_hosts": 0,
    "studio_members": 0,
    "rooms": 2,  # 沙盘室 closed only on 2026-02-28
    "room_area_m2": Decimal("67.3"),  # 26.8 (corrected from 28.6) + 40.5
    "schools_with_room": 1,
    "schools_with_room_pct": Decimal("100.00"),
    # county: 张丽 and 李明; provincial: 张丽; school: 赵强 (the forgotten one, corrected)
    "training_person_times": dict(zip(LEVELS, (0, 1, 0, 2, 1), strict=True)),
}
EXPECTED_2026 = {
    **EXPECTED_2025,
    "counselors": 3,  # 李明, 赵强, 王芳 (joined 2026-02-01)
    "full_time": 1,  # 王芳
    "part_time": 2,
    "cert_level2": 0,  # 张丽 left
    "cert_level3": 1,  # 王芳, issued 2026-05-01
    "cert_other": 1,  # 李明
    "recruited_since_2020": 1,  # 王芳
    "rooms": 1,
    "room_area_m2": Decimal("26.8"),
    # national: 王芳; prefecture: 李明 and 王芳
    "training_person_times": dict(zip(LEVELS, (1, 0, 2, 0, 0), strict=True)),
}


def _school(tmp_path: Path) -> Database:
    path = tmp_path / "school" / "cxdesk.db"
    path.parent.mkdir()
    path.touch()  # an existing file: a school's database stays SQLite on every backend
    db = open_database(path)
    with db.transaction() as session:
        init_school(session, code=CODE, name="楚雄市鹿城小学", county=COUNTY, kind="primary")
    return db


def _county(tmp_path: Path, school: Database) -> Database:
    with school.transaction() as session:
        load_signer(session, key_dir=keys_dir(school.path))  # the school's key, made now
        key = current_key(session)
        assert key is not None
        fingerprint = key.fingerprint
    db = open_database(tmp_path / "county" / "county.db")
    with db.transaction() as session:
        init_bureau(session, role="county", code=COUNTY)
        load_register(session, [RegisterRow(CODE, "楚雄市鹿城小学", COUNTY, "primary")])
        register_key(session, fingerprint=fingerprint, code=CODE, name="楚雄市鹿城小学")
    return db


def _enter_2025(session: Session) -> None:
    school_id = own_school(session).id
    zhang = cs.add_counselor(
        session,
        school_id=school_id,
        data=counselor("张丽", start_date=date(2020, 9, 1), certificates=[certificate()]),
    ).id
    li = cs.add_counselor(
        session,
        school_id=school_id,
        data=part_timer("李明", certificates=[certificate("counselling_skill")]),
    ).id
    cs.add_counselor(
        session,
        school_id=school_id,
        data=part_timer("赵强", birth_date=date(1988, 5, 4), start_date=date(2015, 9, 1)),
    )
    rs.add_room(session, school_id=school_id, data=room("心灵驿站", 286, year_opened=2019))
    rs.add_room(session, school_id=school_id, data=room("沙盘室", 405, function="group"))
    ts.add_training(
        session,
        school_id=school_id,
        data=training(
            "县级心理健康教育培训",
            level="county",
            start=date(2025, 5, 10),
            counselor_ids=[zhang, li],
        ),
    )
    ts.add_training(
        session,
        school_id=school_id,
        data=training(
            "省级骨干教师培训",
            level="provincial",
            start=date(2025, 10, 20),
            end=date(2025, 10, 24),
            counselor_ids=[zhang],
        ),
    )


def _live_2026(session: Session) -> None:
    """What happened in 2026: she leaves, she joins, a room closes, 2026 training."""
    school_id = own_school(session).id
    zhang = session.scalars(select(Counselor).where(Counselor.name == "张丽")).one()
    data = cs.counselor_input(zhang)
    data.status, data.left_date = "left", date(2026, 3, 1)
    cs.update_counselor(session, counselor_id=zhang.id, data=data)
    wang = cs.add_counselor(
        session,
        school_id=school_id,
        data=counselor(
            "王芳",
            birth_date=date(1992, 7, 8),
            start_date=date(2026, 2, 1),
            certificates=[certificate("nc_level3", issued_on=date(2026, 5, 1))],
        ),
    ).id
    sand = session.scalars(select(CounsellingRoom).where(CounsellingRoom.name == "沙盘室")).one()
    rs.update_room(
        session,
        room_id=sand.id,
        data=RoomInput("沙盘室", "group", 405, 2019, "closed", date(2026, 2, 28)),
    )
    li = session.scalars(select(Counselor.id).where(Counselor.name == "李明")).one()
    ts.add_training(
        session,
        school_id=school_id,
        data=training("州级培训", start=date(2026, 4, 10), counselor_ids=[li, wang]),
    )
    ts.add_training(
        session,
        school_id=school_id,
        data=training(
            "国家级示范培训", level="national", start=date(2026, 7, 1), counselor_ids=[wang]
        ),
    )


def _correct_2025(session: Session) -> None:
    """Two mistakes found in 2025: the room's area, a forgotten training."""
    school_id = own_school(session).id
    heart = session.scalars(select(CounsellingRoom).where(CounsellingRoom.name == "心灵驿站")).one()
    rs.update_room(session, room_id=heart.id, data=RoomInput("心灵驿站", "individual", 268, 2019))
    zhao = session.scalars(select(Counselor.id).where(Counselor.name == "赵强")).one()
    ts.add_training(
        session,
        school_id=school_id,
        data=training("校本研修", level="school", start=date(2025, 12, 20), counselor_ids=[zhao]),
    )


def _plain(figures: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in figures.items() if k not in ("code", "name")}


def _county_figures(db: Database, period: str) -> dict[str, Any]:
    with db.transaction() as session:
        return bureau_summary(session, period=get_period(session, period)).totals


def test_two_years_school_to_county(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    school = _school(tmp_path)
    county = _county(tmp_path, school)
    usb = tmp_path / "usb"

    # --- 2025: entered, exported, collected, accepted ---------------------------------
    with school.transaction() as session:
        _enter_2025(session)
    first = export(school, "2025", usb)
    assert collect(county, [first]).results[0].outcome == "accepted"
    receipt = accept_submission(
        county, code=CODE, period_label="2025", out_dir=tmp_path / "replies"
    ).path
    with school.transaction() as session:
        receive_file(session, path=receipt)

    # --- 2026: people come and go, a room closes, training ------------------------------
    with school.transaction() as session:
        _live_2026(session)
    # 2025 still stands as it was: no finding, and nothing changed since it was sent.
    with school.transaction() as session:
        period = get_period(session, "2025")
        assert check_school(session, school=own_school(session), period=period) == []
        unchanged = changes_since_last_package(
            session, period_label="2025", outbox=outbox_dir(school.path)
        )
        assert (unchanged.records, unchanged.figures) == ([], [])
    # Exporting an accepted period again is a correction, and must be said to be one.
    with pytest.raises(InputError):
        export(school, "2025", usb)

    # --- the 2025 correction, and 2026 ---------------------------------------------------
    with school.transaction() as session:
        _correct_2025(session)
    with school.transaction() as session:
        changes = changes_since_last_package(
            session, period_label="2025", outbox=outbox_dir(school.path)
        )
    assert [(c.table, c.kind, c.record) for c in changes.records] == [
        ("counselling_room", "changed", "心灵驿站"),
        ("training_event", "added", "校本研修（2025-12-20）"),
    ]
    assert [(f.key, str(f.old), str(f.new)) for f in changes.figures][:1] == [
        ("room_area_m2", "69.1", "67.3")
    ]
    corrected = export(school, "2025", usb, correction=True)
    manifest = verify_package(corrected).manifest
    assert (manifest.sequence, manifest.correction) == (2, True)
    assert manifest.counts == {
        "counselor": 3,  # not 王芳, who joined in 2026
        "certificate": 2,
        "counselling_room": 2,
        "training_event": 3,  # not the 2026 ones
        "attendance": 4,
    }
    # 2026 has a swing: the rooms halved.  The school explains it.
    with school.transaction() as session:
        school_record = own_school(session)
        period = get_period(session, "2026")
        (swing,) = check_school(session, school=school_record, period=period)
        assert swing.rule_id == "S-S04" and "辅导室间数 2 → 1" in swing.message.render("zh")
        explain_finding(
            session,
            school_id=school_record.id,
            rule_id="S-S04",
            table_name="school",
            record_id=school_record.id,
            explanation="沙盘室2026年2月停用，改建后再启用",
        )
    second_year = export(school, "2026", usb)

    # The school's own figures, both years.
    with school.transaction() as session:
        school_record = own_school(session)
        for label, expected in (("2025", EXPECTED_2025), ("2026", EXPECTED_2026)):
            figures = school_figures(
                session, school=school_record, period=get_period(session, label)
            )
            assert figures == {**expected, "schools_expected": None}, label

    # --- the county collects everything it is given -------------------------------------
    report = collect(county, [usb])
    assert sorted(r.outcome for r in report.results) == ["accepted", "accepted", "already_had"]
    assert report.summary().render("zh") == (
        "共 3 个文件：2 所学校已计入（2025 期 1 所、2026 期 1 所），1 个已有（重复）"
    )
    assert _county_figures(county, "2025") == EXPECTED_2025
    assert _county_figures(county, "2026") == EXPECTED_2026
    with county.reading() as session:
        counted = session.scalars(
            select(Submission)
            .where(Submission.status == "accepted")
            .order_by(Submission.period_label)
        ).all()
        assert [(s.period_label, s.sequence, s.correction) for s in counted] == [
            ("2025", 2, True),
            ("2026", 1, False),
        ]
        # The bureau's re-run of the checks: the swing against what it counted for 2025,
        # with the school's explanation, so nothing is open.
        assert counted[1].soft_findings == 0 and counted[1].hard_findings == 0
        findings = json.loads(counted[1].findings_json or "[]")
        assert [(f["rule"], f["explanation"]) for f in findings] == [
            ("S-S04", "沙盘室2026年2月停用，改建后再启用")
        ]
    with county.transaction() as session:
        board = completeness_board(session, period_label="2025")
        assert [(r.code, r.sequence, r.correction) for r in board.rows] == [(CODE, 2, True)]
        assert any("更正" in line for line in board.text_lines("zh"))
        points = trend(session)
    assert [(p.period, p.totals) for p in points] == [
        ("2025", EXPECTED_2025),
        ("2026", EXPECTED_2026),
    ]

    # --- the comparison, as a clerk scripts it ------------------------------------------
    capsys.readouterr()
    out_xlsx = tmp_path / "compare.xlsx"
    argv = ["summary", "--period", "2026", "--compare", "2025", "--db", str(county.path)]
    assert main([*argv, "--json", "--xlsx", str(out_xlsx)]) == 0
    compared = json.loads(capsys.readouterr().out)
    totals = compared["totals"]["figures"]
    assert compared["period"] == "2026" and compared["compared_with"] == "2025"
    assert totals["rooms"] == {"base": 2, "now": 1, "change": -1}
    assert totals["room_area_m2"] == {"base": 67.3, "now": 26.8, "change": -40.5}
    assert totals["cert_level2"] == {"base": 1, "now": 0, "change": -1}
    assert totals["counselors"] == {"base": 3, "now": 3, "change": 0}
    assert totals["training_person_times.national"] == {"base": 0, "now": 1, "change": 1}
    sheet = openpyxl.load_workbook(out_xlsx).active
    assert sheet is not None
    lines = {(r[1], r[2], r[3], r[4]) for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert ("辅导室面积（平方米）", 67.3, 26.8, -40.5) in lines
    assert ("心理辅导室（间）", 2, 1, -1) in lines

    school.close()
    county.close()
    assert verify_package(second_year).manifest.correction is False
