"""Writes every insert, update and delete of an audited model to ``change_log``.

It listens to every ORM flush (installed when this module is imported, which
:mod:`cxdesk.storage.db` does) and writes the rows with one executemany on the flush's own
connection, so a change and its log entry are committed, or lost, together.  Bulk work
that keeps its own history (collecting packages) may switch it off for a session with
``session.info["changelog"] = False``.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.attributes import get_history

from cxdesk.models import Base, ChangeLogEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _column_values(obj: Base) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {c.key: _jsonable(getattr(obj, c.key)) for c in mapper.column_attrs}


def _changed_values(obj: Base) -> tuple[dict[str, Any], dict[str, Any]]:
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for attr in inspect(obj).mapper.column_attrs:
        history = get_history(obj, attr.key)
        if history.has_changes():
            old[attr.key] = _jsonable(history.deleted[0]) if history.deleted else None
            new[attr.key] = _jsonable(history.added[0]) if history.added else None
    return old, new


def _dump(values: dict[str, Any] | None) -> str | None:
    return None if values is None else json.dumps(values, ensure_ascii=False, sort_keys=True)


def _audited(obj: object) -> bool:
    return isinstance(obj, Base) and type(obj).__audited__


@event.listens_for(Session, "after_flush")
def _write_change_log(session: Session, flush_context: UOWTransaction) -> None:
    if not session.info.get("changelog", True):
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    rows: list[dict[str, Any]] = []

    def add(obj: Base, action: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
        rows.append(
            {
                "at": now,
                "table_name": obj.__tablename__,
                "record_id": getattr(obj, "id", None),
                "action": action,
                "old_values": _dump(old),
                "new_values": _dump(new),
            }
        )

    # The flush's own list of deletions: besides ``session.deleted`` it holds the orphans
    # that a delete-orphan cascade removes (a certificate dropped from a counselor, an
    # attendance dropped from an event), which never appear in ``session.deleted``.
    removed = [
        state
        for state, (is_delete, list_only) in flush_context.states.items()
        if is_delete and not list_only
    ]
    removed_set = set(removed)
    for obj in session.new:
        if _audited(obj):
            add(obj, "insert", None, _column_values(obj))
    for obj in session.dirty:
        if inspect(obj) in removed_set:
            continue
        if _audited(obj) and session.is_modified(obj, include_collections=False):
            old, new = _changed_values(obj)
            if new:
                add(obj, "update", old, new)
    for state in removed:
        obj = state.obj()
        if obj is not None and _audited(obj):
            add(obj, "delete", _column_values(obj), None)
    if rows:
        session.connection().execute(insert(ChangeLogEntry), rows)
