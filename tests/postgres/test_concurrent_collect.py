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

from sqlalchemy import func, select
from sqlalchemy.engine import URL

from cxdesk.bureau.collect import collect
from cxdesk.models import School, Submission
from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE
from cxdesk.storage.db import open_database
from tests.bureau.helpers import totals

from .conftest import SCHOOLS, Packages, setup_county
from .server import as_text

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
CLERKS = 4


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
    pg_url: URL, packages: Packages, tmp_path: Path
) -> None:
    plans, files = packages.plans, packages.files
    db = open_database(as_text(pg_url), local_path=tmp_path / "setup" / "clerk.db")
    try:
        setup_county(db, packages)
    finally:
        db.close()
    folders = _folders(files, tmp_path / "usb")
    for n in range(len(folders)):  # each clerk's PC holds a copy of the bureau's keys
        shutil.copytree(tmp_path / "setup" / "keys", tmp_path / f"pc{n}" / "keys")
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
            env={**os.environ, "PYTHONPATH": str(ROOT), "CXDESK_KEY_PASSPHRASE": SAMPLE_PASSPHRASE},
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
        setup_county(alone, packages)
        collect(alone, files, backup=False)
        expected = totals(alone)["totals"]
    finally:
        alone.close()
    assert together == expected
    assert together["schools_reported"] == SCHOOLS
    assert together["counselors"] == sum(len(p.counselors) for p in plans) + 2
