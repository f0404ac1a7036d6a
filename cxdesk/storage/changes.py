"""What a write changed: the tables its transaction inserted into, updated or deleted from.

A write of the desktop app (:meth:`cxdesk.ui.shell.context.AppContext.write`) hands this to
the window, which refreshes from it, in the style of Anki's ``CollectionOp`` returning
``OpChanges``: nobody names the changed table by hand.  It is read from the session
itself: every flush (the same flush the change log reads, orphans removed by a cascade
included), the ORM's bulk ``insert()``, ``update()`` and ``delete()`` statements, and
those run on the session's connection (a snapshot's rows, the change log); what a
savepoint rolled back is forgotten again.

An operation of several transactions (a collect, a held package decided again) gathers
theirs with :func:`recording`: every transaction committed on this thread inside the
block adds what it changed.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, UOWTransaction
from sqlalchemy.sql.dml import UpdateBase

_KEY = "cxdesk.changed_tables"
_SAVEPOINTS = "cxdesk.changed_before_savepoint"


@dataclass(frozen=True)
class Changes:
    """The tables a write changed; ``everything`` when the whole database was replaced
    (a backup restored)."""

    tables: frozenset[str] = frozenset()
    everything: bool = False

    def __bool__(self) -> bool:
        return self.everything or bool(self.tables)

    def touches(self, *tables: str) -> bool:
        return self.everything or not self.tables.isdisjoint(tables)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.tables | other.tables, self.everything or other.everything)

    @classmethod
    def union(cls, many: Iterable[Changes]) -> Changes:
        """What several writes changed together (nothing for none)."""
        together = cls()
        for changes in many:
            together |= changes
        return together


EVERYTHING = Changes(everything=True)


def changes_of(session: Session) -> Changes:
    """What ``session`` has written so far (read after its commit for the whole write)."""
    return Changes(frozenset(session.info.get(_KEY, ())))


class Recorded:
    """What the transactions committed inside a :func:`recording` block changed."""

    def __init__(self) -> None:
        self.changes = Changes()


_RECORDING: ContextVar[tuple[Recorded, ...]] = ContextVar("cxdesk_recording", default=())


@contextmanager
def recording() -> Iterator[Recorded]:
    """Gather what every transaction committed inside the block changes, on this thread
    only (a worker's collect does not see the window's writes, nor they its); a block
    inside another adds to both."""
    recorded = Recorded()
    token = _RECORDING.set((*_RECORDING.get(), recorded))
    try:
        yield recorded
    finally:
        _RECORDING.reset(token)


@event.listens_for(Session, "after_commit")
def _record_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: its changes are the transaction's, committed later
    for recorded in _RECORDING.get():
        recorded.changes |= changes_of(session)


@event.listens_for(Session, "after_transaction_create")
def _savepoint_begun(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        before: dict[SessionTransaction, frozenset[str]] = session.info.setdefault(_SAVEPOINTS, {})
        before[transaction] = frozenset(session.info.get(_KEY, ()))


@event.listens_for(Session, "after_soft_rollback")
def _savepoint_rolled_back(session: Session, previous_transaction: SessionTransaction) -> None:
    """A savepoint rolled back (a package refused inside a group): what it wrote is gone."""
    before = session.info.get(_SAVEPOINTS, {}).pop(previous_transaction, None)
    if before is not None:
        session.info[_KEY] = set(before)


@event.listens_for(Session, "after_transaction_end")
def _transaction_ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the whole transaction: its savepoints are over
        session.info.pop(_SAVEPOINTS, None)


def _note(session: Session, tables: Iterable[str | None]) -> None:
    noted: set[str] = session.info.setdefault(_KEY, set())
    noted.update(t for t in tables if t)


@event.listens_for(Session, "after_flush")
def _note_flush(session: Session, flush_context: UOWTransaction) -> None:
    removed = (
        state.class_
        for state, (is_delete, list_only) in flush_context.states.items()
        if is_delete and not list_only
    )
    modified = (obj for obj in session.dirty if session.is_modified(obj))
    written = chain((type(obj) for obj in chain(session.new, modified, session.deleted)), removed)
    _note(session, {getattr(kind, "__tablename__", None) for kind in written})


#: The session each connection in a transaction serves (weakly: neither keeps the other).
_SESSION_OF: weakref.WeakKeyDictionary[Connection, weakref.ref[Session]] = (
    weakref.WeakKeyDictionary()
)


@event.listens_for(Session, "after_begin")
def _connection_begun(session: Session, transaction: SessionTransaction, connection: Any) -> None:
    _SESSION_OF[connection] = weakref.ref(session)


@event.listens_for(Engine, "after_execute")
def _note_connection_statement(
    connection: Connection, statement: Any, *_args: Any, **_kwargs: Any
) -> None:
    """An insert, update or delete run on a session's connection (Core statements that
    the ORM does not see, such as a snapshot's rows stored at collect)."""
    if isinstance(statement, UpdateBase):
        session = _SESSION_OF.get(connection)
        if session is not None and (alive := session()) is not None:
            _note(alive, {getattr(statement.table, "name", None)})


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        _note(state.session, {getattr(table, "name", None)})
