"""A page listing one kind of record: search, sort, add, edit, delete with undo."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cxdesk.errors import UserError
from cxdesk.exchange.return_notes import ReturnNotes, read_return_notes
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.return_notes import MARK_COLOUR, ReturnBanner
from cxdesk.ui.shell.table_model import Column, RowTableModel, SearchProxy
from cxdesk.ui.shell.table_view import FittedTableView, on_enter

if TYPE_CHECKING:
    # Only the type: the form's module imports this one (its question on discarding).
    from cxdesk.ui.shell.form_dialog import FormDialog

R = TypeVar("R")
F = TypeVar("F", bound="FormDialog")


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask a yes/no question (No is the default: Enter does not delete by accident)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return ask(box) == QMessageBox.StandardButton.Yes


def ask(box: QMessageBox) -> QMessageBox.StandardButton:
    """Show a question modally; tests replace this to answer it."""
    return QMessageBox.StandardButton(box.exec())


class DeleteCommand(QUndoCommand):
    """Deleting a record, undone by putting it back (the services' delete and restore).

    ``delete(session, record_id)`` returns a snapshot; ``restore(session, snapshot)``
    returns the new record id, which a redo deletes again.
    """

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        *,
        table: str,
        record_id: int,
        delete: Callable[[Session, int], Any],
        restore: Callable[[Session, Any], int],
        parent_widget: QWidget,
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.table = table
        self.record_id = record_id
        self._delete = delete
        self._restore = restore
        self._widget = parent_widget
        self.snapshot: Any = None
        self.failed = False

    def _parent(self) -> QWidget | None:
        # The page may have been rebuilt since (a language switch): then no parent.
        return self._widget if shiboken6.isValid(self._widget) else None

    def redo(self) -> None:
        try:
            self.snapshot = self.ctx.write(lambda s: self._delete(s, self.record_id))
        except UserError as error:
            self.failed = True
            self.setObsolete(True)
            show_error(self._parent(), error)

    def undo(self) -> None:
        try:
            self.record_id = self.ctx.write(lambda s: self._restore(s, self.snapshot))
        except UserError as error:
            show_error(self._parent(), error)


class RecordListPage(Page, Generic[R, F]):
    """A heading, a search box, Add / Edit / Delete buttons and a sortable table.

    Subclasses give the columns, read the rows, name their form (:attr:`form_class`) and
    delete a row.  With :attr:`return_table` set, the bureau's return comments on the
    page's records are shown: a banner above the table, the rows coloured, and a last
    column with the comment.
    """

    #: The table the bureau's return comments name for these records (None: not shown).
    return_table: str | None = None
    # The form that adds a record (id None) or loads and edits the record of an id:
    # ``form_class(ctx, record_id, page)``.
    form_class: Callable[[AppContext, int | None, QWidget | None], F]

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        # The form last opened (kept so that it lives while open; tests read it).
        self.form: F | None = None
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        top = QHBoxLayout()
        self.heading = QLabel(self.heading_text())
        self.heading.setObjectName("heading")
        self.heading.setStyleSheet("font-size: 20px; font-weight: 600;")
        top.addWidget(self.heading)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: palette(dark);")
        top.addWidget(self.count_label)
        top.addStretch(1)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.search_hint())
        self.search.setMinimumWidth(260)
        top.addWidget(self.search)
        layout.addLayout(top)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.add_text())
        self.add_button.setShortcut(QKeySequence.StandardKey.New)
        self.edit_button = QPushButton(self.edit_text())
        self.delete_button = QPushButton(self.delete_text())
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.extra_buttons = buttons
        layout.addLayout(buttons)

        self.return_notes: ReturnNotes | None = None
        self.return_banner = ReturnBanner()
        layout.addWidget(self.return_banner)
        columns = list(self.columns())
        if self.return_table is not None:
            columns.append(
                Column(
                    # Not self.tr: a subclass's tr() would look in its own context.
                    QCoreApplication.translate("RecordListPage", "Bureau's comment"),
                    lambda r: self._mark_text(r),
                    tooltip=lambda r: "\n".join(self.row_comments(r)),
                )
            )
        self.model: RowTableModel[R] = RowTableModel(
            columns, self, row_colour=lambda r: MARK_COLOUR if self.row_comments(r) else None
        )
        self.proxy = SearchProxy(self.model, self)
        self.table = FittedTableView()
        self.table.setObjectName("records")
        self.table.setModel(self.proxy)
        self.table.whole_columns = frozenset(i for i, c in enumerate(self.model.columns) if c.whole)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.table, 1)
        self.empty_hint = QLabel(self.empty_text())
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: palette(dark); padding: 8px;")
        layout.addWidget(self.empty_hint)

        self.search.textChanged.connect(self._filter)
        self.add_button.clicked.connect(lambda: self.open_form(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.delete_selected)
        on_enter(self.table, self.edit_selected)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self._update_buttons()

    # -- to be given by subclasses ------------------------------------------------------

    def heading_text(self) -> str:
        raise NotImplementedError

    def search_hint(self) -> str:
        raise NotImplementedError

    def add_text(self) -> str:
        raise NotImplementedError

    def edit_text(self) -> str:
        raise NotImplementedError

    def delete_text(self) -> str:
        raise NotImplementedError

    def empty_text(self) -> str:
        raise NotImplementedError

    def count_text(self, rows: Sequence[R]) -> str:
        raise NotImplementedError

    def columns(self) -> Sequence[Column[R]]:
        raise NotImplementedError

    def load_rows(self, session: Session) -> Sequence[R]:
        raise NotImplementedError

    def delete_row(self, row: R) -> None:
        raise NotImplementedError

    def row_id(self, row: R) -> int:
        return int(row.id)  # type: ignore[attr-defined]

    # -- the bureau's return comments ---------------------------------------------------

    def row_comments(self, row: R) -> list[str]:
        """The bureau's comments on ``row`` in the current return (none: empty)."""
        if self.return_notes is None or self.return_table is None:
            return []
        return self.return_notes.comments(self.return_table, self.row_id(row))

    def _mark_text(self, row: R) -> str:
        comments = self.row_comments(row)
        return "⚠ " + "；".join(comments) if comments else ""

    def _show_return_notes(self, notes: ReturnNotes | None) -> None:
        self.return_notes = notes
        if self.return_table is None:
            return
        self.return_banner.show_notes(notes, self.return_table)
        marked = notes is not None and notes.marked(self.return_table) > 0
        self.table.setColumnHidden(len(self.model.columns) - 1, not marked)

    # -- behaviour ----------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected_row()
        keep = self.row_id(selected) if selected is not None else None
        with self.ctx.db.reading() as session:
            rows = self.load_rows(session)
            notes = read_return_notes(session) if self.return_table is not None else None
        self._show_return_notes(notes)
        self.model.set_rows(rows)
        self.count_label.setText(self.count_text(rows))
        self.empty_hint.setVisible(not rows)
        if keep is not None:
            self.select_id(keep)
        self._update_buttons()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())

    def selected_row(self) -> R | None:
        indexes = self.table.selectionModel().selectedRows() if self.table.model() else []
        if not indexes:
            return None
        source = self.proxy.mapToSource(indexes[0])
        return self.model.row_at(source.row()) if source.isValid() else None

    def select_id(self, record_id: int) -> bool:
        for row_number, row in enumerate(self.model.rows):
            if self.row_id(row) == record_id:
                index = self.proxy.mapFromSource(self.model.index(row_number, 0))
                if index.isValid():
                    self.table.selectRow(index.row())
                    self.table.scrollTo(index)
                    return True
        return False

    def row_by_id(self, record_id: int) -> R | None:
        return next((r for r in self.model.rows if self.row_id(r) == record_id), None)

    def _update_buttons(self, *_args: Any) -> None:
        has = self.selected_row() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def open_form(self, row: R | None, field: str | None = None) -> F:
        """Open the form on ``row`` (None: a new record) with the cursor at ``field``."""
        return self.open_record(self.row_id(row) if row is not None else None, field)

    def open_record(self, record_id: int | None, field: str | None = None) -> F:
        """Open the form on the record ``record_id`` (None: a new one); once saved, the
        record is selected in the list, and closing it gives the list the focus back."""
        form = self.form_class(self.ctx, record_id, self)
        form.accepted.connect(lambda: self.select_id(form.saved_id or -1))
        form.finished.connect(lambda _result: self.table.setFocus())  # back to the list
        self.form = form
        form.open()
        form.focus_field(field)
        return form

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_form(row)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.delete_row(row)

    def push_delete(self, command: DeleteCommand) -> None:
        """Delete through the undo stack (Ctrl+Z puts the record back)."""
        self.ctx.undo_stack.push(command)

    def visible_index(self, row: int, column: int = 0) -> QModelIndex:
        return self.proxy.index(row, column)
