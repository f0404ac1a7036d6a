"""The base of the record forms: Save (Enter) and Cancel (Esc), one transaction on save."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from cxdesk.errors import UserError
from cxdesk.ui.context import AppContext
from cxdesk.ui.errors import show_error
from cxdesk.ui.return_notes import ReturnNote, read_return_notes


class FormDialog(QDialog):
    """Subclasses build ``self.body`` and implement :meth:`store`.

    Save runs :meth:`store` in one transaction; a UserError (with every problem listed) is
    shown and the dialog stays open with what was typed.  ``fields`` maps model attribute
    names to widgets, so a check finding can open the form at its field.
    """

    def __init__(self, ctx: AppContext, table: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = table
        self.fields: dict[str, QWidget] = {}
        self.saved_id: int | None = None
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        # The bureau's return comments on this record, if any (see show_return_comments).
        self.return_note = ReturnNote()
        layout.addWidget(self.return_note)
        layout.addLayout(self.body, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

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

    def accept(self) -> None:
        try:
            record = self.ctx.write(self.store, changed=self.table)
        except UserError as error:
            show_error(self, error)
            return
        self.saved_id = getattr(record, "id", None)
        super().accept()

    def focus_field(self, name: str | None) -> None:
        """Put the cursor in the field of a model attribute (from a check finding)."""
        widget = self.fields.get(name or "")
        if widget is not None:
            widget.setFocus()
            widget.setStyleSheet("background: #fff4d6;")
