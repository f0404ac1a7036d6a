"""A small prefecture whose every answer is known by hand (issue 15).

Six schools in two counties, built through the real chain (school databases filled
through the services, exported and signed; counties that collect and export; a
prefecture that collects the county packages).  What each school has, and therefore how
it stands against each standard, is written next to it below; the tests compare the
program's answers with these.

=========  ==========  =====  ========  ==================================  =====================
school     kind        pupils boarders  counselors in post                  rooms in use
=========  ==========  =====  ========  ==================================  =====================
A1 楚雄市  primary     1200   0         P1 full-time, P2 part-time          combined 60 m² (all 3
                                                                            areas, 标准化), individual 12
A2 楚雄市  junior      1500   300       P3, P4 part-time                    individual 8.0, group 30
A3 楚雄市  primary     —      —         P5 part-time (= P2: shared)         none
A4 楚雄市  vocational  800    250       none (P8 left on 2026-06-30)        reception 20
B1 禄丰市  primary     300    0         P6 full-time, P7 part-time (= P4)   group 18 (+reception), individual 15
B2 禄丰市  senior      2000   1500      P9 full-time (= P8, moved here)     combined 80 (individual, group)
=========  ==========  =====  ========  ==================================  =====================

People on two rosters in post: P2/P5 (A1, A3: one county), P4/P7 (A2, B1: across
counties).  P8/P9 moved mid-year and A4 marked P8 as left: counted once.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cxdesk.bureau.collect import collect
from cxdesk.bureau.register import RegisterRow, load_register
from cxdesk.exchange.trust import register_key
from cxdesk.sample.prefecture import PersonPlan, SchoolPlan
from cxdesk.sample.prefecture_build import BuiltSchool, build_county, build_schools
from cxdesk.services.bureaus import bureau_name
from cxdesk.standards.catalogue import NewStandard
from cxdesk.storage.db import Database, open_database
from cxdesk.validation import identity_check_character
from tests.sample_bureaus import bureau_with_sample_keys

A, B = "532301", "532302"


def ident(address: str, born: date, sequence: int) -> str:
    first17 = f"{address}{born:%Y%m%d}{sequence:03d}"
    return first17 + identity_check_character(first17)


def person(name: str, number: str, born: date, *, full: bool = False, **changes: Any) -> PersonPlan:
    gender = "M" if int(number[16]) % 2 else "F"
    plan = PersonPlan(
        name=name,
        gender=gender,
        ethnic_group="01",
        identity_number=number,
        birth_date=born,
        post_type="full_time" if full else "part_time",
        main_subject=None if full else "chinese",
        education="bachelor",
        psychology_degree=full,
        title="first",
        start_date=date(2015, 9, 1),
        recruited_as_psych=False,
    )
    return replace(plan, **changes)


BORN = {n: date(1980 + n, 3, n) for n in range(1, 10)}
IDS = {n: ident(A if n < 6 else B, BORN[n], 100 + n) for n in range(1, 10)}
P2, P4, P8 = IDS[2], IDS[4], IDS[8]


def school(
    code: str, name: str, county: str, kind: str, pupils: int | None, boarders: int | None
) -> SchoolPlan:
    return SchoolPlan(
        code=code,
        name=name,
        county=county,
        kind=kind,
        mountain=False,
        enrolment=pupils,  # type: ignore[arg-type]  # a school may leave it out
        contact_person="李老师",
        contact_phone="0878-3122846",
        boarders=boarders,
    )


def plans() -> list[SchoolPlan]:
    a1 = school("2153010001", "楚雄市甲小学", A, "primary", 1200, 0)
    a1.counselors = [person("赵一", IDS[1], BORN[1], full=True), person("钱二", P2, BORN[2])]
    a1.rooms = [("综合辅导室", "combined", 600, 2018), ("个别辅导室", "individual", 120, 2018)]
    a1.room_details = {"综合辅导室": (("individual", "group", "reception"), "standard")}

    a2 = school("3153010002", "楚雄市乙中学", A, "junior", 1500, 300)
    a2.counselors = [person("孙三", IDS[3], BORN[3]), person("李四", P4, BORN[4])]
    a2.rooms = [("小个辅室", "individual", 80, 2019), ("团辅室", "group", 300, 2019)]
    a2.room_details = {"小个辅室": ((), "ordinary")}

    a3 = school("2153010003", "楚雄市丙小学", A, "primary", None, None)
    a3.counselors = [person("钱二", P2, BORN[2])]

    a4 = school("3653010004", "楚雄市丁职业中学", A, "vocational", 800, 250)
    a4.counselors = [
        person(
            "王八",
            P8,
            BORN[8],
            status="left",
            left_date=date(2026, 6, 30),
            start_date=date(2012, 9, 1),
        )
    ]
    a4.rooms = [("接待室", "reception", 200, 2020)]

    b1 = school("2153020001", "禄丰市甲小学", B, "primary", 300, 0)
    b1.counselors = [person("周六", IDS[6], BORN[6], full=True), person("李四", P4, BORN[4])]
    b1.rooms = [("团辅室", "group", 180, 2017), ("个辅室", "individual", 150, 2017)]
    b1.room_details = {"团辅室": (("reception",), None)}

    b2 = school("3453020002", "禄丰市乙高级中学", B, "senior", 2000, 1500)
    b2.counselors = [person("王八", P8, BORN[8], full=True, start_date=date(2026, 7, 1))]
    b2.rooms = [("综合室", "combined", 800, 2016)]
    b2.room_details = {"综合室": (("individual", "group"), None)}
    return [a1, a2, a3, a4, b1, b2]


#: The prefecture's addition used by the tests: the Shaanxi-style rule of standards.md.
SHAANXI = NewStandard(
    name="在校生1000人以上或寄宿生200人以上的学校至少1名专职教师",
    name_en="Schools of 1000+ pupils or 200+ boarders have a full-time counselor",
    source="陕教规范〔2021〕9号（示例）",
    applies_from=date(2021, 1, 1),
    rule_kind="min_counselors",
    params={
        "post_type": "full_time",
        "count": 1,
        "when_pupils_at_least": 1000,
        "when_boarders_at_least": 200,
    },
)


@dataclass(frozen=True)
class Known:
    root: Path
    plans: list[SchoolPlan]
    built: list[BuiltSchool]
    county_packages: dict[str, Path]
    county_keys: dict[str, str]

    def in_county(self, county: str) -> list[BuiltSchool]:
        return [b for b in self.built if b.county == county]

    def package(self, code: str) -> Path:
        return next(b.package for b in self.built if b.code == code)


@pytest.fixture(scope="session")
def known(tmp_path_factory: pytest.TempPathFactory) -> Known:
    root = tmp_path_factory.mktemp("known")
    chosen = plans()
    built = build_schools(root, chosen, workers=1)
    packages, keys = {}, {}
    for county in (A, B):
        mine = [p for p in chosen if p.county == county]
        keys[county], packages[county] = build_county(
            root, county, mine, [b for b in built if b.county == county]
        )
    return Known(root, chosen, built, packages, keys)


def county_setup(path: Path, known: Known, county: str = A) -> Database:
    """A county bureau (SQLite or the test server): register loaded, keys registered."""
    db = bureau_with_sample_keys(open_database(path), known.root, role="county", code=county)
    with db.transaction() as session:
        rows = [
            RegisterRow(p.code, p.name, p.county, p.kind, p.contact_person, p.contact_phone)
            for p in known.plans
            if p.county == county
        ]
        load_register(session, rows)
        for b in known.in_county(county):
            register_key(session, fingerprint=b.fingerprint, code=b.code, name=b.name)
    return db


def county_bureau(path: Path, known: Known, county: str = A) -> Database:
    """A county bureau that collected its schools' packages (in file-name order)."""
    db = county_setup(path, known, county)
    usb = path.parent / "usb"
    usb.mkdir(parents=True, exist_ok=True)
    for b in known.in_county(county):
        shutil.copy2(b.package, usb / b.package.name)
    collect(db, [usb], backup=False)
    return db


def prefecture_bureau(path: Path, known: Known) -> Database:
    """The prefecture, having collected both county packages."""
    db = bureau_with_sample_keys(open_database(path), known.root, role="prefecture", code="532300")
    with db.transaction() as session:
        for county, fingerprint in known.county_keys.items():
            register_key(
                session,
                fingerprint=fingerprint,
                code=county,
                name=bureau_name("county", county),
                role="county",
            )
    collect(db, list(known.county_packages.values()), backup=False)
    return db
