"""The rule engine on stored data: findings, explanations of soft ones, both languages."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from cxdesk.as_of import AsOf
from cxdesk.checks import explain_finding, run_checks
from cxdesk.checks.engine import Finding
from cxdesk.errors import InputError
from cxdesk.models import CounsellingRoom, FindingExplanation
from cxdesk.period_records import period_records
from cxdesk.services import counselors as cs
from cxdesk.services import rooms as rs
from cxdesk.services import training as ts
from cxdesk.services.periods import define_period, get_period
from cxdesk.services.school_checks import check_school
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database
from tests.core.helpers import certificate, counselor, part_timer, room, training


def _findings(db: Database, period: str = "2026") -> list[Finding]:
    with db.transaction() as session:
        return run_checks(session, school=own_school(session), period=get_period(session, period))


def _rules(findings: list[Finding]) -> list[str]:
    return sorted(f.rule_id for f in findings)


@pytest.fixture
def staffed(school_db: Database, school_id: int) -> Database:
    """A school with a full-time counselor (level-2 certificate), a part-timer and a room."""
    with school_db.transaction() as session:
        cs.add_counselor(session, school_id=school_id, data=counselor(certificates=[certificate()]))
        cs.add_counselor(session, school_id=school_id, data=part_timer())
        rs.add_room(session, school_id=school_id, data=room())
    return school_db


def test_a_sound_school_has_no_findings(staffed: Database) -> None:
    assert _findings(staffed) == []


def test_an_empty_school_is_told_it_has_no_counselor(school_db: Database) -> None:
    findings = _findings(school_db)
    assert _rules(findings) == ["S-S03"]
    assert findings[0].table_name == "school" and findings[0].record_label == "楚雄市鹿城小学"
    assert findings[0].message.render("zh") == "学校没有在岗的心理健康教育教师"
    assert findings[0].message.render("en") == "The school has no counselor in post"


def test_findings_name_record_and_field_hard_first(staffed: Database, school_id: int) -> None:
    with staffed.transaction() as session:
        small = rs.add_room(session, school_id=school_id, data=room("小辅导室", 80)).id
        # Someone who left keeps her certificate: it is history, no finding (once H-K04).
        cs.add_counselor(
            session,
            school_id=school_id,
            data=part_timer(
                "王芳",
                status="left",
                left_date=date(2025, 7, 1),
                certificates=[certificate("nc_level3")],
            ),
        )
        closed = rs.add_room(session, school_id=school_id, data=room("旧辅导室", status="closed"))
        closed_id = closed.id
    findings = _findings(staffed)
    assert [(f.rule_id, f.severity) for f in findings] == [("H-R06", "hard"), ("S-R01", "soft")]
    hard, soft = findings
    assert (hard.table_name, hard.record_id, hard.field, hard.owner_id) == (
        "counselling_room",
        closed_id,
        "closed_on",
        None,
    )
    assert hard.record_label == "旧辅导室"
    assert hard.message.render("zh") == "停用的辅导室必须填写停用日期"
    assert hard.message.render("en") == "A closed room needs the date it closed"
    assert (soft.table_name, soft.record_id, soft.field) == (
        "counselling_room",
        small,
        "area_tenths",
    )
    # The message names only the limit that was crossed (issue 13).
    assert soft.message.render("en") == "Area 8.0 m² is under 10 m²"
    assert soft.message.render("zh") == "面积8.0平方米，小于10平方米"
    assert soft.to_json("en")["message"] == soft.message.render("en")
    assert set(soft.to_json()) == {
        "rule",
        "severity",
        "table",
        "record_id",
        "field",
        "record",
        "message",
        "explanation",
    }


def test_soft_finding_explained_withdrawn(staffed: Database, school_id: int) -> None:
    with staffed.transaction() as session:
        small = rs.add_room(session, school_id=school_id, data=room("小辅导室", 80)).id
    (finding,) = _findings(staffed)
    assert finding.open
    with staffed.transaction() as session:
        explain_finding(
            session,
            school_id=school_id,
            rule_id="S-R01",
            table_name="counselling_room",
            record_id=small,
            explanation="  山区学校，教学楼改造前暂用小教室  ",
        )
    (finding,) = _findings(staffed)
    assert not finding.open
    assert finding.explanation == "山区学校，教学楼改造前暂用小教室"
    # Writing again replaces the explanation; an empty text withdraws it.
    with staffed.transaction() as session:
        explain_finding(
            session,
            school_id=school_id,
            rule_id="S-R01",
            table_name="counselling_room",
            record_id=small,
            explanation="2027年扩建",
        )
    assert _findings(staffed)[0].explanation == "2027年扩建"
    with staffed.transaction() as session:
        assert (
            explain_finding(
                session,
                school_id=school_id,
                rule_id="S-R01",
                table_name="counselling_room",
                record_id=small,
                explanation="   ",
            )
            is None
        )
    (finding,) = _findings(staffed)
    assert finding.open and finding.explanation is None
    with staffed.reading() as session:
        assert session.scalars(select(FindingExplanation)).all() == []


def test_an_explanation_is_for_its_own_record_only(staffed: Database, school_id: int) -> None:
    with staffed.transaction() as session:
        a = rs.add_room(session, school_id=school_id, data=room("小室甲", 80)).id
        rs.add_room(session, school_id=school_id, data=room("小室乙", 90))
        explain_finding(
            session,
            school_id=school_id,
            rule_id="S-R01",
            table_name="counselling_room",
            record_id=a,
            explanation="暂用",
        )
    assert sorted((f.record_label, f.open) for f in _findings(staffed)) == [
        ("小室乙", True),
        ("小室甲", False),
    ]


@pytest.mark.parametrize("rule_id", ["H-R03", "H-C02", "X-404"])
def test_hard_findings_cannot_be_explained(staffed: Database, school_id: int, rule_id: str) -> None:
    with pytest.raises(InputError) as caught, staffed.transaction() as session:
        explain_finding(
            session,
            school_id=school_id,
            rule_id=rule_id,
            table_name="counselling_room",
            record_id=1,
            explanation="就是这样",
        )
    assert rule_id in caught.value.render("zh")
    assert "Only soft findings" in caught.value.render("en")
    with staffed.reading() as session:
        assert session.scalars(select(FindingExplanation)).all() == []


def test_a_hard_finding_stays_open_even_with_a_stored_explanation(
    staffed: Database, school_id: int
) -> None:
    """An explanation row smuggled in for a hard rule (e.g. an old package) changes nothing."""
    with staffed.transaction() as session:
        rid = rs.add_room(session, school_id=school_id, data=room()).id
        session.get_one(CounsellingRoom, rid).area_tenths = 0
        session.add(
            FindingExplanation(
                school_id=school_id,
                rule_id="H-R03",
                table_name="counselling_room",
                record_id=rid,
                explanation="不需要",
                updated_at=date(2026, 1, 1),
            )
        )
    (finding,) = [f for f in _findings(staffed) if f.rule_id == "H-R03"]
    assert finding.open and finding.explanation is None


def test_big_school_without_full_time_counselor(school_db: Database, school_id: int) -> None:
    from cxdesk.models import School

    with school_db.transaction() as session:
        cs.add_counselor(session, school_id=school_id, data=part_timer())
        session.get_one(School, school_id).enrolment = 1001
    assert _rules(_findings(school_db)) == ["S-S02"]


def test_an_implausible_swing_since_the_last_period(staffed: Database, school_id: int) -> None:
    with staffed.transaction() as session:
        define_period(session, label="2025", start=date(2025, 1, 1), end=date(2025, 12, 31))
        for name in ("赵一", "钱二", "孙三"):
            cs.add_counselor(
                session,
                school_id=school_id,
                data=part_timer(name, start_date=date(2026, 3, 1)),
            )
    # The rules are given the period before by the caller (here: the school's own data
    # as of 2025-12-31, since it never exported 2025); without it, nothing to compare.
    assert _findings(staffed) == []
    with staffed.transaction() as session:
        school = own_school(session)
        (finding,) = check_school(session, school=school, period=get_period(session, "2026"))
    assert finding.rule_id == "S-S04"
    assert finding.message.render("zh") == (
        "与上期（2025）相比变化异常：心理健康教育教师人数 2 → 5。请核实数据，或填写说明"
    )
    assert finding.message.render("en") == (
        "Implausible change since the period before (2025): counselors 2 → 5. Check the "
        "data, or explain it"
    )


def test_records_after_the_reference_date_are_left_out_with_a_note(
    staffed: Database, school_id: int
) -> None:
    with staffed.transaction() as session:
        late = cs.add_counselor(
            session, school_id=school_id, data=part_timer("周新", start_date=date(2026, 6, 1))
        ).id
        ts.add_training(
            session,
            school_id=school_id,
            data=training(start=date(2026, 4, 10), counselor_ids=[late]),
        )
        define_period(session, label="2026H1", start=date(2026, 1, 1), end=date(2026, 3, 31))
    # 2026: he attended before he started (a soft finding).
    assert _rules(_findings(staffed)) == ["S-A01"]
    # 2026H1 ended before both: neither the training nor he is checked, and no error.
    assert _findings(staffed, "2026H1") == []
    with staffed.transaction() as session:
        school = own_school(session)
        records = period_records(
            session, school=school, as_of=AsOf.of(get_period(session, "2026H1"))
        )
    assert [m.render("zh") for m in records.notes] == [
        "培训“州级骨干教师培训”（开始日期 2026-04-10）在统计时点 2026-03-31 之后，属于以后的期次："
        "不计入 2026H1 期次，也不放入该期次的上报包。",
        "教师“周新”（任职日期 2026-06-01）在统计时点 2026-03-31 之后，属于以后的期次："
        "不计入 2026H1 期次，也不放入该期次的上报包。",
    ]
    assert "reference date 2026-03-31" in records.notes[0].render("en")


def test_an_explanation_must_name_the_rules_own_kind_of_record(
    staffed: Database, school_id: int
) -> None:
    with pytest.raises(InputError) as caught, staffed.transaction() as session:
        explain_finding(
            session,
            school_id=school_id,
            rule_id="S-R01",
            table_name="counselor",
            record_id=1,
            explanation="暂用",
        )
    assert caught.value.render("zh") == "规则S-R01检查的是辅导室，不是counselor"
    assert caught.value.render("en") == "Rule S-R01 checks Room, not counselor"


def test_a_blank_explanation_does_not_keep_a_finding() -> None:
    """Explanations may arrive from elsewhere (a package): blanks are no explanation."""
    from cxdesk.checks.rules import RULES_BY_ID

    rule = RULES_BY_ID["S-R01"]
    finding = Finding(
        "S-R01",
        "soft",
        "counselling_room",
        1,
        "area_tenths",
        "小室",
        rule.text(area="8.0", low=10, high=200),
        explanation="  \n ",
    )
    assert finding.open
