"""Every rule of ``cxdesk.checks.rules.RULES``: at least one case where it fires, one where not.

The cases are data: a rule id, what differs from a valid record (and its school context),
and whether the rule must fire.  A test checks that the table covers every rule both ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from cxdesk.checks.rules import RULES, RULES_BY_ID, RuleContext
from tests.core.helpers import counselor, identity_number, part_timer, room, training

TODAY = date.today()
REFERENCE = date(TODAY.year, 12, 31)
FEMALE_ID = identity_number(date(1985, 3, 12), sequence=2)
HOLDER = SimpleNamespace(
    id=1, name="张丽", status="in_post", start_date=date(2021, 9, 1), left_date=None
)


def school(**changes: Any) -> SimpleNamespace:
    values: dict[str, Any] = {"code": "2153230001", "name": "鹿城小学", "county_code": "532301"}
    values |= {"kind": "primary"}
    values |= {"enrolment": 800, "mountain": False}
    return SimpleNamespace(**(values | changes))


def cert(**changes: Any) -> SimpleNamespace:
    values: dict[str, Any] = {"kind": "nc_level2", "other_name": None, "number": "ZX1"}
    values |= {"issuer": "人社部"}
    values |= {"issued_on": date(2016, 5, 20), "counselor_id": 1}
    return SimpleNamespace(**(values | changes))


def attendance(**event: Any) -> SimpleNamespace:
    values = {"title": "州级培训", "start_date": date(2026, 4, 10), "end_date": date(2026, 4, 12)}
    return SimpleNamespace(counselor_id=1, event=SimpleNamespace(**(values | event)))


def context(**changes: Any) -> RuleContext:
    values: dict[str, Any] = {
        "reference_date": REFERENCE,
        "period_start": date(REFERENCE.year, 1, 1),
        "enrolment": 800,
        "counselors_by_id": {1: HOLDER},
        "figures": {"counselors": 2, "full_time": 1, "rooms": 2, "room_area_m2": Decimal("91.1")},
    }
    return RuleContext(**(values | changes))


def holder(**changes: Any) -> dict[int, SimpleNamespace]:
    return {1: SimpleNamespace(**(vars(HOLDER) | changes))}


@dataclass(frozen=True)
class Case:
    rule: str
    fires: bool
    record: Any
    ctx: RuleContext = field(default_factory=context)
    note: str = ""

    @property
    def record_label(self) -> str:
        """The record's own name (Chinese even in English messages)."""
        value = getattr(self.record, "name", None) or getattr(self.record, "title", None)
        return value if isinstance(value, str) else ""

    @property
    def id(self) -> str:
        return f"{self.rule}-{'fires' if self.fires else 'holds'}-{self.note}"


