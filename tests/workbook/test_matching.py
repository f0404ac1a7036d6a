"""How rows find stored records: identity number, else name and birth date; codes and labels."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from cxdesk.models import Attendance, Certificate, Counselor
from cxdesk.services.counselors import add_counselor
from cxdesk.services.records import CertificateInput, CounselorInput, TrainingInput
from cxdesk.services.setup import own_school
from cxdesk.services.training import add_training
from cxdesk.storage.db import Database
from cxdesk.workbook import ImportPlan, apply_import, plan_import, write_template
from tests.workbook.conftest import ID_LI, ID_WANG, fill

COUNSELOR_HEADERS = ("姓名", "身份证号", "出生日期", "专兼职", "主教学科")


def _plan(db: Database, tmp_path: Path, rows: dict[str, list[dict[str, Any]]]) -> ImportPlan:
    write_template(tmp_path / "t.xlsx")
    workbook = fill(tmp_path / "t.xlsx", tmp_path / "in.xlsx", rows)
    with db.transaction() as session:
        plan = plan_import(session, school=own_school(session), path=workbook)
        if plan.ok:
            apply_import(session, plan=plan)
    return plan


def _stored(db: Database) -> list[tuple[Any, ...]]:
    """name, identity number, post type, main subject, gender, birth date of each counselor."""
    with db.reading() as session:
        return [
            (c.name, c.identity_number, c.post_type, c.main_subject, c.gender, c.birth_date)
            for c in session.scalars(select(Counselor).order_by(Counselor.id))
        ]


def test_name_and_birth_date_find_a_counselor_without_identity_number(
    school_db: Database, school_id: int, tmp_path: Path
) -> None:
    with school_db.transaction() as session:
        add_counselor(
            session,
            school_id=school_id,
            data=CounselorInput("李春梅", "full_time", birth_date=date(1985, 3, 12)),
        )
    plan = _plan(
        school_db,
        tmp_path,
        {
            "教师": [
                {
                    "姓名": "李春梅",
                    "身份证号": ID_LI,
                    "出生日期": date(1985, 3, 12),
                    "专兼职": "专职",
                }
            ]
        },
    )
    assert plan.problems == []
    assert [c.action for c in plan.changes] == ["update"]
    stored = _stored(school_db)
    assert len(stored) == 1 and stored[0][1] == ID_LI


def test_codes_and_english_labels_are_accepted(school_db: Database, tmp_path: Path) -> None:
    plan = _plan(
        school_db,
        tmp_path,
        {
            "教师": [
                {
                    "姓名": "王建华",
                    "身份证号": ID_WANG,
                    "专兼职": "part_time",
                    "主教学科": "Mathematics",
                },
                {"姓名": "赵敏", "出生日期": "1988年4月2日", "专兼职": "Full-time", "性别": "F"},
            ]
        },
    )
    assert plan.problems == []
    stored = _stored(school_db)
    assert [c[2:] for c in stored] == [
        ("part_time", "math", None, None),
        ("full_time", None, "F", date(1988, 4, 2)),
    ]


def test_certificates_of_an_unlisted_counselor_are_added(
    school_db: Database, school_id: int, tmp_path: Path
) -> None:
    with school_db.transaction() as session:
        add_counselor(
            session,
            school_id=school_id,
            data=CounselorInput(
                "李春梅",
                "full_time",
                identity_number=ID_LI,
                certificates=[CertificateInput("nc_level3", number="A1")],
            ),
        )
    plan = _plan(
        school_db,
        tmp_path,
        {"证书": [{"教师姓名": "李春梅", "证书类别": "国家心理咨询师二级", "证书编号": "B2"}]},
    )
    assert plan.problems == []
    with school_db.reading() as session:
        kinds = sorted(session.scalars(select(Certificate.kind)))
    assert kinds == ["nc_level2", "nc_level3"]


def test_attendance_at_an_unlisted_event_is_added(
    school_db: Database, school_id: int, tmp_path: Path
) -> None:
    with school_db.transaction() as session:
        first = add_counselor(session, school_id=school_id, data=CounselorInput("甲", "full_time"))
        add_counselor(session, school_id=school_id, data=CounselorInput("乙", "full_time"))
        add_training(
            session,
            school_id=school_id,
            data=TrainingInput(
                "州级培训",
                "prefecture",
                date(2026, 4, 1),
                date(2026, 4, 1),
                counselor_ids=[first.id],
            ),
        )
    plan = _plan(
        school_db,
        tmp_path,
        {"参训": [{"培训名称": "州级培训", "培训开始日期": date(2026, 4, 1), "教师姓名": "乙"}]},
    )
    assert plan.problems == []
    with school_db.reading() as session:
        assert session.query(Attendance).count() == 2


def test_two_counselors_of_one_name_need_more_than_a_name(
    school_db: Database, school_id: int, tmp_path: Path
) -> None:
    with school_db.transaction() as session:
        for day in (1, 2):
            add_counselor(
                session,
                school_id=school_id,
                data=CounselorInput("张伟", "full_time", birth_date=date(1980, 1, day)),
            )
    plan = _plan(
        school_db,
        tmp_path,
        {"证书": [{"教师姓名": "张伟", "证书类别": "国家心理咨询师三级", "证书编号": "C3"}]},
    )
    assert [p.render() for p in plan.problems] == [
        "“证书”表第2行“教师姓名”列：有不止一位教师叫“张伟”，请填写教师身份证号或出生日期以区分"
    ]
    plan = _plan(
        school_db,
        tmp_path,
        {
            "证书": [
                {
                    "教师姓名": "张伟",
                    "教师出生日期": date(1980, 1, 2),
                    "证书类别": "国家心理咨询师三级",
                    "证书编号": "C3",
                }
            ]
        },
    )
    assert plan.problems == []


def test_identity_number_and_name_must_agree(school_db: Database, tmp_path: Path) -> None:
    plan = _plan(
        school_db,
        tmp_path,
        {
            "教师": [{"姓名": "李春梅", "身份证号": ID_LI, "专兼职": "专职"}],
            "证书": [
                {
                    "教师姓名": "王建华",
                    "教师身份证号": ID_LI,
                    "证书类别": "国家心理咨询师三级",
                    "证书编号": "C3",
                }
            ],
        },
    )
    assert [p.render() for p in plan.problems] == [
        "“证书”表第2行“教师身份证号”列：身份证号 532301********0026 属于教师“李春梅”，不是“王建华”"
    ]
    assert _stored(school_db) == []
