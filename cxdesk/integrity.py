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

from cxdesk.errors import DatabaseError
from cxdesk.i18n import Text

#: How many problems quick_check reports at most (the first few say enough).
MAX_PROBLEMS = 10

DAMAGED = Text(
    "数据文件“{path}”已损坏，程序不能使用它。",
    "The data file {path} is damaged and cannot be used.",
)
RESTORE_HINT = Text(
    "最近一份完好的备份是 {when} 的备份。恢复它：cxdesk backup restore"
    "（当前的损坏文件会先另存到 backups 文件夹）。",
    "The latest good backup is from {when}. To restore it: cxdesk backup restore "
    "(the damaged file is kept in the backups folder first).",
)
NO_BACKUP_HINT = Text(
    "没有找到完好的备份。若有复制到 U 盘的备份，可用 cxdesk backup restore 文件路径 恢复。",
    "No good backup was found. If you have a backup on a USB stick, restore it with "
    "cxdesk backup restore PATH.",
)


class DatabaseDamagedError(DatabaseError):
    """The database file failed SQLite's integrity check (or is not SQLite at all)."""

    def __init__(self, path: Path, problems: list[str], latest_good: Path | None) -> None:
        from cxdesk.backup import describe_backup

        hint = (
            RESTORE_HINT(when=describe_backup(latest_good))
            if latest_good is not None
            else NO_BACKUP_HINT()
        )
        super().__init__(DAMAGED(path=path), details=[hint])
        self.path = path
        self.problems = problems
        self.latest_good = latest_good


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
        rows = conn.execute(f"PRAGMA quick_check({MAX_PROBLEMS})").fetchall()
    except sqlite3.DatabaseError as exc:
        return IntegrityReport(False, [str(exc)])
    finally:
        conn.close()
    problems = [str(r[0]) for r in rows]
    if problems == ["ok"]:
        return IntegrityReport(True)
    return IntegrityReport(False, problems)


def check_at_start(path: Path) -> None:
    """Raise :class:`DatabaseDamagedError` when the existing file at ``path`` is damaged."""
    if not path.exists():
        return
    report = quick_check(path)
    if report.ok:
        return
    from cxdesk.backup import latest_good_backup

    good = latest_good_backup(path)
    raise DatabaseDamagedError(path, report.problems, good.path if good else None)
