"""Copies of the database made with SQLite's online backup API.

The backup API copies a consistent snapshot even while the database is open and in WAL
mode, which copying the file would not.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

BACKUP_DIRNAME = "backups"


def backup_dir(db_path: Path) -> Path:
    path = db_path.parent / BACKUP_DIRNAME
    path.mkdir(parents=True, exist_ok=True)
    return path


def copy_database(source: Path, target: Path) -> None:
    """Copy the SQLite database ``source`` into ``target`` (replaced if it exists)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_before(db_path: Path, reason: str) -> Path:
    """A timestamped backup of ``db_path`` taken before a risky step such as a migration."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir(db_path) / f"{db_path.stem}-{reason}-{stamp}.db"
    copy_database(db_path, target)
    return target
