"""Deciding on a held package: the fingerprint shown large, to compare with the stamped form."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cxdesk import reference as ref
from cxdesk.bureau.held import HeldPackage
from cxdesk.exchange.keys import format_fingerprint
from cxdesk.i18n import current_language
from cxdesk.ui.bureau.common import hint


class HeldDecisionDialog(QDialog):
    """Accept or reject one held package; ``accepting`` chooses which."""

    def __init__(self, held: HeldPackage, *, accepting: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Accept the held package") if accepting else self.tr("Reject the held package")
        )
        lang = current_language()
        form = QFormLayout()
        form.addRow(self.tr("School or bureau"), QLabel(f"{held.sender_code}  {held.sender_name}"))
        form.addRow(self.tr("County"), QLabel(ref.COUNTIES.label(held.county_code, lang)))
        form.addRow(self.tr("Period and number"), QLabel(f"{held.period}  #{held.sequence}"))
        reason = QLabel(held.reason)
        reason.setWordWrap(True)
        form.addRow(self.tr("Why held"), reason)
        self.fingerprint = QLabel(format_fingerprint(held.fingerprint))
        self.fingerprint.setObjectName("fingerprint")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        font.setBold(True)
        self.fingerprint.setFont(font)
        form.addRow(self.tr("Key fingerprint"), self.fingerprint)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("Optional: why, for the record"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if accepting:
            layout.addWidget(
                hint(
                    self.tr(
                        "Compare the fingerprint digit by digit with the one on the registration form stamped with the school's seal. Accept only if they are the same: the key is then registered for this school."
                    )
                )
            )
        else:
            form.addRow(self.tr("Note"), self.note)
            layout.addWidget(hint(self.tr("The package is kept as rejected and counted nowhere.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.addButton(
            self.tr("The fingerprints match: accept") if accepting else self.tr("Reject"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        ok.setObjectName("decide")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
