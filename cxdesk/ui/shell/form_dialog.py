"""The base of the record forms: an :class:`EntryDialog` that stores in one transaction."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from cxdesk.errors import UserError
from cxdesk.exchange.return_notes import read_return_notes
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.entry_dialog import EntryDialog
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.return_notes import ReturnNote


class FormDialog(EntryDialog):
    """Subclasses build ``self.body`` and implement :meth:`store`.

    Save (Enter, Ctrl+S) runs :meth:`store` in one transaction; a UserError (with every
    problem listed) is shown and the dialog stays open with what was typed.  ``fields``
    maps model attribute names to widgets, so a check finding can open the form at its
    field.  Keyboard, focus, required marks and the question on Esc are
    :class:`~cxdesk.ui.shell.entry_dialog.EntryDialog`'s.
    """

    def __init__(self, ctx: AppContext, table: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = table
        self.saved_id: int | None = None
        # The bureau's return comments on this record, if any (see show_return_comments).
        self.return_note = ReturnNote()
        self.outer.insertWidget(0, self.return_note)

    def show_return_comments(self, record_id: int | None) -> None:
        """Show at the top what the bureau's current return says about this record."""
        if record_id is None:
            return
        with self.ctx.db.reading() as session:
            notes = read_return_notes(session)
        if notes is not None:
            self.return_note.show_comments(notes.bureau_name, notes.comments(self.table, record_id))

    def store(self, session: Session) -> Any:
        """Write the record; return it (its ``id`` is remembered as ``saved_id``)."""
        raise NotImplementedError

    def save(self) -> bool:
        try:
            record = self.ctx.write(self.store)
        except UserError as error:
            show_error(self, error)
            return False
        self.saved_id = getattr(record, "id", None)
        return True
