"""Checks shared by the reliability tests: a bureau database is whole after anything.

:func:`check_bureau` asserts that SQLite finds the file intact, and that every received
package is fully in (its submission, its stored file with the same SHA-256, and a snapshot
with exactly the records its manifest counts) or not there at all.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from cxdesk.exchange.verify import verify_package

#: Per snapshot school: how many records of each kind it holds.
SNAPSHOT_COUNTS = """
SELECT s.submission_id,
  (SELECT count(*) FROM counselor c WHERE c.school_id = s.id),
  (SELECT count(*) FROM certificate k JOIN counselor c ON c.id = k.counselor_id
     WHERE c.school_id = s.id),
  (SELECT count(*) FROM counselling_room r WHERE r.school_id = s.id),
  (SELECT count(*) FROM training_event e WHERE e.school_id = s.id),
  (SELECT count(*) FROM attendance a JOIN training_event e ON e.id = a.event_id
     WHERE e.school_id = s.id)
FROM school s WHERE s.submission_id IS NOT NULL
"""
COUNT_KEYS = ("counselor", "certificate", "counselling_room", "training_event", "attendance")


def manifest_counts(files: list[Path]) -> dict[str, tuple[int, ...]]:
    """The record counts each package's manifest states, by the SHA-256 of the file."""
    counts = {}
    for path in files:
        data = path.read_bytes()
        manifest = verify_package(path).manifest
        counts[hashlib.sha256(data).hexdigest()] = tuple(manifest.counts[k] for k in COUNT_KEYS)
    return counts


def check_bureau(db_path: Path, expected: dict[str, tuple[int, ...]]) -> dict[str, str]:
    """Assert the database is whole; returns the status of each package in it, by SHA-256."""
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        submissions = {
            sid: (sha, status, stored)
            for sid, sha, status, stored in conn.execute(
                "SELECT id, file_sha256, status, stored_path FROM submission"
            )
        }
        snapshots = {row[0]: tuple(row[1:]) for row in conn.execute(SNAPSHOT_COUNTS)}
    finally:
        conn.close()
    statuses = {}
    for sid, (sha, status, stored) in submissions.items():
        assert sha in expected, f"submission {sid} is not one of the packages collected"
        # The package file was stored before the commit: a stored submission has its file.
        assert hashlib.sha256(Path(stored).read_bytes()).hexdigest() == sha
        if status in ("accepted", "superseded"):
            assert snapshots.get(sid) == expected[sha], f"snapshot of submission {sid} not whole"
        else:
            assert sid not in snapshots
        statuses[sha] = status
    orphans = set(snapshots) - set(submissions)
    assert not orphans, f"snapshots without their submission: {sorted(orphans)}"
    return statuses
