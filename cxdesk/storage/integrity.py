"""Is the database file sound?  ``PRAGMA quick_check`` at every start.

A school's PC loses power, a USB stick is pulled out while the file is copied, a disk
sector goes bad: SQLite then reports "database disk image is malformed" somewhere in the
middle of the day.  Checking at start (a few milliseconds for a school's file) lets the
program say so at once, in plain words, and offer the latest good backup instead.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

#: How many problems quick_check reports at most (the first few say enough).
MAX_PROBLEMS = 10


@dataclass(frozen=True)
class IntegrityReport:
    """What ``quick_check`` said: ``ok``, or the problems it found."""

    ok: bool
    problems: list[str] = field(default_factory=list)


def quick_check(path: Path, *, readonly: bool = False) -> IntegrityReport:
    """Run ``PRAGMA quick_check`` on ``path``; a file that is not SQLite is not ok.

    ``readonly`` opens the file immutable (for backups, which nothing writes), so checking
    a backup never creates ``-wal``/``-shm`` files beside it.
    """
    if not path.exists():
        return IntegrityReport(False, ["file does not exist"])
    if path.stat().st_size == 0:
        return IntegrityReport(True)  # SQLite treats an empty file as an empty database
    uri = f"{path.resolve().as_uri()}?{'immutable=1' if readonly else 'mode=rw'}"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        return IntegrityReport(False, [str(exc)])
    try:
        return quick_check_of(conn)
    finally:
        conn.close()


def quick_check_of(conn: sqlite3.Connection) -> IntegrityReport:
    """:func:`quick_check` on an open connection (a read-only one too)."""
    try:
        rows = conn.execute(f"PRAGMA quick_check({MAX_PROBLEMS})").fetchall()
    except sqlite3.DatabaseError as exc:
        return IntegrityReport(False, [str(exc)])
    problems = [str(r[0]) for r in rows]
    if problems == ["ok"]:
        return IntegrityReport(True)
    return IntegrityReport(False, problems)
