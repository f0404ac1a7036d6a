"""Fixtures of the bureau tests: real school packages and bureau databases.

The packages are made once per test session by the sample prefecture's real chain (school
databases filled through the services, exported and signed by the real export code); each
test gets its own copies, as a clerk's USB stick would bring them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cxdesk.bureau.register import RegisterRow, load_register
from cxdesk.exchange.trust import register_key
from cxdesk.sample.prefecture import SchoolPlan, design_prefecture
from cxdesk.sample.prefecture_build import BuiltSchool, build_schools
from cxdesk.storage.db import Database, open_database
from tests.sample_bureaus import bureau_with_sample_keys

COUNTY = "532323"  # 牟定县
OTHER_COUNTY = "532327"  # 永仁县


@dataclass(frozen=True)
class Schools:
    """Sample schools built once: their plans, keys and package files."""

    root: Path
    plans: list[SchoolPlan]
    built: list[BuiltSchool]

    def plan(self, code: str) -> SchoolPlan:
        return next(p for p in self.plans if p.code == code)

    def package(self, code: str) -> Path:
        return next(b.package for b in self.built if b.code == code)

    def in_county(self, county: str = COUNTY) -> list[BuiltSchool]:
        return [b for b in self.built if b.county == county]


@pytest.fixture(scope="session")
def schools(tmp_path_factory: pytest.TempPathFactory, sample_bureaus: Path) -> Schools:
    """Five schools of 牟定县 (with and without rooms) and one of 永仁县."""
    root = tmp_path_factory.mktemp("bureau-schools")
    design = design_prefecture()
    mouding = [p for p in design if p.county == COUNTY]
    without_room = next(p for p in mouding if not p.rooms)
    chosen = [*[p for p in mouding[:3] if p is not without_room], without_room, mouding[-1]]
    chosen.append(next(p for p in design if p.county == OTHER_COUNTY))
    built = build_schools(root, chosen, workers=1, bureaus=sample_bureaus)
    return Schools(root, chosen, built)


@pytest.fixture
def usb(schools: Schools, tmp_path: Path) -> Path:
    """A folder holding a copy of every school package."""
    folder = tmp_path / "usb"
    folder.mkdir()
    for b in schools.built:
        shutil.copy2(b.package, folder / b.package.name)
    return folder


def register_rows(plans: list[SchoolPlan]) -> list[RegisterRow]:
    return [
        RegisterRow(p.code, p.name, p.county, p.kind, p.contact_person, p.contact_phone)
        for p in plans
    ]


@pytest.fixture
def county_db(tmp_path: Path, schools: Schools, sample_bureaus: Path) -> Iterator[Database]:
    """牟定县's bureau (with the keys its schools encrypted to): its schools in the
    register, their keys registered."""
    db = open_database(tmp_path / "county" / "county.db")
    bureau_with_sample_keys(db, sample_bureaus, role="county", code=COUNTY)
    with db.transaction() as session:
        load_register(session, register_rows([p for p in schools.plans if p.county == COUNTY]))
        for b in schools.in_county():
            register_key(session, fingerprint=b.fingerprint, code=b.code, name=b.name)
    yield db
    db.close()


# Every bureau test runs on SQLite and on PostgreSQL (issue 8): see tests/postgres/backends.py.
# The small prefecture whose answers are known by hand (issue 15): tests/bureau/known.py.
from tests.bureau.known import known  # noqa: E402, F401
from tests.postgres.backends import backend  # noqa: E402, F401
