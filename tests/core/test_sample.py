"""The sample data generator: plausible names, valid identity numbers, a clean demo school."""

from __future__ import annotations

import random

from cxdesk.checks import run_checks
from cxdesk.sample.people import birth_date, chinese_name, identity_number
from cxdesk.sample.school import fill_demo_school
from cxdesk.services.periods import get_period
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database
from cxdesk.validation import check_identity_number, identity_info


def test_generated_identity_numbers_are_valid_and_match_the_person() -> None:
    rng = random.Random(7)
    for _ in range(500):
        born = birth_date(rng)
        gender = rng.choice("MF")
        number = identity_number(rng, address="532329", born=born, gender=gender)
        assert check_identity_number(number) is None, number
        info = identity_info(number)
        assert info is not None and (info.birth_date, info.gender) == (born, gender)


def test_names_are_chinese_of_two_or_three_characters() -> None:
    rng = random.Random(7)
    for _ in range(200):
        name = chinese_name(rng)
        assert 2 <= len(name) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in name)


def test_the_demo_school_has_no_hard_findings(
    school_db: Database,
) -> None:
    with school_db.transaction() as session:
        school = own_school(session)
        fill_demo_school(session, school=school, year=2026)
        findings = run_checks(session, school=school, period=get_period(session, "2026"))
    assert [f for f in findings if f.severity == "hard"] == []
