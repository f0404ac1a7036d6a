"""A clerk's collector killed (SIGKILL, a power cut at the PC) while writing to the server.

The server rolls the killed connection's transaction back: every package is fully in or
not at all, its advisory lock is gone with it, and collecting again completes the job with
exactly the right figures.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from cxdesk.bureau.collect import collect
from cxdesk.exchange.bureau_keys import unlock_bureau_keys
from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE
from cxdesk.storage.db import open_database
from tests.bureau.helpers import totals

from .conftest import SCHOOLS, Packages, setup_county
from .server import as_text

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


def _wholeness(url: URL) -> int:
    """Submissions stored; asserts each has its whole snapshot and nothing is orphaned."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            subs = conn.execute(text("SELECT id, stored_path FROM submission")).all()
            for sub_id, stored in subs:
                schools = conn.execute(
                    text("SELECT count(*) FROM school WHERE submission_id = :s"), {"s": sub_id}
                ).scalar()
                assert schools == 1
                assert Path(stored).is_file()
            orphans = conn.execute(
                text(
                    "SELECT count(*) FROM school WHERE submission_id IS NOT NULL "
                    "AND submission_id NOT IN (SELECT id FROM submission)"
                )
            ).scalar()
            assert orphans == 0
            counted = conn.execute(
                text(
                    "SELECT sender_code, count(*) FROM submission WHERE status = 'accepted' "
                    "GROUP BY sender_code HAVING count(*) > 1"
                )
            ).all()
            assert counted == []
            return len(subs)
    finally:
        engine.dispose()


def _stored(url: URL) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM submission")).scalar() or 0)
    finally:
        engine.dispose()


@pytest.mark.parametrize("after", [1, 5])
def test_a_killed_clerk_leaves_each_package_whole_on_the_server(
    pg_url: URL, packages: Packages, tmp_path: Path, after: int
) -> None:
    db = open_database(as_text(pg_url), local_path=tmp_path / "setup" / "clerk.db")
    try:
        setup_county(db, packages)
    finally:
        db.close()
    folder = tmp_path / "usb"
    folder.mkdir()
    for file in packages.files:
        shutil.copy2(file, folder / file.name)
    go = tmp_path / "go"
    go.touch()
    shutil.copytree(tmp_path / "setup" / "keys", tmp_path / "pc" / "keys")  # the clerk's PC
    child = subprocess.Popen(
        [
            sys.executable,
            str(HERE / "collector.py"),
            as_text(pg_url),
            str(tmp_path / "pc"),
            str(go),
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT), "CXDESK_KEY_PASSPHRASE": SAMPLE_PASSPHRASE},
    )
    deadline = time.monotonic() + 300
    while _stored(pg_url) < after and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    before = _wholeness(pg_url)
    assert before >= min(after, len(packages.files))

    # Collecting again (a clerk restarting): the server released the killed one's locks.
    again = open_database(as_text(pg_url), local_path=tmp_path / "pc" / "clerk.db")
    try:
        with again.reading() as session:  # the clerk types the passphrase again
            unlock_bureau_keys(
                session, key_dir=tmp_path / "pc" / "keys", passphrase=SAMPLE_PASSPHRASE
            )
        collect(again, [folder], backup=False)
        figures = totals(again)["totals"]
    finally:
        again.close()
    assert _wholeness(pg_url) == len(packages.files)
    assert figures["schools_reported"] == SCHOOLS
    assert figures["counselors"] == sum(len(p.counselors) for p in packages.plans) + 2
