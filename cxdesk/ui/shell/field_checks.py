"""Required marks, the reason under each field, and why a form cannot be saved yet.

A form adds its rows through :meth:`FieldChecks.add_row`: the label gets a red * when the
field is required, and a :class:`~cxdesk.ui.shell.widgets.FieldHint` row under the field shows
what is wrong with it, in the user's words: a value that is not right as soon as it is
typed, an empty required field once the cursor has been there (or Save was tried).  A
field that knows its own problem (a :class:`~cxdesk.ui.shell.date_field.DateField`, an
:class:`~cxdesk.ui.shell.typed_fields.AreaField`: a ``problem()`` method) takes part without a
``check``.  :meth:`FieldChecks.summary` is the one line that says why Save is greyed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from cxdesk.i18n import current_language
from cxdesk.services.records import REQUIRED
from cxdesk.ui.shell.widgets import FieldHint

Check = Callable[[], str | None]
REQUIRED_COLOUR = "#b3261e"
NOTE_COLOUR = "#2e7d32"
WARNING_COLOUR = "#9a5b00"


def required_label(text: str) -> str:
    """A field's label with the red mark of a required field (rich text)."""
    return f"<span style='color: {REQUIRED_COLOUR};'>*</span>{escape(text)}"


def field_name(label: str) -> str:
    """The name of a field in a sentence: its label without the colon."""
    return label.rstrip(":：").strip()


def is_empty(widget: QWidget) -> bool:
    """Whether nothing was entered in ``widget``."""
    empty = getattr(widget, "is_empty", None)
    if callable(empty):
        return bool(empty())
    if isinstance(widget, QLineEdit):
        return not widget.text().strip()
    code = getattr(widget, "code", None)
    if callable(code):  # a CodeCombo: its "—" holds no code
        return code() is None
    if isinstance(widget, QComboBox):
        return widget.currentIndex() < 0 or widget.currentData() is None
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return not widget.toPlainText().strip()
    return False


def change_signals(widget: QWidget) -> list[object]:
    """The signals by which ``widget`` says that what it holds changed."""
    changed = getattr(widget, "changed", None)
    if changed is not None and hasattr(changed, "connect"):
        return [changed]
    if isinstance(widget, QLineEdit):
        return [widget.textChanged]
    if isinstance(widget, QComboBox):
        return [widget.currentIndexChanged]
    if isinstance(widget, QAbstractSpinBox):
        return [widget.valueChanged] if hasattr(widget, "valueChanged") else []
    if isinstance(widget, QAbstractButton):
        return [widget.toggled]
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return [widget.textChanged]
    if isinstance(widget, QListWidget):
        return [widget.itemChanged]
    return []


@dataclass
class FieldRow:
    widget: QWidget
    name: str
    hint: FieldHint
    required: bool
    check: Check | None
    note: Check | None
    #: Something that may be right but is worth a second look (does not keep Save back).
    warning: Check | None = None
    #: The model attribute the field holds (rules name it), if any.
    key: str | None = None
    #: What the hint shows now (text, colour): changed only when it must (see update).
    shown: tuple[str | None, str] = (None, "")
    #: The cursor has been in the field (or it was edited): an empty required field says so.
    touched: bool = False