CASES = [
    # The school
    Case("H-S01", True, school(code="2253230001"), note="kind prefix 22"),
    Case("H-S01", True, school(code="21532300"), note="8 digits"),
    Case("H-S01", False, school(), note="valid"),
    Case("H-S02", True, school(county_code="530100"), note="Kunming"),
    Case("H-S02", True, school(county_code=""), note="empty"),
    Case("H-S02", False, school(county_code="532329"), note="Wuding"),
    Case("H-S03", True, school(kind="college"), note="unknown"),
    Case("H-S03", False, school(kind="nine-year"), note="nine-year"),
    Case("S-S01", True, school(code="3453230001"), note="senior code primary kind"),
    Case("S-S01", False, school(code="3153230001", kind="nine-year"), note="fits"),
    Case("S-S02", True, school(enrolment=1200), context(figures={"full_time": 0}), "no ft"),
    Case("S-S02", False, school(enrolment=1200), context(figures={"full_time": 1}), "has ft"),
    Case("S-S02", False, school(enrolment=1000), context(figures={"full_time": 0}), "1000"),
    Case("S-S03", True, school(), context(figures={"counselors": 0}), note="nobody"),
    Case("S-S03", False, school(), note="two counselors"),
    Case(
        "S-S04",
        True,
        school(),
        context(
            previous_figures={"counselors": 4}, figures={"counselors": 2}, previous_label="2025"
        ),
        "halved",
    ),
    Case(
        "S-S04",
        True,
        school(),
        context(previous_figures={"full_time": 1}, figures={"full_time": 0}, previous_label="2025"),
        "every full-time counselor gone",
    ),
    Case(
        "S-S04",
        True,
        school(),
        context(
            previous_figures={"room_area_m2": Decimal("40.0")},
            figures={"room_area_m2": Decimal("80.1")},
            previous_label="2025",
        ),
        "area more than doubled",
    ),
    Case(
        "S-S04",
        False,
        school(),
        context(
            previous_figures={"rooms": 3, "room_area_m2": Decimal("80.0")},
            figures={"rooms": 2, "room_area_m2": Decimal("40.1")},
            previous_label="2025",
        ),
        "less than halved",
    ),
    Case(
        "S-S04",
        False,
        school(),
        context(
            previous_figures={"counselors": 1}, figures={"counselors": 3}, previous_label="2025"
        ),
        "1 to 3 counselors: tripled, but by 2 only",
    ),
    Case(
        "S-S04",
        False,
        school(),
        context(previous_figures={"full_time": 0}, figures={"full_time": 1}, previous_label="2025"),
        "none before",
    ),
    Case("S-S04", False, school(), note="no previous period"),
    # Counselors
    Case("H-C01", True, counselor(name=" "), note="blank"),
    Case("H-C01", True, counselor(name="李" * 51), note="51 characters"),
    Case("H-C01", False, counselor(name="李" * 50), note="50 characters"),
    Case("H-C02", True, counselor(identity_number=FEMALE_ID[:-1] + "0"), note="check digit"),
    Case("H-C02", True, counselor(identity_number="5323011985"), note="short"),
    Case("H-C02", False, counselor(identity_number=None), note="none given"),
    Case("H-C02", False, counselor(), note="valid"),
    Case(
        "H-C03",
        True,
        counselor(birth_date=date(1985, 3, 13), identity_number=FEMALE_ID),
        note="a day off",
    ),
    Case("H-C03", False, counselor(), note="same"),
    Case("H-C04", True, counselor(gender="M"), note="woman's number"),
    Case("H-C04", False, counselor(gender=None), note="no gender"),
    Case("H-C05", True, counselor(post_type="contract"), note="unknown"),
    Case("H-C05", True, counselor(post_type=""), note="empty"),
    Case("H-C05", False, part_timer(), note="part-time"),
    Case("H-C06", True, part_timer(main_subject=None), note="no subject"),
    Case("H-C06", False, part_timer(main_subject="math"), note="math"),
    Case("H-C06", False, counselor(main_subject=None), note="full-time"),
    Case("H-C07", True, counselor(gender="X", identity_number=None), note="X"),
    Case("H-C07", False, counselor(), note="F"),
    Case("H-C08", True, counselor(ethnic_group="99"), note="99"),
    Case("H-C08", False, counselor(ethnic_group="07"), note="Yi"),
    Case("H-C09", True, part_timer(main_subject="cooking"), note="unknown"),
    Case("H-C09", False, part_timer(main_subject="music"), note="music"),
    Case("H-C10", True, counselor(education="phd"), note="unknown"),
    Case("H-C10", False, counselor(education=None), note="not given"),
    Case("H-C11", True, counselor(title="professor"), note="unknown"),
    Case("H-C11", False, counselor(title="senior_high"), note="senior_high"),
    Case("H-C12", True, counselor(studio_role="leader"), note="unknown"),
    Case("H-C12", True, counselor(studio_role=""), note="empty"),
    Case("H-C12", False, counselor(studio_role="host"), note="host"),
    Case("H-C13", True, counselor(status="retired"), note="unknown"),
    Case("H-C13", False, counselor(status="left", left_date=date(2025, 7, 1)), note="left"),
    Case("H-C14", True, counselor(status="left", left_date=None), note="no date"),
    Case("H-C14", False, counselor(status="left", left_date=date(2025, 7, 1)), note="dated"),
    Case("H-C15", True, counselor(left_date=date(2025, 7, 1)), note="in post, dated"),
    Case("H-C15", False, counselor(), note="in post"),
    Case("H-C16", True, counselor(start_date=date(1985, 3, 12)), note="start on birth"),
    Case(
        "H-C16",
        True,
        counselor(status="left", start_date=date(2021, 9, 1), left_date=date(2021, 8, 31)),
        note="left before start",
    ),
    Case(
        "H-C16",
        False,
        counselor(status="left", start_date=date(2021, 9, 1), left_date=date(2021, 9, 1)),
        note="left the day it started",
    ),
    Case("H-C17", True, counselor(start_date=TODAY + timedelta(days=1)), note="tomorrow"),
    Case("H-C17", False, counselor(start_date=TODAY), note="today"),
    Case(
        "S-C01",
        True,
        counselor(birth_date=date(REFERENCE.year - 17, 6, 1), identity_number=None),
        note="17",
    ),
    Case(
        "S-C01",
        True,
        counselor(birth_date=date(REFERENCE.year - 66, 12, 31), identity_number=None),
        note="66 on the reference date",
    ),
    Case(
        "S-C01",
        False,
        counselor(birth_date=date(REFERENCE.year - 65, 12, 31), identity_number=None),
        note="65",
    ),
    Case("S-C01", False, counselor(birth_date=None, identity_number=None), note="unknown"),
    # Certificates
    Case("H-K01", True, cert(kind="phd"), note="unknown"),
    Case("H-K01", True, cert(kind=""), note="empty"),
    Case("H-K01", False, cert(kind="social_work_skill"), note="social work"),
    Case("H-K02", True, cert(kind="other", other_name="  "), note="blank name"),
    Case("H-K02", False, cert(kind="other", other_name="心理健康教育C证"), note="named"),
    Case("H-K03", True, cert(issued_on=TODAY + timedelta(days=1)), note="tomorrow"),
    Case("H-K03", False, cert(issued_on=None), note="no date"),
    Case("H-K05", True, cert(number=None, issued_on=None), note="neither"),
    Case("H-K05", True, cert(number="  ", issued_on=None), note="blank number"),
    Case("H-K05", False, cert(number=None), note="date only"),
    Case("H-K05", False, cert(issued_on=None), note="number only"),
    # Rooms
    Case("H-R01", True, room(name=""), note="empty"),
    Case("H-R01", True, room(name="室" * 101), note="101 characters"),
    Case("H-R01", False, room(name="室" * 100), note="100 characters"),
    Case("H-R02", True, room(function="kitchen"), note="unknown"),
    Case("H-R02", False, room(function="self_help"), note="self-help"),
    Case("H-R03", True, room(area_tenths=0), note="0"),
    Case("H-R03", True, room(area_tenths=-5), note="negative"),
    Case("H-R03", False, room(area_tenths=1), note="0.1"),
    Case("H-R04", True, room(status="demolished"), note="unknown"),
    Case("H-R04", False, room(status="closed"), note="closed"),
    Case("H-R05", True, room(year_opened=1948), note="1948"),
    Case("H-R05", True, room(year_opened=TODAY.year + 1), note="next year"),
    Case("H-R05", False, room(year_opened=None), note="unknown"),
    Case("H-R05", False, room(year_opened=TODAY.year), note="this year"),
    Case("H-R06", True, room(status="closed"), note="closed, no date"),
    Case("H-R06", False, room(status="closed", closed_on=date(2026, 3, 1)), note="dated"),
    Case("H-R06", False, room(), note="in use"),
    Case("H-R07", True, room(closed_on=date(2026, 3, 1)), note="in use with a date closed"),
    Case("H-R07", False, room(status="closed", closed_on=date(2026, 3, 1)), note="closed"),
    Case(
        "H-R08", True, room(status="closed", closed_on=TODAY + timedelta(days=1)), note="tomorrow"
    ),
    Case("H-R08", False, room(status="closed", closed_on=TODAY), note="today"),
    Case(
        "H-R09",
        True,
        room(status="closed", year_opened=2021, closed_on=date(2020, 12, 31)),
        note="closed before it opened",
    ),
    Case(
        "H-R09",
        False,
        room(status="closed", year_opened=2021, closed_on=date(2021, 1, 1)),
        note="closed the year it opened",
    ),
    Case("H-R10", True, room(grade="excellent"), note="unknown grade"),
    Case("H-R10", False, room(grade=None), note="not given"),
    Case("H-R10", False, room(grade="standard"), note="标准化"),
    Case("S-R01", True, room(area_tenths=99), note="9.9"),
    Case("S-R01", True, room(area_tenths=2001), note="200.1"),
    Case("S-R01", False, room(area_tenths=100), note="10.0"),
    Case("S-R01", False, room(area_tenths=2000), note="200.0"),
    Case("S-R01", False, room(area_tenths=0), note="0 is a hard finding only"),
    # Training
    Case("H-T01", True, training(""), note="empty"),
    Case("H-T01", False, training("县级全员培训"), note="titled"),
    Case("H-T02", True, training(level="galactic"), note="unknown"),
    Case("H-T02", False, training(level="national"), note="national"),
    Case(
        "H-T03",
        True,
        training(start=date(2026, 5, 2), end=date(2026, 5, 1)),
        note="ends before it starts",
    ),
    Case("H-T03", False, training(start=date(2026, 5, 1), end=date(2026, 5, 1)), note="one day"),
    Case("H-T04", True, training(hours=0), note="0"),
    Case("H-T04", False, training(hours=None), note="not given"),
    # A record read from a workbook may have no dates, whatever TrainingInput says.
    Case("H-T06", True, training(start=None, end=None), note="no dates"),  # type: ignore[arg-type]
    Case("H-T06", True, replace(training(), end_date=None), note="no end"),  # type: ignore[arg-type]
    Case("H-T06", False, training(), note="dated"),
    # Attendance
    Case(
        "S-A01",
        True,
        attendance(),
        context(counselors_by_id=holder(start_date=date(2026, 4, 13))),
        "started after",
    ),
    Case(
        "S-A01",
        True,
        attendance(),
        context(counselors_by_id=holder(status="left", left_date=date(2026, 4, 9))),
        "left before",
    ),
    Case(
        "S-A01",
        False,
        attendance(),
        context(counselors_by_id=holder(status="left", left_date=date(2026, 4, 10))),
        "left on the first day",
    ),
    Case("S-A01", False, attendance(), note="in post"),
]


