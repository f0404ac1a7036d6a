"""The reporting period a page shows (the school's 上报 page and the bureau pages)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from cxdesk.services.period_label import current_period_label


class PeriodPicker(QComboBox):
    """The reporting period a page shows: this year and the five before (editable)."""

    # The period changed. Argument: its label ("2026").
    period_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        current = int(current_period_label())
        for year in range(current, current - 6, -1):
            self.addItem(str(year))
        self.setCurrentText(str(current))
        self.setMinimumContentsLength(6)
        self.currentTextChanged.connect(self._changed)

    def label(self) -> str:
        return self.currentText().strip() or current_period_label()

    def set_label(self, label: str) -> None:
        self.setCurrentText(label)

    def _changed(self, text: str) -> None:
        if text.strip():
            self.period_changed.emit(text.strip())
