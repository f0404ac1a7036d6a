"""One school's counted package in a dialog (from the list of schools falling short)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from cxdesk.bureau.provenance import PackageRow
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.drilldown_dialog import PackagePanel


class PackageDialog(QDialog):
    def __init__(self, row: PackageRow | None, school: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("package_dialog")
        self.setWindowTitle(self.tr("The package counted"))
        self.resize(720, 420)
        self.panel = PackagePanel()
        self.panel.show_package(row, school)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{html.escape(school)}</b>"))
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)


def open_package(parent: QWidget, row: PackageRow | None, school: str) -> PackageDialog:
    dialog = PackageDialog(row, school, parent)
    common.ask(dialog)
    return dialog
