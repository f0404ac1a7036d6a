"""Fixtures of the PostgreSQL tests: the test server (skipped without one), fresh databases."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from cxdesk.bureau.register import load_register
from cxdesk.exchange.trust import register_key
from cxdesk.sample.prefecture import SchoolPlan, design_prefecture
from cxdesk.sample.prefecture_build import BuiltSchool, build_schools
from cxdesk.storage.db import Database
from tests.bureau.conftest import register_rows
from tests.bureau.helpers import reexport
from tests.sample_bureaus import bureau_with_sample_keys

from .server import create_database, drop_database, server_url, skip_or_fail


@pytest.fixture(scope="session")
def pg_server() -> URL:
    url = server_url()
    if url is None:
        skip_or_fail()
    assert url is not None
    return url


@pytest.fixture
def pg_url(pg_server: URL) -> Iterator[URL]:
    """A new database copied from the migrated template, dropped after the test."""
    url = create_database(pg_server)
    yield url
    assert url.database is not None
    drop_database(pg_server, url.database)


@pytest.fixture
def pg_empty_url(pg_server: URL) -> Iterator[URL]:
    """A new, empty database (no schema), dropped after the test."""
    url = create_database(pg_server, migrated=False)
    yield url
    assert url.database is not None
    drop_database(pg_server, url.database)


COUNTY = "532323"  # 牟定县
SCHOOLS = 10


@dataclass(frozen=True)
class Packages:
    """Ten schools of one county, their package files, and a second package of two."""

    plans: list[SchoolPlan]
    built: list[BuiltSchool]
    #: Every package file: the ten first ones, then the two second ones (sequence 2).
    files: list[Path]
    #: The sample bureaus whose keys the packages are encrypted to.
    bureaus: Path


@pytest.fixture(scope="session")
def packages(
    tmp_path_factory: pytest.TempPathFactory, pg_server: URL, sample_bureaus: Path
) -> Packages:
    """Made once per run by the real chain (school databases, real export and signature)."""
    root = tmp_path_factory.mktemp("pg-schools")
    plans = [p for p in design_prefecture() if p.county == COUNTY][:SCHOOLS]
    built = build_schools(root, plans, workers=1, bureaus=sample_bureaus)
    files = [b.package for b in built]
    work = tmp_path_factory.mktemp("pg-reexport")
    files += [reexport(root, plan, work, work / "out") for plan in plans[:2]]
    return Packages(plans, built, files, sample_bureaus)


def setup_county(db: Database, packages: Packages) -> None:
    """The county bureau (the sample county's keys on this PC): its schools in the
    register, their keys registered."""
    bureau_with_sample_keys(db, packages.bureaus, role="county", code=COUNTY)
    with db.transaction() as session:
        load_register(session, register_rows(packages.plans))
        for b in packages.built:
            register_key(session, fingerprint=b.fingerprint, code=b.code, name=b.name)
