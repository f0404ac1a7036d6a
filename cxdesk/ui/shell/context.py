"""What every page of the desktop app shares: the :class:`AppContext`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from sqlalchemy.orm import Session

from cxdesk.models import Installation, ReportingPeriod, School
from cxdesk.services.period_label import current_period_label
from cxdesk.services.period_lock import affected_periods
from cxdesk.services.periods import get_period
from cxdesk.services.setup import get_installation, own_school
from cxdesk.storage.changes import Changes, changes_of
from cxdesk.storage.db import Database
from cxdesk.ui.shell import language, preferences
from cxdesk.ui.shell.period_guard import (
    AcceptedPeriodsChanged,
    ChangeCancelled,
    ask_to_change_accepted,
)

T = TypeVar("T")


class AppContext(QObject):
    """The open database, whose it is, the language, undo, and change notification.

    Pages never keep a session: each user action is one ``ctx.write(...)`` (one
    transaction, committed at once), each look at the data one ``with ctx.db.reading()``.
    """

    # Emitted after a committed change. Argument: the table that changed
    # ("counselor", "counselling_room", "training_event", "school", "finding_explanation",
    # ...) or "" when anything may have changed (an import, an undo of several records).
    data_changed = Signal(object)  # Changes
    # Emitted after the language was switched. Argument: "zh" or "en".
    language_changed = Signal(str)

    def __init__(self, db: Database, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.language = lang
        self.undo_stack = QUndoStack(self)
        self.role: str | None = None
        self.school_id: int | None = None
        self.reload_installation()

    # -- whose data this is -----------------------------------------------------------

    def reload_installation(self) -> None:
        """Read the role (and the school id for a school) after setup or a restore."""
        with self.db.reading() as session:
            installation = session.get(Installation, 1)
            self.role = installation.role if installation else None
            self.school_id = (
                own_school(session).id if installation and installation.role == "school" else None
            )

    @property
    def initialized(self) -> bool:
        return self.role is not None

    def installation(self, session: Session) -> Installation:
        return get_installation(session)

    def school(self, session: Session) -> School:
        """The school of this installation (school role)."""
        return own_school(session)

    def require_school_id(self) -> int:
        if self.school_id is None:
            raise RuntimeError("this page needs a school installation")
        return self.school_id

    def period(self, session: Session) -> ReportingPeriod:
        """The reporting period of now (the calendar year), created on first use.

        Creating the period writes, so call this inside ``ctx.db.transaction()``.
        """
        return get_period(session, current_period_label())

    # -- changing data ------------------------------------------------------------------

    def write(self, action: Callable[[Session], T]) -> T:
        """Run ``action`` in one transaction, commit it, then announce ``data_changed``
        with what it changed (:class:`~cxdesk.storage.changes.Changes`, read from the
        transaction: nobody names the table by hand).

        A :class:`cxdesk.errors.UserError` raised by the action rolls everything back and
        propagates; show it with :func:`cxdesk.ui.shell.errors.show_error`.  At a school, a change
        that alters a period the bureau has accepted is rolled back and asked about first
        (:mod:`cxdesk.ui.shell.period_guard`); a no raises the silent ``ChangeCancelled``.
        """
        try:
            with self.db.transaction() as session:
                if self.role != "school":
                    result = action(session)
                else:
                    result, affected = affected_periods(session, action)
                    if affected:
                        raise AcceptedPeriodsChanged(affected)
        except AcceptedPeriodsChanged as ask:
            if not ask_to_change_accepted(ask.labels):
                raise ChangeCancelled() from None
            with self.db.transaction() as session:
                result = action(session)
        self.announce(changes_of(session))
        return result

    def announce(self, changes: Changes) -> None:
        """Tell the window what changed; nothing when nothing did."""
        if changes:
            self.data_changed.emit(changes)

    # -- language -----------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Switch the whole app (Qt strings and core messages) and remember the choice."""
        preferences.save_language(lang)
        if lang == self.language:
            return
        self.language = lang
        language.apply_language(lang)
        self.language_changed.emit(lang)
