"""Small form widgets shared by the pages: code drop-downs, field hints (and dates).

The date field lives in :mod:`cxdesk.ui.shell.date_field`; it is named here too, where the
forms have always found it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from cxdesk import i18n
from cxdesk.reference import CodeList
from cxdesk.ui.shell.date_field import DateField

__all__ = ["CodeCombo", "DateField", "FieldHint"]


class CodeCombo(QComboBox):
    """A drop-down of a reference code list, labelled in the current language."""

    def __init__(self, codes: CodeList, *, optional: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.codes = codes
        self.optional = optional
        if optional:
            self.addItem("—", None)
        lang = i18n.current_language()
        for choice in codes:
            self.addItem(choice.label(lang), choice.code)

    def code(self) -> str | None:
        if self.currentIndex() < (1 if self.optional else 0):
            return None  # "—" (or nothing) chosen: no need to ask Qt for its empty data
        value = self.currentData()
        return str(value) if value is not None else None

    def set_code(self, code: str | None) -> None:
        index = self.findData(code)
        self.setCurrentIndex(max(index, 0))


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
