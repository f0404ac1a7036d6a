"""How every data-entry dialog behaves, as in Excel, WPS and Windows dialogs.

* **Enter saves**, wherever the cursor is (a line, a drop-down, a check box, a list, a
  button other than Cancel): Save is the only default button.  When something is missing
  or wrong, Enter shows every reason under its field and puts the cursor on the first.
* **Ctrl+S** saves too.
* **Esc** (or Cancel, or the window's ×) closes at once when nothing was typed, and asks
  "放弃已填写的内容？" when something was; the answer's default keeps the form open.
* The cursor starts in the **first field**.
* Required fields carry a red *; the reason a value is not right is shown under the field,
  and one line beside the buttons says why Save is greyed (:mod:`cxdesk.ui.shell.field_checks`).

Subclasses put their fields in ``self.body``, add rows with :meth:`EntryDialog.add_row`
(or plainly: every input widget gets Enter, Esc, Ctrl+S and the question on discarding)
and implement :meth:`EntryDialog.save`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from cxdesk.ui.shell import record_page
from cxdesk.ui.shell.field_checks import Check, FieldChecks
from cxdesk.ui.shell.widgets import FieldHint

#: The kinds of widget a person types or chooses in (the first one gets the cursor).
INPUTS = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QAbstractButton,
)


def _is_field(widget: QWidget) -> bool:
    if isinstance(widget, QPushButton) or not isinstance(widget, INPUTS):
        return False
    parent = widget.parentWidget()
    # The line inside a spin box or an editable drop-down is part of that field.
    return not isinstance(parent, QAbstractSpinBox | QComboBox)


class EntryDialog(QDialog):
    """A dialog for entering one record; see the module's description."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        ok_button: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Save,
    ) -> None:
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        self.checks = FieldChecks(self)
        self.body = QVBoxLayout()
        self.outer = QVBoxLayout(self)
        self.outer.addLayout(self.body, 1)
        self.reason = QLabel()
        self.reason.setObjectName("save_reason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: palette(dark);")
        self.buttons = QDialogButtonBox(ok_button | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(ok_button)
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Enter or Ctrl+S"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setToolTip(self.tr("Esc"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.buttons)
        self.outer.addLayout(row)
        QShortcut(QKeySequence.StandardKey.Save, self, self.accept)
        self.checks.checked.connect(self._checked)
        self._shown_once = False
        self._focus_chosen = False
        self._snapshot: list[Any] | None = None

    # -- building ---------------------------------------------------------------------

    def add_row(
        self,
        layout: QFormLayout,
        label: str,
        widget: QWidget,
        *,
        name: str | None = None,
        required: bool = False,
        check: Check | None = None,
        note: Check | None = None,
        warning: Check | None = None,
    ) -> FieldHint:
        """A labelled row with its hint (see :meth:`FieldChecks.add_row`); ``name`` is the
        model attribute a check finding names, to open the form at this field."""
        hint = self.checks.add_row(
            layout,
            label,
            widget,
            required=required,
            check=check,
            note=note,
            warning=warning,
            key=name,
        )
        if name is not None:
            self.fields[name] = widget
        return hint

    # -- saving -----------------------------------------------------------------------

    def save(self) -> bool:
        """Store what was entered; False keeps the dialog open (the reason was shown)."""
        return True

    def accept(self) -> None:
        """Save (the button, Enter, Ctrl+S): or show why it cannot be done yet."""
        first = self.checks.explain() if not self.checks.is_valid() else None
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if self.save():
            super().accept()

    def reject(self) -> None:
        """Cancel, Esc, ×: ask before throwing away what was typed."""
        if self.is_changed() and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.windowTitle())
        box.setText(self.tr("Discard what you typed?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        )
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Discard"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Keep editing"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        return record_page.ask(box) == QMessageBox.StandardButton.Discard

    # -- what was typed ---------------------------------------------------------------

    def form_state(self) -> list[Any]:
        """Everything a person can change in the form, to tell whether they did."""
        state: list[Any] = []
        for widget in self.findChildren(QWidget):
            if widget.window() is not self:
                continue  # a calendar pop-up or another dialog: not the form's own fields
            if isinstance(widget, QLineEdit):
                state.append(widget.text())
            elif isinstance(widget, QComboBox):
                state.append(widget.currentIndex())
            elif isinstance(widget, QAbstractButton) and widget.isCheckable():
                state.append(widget.isChecked())
            elif isinstance(widget, QPlainTextEdit | QTextEdit):
                state.append(widget.toPlainText())
            elif isinstance(widget, QListWidget):
                state.append([widget.item(i).checkState() for i in range(widget.count())])
            elif isinstance(widget, QTableView):
                state.append(_model_rows(widget.model()))
        return state

    def is_changed(self) -> bool:
        return self._snapshot is not None and self.form_state() != self._snapshot

    # -- keyboard and focus -----------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter reaches the dialog from any field that does not use it itself (a text of
        # several lines does): it saves, never presses another button.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.accept()
            return
        super().keyPressEvent(event)

    def focus_field(self, name: str | None) -> None:
        """Put the cursor in the field of a model attribute (from a check finding)."""
        widget = self.fields.get(name or "")
        if widget is not None:
            self._focus_chosen = True
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            widget.setStyleSheet("background: #fff4d6;")

    def first_field(self) -> QWidget | None:
        """The first field in the order Tab walks them (buttons do not count)."""
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if (
                _is_field(widget)
                and widget.isEnabled()
                and widget.isVisibleTo(self)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                return widget
            widget = widget.nextInFocusChain()
        return None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._shown_once:
            return
        self._shown_once = True
        # Only Save answers Enter: the other buttons do not take it when they have focus.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(button is self.save_button)
        self.checks.update()
        self._snapshot = self.form_state()
        if not self._focus_chosen:
            first = self.first_field()
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)

    def _checked(self) -> None:
        problems = self.checks.last_problems
        valid = not problems
        reason = self.checks.summary(problems)
        if self.save_button.isEnabled() != valid:
            self.save_button.setEnabled(valid)
        if self.reason.text() != reason:
            self.reason.setText(reason)


def _model_rows(model: QAbstractItemModel | None) -> Any:
    rows = getattr(model, "rows", None)
    if rows is not None:
        return list(rows)
    if model is None:
        return None
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