def test_every_rule_has_a_case_where_it_fires_and_one_where_it_holds() -> None:
    fires = {c.rule for c in CASES if c.fires}
    holds = {c.rule for c in CASES if not c.fires}
    every = {rule.id for rule in RULES}
    assert fires == every, every ^ fires
    assert holds == every, every ^ holds
    assert len(RULES_BY_ID) == len(RULES)  # ids are unique


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule(case: Case) -> None:
    rule = RULES_BY_ID[case.rule]
    params = rule.test(case.record, case.ctx)
    assert (params is not None) == case.fires
    if params is not None:
        message = rule.text(**params)
        zh, en = message.render("zh"), message.render("en")
        assert re.search(r"[\u4e00-\u9fff]", zh), zh  # Chinese
        # English throughout, but for the names of people and events the user typed.
        for typed in (case.record_label, HOLDER.name, attendance().event.title):
            en = en.replace(typed, "") if typed else en
        assert not re.search(r"[\u4e00-\u9fff]", en), en
        assert "{" not in zh + en


@pytest.mark.parametrize("rule", [r for r in RULES if r.scope == "record"], ids=lambda r: r.id)
def test_record_rules_need_no_school_context(rule: Any) -> None:
    """The services run record rules on typed input, with no context at all."""
    for case in (c for c in CASES if c.rule == rule.id):
        assert (rule.test(case.record, None) is not None) == case.fires, case.id


def test_rules_name_a_known_table_and_severity() -> None:
    from cxdesk.checks.engine import TABLE_LABELS

    for rule in RULES:
        assert rule.table in TABLE_LABELS
        assert rule.severity in ("hard", "soft")
        assert rule.id[0] == rule.severity[0].upper()
        assert rule.scope in ("record", "entry", "school")


@pytest.mark.parametrize(
    ("area_tenths", "zh", "en"),
    [
        (99, "面积9.9平方米，小于10平方米", "Area 9.9 m² is under 10 m²"),
        (2001, "面积200.1平方米，大于200平方米", "Area 200.1 m² is over 200 m²"),
    ],
)
def test_the_room_size_finding_names_only_the_limit_crossed(
    area_tenths: int, zh: str, en: str
) -> None:
    rule = RULES_BY_ID["S-R01"]
    params = rule.test(room(area_tenths=area_tenths), None)
    assert params is not None
    assert rule.text(**params).render("zh") == zh
    assert rule.text(**params).render("en") == en
