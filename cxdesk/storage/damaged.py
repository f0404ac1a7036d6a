"""A damaged database file found at open: say so, and name the latest good backup.

:func:`check_at_start` runs SQLite's quick check (:mod:`cxdesk.storage.integrity`) on the
file before anything else opens it; a damaged one is a :class:`DatabaseDamagedError`
whose message names the latest backup that passes the same check (the desktop app offers
to restore it, ``cxdesk.ui.shell.recovery``).
"""

from __future__ import annotations

from pathlib import Path

from cxdesk.errors import DatabaseError
from cxdesk.i18n import Text
from cxdesk.storage.backup import describe_backup, latest_good_backup
from cxdesk.storage.integrity import quick_check

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
        hint = (
            RESTORE_HINT(when=describe_backup(latest_good))
            if latest_good is not None
            else NO_BACKUP_HINT()
        )
        super().__init__(DAMAGED(path=path), details=[hint])
        self.path = path
        self.problems = problems
        self.latest_good = latest_good


def check_at_start(path: Path) -> None:
    """Raise :class:`DatabaseDamagedError` when the existing file at ``path`` is damaged."""
    if not path.exists():
        return
    report = quick_check(path)
    if report.ok:
        return
    good = latest_good_backup(path)
    raise DatabaseDamagedError(path, report.problems, good.path if good else None)
