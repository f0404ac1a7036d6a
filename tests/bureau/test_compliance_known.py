"""Compliance per school and per county on the known prefecture (answers in known.py)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from cxdesk.services.periods import get_period
from cxdesk.standards.catalogue import add_standard, set_enabled
from cxdesk.standards.compliance import compliance_report

from .known import SHAANXI, Known, county_bureau, prefecture_bureau

#: Each school's outcome on each national standard, worked out by hand from known.py.
EXPECTED = {
    "2153010001": {  # A1
        "cn-2021-full-time": "met",
        "cn-2023-counselor": "met",
        "cn-2015-room-areas": "met",
        "cn-2015-individual-size": "met",
        "cn-2015-group-size": "not_applicable",
    },
    "3153010002": {  # A2: no full-timer, no reception, an 8.0 m² individual room
        "cn-2021-full-time": "not_met",
        "cn-2023-counselor": "met",
        "cn-2015-room-areas": "not_met",
        "cn-2015-individual-size": "not_met",
        "cn-2015-group-size": "met",
    },
    "2153010003": {  # A3: one part-timer, no room
        "cn-2021-full-time": "not_met",
        "cn-2023-counselor": "met",
        "cn-2015-room-areas": "not_met",
        "cn-2015-individual-size": "not_applicable",
        "cn-2015-group-size": "not_applicable",
    },
    "3653010004": {  # A4: vocational (outside the 中小学 standards), nobody in post
        "cn-2021-full-time": "not_applicable",
        "cn-2023-counselor": "not_met",
        "cn-2015-room-areas": "not_applicable",
        "cn-2015-individual-size": "not_applicable",
        "cn-2015-group-size": "not_applicable",
    },
    "2153020001": {  # B1: the group room (18 m²) also holds the reception area
        "cn-2021-full-time": "met",
        "cn-2023-counselor": "met",
        "cn-2015-room-areas": "met",
        "cn-2015-individual-size": "met",
        "cn-2015-group-size": "not_met",
    },
    "3453020002": {  # B2: a combined room without a reception area
        "cn-2021-full-time": "met",
        "cn-2023-counselor": "met",
        "cn-2015-room-areas": "not_met",
        "cn-2015-individual-size": "not_applicable",
        "cn-2015-group-size": "not_applicable",
    },
}

#: (met, schools concerned, rate) per county and in total, from EXPECTED.
RATES = {
    "cn-2021-full-time": {
        "532301": (1, 3, "33.33"),
        "532302": (2, 2, "100.00"),
        "": (3, 5, "60.00"),
    },
    "cn-2023-counselor": {
        "532301": (3, 4, "75.00"),
        "532302": (2, 2, "100.00"),
        "": (5, 6, "83.33"),
    },
    "cn-2015-room-areas": {
        "532301": (1, 3, "33.33"),
        "532302": (1, 2, "50.00"),
        "": (2, 5, "40.00"),
    },
    "cn-2015-individual-size": {
        "532301": (1, 2, "50.00"),
        "532302": (1, 1, "100.00"),
        "": (2, 3, "66.67"),
    },
    "cn-2015-group-size": {
        "532301": (1, 1, "100.00"),
        "532302": (0, 1, "0.00"),
        "": (1, 2, "50.00"),
    },
}


def test_every_school_and_county_at_the_prefecture(tmp_path: Path, known: Known) -> None:
    db = prefecture_bureau(tmp_path / "prefecture" / "prefecture.db", known)
    with db.transaction() as session:
        report = compliance_report(session, period=get_period(session, "2026"), group_by="county")
    assert report.reference_date.isoformat() == "2026-12-31"
    assert [s.key for s in report.standards] == list(RATES)
    assert {
        s.facts.code: {k: st.outcome for k, st in s.standings.items()} for s in report.schools
    } == EXPECTED
    rows = {r.code: r for r in report.rows}
    assert list(rows) == ["532301", "532302"]
    for key, expected in RATES.items():
        for county, (met, of, rate) in expected.items():
            cell = (rows[county] if county else report.totals).cells[key]
            assert (cell.met, cell.concerned, cell.rate) == (met, of, Decimal(rate)), (key, county)
    # Targets: every school (100 %) and 95 % of schools; the area rules have none.
    total = report.totals.cells
    assert total["cn-2021-full-time"].meets_target is False
    assert rows["532302"].cells["cn-2023-counselor"].meets_target is True
    assert total["cn-2015-room-areas"].meets_target is None
    # "Schools without X", with the reason in words.
    without = report.schools_with("cn-2015-room-areas")
    assert [s.facts.code for s in without] == ["2153010003", "3153010002", "3453020002"]
    assert without[1].standings["cn-2015-room-areas"].detail == "缺办公接待区"
    small = report.schools_with("cn-2015-individual-size")[0].standings["cn-2015-individual-size"]
    assert small.detail == "个别辅导室“小个辅室”8.0平方米"
    assert small.detail_en == "Individual counselling room 小个辅室 is 8.0 m²"


def test_a_county_sees_its_own_schools_by_kind(tmp_path: Path, known: Known) -> None:
    db = county_bureau(tmp_path / "county" / "county.db", known)
    with db.transaction() as session:
        period = get_period(session, "2026")
        report = compliance_report(session, period=period, group_by="kind")
        primary = compliance_report(session, period=period, kind="primary")
    assert [s.facts.code for s in report.schools] == [
        "2153010001",
        "2153010003",
        "3153010002",
        "3653010004",
    ]
    kinds = {r.code: r for r in report.rows}
    assert list(kinds) == ["primary", "junior", "vocational"]
    assert (kinds["primary"].cells["cn-2021-full-time"].met, kinds["primary"].schools) == (1, 2)
    assert kinds["vocational"].cells["cn-2021-full-time"].not_applicable == 1
    assert [s.facts.code for s in primary.schools] == ["2153010001", "2153010003"]


def test_switching_a_standard_off_and_adding_one_with_pupils_and_boarders(
    tmp_path: Path, known: Known
) -> None:
    db = prefecture_bureau(tmp_path / "prefecture" / "prefecture.db", known)
    with db.transaction() as session:
        set_enabled(session, key="cn-2015-group-size", enabled=False)
        added = add_standard(session, data=replace(SHAANXI, target_pct=100))
    assert added.key == "532300-1" and added.origin == "532300"
    with db.transaction() as session:
        report = compliance_report(session, period=get_period(session, "2026"), group_by="county")
    keys = [s.key for s in report.standards]
    assert "cn-2015-group-size" not in keys and keys[-1] == "532300-1"
    outcome = {s.facts.code: s.outcome("532300-1") for s in report.schools}
    # A1 1200 pupils + a full-timer; A2 1500 without; A3 gave no numbers; A4 250 boarders
    # without; B1 300 pupils: not concerned; B2 2000 pupils + a full-timer.
    assert outcome == {
        "2153010001": "met",
        "3153010002": "not_met",
        "2153010003": "unknown",
        "3653010004": "not_met",
        "2153020001": "not_applicable",
        "3453020002": "met",
    }
    cell = report.totals.cells["532300-1"]
    assert (cell.met, cell.concerned, cell.unknown, cell.rate) == (2, 4, 1, Decimal("50.00"))
    unknown = report.schools_with("532300-1", ("unknown",))[0].standings["532300-1"]
    assert unknown.detail == "未填写在校生数、寄宿生数"


def test_a_standard_not_yet_in_force_is_listed_not_evaluated(tmp_path: Path, known: Known) -> None:
    db = county_bureau(tmp_path / "county" / "county.db", known)
    later = replace(SHAANXI, applies_from=SHAANXI.applies_from.replace(year=2027))
    with db.transaction() as session:
        add_standard(session, data=later)
        report = compliance_report(session, period=get_period(session, "2026"))
        next_year = compliance_report(session, period=get_period(session, "2027"))
    assert [s.key for s in report.not_in_force] == ["532301-1"]
    assert "532301-1" not in report.totals.cells
    # 2027 has no counted package yet: the standard is in force but concerns no school.
    assert next_year.not_in_force == [] and next_year.totals.cells["532301-1"].concerned == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_as_json(tmp_path: Path, known: Known, lang: str) -> None:
    db = county_bureau(tmp_path / "county" / "county.db", known)
    with db.transaction() as session:
        report = compliance_report(session, period=get_period(session, "2026"), group_by="county")
    data = report.to_json(lang)
    assert data["scope"] == {"code": "532301", "name": "楚雄市教育体育局"}
    full_time = data["totals"]["standards"][0]
    assert full_time == {
        "standard": "cn-2021-full-time",
        "schools": 3,
        "met": 1,
        "not_met": 2,
        "unknown": 0,
        "not_applicable": 1,
        "rate_pct": 33.33,
        "target_pct": 100,
        "meets_target": False,
    }
    rule = data["standards"][0]["rule_text"]
    assert rule == (
        "At least 1 full-time counselor(s)" if lang == "en" else "至少1名专职心理健康教育教师"
    )


def test_the_snapshot_keeps_boarders_room_areas_and_grade(tmp_path: Path, known: Known) -> None:
    from cxdesk.bureau.review import review_school
    from cxdesk.models import School

    db = county_bureau(tmp_path / "county" / "county.db", known)
    with db.reading() as session:
        review = review_school(session, code="2153010001", period_label="2026")
        boarders = {
            s.code: (s.enrolment, s.boarders)
            for s in session.query(School).filter(School.submission_id.is_not(None))
        }
    assert [(r["name"], r["areas"], r["grade"]) for r in review.rooms] == [
        ("综合辅导室", ["individual", "group", "reception"], "standard"),
        ("个别辅导室", ["individual"], None),
    ]
    assert boarders["3153010002"] == (1500, 300) and boarders["2153010003"] == (None, None)
