"""The checks of a collected package run once, on the rows just stored (issue 16), and find
exactly what the rules find on the stored snapshot read back from the database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.bureau.collect import collect
from cxdesk.bureau.findings import findings_summary
from cxdesk.bureau.opening import open_received
from cxdesk.checks import explain_finding, run_checks
from cxdesk.exchange.verify import verify_package
from cxdesk.models import CounsellingRoom, School, Submission
from cxdesk.services.counselors import add_counselor
from cxdesk.services.periods import get_period
from cxdesk.services.records import CertificateInput, CounselorInput, RoomInput, TrainingInput
from cxdesk.services.rooms import add_room
from cxdesk.services.setup import own_school
from cxdesk.services.training import add_training
from cxdesk.storage.db import Database

from .conftest import COUNTY, Schools
from .helpers import reexport


def _findings_of_every_kind(session: Session) -> None:
    """Soft findings on a counselor, a room and an attendance; the room's one explained."""
    school = own_school(session)
    old = add_counselor(
        session,
        school_id=school.id,
        data=CounselorInput(
            name="年长的老师",
            post_type="part_time",
            main_subject="chinese",
            birth_date=date(1950, 5, 1),  # S-C01: older than 65
            certificates=[
                CertificateInput("other", other_name="家庭教育指导师", number="JT-2020-018")
            ],
        ),
    )
    gone = add_counselor(
        session,
        school_id=school.id,
        data=CounselorInput(
            name="调走的老师",
            post_type="part_time",
            main_subject="math",
            birth_date=date(1990, 1, 1),
            status="left",
            left_date=date(2025, 9, 1),
        ),
    )
    room = add_room(session, school_id=school.id, data=RoomInput("大礼堂", "group", 3000))
    add_training(
        session,
        school_id=school.id,
        data=TrainingInput(
            "县级心理健康教育培训",
            "county",
            date(2026, 3, 2),
            date(2026, 3, 3),
            hours=12,
            counselor_ids=[old.id, gone.id],  # S-A01: the one who left attended
        ),
    )
    explain_finding(
        session,
        school_id=school.id,
        rule_id="S-R01",
        table_name="counselling_room",
        record_id=room.id,
        explanation="礼堂兼作团体辅导室",
    )


def test_findings_at_collect_are_those_of_the_stored_snapshot(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path
) -> None:
    plan = next(p for p in schools.plans if p.county == COUNTY)
    newer = reexport(schools.root, plan, tmp_path / "work", usb, _findings_of_every_kind)
    report = collect(county_db, [usb])
    assert {Path(r.path).name: r.outcome for r in report.results}[newer.name] == "accepted"
    with county_db.transaction() as session:
        submissions = session.scalars(
            select(Submission).where(Submission.status == "accepted")
        ).all()
        assert len(submissions) == len(schools.in_county())
        for sub in submissions:
            school = session.scalars(select(School).where(School.submission_id == sub.id)).one()
            # The school's findings with its explanations travel encrypted (details.json).
            opened = open_received(session, county_db, verify_package(Path(sub.stored_path)))
            again = findings_summary(
                session,
                school_id=school.id,
                period_label="2026",
                school_findings=opened.school_findings,
            )
            assert again == {
                "hard_findings": sub.hard_findings,
                "soft_findings": sub.soft_findings,
                "findings_json": sub.findings_json,
            }
        counted = next(s for s in submissions if s.sender_code == plan.code)
        findings = json.loads(counted.findings_json or "[]")
        rules = sorted(f["rule"] for f in findings)
        assert rules.count("S-C01") == 1 and rules.count("S-A01") == 1
        room = next(f for f in findings if f["rule"] == "S-R01")
        assert room["explanation"] == "礼堂兼作团体辅导室"
        assert counted.soft_findings == len([f for f in findings if not f["explanation"]])
        # And the records the rules saw are the stored ones: the room's id is the stored id.
        school = session.scalars(select(School).where(School.submission_id == counted.id)).one()
        big = session.scalars(
            select(CounsellingRoom).where(
                CounsellingRoom.school_id == school.id, CounsellingRoom.name == "大礼堂"
            )
        ).one()
        assert room["record_id"] == big.id
        loaded = run_checks(session, school=school, period=get_period(session, "2026"))
        assert sorted((f.rule_id, f.record_id) for f in loaded) == sorted(
            (f["rule"], f["record_id"]) for f in findings
        )
