"""Small form widgets shared by the pages: code drop-downs, optional dates, field hints."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QWidget

from cxdesk import i18n
from cxdesk.reference import CodeList

# The date an empty DateField holds (shown as its special "not set" text).
NO_DATE = QDate(1900, 1, 1)


class CodeCombo(QComboBox):
    """A drop-down of a reference code list, labelled in the current language."""

    def __init__(self, codes: CodeList, *, optional: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.codes = codes
        if optional:
            self.addItem("—", None)
        lang = i18n.current_language()
        for choice in codes:
            self.addItem(choice.label(lang), choice.code)

    def code(self) -> str | None:
        value = self.currentData()
        return str(value) if value is not None else None

    def set_code(self, code: str | None) -> None:
        index = self.findData(code)
        self.setCurrentIndex(max(index, 0))


class DateField(QDateEdit):
    """A date with a calendar pop-up that may also be left empty (the special value).

    Delete empties an optional date; an empty date's calendar opens at this month.
    """

    def __init__(self, *, optional: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.optional = optional
        if optional:
            self.setMinimumDate(NO_DATE)
            self.setSpecialValueText(" ")
            self.setDate(NO_DATE)
        else:
            self.setMinimumDate(QDate(1900, 1, 2))
            self.setDate(QDate.currentDate())
        self.setMaximumDate(QDate(2100, 12, 31))
        calendar = self.calendarWidget()
        if calendar is not None:
            calendar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An empty date opens its calendar at this month, not at the empty marker (1900).
        if event.type() == QEvent.Type.Show and self.value() is None:
            calendar = self.calendarWidget()
            if calendar is not None and watched is calendar:
                today = QDate.currentDate()
                calendar.setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Delete empties an optional date (there is no other way to clear a QDateEdit)."""
        if self.optional and event.key() == Qt.Key.Key_Delete:
            self.set_value(None)
            return
        super().keyPressEvent(event)

    def value(self) -> date | None:
        qdate = self.date()
        if self.optional and qdate == NO_DATE:
            return None
        return date(qdate.year(), qdate.month(), qdate.day())

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.setDate(NO_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))


class FieldHint(QLabel):
    """The reason next to a field, shown while what was typed is not right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet("color: #b3261e;")
        self.hide()

    def show_problem(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))
