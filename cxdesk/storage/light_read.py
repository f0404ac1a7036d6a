"""Listing without SQLAlchemy: a read-only sqlite3 look at an up-to-date cxdesk file.

``cxdesk trust list``, ``held list`` and ``board`` only read.  Importing SQLAlchemy and
the models alone takes longer than the 0.3 s such a command may take (issue 16), so when
it is safe they run their SQL text (:mod:`cxdesk.storage.rows`) through the standard
library's sqlite3 instead, on a connection that refuses every write (``PRAGMA
query_only``: "attempt to write a readonly database"), in one reading transaction, with
the engine's busy timeout.  (Not ``mode=ro``: a read-only connection to a WAL file creates
its ``-wal`` and ``-shm`` files and, not being allowed to checkpoint, leaves them beside
the file for good; this one, like every connection of the normal open, removes them when
it is the last to close.)

It is safe when ``--db`` names a SQLite file (not a server URL) that exists, is a cxdesk
database whose schema is at :data:`~cxdesk.storage.schema.HEAD` (read as
:func:`~cxdesk.storage.schema.ensure_schema` reads it, without alembic), and passes the
same ``PRAGMA quick_check`` as the normal open (about 10 ms for a prefecture's 902
packages).  In every other case, and whenever sqlite3 fails (a damaged file, a file kept
busy, a table missing), :class:`NotLight` sends the command the normal way
(:func:`cxdesk.commands.base.database`), which creates, migrates or refuses the file,
names the latest good backup of a damaged one, and says so in the user's language; what
the light way read is thrown away, nothing was shown yet.

The daily backup is not taken here: a listing changes nothing, and the next command that
opens the file the normal way (every command that writes, and the desktop app) takes it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from cxdesk.paths import default_db_path
from cxdesk.storage.dburl import is_server_url
from cxdesk.storage.integrity import quick_check_of
from cxdesk.storage.rows import Rows
from cxdesk.storage.schema import HEAD, revision_in
from cxdesk.storage.sqlite_engine import BUSY_TIMEOUT_MS

T = TypeVar("T")


class NotLight(Exception):
    """The database cannot be read the light way: open it the normal way."""


def light_path(target: str | Path | None) -> Path | None:
    """The existing, non-empty SQLite file ``--db`` names (default: the data folder's), or
    None: a server URL (``sqlite:///`` too: the normal way reads URLs), no file yet."""
    if isinstance(target, str):
        if is_server_url(target):
            return None
        target = Path(target.strip()) if target.strip() else None
    path = target if target is not None else default_db_path()
    try:
        return path if path.is_file() and path.stat().st_size > 0 else None
    except OSError:
        return None


def read_light(target: str | Path | None, read: Callable[[Rows], T]) -> T:
    """``read`` given the rows of the file ``--db`` names, read-only; raises
    :class:`NotLight` when the command must open the database the normal way.

    Errors of ``read`` itself (a :class:`~cxdesk.errors.UserError`: not a bureau's
    database, say) go to the caller as they are.
    """
    path = light_path(target)
    if path is None:
        raise NotLight(target)
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as exc:
        raise NotLight(path) from exc
    conn.isolation_level = None  # this module says where the transaction begins
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("BEGIN")  # every query of ``read`` sees the same state of the file
        if revision_in(conn) != (True, HEAD) or not quick_check_of(conn).ok:
            raise NotLight(path)

        def rows(sql: str, params: Mapping[str, object] | None = None) -> list[tuple[Any, ...]]:
            return conn.execute(sql, dict(params or {})).fetchall()

        return read(rows)
    except sqlite3.Error as exc:
        raise NotLight(path) from exc
    finally:
        conn.close()
