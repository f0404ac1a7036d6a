"""At a school: register the county bureau's key from the form the bureau stamped.

Without it the school trusts the key of the first valid reply it imports; with it, only
the registered key's receipts and returns are accepted.  The fingerprint is typed in the
same six boxes of five digits the bureau uses for the schools' keys.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from cxdesk.errors import UserError
from cxdesk.exchange.replies import register_bureau_key
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.fingerprint_field import FingerprintField


class BureauKeyDialog(QDialog):
    """Type the fingerprint from the bureau's stamped form; Save registers it."""

    def __init__(self, ctx: AppContext, bureau: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.registered: str | None = None
        self.setWindowTitle(self.tr("Register the bureau's key"))
        explanation = QLabel(
            self.tr(
                "Type the key fingerprint of {bureau} from the form the bureau stamped with its seal (six groups of five digits). Never take it from an e-mail or a phone call. From then on only receipts and returns signed with this key are accepted."
            ).format(bureau=bureau)
        )
        explanation.setWordWrap(True)
        self.fingerprint = FingerprintField()
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(self.tr("e.g. notice of the bureau of 2026-03-02"))
        form = QFormLayout(self)
        form.addRow(explanation)
        form.addRow(self.tr("Key fingerprint"), self.fingerprint)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setMinimumWidth(560)
        self.fingerprint.groups[0].setFocus()

    def accept(self) -> None:
        typed, note = self.fingerprint.text(), self.note.text().strip() or None
        try:
            entry = self.ctx.write(
                lambda s: register_bureau_key(s, fingerprint=typed, note=note),
            )
        except UserError as error:
            show_error(self, error)
            return
        self.registered = entry.fingerprint
        super().accept()
