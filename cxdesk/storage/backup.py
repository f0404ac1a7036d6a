"""Copies of the database made with SQLite's online backup API, kept in rotation.

The backup API copies a consistent snapshot even while the database is open and in WAL
mode, which copying the file would not.  Nobody maintains a school's PC, so the program
backs the data up by itself:

* ``daily``: at the first start of each day the program is used (:func:`daily_backup`);
* ``before-…``: before every risky step: a schema migration, an import, a collect, a
  restore (:func:`backup_before`);
* ``manual``: when the user asks (``cxdesk backup create``, the settings page), into the
  backups folder or a chosen folder such as a USB stick.

Backups live in ``backups/`` beside the database, named
``<db stem>-<reason>-<YYYYmmdd-HHMMSS-ffffff>.db``.  After each new one, :func:`rotate`
keeps (and deletes the rest):

* the daily backups of the :data:`KEEP_DAILY` most recent days of use, and of the older
  ones the newest of each of the :data:`KEEP_WEEKLY` most recent calendar weeks;
* the :data:`KEEP_PER_OPERATION` newest backups of each reason (``before-import``,
  ``before-migration-0001``, ...);
* every manual backup and every damaged file set aside by a restore (never deleted by
  the program).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cxdesk.errors import InputError
from cxdesk.i18n import Text
from cxdesk.storage.integrity import quick_check

log = logging.getLogger(__name__)

BACKUP_DIRNAME = "backups"
DAILY = "daily"
MANUAL = "manual"
DAMAGED = "damaged"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_PER_OPERATION = 5

_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_REASON = r"(?:daily|manual|damaged|before-[a-z]+(?:-[0-9a-z]+)?)"
_REASON_PATTERN = re.compile(rf"^{_REASON}$")
_SUFFIX = rf"-(?P<reason>{_REASON})-(?P<stamp>\d{{8}}-\d{{6}}-\d{{6}})\.db$"
_SUFFIX_PATTERN = re.compile(rf"^{_SUFFIX}")
_SUFFIX_PATTERN_ANYWHERE = re.compile(_SUFFIX)

CANNOT_WRITE = Text(
    "无法写入备份“{path}”：{reason}。请检查文件夹（或 U 盘）是否可写、空间是否足够。数据未受影响。",
    "Cannot write the backup {path}: {reason}. Check that the folder (or USB stick) is "
    "writable and has room. The data is unaffected.",
)
NO_DATABASE = Text(
    "数据库“{path}”不存在，没有可备份的数据。",
    "The database {path} does not exist; nothing to back up.",
)


@dataclass(frozen=True)
class Backup:
    """One backup file: where it is, why it was taken, and when."""

    path: Path
    reason: str
    taken_at: datetime

    @property
    def kind(self) -> str:
        """``daily``, ``manual``, ``damaged`` or ``operation`` (any ``before-…``)."""
        return self.reason if self.reason in (DAILY, MANUAL, DAMAGED) else "operation"

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def backup_dir(db_path: Path) -> Path:
    path = db_path.parent / BACKUP_DIRNAME
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_name(db_path: Path, reason: str, when: datetime) -> str:
    if not _REASON_PATTERN.match(reason):
        raise ValueError(f"not a backup reason: {reason!r}")
    return f"{db_path.stem}-{reason}-{when.strftime(_STAMP_FORMAT)}.db"


def parse_backup(db_path: Path, file: Path) -> Backup | None:
    """The :class:`Backup` a file in the backups folder is, or None if it is not one."""
    prefix = db_path.stem
    if not file.name.startswith(prefix):
        return None
    match = _SUFFIX_PATTERN.match(file.name[len(prefix) :])
    if match is None:
        return None
    taken_at = datetime.strptime(match["stamp"], _STAMP_FORMAT)
    return Backup(file, match["reason"], taken_at)


def list_backups(db_path: Path, folder: Path | None = None) -> list[Backup]:
    """The backups of ``db_path`` (in its backups folder, or ``folder``), newest first."""
    folder = folder or db_path.parent / BACKUP_DIRNAME
    if not folder.is_dir():
        return []
    found = (parse_backup(db_path, f) for f in folder.iterdir() if f.is_file())
    return sorted((b for b in found if b is not None), key=lambda b: b.taken_at, reverse=True)


def describe_backup(path: Path) -> str:
    """The backup's date and time for a sentence, or its file name if it is not ours."""
    match = _SUFFIX_PATTERN_ANYWHERE.search(path.name)
    if match is None:
        return path.name
    return datetime.strptime(match["stamp"], _STAMP_FORMAT).strftime("%Y-%m-%d %H:%M")


#: How long a backup or restore waits for another process's lock before giving up
#: (the same as a connection's busy timeout).
LOCK_WAIT_SECONDS = 10.0


