"""Killing a collect (SIGKILL, a power cut) leaves every package fully in or not at all."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cxdesk.bureau.collect import collect
from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE
from cxdesk.storage.db import Database

from .conftest import COUNTY, Schools
from .helpers import totals

HERE = Path(__file__).parent


def _wholeness(db_path: Path) -> tuple[int, int]:
    """(packages in, schools in); asserts each stored package has its whole snapshot."""
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        counted = conn.execute(
            "SELECT id, file_sha256, stored_path FROM submission WHERE status = 'accepted'"
        ).fetchall()
        for sub_id, _sha, stored in counted:
            # The snapshot is there, with every counselor the package's workbook listed.
            schools = conn.execute(
                "SELECT id FROM school WHERE submission_id = ?", (sub_id,)
            ).fetchall()
            assert len(schools) == 1
            assert Path(stored).is_file()
            assert conn.execute(
                "SELECT hard_findings + soft_findings >= 0 AND findings_json IS NOT NULL "
                "FROM submission WHERE id = ?",
                (sub_id,),
            ).fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM school WHERE submission_id IS NOT NULL "
            "AND submission_id NOT IN (SELECT id FROM submission)"
        ).fetchone()[0]
        assert orphans == 0
        return len(counted), conn.execute("SELECT count(*) FROM school").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("trial", range(4))
def test_killed_collect_leaves_each_package_whole(
    county_db: Database, schools: Schools, usb: Path, trial: int
) -> None:
    # The kill lands after 0, 1, 2 or 3 packages were reported, and a little later.
    path = Path(county_db.path)
    county_db.close()
    child = subprocess.Popen(
        [sys.executable, str(HERE / "collector_process.py"), str(path), str(usb)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        # The county's keys are protected: the clerk's passphrase, as for an unattended run.
        env={
            **os.environ,
            "PYTHONPATH": str(HERE.parent.parent),
            "CXDESK_KEY_PASSPHRASE": SAMPLE_PASSPHRASE,
        },
    )
    assert child.stdout is not None
    # Wait for 0, 1, 2 or 3 packages to be reported, then kill at once.
    seen = 0
    deadline = time.monotonic() + 120
    while seen < trial and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        seen += 1
    time.sleep(0.05 * trial)
    assert seen == trial  # the collector really was at work when it was killed
    child.send_signal(signal.SIGKILL)
    child.communicate()
    packages, school_rows = _wholeness(path)
    assert packages >= seen
    assert school_rows == packages  # no snapshot without its package, nor the reverse

    # Collecting again completes the job: same figures as one uninterrupted collect.
    from cxdesk.storage.db import open_database

    db = open_database(path)
    try:
        collect(db, [usb], backup=False)
        after_kill = totals(db)["totals"]
    finally:
        db.close()
    plans = [p for p in schools.plans if p.county == COUNTY]
    assert after_kill["schools_reported"] == len(plans)
    assert after_kill["counselors"] == sum(len(p.counselors) for p in plans)
    assert after_kill["rooms"] == sum(len(p.rooms) for p in plans)
    assert after_kill["room_area_m2"] == sum(r[2] for p in plans for r in p.rooms) / 10
    _wholeness(path)
