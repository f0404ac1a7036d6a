"""Putting a backup back in place of the database, the current file kept first.

Above both :mod:`cxdesk.storage.backup` (the copies) and :mod:`cxdesk.storage.schema` (the
revisions this version knows): a backup made by a newer cxdesk is refused.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cxdesk.errors import InputError
from cxdesk.i18n import Text
from cxdesk.storage.backup import (
    DAMAGED,
    backup_dir,
    backup_name,
    backup_revision,
    copy_database,
    create_backup,
    rotate,
    snapshot,
)
from cxdesk.storage.integrity import quick_check
from cxdesk.storage.schema import REVISIONS

NO_SUCH_BACKUP = Text("找不到备份文件“{path}”", "There is no backup file {path}")
BAD_BACKUP = Text(
    "“{path}”不是完好的 cxdesk 备份，不能用于恢复。当前数据未作改动。",
    "{path} is not a sound cxdesk backup and cannot be restored. The current data is unchanged.",
)
NEWER_BACKUP = Text(
    "备份“{path}”来自更新版本的 cxdesk，本程序不能使用。请先安装最新版本。当前数据未作改动。",
    "The backup {path} was made by a newer cxdesk that this version cannot use. Install the "
    "newest version first. The current data is unchanged.",
)
IN_USE = Text(
    "数据库“{path}”正被另一个程序使用（例如打开着的 cxdesk 窗口），无法恢复。请先关闭它再试。当前数据未作改动。",
    "The database {path} is in use by another program (an open cxdesk window, for one) and "
    "cannot be restored now. Close it and try again. The current data is unchanged.",
)


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: which backup it put back and where the previous file went."""

    restored_from: Path
    previous_saved_as: Path | None


def restore_backup(db_path: Path, source: Path, *, now: datetime | None = None) -> RestoreResult:
    """Put the backup ``source`` back as ``db_path``; the current file is kept first.

    A sound current file is backed up (``before-restore``) and then overwritten through
    SQLite, which is safe even while the app has it open.  A damaged current file is
    moved, with its ``-wal``/``-shm`` files, into the backups folder as ``damaged`` (for
    a technician), and the backup is copied in its place.
    """
    source = Path(source)
    if not source.is_file():
        raise InputError(NO_SUCH_BACKUP(path=source))
    if not quick_check(source, readonly=True).ok:
        raise InputError(BAD_BACKUP(path=source))
    revision = backup_revision(source)
    if revision is None:
        raise InputError(BAD_BACKUP(path=source))
    if revision not in REVISIONS:
        raise InputError(NEWER_BACKUP(path=source))
    now = now or datetime.now()
    saved: Path | None = None
    if db_path.exists() and quick_check(db_path).ok:
        saved = create_backup(db_path, "before-restore", now=now)
        try:
            copy_database(source, db_path)
        except sqlite3.OperationalError as exc:  # locked by another process: nothing copied
            raise InputError(IN_USE(path=db_path)) from exc
    else:
        if db_path.exists():
            saved = _set_damaged_aside(db_path, now)
        snapshot(source, db_path)
    rotate(db_path)
    return RestoreResult(source, saved)


def _set_damaged_aside(db_path: Path, now: datetime) -> Path:
    target = backup_dir(db_path) / backup_name(db_path, DAMAGED, now)
    shutil.move(db_path, target)
    for suffix in ("-wal", "-shm"):
        companion = db_path.with_name(db_path.name + suffix)
        if companion.exists():
            shutil.move(companion, target.with_name(target.name + suffix))
    return target