def _backup(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
    """``src.backup(dst)``, but a lock held longer than LOCK_WAIT_SECONDS is an error:
    Python's own loop would retry for ever."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS

    def progress(status: int, _remaining: int, _total: int) -> None:
        busy = status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
        if busy and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    src.backup(dst, progress=progress, sleep=0.05)


def copy_database(source: Path, target: Path) -> None:
    """Copy the SQLite database ``source`` into ``target`` (replaced if it exists).

    This writes through SQLite into ``target``, so it is safe while ``target`` is open
    elsewhere (in WAL mode); used to put a backup back into the live file.
    """
    if not source.exists():
        raise FileNotFoundError(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source, timeout=1.0)
    try:
        dst = sqlite3.connect(target, timeout=1.0)
        try:
            _backup(src, dst)
        finally:
            dst.close()
    finally:
        src.close()


def snapshot(source: Path, target: Path) -> None:
    """Write a consistent copy of ``source`` as the new file ``target``.

    The copy is made under a temporary name and renamed when complete, so a power cut
    never leaves a half-written file that looks like a backup; it is switched to a
    rollback journal so that reading it later creates no ``-wal`` files beside it.
    """
    if not source.exists():
        raise FileNotFoundError(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=1.0)
    try:
        dst = sqlite3.connect(partial)
        try:
            _backup(src, dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)


def create_backup(
    db_path: Path, reason: str = MANUAL, *, folder: Path | None = None, now: datetime | None = None
) -> Path:
    """A backup of ``db_path`` for ``reason``, in the backups folder or in ``folder``."""
    if not db_path.exists():
        raise InputError(NO_DATABASE(path=db_path))
    target_dir = folder if folder is not None else db_path.parent / BACKUP_DIRNAME
    target = target_dir / backup_name(db_path, reason, now or datetime.now())
    try:
        snapshot(db_path, target)
    except (OSError, sqlite3.OperationalError) as exc:
        with contextlib.suppress(OSError):
            target.with_name(target.name + ".part").unlink(missing_ok=True)
        raise InputError(CANNOT_WRITE(path=target, reason=exc)) from exc
    return target


def backup_before(db_path: Path, reason: str, *, now: datetime | None = None) -> Path:
    """A backup of ``db_path`` taken before a risky step; ``reason`` is ``before-…``.

    Call it before an import (``"before-import"``) or a collect (``"before-collect"``);
    a migration (``"before-migration-<revision>"``) and a restore do it themselves.
    """
    reason = reason if reason.startswith("before-") else f"before-{reason}"
    path = create_backup(db_path, reason, now=now)
    rotate(db_path)
    return path


def daily_backup(db_path: Path, *, now: datetime | None = None) -> Path | None:
    """Back ``db_path`` up if no daily backup was taken today; returns the new file.

    Called at start (GUI and command line) after the integrity check passed, so a
    damaged file never pushes good backups out of the rotation.  A backup that cannot be
    written (disk full, folder not writable) is logged and the start goes on.
    """
    now = now or datetime.now()
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    if any(b.taken_at.date() == now.date() for b in list_backups(db_path) if b.reason == DAILY):
        return None
    try:
        path = create_backup(db_path, DAILY, now=now)
    except (InputError, sqlite3.Error):
        log.warning("the daily backup of %s could not be written", db_path, exc_info=True)
        return None
    rotate(db_path)
    log.info("daily backup %s", path)
    return path


def backups_to_keep(backups: Iterable[Backup]) -> set[Path]:
    """The files the rotation keeps, out of ``backups`` (see the module's docstring)."""
    backups = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep: set[Path] = {b.path for b in backups if b.reason in (MANUAL, DAMAGED)}
    daily = [b for b in backups if b.reason == DAILY]
    keep |= _newest_per(daily, lambda b: b.taken_at.date(), KEEP_DAILY)
    recent_days = {b.taken_at.date() for b in daily if b.path in keep}
    older = [b for b in daily if b.taken_at.date() not in recent_days]
    keep |= _newest_per(older, lambda b: b.taken_at.isocalendar()[:2], KEEP_WEEKLY)
    for reason in {b.reason for b in backups if b.reason.startswith("before-")}:
        same = [b for b in backups if b.reason == reason]
        keep |= {b.path for b in same[:KEEP_PER_OPERATION]}
    return keep


def _newest_per(backups: list[Backup], group: Callable[[Backup], object], count: int) -> set[Path]:
    """The newest backup of each of the ``count`` newest groups (``backups`` newest first)."""
    chosen: dict[object, Path] = {}
    for b in backups:
        key = group(b)
        if key not in chosen:
            if len(chosen) == count:
                break
            chosen[key] = b.path
    return set(chosen.values())


def rotate(db_path: Path) -> list[Path]:
    """Delete the backups the rotation does not keep; returns the deleted files."""
    backups = list_backups(db_path)
    keep = backups_to_keep(backups)
    deleted = [b.path for b in backups if b.path not in keep]
    for path in deleted:
        path.unlink(missing_ok=True)
    return deleted


def is_restorable(path: Path) -> bool:
    """A sound SQLite file written by a cxdesk whose schema this version knows."""
    return quick_check(path, readonly=True).ok and backup_revision(path) is not None


def latest_good_backup(db_path: Path) -> Backup | None:
    """The newest backup in the backups folder that passes the checks of a restore."""
    for b in list_backups(db_path):
        if b.reason != DAMAGED and is_restorable(b.path):
            return b
    return None


def backup_revision(path: Path) -> str | None:
    """The alembic revision of a cxdesk database file (opened read-only), None if it is not one."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None
