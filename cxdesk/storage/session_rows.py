"""The :class:`~cxdesk.storage.rows.Rows` of a SQLAlchemy session: the SQL text of a listing
run in the caller's transaction (the desktop app, a command that writes, a server)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from cxdesk.storage.rows import Rows


def session_rows(session: Session) -> Rows:
    """Run SQL text in ``session``; what it has not yet flushed is flushed first, as an ORM
    query would, so the rows include the caller's own changes."""

    def run(sql: str, params: Mapping[str, object] | None = None) -> list[tuple[Any, ...]]:
        if session.autoflush:
            session.flush()
        return [tuple(row) for row in session.execute(text(sql), dict(params or {}))]

    return run
