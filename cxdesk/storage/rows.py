"""A query as SQL text and its rows as plain tuples, the same through either way of reading.

A listing (``trust list``, ``held list``, the board) is one piece of SQL with ``:name``
parameters, which both sqlite3 and SQLAlchemy's ``text()`` accept and PostgreSQL runs too,
and one pure-Python shaping of its rows.  The desktop app and a command that writes run the
SQL through their session (:func:`cxdesk.storage.session_rows.session_rows`); a light
command that only lists runs it through a read-only sqlite3 connection
(:mod:`cxdesk.storage.light_read`) without importing SQLAlchemy (issue 16).

Text SQL gives back what the driver has: on SQLite a time is the text SQLAlchemy stored
and a flag 0 or 1, on PostgreSQL a ``datetime`` and a ``bool``.  The shaping reads them
with :func:`as_datetime` (:func:`maybe_datetime`), :func:`as_date` and ``bool``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Protocol


class Rows(Protocol):
    """Runs ``sql`` with ``params`` and gives back every row as a tuple."""

    def __call__(
        self, sql: str, params: Mapping[str, object] | None = None
    ) -> list[tuple[Any, ...]]: ...


def as_datetime(value: object) -> datetime:
    """A stored time (SQLite's text ``2026-11-30 05:00:36.141080``, or a datetime)."""
    if isinstance(value, datetime):
        return value
    if value is None:
        raise TypeError("a time was expected, not NULL")
    return datetime.fromisoformat(str(value))


def maybe_datetime(value: object) -> datetime | None:
    """:func:`as_datetime` of a column that may be NULL."""
    return None if value is None else as_datetime(value)


def as_date(value: object) -> date | None:
    """A stored date (SQLite's text ``2026-11-30``, or a date)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
