"""Deciding on a held package.

When the package's key is not registered (a new school, or a key change), accepting it
needs the fingerprint typed from the sender's stamped registration form, in the six boxes
of :class:`~cxdesk.ui.shell.fingerprint_field.FingerprintField`: the package's own fingerprint
is then not shown, so that it is copied from the paper, not from the screen.  Otherwise
the fingerprint is shown large, to compare.  What the sender wrote (its name) is shown as
plain text with anything invisible escaped: it cannot pass for the program's words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
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
from cxdesk.bureau.held_list import HeldPackage
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.i18n import current_language
from cxdesk.safe_text import safe_text
from cxdesk.ui.bureau.common import hint
from cxdesk.ui.shell.fingerprint_field import FingerprintField


def plain_label(text: str) -> QLabel:
    """A label that shows ``text`` exactly (never as HTML), invisible characters escaped."""
    label = QLabel(safe_text(text))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class HeldDecisionDialog(QDialog):
    """Accept or reject one held package; ``accepting`` chooses which.

    The page sets :attr:`decide`, called on OK: True closes the dialog, False keeps it
    open (a fingerprint that does not match, to be typed again).
    """

    def __init__(self, held: HeldPackage, *, accepting: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.decide: Callable[[], bool] = lambda: True
        self.typed: FingerprintField | None = None
        self.fingerprint: QLabel | None = None
        self.setWindowTitle(
            self.tr("Accept the held package") if accepting else self.tr("Reject the held package")
        )
        lang = current_language()
        form = QFormLayout()
        sender = plain_label(f"{held.sender_code}  “{held.sender_name}”")
        sender.setObjectName("sender")
        form.addRow(self.tr("Sender (as the package says)"), sender)
        form.addRow(self.tr("County"), QLabel(ref.COUNTIES.label(held.county_code, lang)))
        form.addRow(self.tr("Period and number"), QLabel(f"{held.period}  #{held.sequence}"))
        reason = plain_label(held.reason)
        reason.setObjectName("reason")
        form.addRow(self.tr("Why held"), reason)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("Optional: why, for the record"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if accepting and held.needs_fingerprint:
            self.typed = FingerprintField()
            self.typed.setObjectName("typed_fingerprint")
            form.addRow(self.tr("Fingerprint on the stamped form"), self.typed)
            layout.addWidget(
                hint(
                    self.tr(
                        "This package's key is not registered for the school. Type the fingerprint printed on the registration form stamped with the school's seal, six groups of five digits. The key is registered, and a previous key of the school revoked, only if it is the package's key."
                    )
                )
            )
        else:
            self.fingerprint = QLabel(format_fingerprint(held.fingerprint))
            self.fingerprint.setObjectName("fingerprint")
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            font.setPointSizeF(self.font().pointSizeF() * 1.6)
            font.setBold(True)
            self.fingerprint.setFont(font)
            form.addRow(self.tr("Key fingerprint"), self.fingerprint)
            if not accepting:
                form.addRow(self.tr("Note"), self.note)
                layout.addWidget(
                    hint(
                        self.tr(
                            "The package is kept as rejected and counted nowhere; its file is deleted."
                        )
                    )
                )
            else:
                layout.addWidget(
                    hint(
                        self.tr(
                            "The key is registered already. Accepting takes the package as the reason above allows: a school outside the register is added to it, a package that disagrees with the register counts as the register says."
                        )
                    )
                )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.addButton(
            self.tr("Accept") if accepting else self.tr("Reject"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        ok.setObjectName("decide")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.typed is not None:
            self.typed.groups[0].setFocus()

    def typed_fingerprint(self) -> str | None:
        """The fingerprint typed from the form (None: none asked for or typed)."""
        if self.typed is None:
            return None
        return self.typed.text().replace(" ", "") or None

    def accept(self) -> None:
        if self.decide():
            super().accept()
