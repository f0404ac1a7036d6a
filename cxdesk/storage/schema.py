"""Bringing the database's schema to this version of cxdesk, through alembic migrations.

A fresh file is migrated from nothing; an older one is backed up, upgraded, and put back
from the backup if the upgrade fails; a file from a newer cxdesk is refused untouched.
The revisions are listed here too, so that opening an up-to-date database, the common case
at every start, reads one row and does not import alembic.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cxdesk.errors import DatabaseError, DatabaseTooNewError, MigrationFailedError
from cxdesk.i18n import Text
from cxdesk.storage.backup import backup_before, copy_database
from cxdesk.storage.sqlite_engine import create_sqlite_engine

#: Every revision in cxdesk/storage/migrations/versions, oldest first (a test keeps them in step).
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0007", "0008", "0010")
HEAD = REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).with_name("migrations")

TOO_NEW = Text(
    "数据库“{path}”由更新版本的 cxdesk 创建（结构版本 {revision}），本程序无法使用。请安装最新版本。"
    "文件未作任何改动。",
    "The database {path} was made by a newer cxdesk (schema {revision}) that this version "
    "cannot use. Install the newest version. The file has not been changed.",
)
FOREIGN = Text(
    "文件“{path}”不是 cxdesk 数据库。文件未作任何改动。",
    "The file {path} is not a cxdesk database. It has not been changed.",
)
FAILED = Text(
    "数据库升级失败（{reason}）。升级前的备份已恢复，数据与升级前相同。备份：{backup}",
    "The database upgrade failed ({reason}). The backup taken before it has been restored; "
    "the data is as it was. Backup: {backup}",
)


def database_revision(path: Path) -> tuple[bool, str | None]:
    """Whether the file has any tables, and its alembic revision if it has one."""
    if not path.exists() or path.stat().st_size == 0:
        return False, None
    conn = sqlite3.connect(path)
    try:
        return revision_in(conn)
    finally:
        conn.close()


def revision_in(conn: sqlite3.Connection) -> tuple[bool, str | None]:
    """:func:`database_revision` of an open connection (a read-only one too)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in tables:
        return bool(tables), None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return True, row[0] if row else None


def ensure_schema(path: Path) -> None:
    """Create or upgrade the schema of ``path`` to :data:`HEAD`; raises a DatabaseError."""
    has_tables, revision = database_revision(path)
    if revision == HEAD:
        return
    if has_tables and revision is None:
        raise DatabaseError(FOREIGN(path=path))
    if revision is not None and revision not in REVISIONS:
        raise DatabaseTooNewError(TOO_NEW(path=path, revision=revision))
    if not has_tables:
        upgrade(path, HEAD)
        return
    backup = backup_before(path, f"before-migration-{revision}")
    try:
        upgrade(path, HEAD)
    except Exception as exc:
        copy_database(backup, path)
        # The first line only: SQL errors go on with the whole statement.
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise MigrationFailedError(FAILED(reason=reason, backup=backup)) from exc


def upgrade(path: Path, revision: str) -> None:
    """Run the alembic migrations on ``path`` up to ``revision``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        # BEGIN IMMEDIATE: when two cxdesk processes start at once on an old file, the
        # second waits for the first's upgrade and then finds nothing to do, instead of
        # failing half-way ("database is locked") and restoring its backup over the result.
        with engine.execution_options(cxdesk_immediate=True).begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"foreign key check failed after migration: {broken[:5]}")
    finally:
        engine.dispose()
