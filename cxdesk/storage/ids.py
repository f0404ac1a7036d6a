"""Ids for rows written in bulk (a school's snapshot), on SQLite and on PostgreSQL.

Collecting writes a snapshot with a few multi-row INSERTs whose ids are chosen in advance
so that certificates and attendances can point at their counselors.  On SQLite the writing
transaction holds the only write lock, so ``max(id) + 1`` is safe.  On PostgreSQL several
clerks insert at once: the ids come from the table's own sequence (``nextval``), which
never gives the same number twice, and the ORM's later inserts use the same sequence.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from sqlalchemy import TextClause, func, select, text
from sqlalchemy.orm import Session

from cxdesk.storage.locks import is_server
from cxdesk.storage.transaction_memo import remembered


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


def new_ids_of(session: Session, counts: Mapping[type[Any], int]) -> dict[type[Any], list[int]]:
    """:func:`new_ids` for several tables at once (a snapshot's): on SQLite one query.

    In a transaction that keeps its answers (cxdesk.storage.transaction_memo: a collect's
    group of packages, whose rows of these tables are all written through here) the next
    free id of each table is asked once and then counted on; a savepoint rolled back
    makes it ask again."""
    wanted = tuple(model for model, count in counts.items() if count > 0)
    if is_server(session) or not wanted:
        return {model: new_ids(session, model, count) for model, count in counts.items()}
    following: dict[type[Any], int] = remembered(session, "following ids", dict)
    unknown = tuple(model for model in wanted if model not in following)
    if unknown:
        highest = session.execute(_highest_ids(tuple(m.__table__.name for m in unknown))).one()
        following.update((model, int(top) + 1) for model, top in zip(unknown, highest, strict=True))
    ids: dict[type[Any], list[int]] = {model: [] for model in counts}
    for model in wanted:
        first = following[model]
        ids[model] = list(range(first, first + counts[model]))
        following[model] = first + counts[model]
    return ids


@functools.lru_cache(maxsize=32)
def _highest_ids(tables: tuple[str, ...]) -> TextClause:
    """``SELECT`` the highest id of each table (names from the models, never from input)."""
    columns = ", ".join(f"(SELECT coalesce(max(id), 0) FROM {table})" for table in tables)
    return text(f"SELECT {columns}")
