"""What the command modules share: opening the database, reading it, printing JSON.

SQLAlchemy and the storage are imported when a command opens the database the normal
way, not by this module: a light command (``trust list``, ``held list``, ``board``) reads
an up-to-date file without them (:func:`read_rows`, issue 16).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from cxdesk.storage.db import Database
    from cxdesk.storage.rows import Rows

T = TypeVar("T")
_opened: list[Database] = []


def database(args: argparse.Namespace) -> Database:
    """The database of ``--db``, or the default one in the user data folder.

    It stays open until the command ends: :func:`close_databases` (called by
    :func:`cxdesk.cli.main`) closes it, which on a server ends the connections cleanly.
    """
    from cxdesk.storage.backup import daily_backup
    from cxdesk.storage.db import open_database

    # A file path or a PostgreSQL URL for a bureau with several clerks (issue 8).
    db = open_database(getattr(args, "db", None))
    if not db.is_server:  # a server is backed up with pg_dump (docs/postgres.md)
        daily_backup(db.path)  # first use of the day: a backup (issue 6, cxdesk/storage/backup.py)
    _opened.append(db)
    return db


@contextmanager
def opened_database(args: argparse.Namespace) -> Iterator[Database]:
    """The database of :func:`database` for the length of a ``with`` block: closed at its
    end, whether the command succeeded or not."""
    db = database(args)
    try:
        yield db
    finally:
        _opened.remove(db)
        db.close()


def read_rows(args: argparse.Namespace, read: Callable[[Rows], T]) -> T:
    """``read`` given the rows of the database of ``--db``, for a command that only lists.

    An up-to-date SQLite file is read read-only through sqlite3, without SQLAlchemy
    (:mod:`cxdesk.storage.light_read`); anything else (a server, a file to create or
    migrate, a damaged or busy one) is opened the normal way, with its messages, and read
    in a reading transaction: the same SQL either way.
    """
    from cxdesk.storage.light_read import NotLight, read_light

    try:
        return read_light(getattr(args, "db", None), read)
    except NotLight:
        pass
    from cxdesk.storage.session_rows import session_rows

    with opened_database(args) as db, db.reading() as session:
        return read(session_rows(session))


def close_databases() -> None:
    """Close every database a command opened with :func:`database`."""
    while _opened:
        _opened.pop().close()


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def add_command(
    commands: Any, common: argparse.ArgumentParser, name: str, help_text: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=help_text, description=help_text, parents=[common]
    )
    return parser
