"""Opening the database: durable settings, schema upgrade, sessions.

Usually a local SQLite file: every connection sets ``foreign_keys=ON``, WAL with
``synchronous=FULL`` (a commit that was reported survives a power cut) and a busy timeout.
A bureau with several clerks may instead use a PostgreSQL server (``--db
postgresql+psycopg://...``, :mod:`cxdesk.storage.server`, ``docs/postgres.md``); the PRAGMAs, the
integrity check and the file backups are SQLite's only.  The caller owns the session: a
user action is one ``with db.transaction() as session:`` block, on either kind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

import cxdesk.changelog  # noqa: F401  (installs the change-log listener)
from cxdesk.errors import DatabaseError
from cxdesk.i18n import Text
from cxdesk.paths import data_dir, default_db_path
from cxdesk.storage.damaged import check_at_start
from cxdesk.storage.dburl import ServerAddress, parse_target
from cxdesk.storage.placement import refuse_school
from cxdesk.storage.schema import ensure_schema
from cxdesk.storage.server.engine import create_server_engine, server_error
from cxdesk.storage.server.schema import ensure_server_schema
from cxdesk.storage.server.secrets import with_saved_password
from cxdesk.storage.sqlite_engine import BUSY_TIMEOUT_MS, create_sqlite_engine

NOT_A_DATABASE = Text(
    "文件“{path}”不是 cxdesk 数据库，或已损坏。请从备份恢复（cxdesk backup restore）。",
    "The file {path} is not a cxdesk database, or it is damaged. Restore a backup "
    "(cxdesk backup restore).",
)
BUSY = Text(
    "数据库“{path}”正被另一个 cxdesk 窗口或命令占用，{seconds} 秒后仍未释放。"
    "请关闭另一个后重试。本次操作未保存。",
    "The database {path} is in use by another cxdesk window or command and stayed busy for "
    "{seconds} s. Close the other one and try again. Nothing was saved.",
)
DISK_FULL = Text(
    "磁盘已满，无法保存到“{path}”。请清理磁盘空间后重试。本次操作未保存。",
    "The disk is full: cannot save to {path}. Free some space and try again. Nothing was saved.",
)
CANNOT_OPEN = Text(
    "无法打开数据库“{path}”：{reason}",
    "Cannot open the database {path}: {reason}",
)


@dataclass
class Database:
    """An open cxdesk database: the engine and a session factory.

    ``path`` is the SQLite file; on a server (``server`` is set) it is a name in a local
    folder that only serves to place this machine's files beside it (keys, received
    packages); no such file exists.
    """

    path: Path
    engine: Engine
    server: ServerAddress | None = None

    @property
    def is_server(self) -> bool:
        return self.server is not None

    @property
    def shown(self) -> str:
        """Where the data is, for the user (a server URL never shows its password)."""
        return self.server.shown if self.server is not None else str(self.path)

    def __post_init__(self) -> None:
        self._reading = sessionmaker(self.engine, expire_on_commit=False)
        self._writing = sessionmaker(
            self.engine.execution_options(cxdesk_immediate=True), expire_on_commit=False
        )

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action that writes: committed at the end, rolled back on any error.

        A database kept busy by another process past the busy timeout, or a full disk,
        is the user's to fix: it becomes a :class:`DatabaseError` saying so.
        """
        try:
            with self._writing() as session, session.begin():
                yield session
        except OperationalError as exc:
            raise self._environmental(exc) or exc from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look at the data (rolled back at the end)."""
        try:
            with self._reading() as session, session.begin():
                yield session
                session.rollback()
        except OperationalError as exc:
            raise self._environmental(exc) or exc from exc

    def _environmental(self, exc: OperationalError) -> DatabaseError | None:
        if self.server is not None:
            return server_error(self.server, exc)
        text = str(exc.orig)
        if "database is locked" in text or "database is busy" in text:
            return DatabaseError(BUSY(path=self.path, seconds=BUSY_TIMEOUT_MS // 1000))
        if "database or disk is full" in text:
            return DatabaseError(DISK_FULL(path=self.path))
        return None

    def session_factory(self) -> sessionmaker[Session]:
        """For long jobs that open one session per step (collecting packages)."""
        return self._writing

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    path: Path | str | ServerAddress | None = None, *, local_path: Path | None = None
) -> Database:
    """Open (and create or upgrade) the database at ``path``, default in the data folder.

    ``path`` may be a PostgreSQL URL (text or a parsed :class:`ServerAddress`); then
    ``local_path`` (default: a name in the data folder for this server) places this
    machine's files.
    """
    target = parse_target(path)
    if isinstance(target, ServerAddress):
        return open_server_database(target, local_path=local_path)
    path = target or default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    check_at_start(path)  # a damaged file: say so and name the latest good backup (issue 6)
    try:
        ensure_schema(path)
        engine = create_sqlite_engine(path)
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM installation").scalar()
    except (DBAPIError, sqlite3.Error) as exc:  # sqlite3's own: schema.py reads the file raw
        raise database_error(path, exc) from exc
    return Database(path, engine)


def open_server_database(address: ServerAddress, *, local_path: Path | None = None) -> Database:
    """Connect to a bureau's PostgreSQL database, creating or upgrading its schema."""

    address = with_saved_password(address)
    if local_path is None:
        local_path = data_dir() / "servers" / _folder_name(address) / "server.db"
    local_path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_server_engine(address)
    try:
        ensure_server_schema(engine, address)
        with engine.connect() as conn:
            refuse_school(conn, address)
    except DBAPIError as exc:
        engine.dispose()
        raise server_error(address, exc) or exc from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(local_path, engine, address)


def _folder_name(address: ServerAddress) -> str:
    """A folder name for the server's local files: ``user@host_port_database``."""
    key = address.key
    return "".join(c if c.isalnum() or c in "@._-" else "_" for c in key)


def database_error(path: Path, exc: Exception) -> DatabaseError:
    """The user's words for a failure of SQLite to open or read the file."""
    text = str(getattr(exc, "orig", exc))
    if "not a database" in text or "malformed" in text:
        return DatabaseError(NOT_A_DATABASE(path=path))
    return DatabaseError(CANNOT_OPEN(path=path, reason=text))
