"""Every connection to a SQLite file with cxdesk's durability settings.

``foreign_keys=ON``, WAL with ``synchronous=FULL`` (a commit that was reported survives a
power cut) and a busy timeout; a writing action takes the write lock at once.  Used by
:mod:`cxdesk.storage.db` to open the file and by :mod:`cxdesk.storage.schema` to migrate it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # SQLAlchemy is imported when an engine is made, not by BUSY_TIMEOUT_MS's readers
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection

BUSY_TIMEOUT_MS = 10_000


def create_sqlite_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine on ``path`` whose every connection has cxdesk's durability settings.

    ``foreign_keys=False`` is only for schema migrations, where SQLite's table rebuilds
    would otherwise cascade deletes into child tables.
    """
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writing action takes the write lock at once, so two writers wait for each
        # other (busy timeout) instead of failing when a read turns into a write.
        immediate = conn.get_execution_options().get("cxdesk_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
