"""The "group by" choice of the summary, compliance and comparison pages."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget


class GroupByCombo(QComboBox):
    """County (at the prefecture only: a county's scope is one county), kind of school, or
    school; ``currentData()`` is the core's ``group_by`` ("county", "kind", "school")."""

    def __init__(self, role: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("group_by")
        if role == "prefecture":
            self.addItem(self.tr("County"), "county")
        self.addItem(self.tr("Kind of school"), "kind")
        self.addItem(self.tr("School"), "school")

    def group_by(self) -> str:
        return str(self.currentData())
