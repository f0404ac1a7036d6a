"""Four clerks collecting at once, from four processes, into one PostgreSQL database.

The folders overlap: every package is in two or more of them, and two schools sent a
second, corrected package (sequence 2) that some clerks meet before the first.  Whatever
the interleaving, each file must be stored exactly once, the newest sequence of each school
counted and the other kept as superseded, and the figures equal those of one clerk
collecting everything into SQLite.  No process may fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import URL

from cxdesk.bureau.collect import collect
from cxdesk.bureau.register import load_register
from cxdesk.bureau.roles import init_bureau
from cxdesk.db import Database, open_database
from cxdesk.exchange.trust import register_key
from cxdesk.models import School, Submission
from cxdesk.sample.prefecture import SchoolPlan, design_prefecture
from cxdesk.sample.prefecture_build import BuiltSchool, build_schools
from tests.bureau.conftest import register_rows
from tests.bureau.helpers import reexport, totals

from .server import as_text

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
COUNTY = "532323"  # 牟定县
CLERKS = 4
SCHOOLS = 10


def _setup(db: Database, plans: list[SchoolPlan], built: list[BuiltSchool]) -> None:
    with db.transaction() as session:
        init_bureau(session, role="county", code=COUNTY)
        load_register(session, register_rows(plans))
        for b in built:
            register_key(session, fingerprint=b.fingerprint, code=b.code, name=b.name)


@pytest.fixture(scope="module")
def packages(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[SchoolPlan], list[BuiltSchool], list[Path]]:
    """Ten schools' packages, and a second package of two of them (one more counselor)."""
    root = tmp_path_factory.mktemp("pg-schools")
    plans = [p for p in design_prefecture() if p.county == COUNTY][:SCHOOLS]
    built = build_schools(root, plans, workers=1)
    files = [b.package for b in built]
    work = tmp_path_factory.mktemp("pg-reexport")
    files += [reexport(root, plan, work, work / "out") for plan in plans[:2]]
    return plans, built, files


def _folders(files: list[Path], base: Path) -> list[Path]:
    """Four overlapping folders: file i goes to clerks i % 4, (i + 1) % 4 and, for every
    third file, (i + 2) % 4; the second packages are met first by some clerks."""
    folders = [base / f"clerk{n}" for n in range(CLERKS)]
    for folder in folders:
        folder.mkdir(parents=True)
    for i, file in enumerate(files):
        clerks = {i % CLERKS, (i + 1) % CLERKS}
        if i % 3 == 0:
            clerks.add((i + 2) % CLERKS)
        for n in clerks:
            # A prefix sets the order in which each clerk's folder is walked: reversed for
            # odd clerks, so sequence 2 comes before sequence 1 there.
            rank = i if n % 2 == 0 else len(files) - i
            shutil.copy2(file, folders[n] / f"{rank:03d}-{file.name}")
    return folders


def test_four_clerks_at_once_count_every_package_once(
    pg_url: URL, packages: tuple[list[SchoolPlan], list[BuiltSchool], list[Path]], tmp_path: Path
) -> None:
    plans, built, files = packages
    db = open_database(as_text(pg_url), local_path=tmp_path / "setup" / "clerk.db")
    try:
        _setup(db, plans, built)
    finally:
        db.close()
    folders = _folders(files, tmp_path / "usb")
    go = tmp_path / "go"
    children = [
        subprocess.Popen(
            [
                sys.executable,
                str(HERE / "collector.py"),
                as_text(pg_url),
                str(tmp_path / f"pc{n}"),
                str(go),
                str(folder),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for n, folder in enumerate(folders)
    ]
    go.touch()
    outputs = [child.communicate(timeout=600) for child in children]
    for child, (_out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
    results = [json.loads(out) for out, _err in outputs]

    # Every file was taken by exactly one clerk; the others found it already there.
    by_file: dict[str, list[str]] = {}
    for outcomes in results:
        for name, outcome in outcomes.items():
            by_file.setdefault(name.split("-", 1)[1], []).append(outcome)
    assert len(by_file) == len(files)
    for name, outcomes in by_file.items():
        new = [o for o in outcomes if o in ("accepted", "superseded")]
        assert len(new) == 1, (name, outcomes)
        assert all(o == "already_had" for o in outcomes if o not in new), (name, outcomes)

    db = open_database(as_text(pg_url), local_path=tmp_path / "check" / "clerk.db")
    try:
        with db.reading() as session:
            stored = session.execute(
                select(Submission.sender_code, Submission.sequence, Submission.status)
            ).all()
            snapshots = session.scalar(select(func.count(School.id)))
        together = totals(db)["totals"]
    finally:
        db.close()
    assert len(stored) == len(files)  # each file stored once
    assert snapshots == len(files)  # and each with its one snapshot
    counted = {(code, seq) for code, seq, status in stored if status == "accepted"}
    newest = {p.code: 2 if p in plans[:2] else 1 for p in plans}
    assert counted == set(newest.items())
    assert sorted(s for *_, s in stored).count("superseded") == 2

    # The same figures as one clerk collecting everything into SQLite.
    alone = open_database(tmp_path / "alone" / "county.db")
    try:
        _setup(alone, plans, built)
        collect(alone, files, backup=False)
        expected = totals(alone)["totals"]
    finally:
        alone.close()
    assert together == expected
    assert together["schools_reported"] == SCHOOLS
    assert together["counselors"] == sum(len(p.counselors) for p in plans) + 2
