"""Ids for rows written in bulk (a school's snapshot), on SQLite and on PostgreSQL.

Collecting writes a snapshot with a few multi-row INSERTs whose ids are chosen in advance
so that certificates and attendances can point at their counselors.  On SQLite the writing
transaction holds the only write lock, so ``max(id) + 1`` is safe.  On PostgreSQL several
clerks insert at once: the ids come from the table's own sequence (``nextval``), which
never gives the same number twice, and the ORM's later inserts use the same sequence.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from cxdesk.storage.locks import is_server


def new_ids(session: Session, model: type[Any], count: int) -> list[int]:
    """``count`` unused ids of ``model``'s table, for rows inserted with explicit ids."""
    if count <= 0:
        return []
    if is_server(session):
        table = model.__table__.name
        rows = session.execute(
            text(
                "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                "FROM generate_series(1, :count)"
            ),
            {"table": table, "count": count},
        )
        return [int(r[0]) for r in rows]
    first = int(session.scalar(select(func.coalesce(func.max(model.id), 0))) or 0) + 1
    return list(range(first, first + count))
