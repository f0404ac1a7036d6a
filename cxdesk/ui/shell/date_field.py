"""A date field that takes a date the way people type it, and never changes it by itself.

People type 2010-09-01, 20100901, 2010.9.1, 2010/9/1 or 2010年9月1日, with full-width digits
too; the field reads all of them with the core's
:func:`cxdesk.typed_dates.read_typed_date` (the workbook import's reader) and shows next to
itself the date it understood ("2010年9月1日星期三") or, once the cursor leaves it, why the
text is not a date.  A text that is not a whole, real date is never turned into some other
date: the form cannot be saved until it is corrected or cleared.

The calendar opens from the keyboard with Alt+↓ or F4 (or the button beside the field), at
the date typed, else at the year typed, else at a sensible page for the field (this month,
or for a birth date some 35 years back); Enter or a click takes the day, Esc closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cxdesk.typed_dates import FIRST_YEAR, LAST_YEAR, read_typed_date, typed_year
from cxdesk.ui.shell.typed_fields import NormalisingValidator

#: What may stand in a date field while typing: digits, separators, 年月日 and blanks.
TYPING = r"[0-9\-/. 年月日]*"
NOTE_STYLE = "color: palette(dark);"
PROBLEM_STYLE = "color: #b3261e;"


def years_ago(years: int) -> Callable[[], date]:
    """A calendar start for dates long past (a birth date): today, ``years`` years back."""

    def start() -> date:
        today = date.today()
        return today.replace(year=today.year - years, day=1)

    return start


class DateEdit(QLineEdit):
    """The typing part of a :class:`DateField`: Alt+↓ and F4 ask for the calendar."""

    # The user asked for the calendar (Alt+Down or F4).
    calendar_requested = Signal()
    # The cursor left the field.
    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.calendar_requested.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.left.emit()


class CalendarPopup(QFrame):
    """The calendar of a date field, as a pop-up: Enter or a click chooses, Esc closes."""

    # A day was chosen. Argument: the QDate.
    chosen = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._choose)  # Enter, or a double click
        self.calendar.clicked.connect(self._choose)  # one click, as in Windows

    def _choose(self, day: QDate) -> None:
        self.close()
        self.chosen.emit(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()  # not the form's Esc: nothing typed is at stake here
            return
        super().keyPressEvent(event)

    def open_at(self, below: QWidget, selected: QDate | None, page: QDate) -> None:
        if selected is not None:
            self.calendar.setSelectedDate(selected)
        self.calendar.setCurrentPage(page.year(), page.month())
        self.adjustSize()
        self.move(below.mapToGlobal(QPoint(0, below.height())))
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)


class DateField(QWidget):
    """A date typed or chosen from a calendar; empty is allowed unless ``optional=False``.

    ``value()`` is the date, or None when the field is empty or its text is not a date
    (then ``problem()`` says why).  ``calendar_start`` gives the page an empty field's
    calendar opens at (default: this month).
    """

    # What the field holds changed (typed, chosen from the calendar, or set).
    changed = Signal()
    #: The field shows its own problem next to itself (a form adds no hint for it).
    shows_own_problem = True

    def __init__(
        self,
        *,
        optional: bool = True,
        calendar_start: Callable[[], date] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.required = not optional
        self.calendar_start = calendar_start or date.today
        self.edit = DateEdit()
        self.edit.setObjectName("date_text")
        self.edit.setMaxLength(16)
        self.edit.setValidator(NormalisingValidator(TYPING, parent=self.edit))
        # A pattern, not a date: an empty field must never look filled in.
        self.edit.setPlaceholderText(self.tr("yyyy-mm-dd"))
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("2010年09月01日") + 16)
        self.button = QToolButton()
        self.button.setObjectName("calendar_button")
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on to the next field
        self.button.setToolTip(self.tr("Calendar (Alt+Down or F4)"))
        self.note = QLabel()
        self.note.setObjectName("date_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addWidget(self.note, 1)
        self.setFocusProxy(self.edit)
        self.popup: CalendarPopup | None = None
        self._note = (NOTE_STYLE, "")

        self.edit.textChanged.connect(self._typed)
        self.edit.left.connect(self._left)
        self.edit.calendar_requested.connect(self.open_calendar)
        self.button.clicked.connect(self.open_calendar)

    # -- the value ------------------------------------------------------------------------

    def value(self) -> date | None:
        return read_typed_date(self.edit.text())[0]

    def set_value(self, value: date | None) -> None:
        self.edit.setText(value.isoformat() if value is not None else "")
        self._show_note(finished=True)

    def text(self) -> str:
        return self.edit.text()

    def is_empty(self) -> bool:
        return not self.edit.text().strip()

    def problem(self) -> str | None:
        """Why the text is not a date (None when it is one, or empty)."""
        problem = read_typed_date(self.edit.text())[1]
        return problem.render() if problem is not None else None

    def setEnabled(self, enabled: bool) -> None:
        super().setEnabled(enabled)
        self._show_note(finished=True)

    # -- reactions ------------------------------------------------------------------------

    def _typed(self) -> None:
        self._show_note(finished=not self.edit.hasFocus())
        self.changed.emit()

    def _left(self) -> None:
        value = self.value()
        if value is not None and self.edit.text() != value.isoformat():
            # The same day, written the one way: 2010.9.1 becomes 2010-09-01.
            self.edit.setText(value.isoformat())
        self._show_note(finished=True)

    def _show_note(self, *, finished: bool) -> None:
        value, problem = read_typed_date(self.edit.text())
        style, text = NOTE_STYLE, ""
        if not self.isEnabled() or (value is None and problem is None):
            text = ""
        elif value is not None:
            day = QDate(value.year, value.month, value.day)
            # In the language of the app: 2010年9月1日星期三, Wednesday, September 1, 2010.
            text = QLocale().toString(day, QLocale.FormatType.LongFormat)
        elif not finished:
            text = self.tr("e.g. 2010-09-01, 20100901 or 2010年9月1日")
        else:
            assert problem is not None
            style, text = PROBLEM_STYLE, problem.render()
        if (style, text) != self._note:  # set again only what changed
            self._note = (style, text)
            self.note.setStyleSheet(style)
            self.note.setText(text)

    # -- the calendar ---------------------------------------------------------------------

    def open_calendar(self) -> None:
        if not self.isEnabled():
            return
        value = self.value()
        if value is not None:
            selected: QDate | None = QDate(value.year, value.month, value.day)
            page = selected
        else:
            selected = None
            start = self.calendar_start()
            year = typed_year(self.edit.text())
            page = QDate(year, 1, 1) if year is not None else QDate(start.year, start.month, 1)
        self.popup = CalendarPopup(self)
        self.popup.chosen.connect(self._chosen)
        assert page is not None
        self.popup.open_at(self.edit, selected, page)

    def _chosen(self, day: QDate) -> None:
        self.edit.setText(day.toString("yyyy-MM-dd"))
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_note(finished=True)
