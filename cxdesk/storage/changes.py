"""What a write changed: the tables its transaction inserted into, updated or deleted from.

A write of the desktop app (:meth:`cxdesk.ui.shell.context.AppContext.write`) hands this to
the window, which refreshes from it, in the style of Anki's ``CollectionOp`` returning
``OpChanges``: nobody names the changed table by hand.  It is read from the session
itself: every flush (the same flush the change log reads, orphans removed by a cascade
included) and the ORM's bulk ``insert()``, ``update()`` and ``delete()`` statements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

_KEY = "cxdesk.changed_tables"


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

    @classmethod
    def of(cls, *tables: str) -> Changes:
        """Changes named by a long-running core operation that reports what it writes
        (a collect: ``submission``; an export: ``export_log``)."""
        return cls(frozenset(tables))


EVERYTHING = Changes(everything=True)


def changes_of(session: Session) -> Changes:
    """What ``session`` has written so far (read after its commit for the whole write)."""
    return Changes(frozenset(session.info.get(_KEY, ())))


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


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        _note(state.session, {getattr(table, "name", None)})