class FieldChecks(QObject):
    """The rows of one form and their problems."""

    # Whether the form can be saved now changed. Argument: True when it can.
    validity_changed = Signal(bool)
    # The fields were checked again (the reasons may have changed).
    checked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[FieldRow] = []
        self.layouts: dict[int, QFormLayout] = {}
        self._focus_rows: dict[QObject, FieldRow] = {}
        #: After a Save that could not be done, every problem is shown, touched or not.
        self.show_all = False
        self._valid: bool | None = None
        #: The problems found by the last :meth:`update` (what ``checked`` announces).
        self.last_problems: list[tuple[FieldRow | None, str]] = []
        self._rules: Callable[[], list[tuple[str | None, str]]] | None = None

    # -- building -------------------------------------------------------------------------

    def add_row(
        self,
        layout: QFormLayout,
        label: str,
        widget: QWidget,
        *,
        required: bool = False,
        check: Check | None = None,
        note: Check | None = None,
        warning: Check | None = None,
        key: str | None = None,
    ) -> FieldHint:
        """Add ``label: widget`` to ``layout`` with a hint row under it; returns the hint.

        ``check`` says what is wrong with the value (None: nothing); ``note`` says, in
        green, what a right value tells (the birth date read from an identity number);
        ``warning``, in amber, what may be right but deserves a look (it keeps nothing back).
        A field that says it is ``required`` (a ``DateField(optional=False)``, an
        ``AreaField()``) is marked so without being told.
        """
        required = required or getattr(widget, "required", False) is True
        label_widget = QLabel(required_label(label) if required else escape(label))
        label_widget.setBuddy(widget)
        layout.addRow(label_widget, widget)
        hint = FieldHint()
        layout.addRow("", hint)
        layout.setRowVisible(hint, False)
        self.layouts[id(hint)] = layout
        self.rows.append(
            FieldRow(widget, field_name(label), hint, required, check, note, warning, key)
        )
        self.watch(widget)
        focus = widget.focusProxy() or widget  # a date field's line, for instance
        self._focus_rows[focus] = self.rows[-1]
        focus.installEventFilter(self)
        return hint

    def watch(self, *widgets: QWidget) -> None:
        """Check again whenever one of ``widgets`` changes (fields other checks look at)."""
        for widget in widgets:
            for signal in change_signals(widget):
                signal.connect(self._changed)  # type: ignore[attr-defined]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            row = self._focus_rows.get(watched)
            if row is not None and not row.touched:
                row.touched = True
                self.update()
        return super().eventFilter(watched, event)

    def _changed(self, *_args: object) -> None:
        sender = self.sender()
        for row in self.rows:
            if row.widget is sender:
                row.touched = True
        self.update()

    # -- what is wrong --------------------------------------------------------------------

    def use_rules(self, problems: Callable[[], list[tuple[str | None, str]]]) -> None:
        """Also show the core's record rules: ``problems()`` gives (field, reason) pairs for
        what was entered, and each reason goes under the row of that field (``key``)."""
        self._rules = problems

    def _reason(self, row: FieldRow, rules: list[tuple[str | None, str]]) -> tuple[str | None, str]:
        """The problem of ``row`` and where it comes from: "own" (the widget's), "empty"
        (a required field left empty), "check" (the form's check or a record rule)."""
        if not row.widget.isEnabled():
            return None, ""
        own = getattr(row.widget, "problem", None)
        if callable(own) and (text := own()):
            return str(text), "own"
        if row.required and is_empty(row.widget):
            return REQUIRED(field=row.name).render(), "empty"
        if row.check is not None and (text := row.check()):
            return text, "check"
        rule = next((text for key, text in rules if key is not None and key == row.key), None)
        return rule, "check"

    def problems(self) -> list[tuple[FieldRow | None, str]]:
        """Everything that keeps the form from being saved, with the reason, in order (a
        rule's reason about no row of the form comes last, without a row)."""
        return self._problems_and_reasons()[0]

    def _problems_and_reasons(
        self,
    ) -> tuple[list[tuple[FieldRow | None, str]], list[tuple[str | None, str]]]:
        rules = self._rules() if self._rules is not None else []
        found: list[tuple[FieldRow | None, str]] = []
        reasons = []
        for row in self.rows:
            text, source = self._reason(row, rules)
            reasons.append((text, source))
            if text is not None:
                found.append((row, text))
        keys = {row.key for row in self.rows if row.widget.isEnabled()}
        found += [(None, text) for key, text in rules if key not in keys]
        return found, reasons

    def is_valid(self) -> bool:
        return not self.problems()

    def summary(self, problems: list[tuple[FieldRow | None, str]] | None = None) -> str:
        """Why Save is greyed, in one line ("" when it is not)."""
        found = self.problems() if problems is None else problems
        reasons = list(dict.fromkeys(text for _row, text in found))
        if not reasons:
            return ""
        separator = "；" if current_language() == "zh" else "; "
        return self.tr("Cannot save yet: {reasons}").format(reasons=separator.join(reasons))

    # -- showing it -----------------------------------------------------------------------

    def update(self) -> None:
        # One look at the fields per change (Qt calls are not free: see the note below).
        problems, reasons = self._problems_and_reasons()
        self.last_problems = problems
        for row, (text, source) in zip(self.rows, reasons, strict=True):
            shown: str | None = None
            colour = REQUIRED_COLOUR
            if text is not None:
                if is_empty(row.widget) and not (row.touched or self.show_all):
                    shown = None  # an empty field speaks once the cursor has been there
                elif source == "own" and getattr(row.widget, "shows_own_problem", False):
                    shown = None  # a date field shows its reason next to itself
                else:
                    shown = text
            elif row.widget.isEnabled():
                if row.warning is not None and (shown := row.warning()):
                    colour = WARNING_COLOUR
                elif row.note is not None:
                    shown, colour = row.note(), NOTE_COLOUR
            # Only what changed is set again: a keystroke usually changes nothing here (and
            # each call into Qt costs; PySide6 6.12.0 even loses a reference to None per
            # call of a method returning nothing, see pyproject.toml).
            if (shown, colour) != row.shown:
                row.shown = (shown, colour)
                row.hint.setStyleSheet(f"color: {colour};")
                row.hint.show_problem(shown)
                self.layouts[id(row.hint)].setRowVisible(row.hint, bool(shown))
        valid = not problems
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
        self.checked.emit()

    def explain(self) -> QWidget | None:
        """Show every problem (Save was tried) and return the first field with one."""
        self.show_all = True
        self.update()
        rows = [row for row, _text in self.problems() if row is not None]
        return rows[0].widget if rows else None
