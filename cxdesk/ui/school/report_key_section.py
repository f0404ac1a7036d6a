"""The 上报 page's first section: this computer's signing key and its registration form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cxdesk.exchange.registration import RegistrationForm


class KeySection(QGroupBox):
    """The fingerprint to register at the bureau, and the buttons the page connects."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("1. This computer's signing key"), parent)
        kb = QVBoxLayout(self)
        key_text = QLabel(
            self.tr(
                "Every package is signed with this computer's key. Print the registration form, have it signed and stamped with the school's seal, and hand it to the county bureau once: the bureau registers the fingerprint below and from then on knows your packages are really yours."
            )
        )
        key_text.setWordWrap(True)
        kb.addWidget(key_text)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("fingerprint")
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSize(15)
        self.fingerprint_label.setFont(mono)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        kb.addWidget(self.fingerprint_label)
        self.previous_label = QLabel()
        self.previous_label.setWordWrap(True)
        kb.addWidget(self.previous_label)
        buttons = QHBoxLayout()
        self.print_form_button = QPushButton(self.tr("Print the registration form…"))
        self.save_form_button = QPushButton(self.tr("Save the form as PDF…"))
        self.replace_key_button = QPushButton(self.tr("Replace the key…"))
        for button in (self.print_form_button, self.save_form_button, self.replace_key_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        kb.addLayout(buttons)

    def show_form(self, form: RegistrationForm | None) -> None:
        self.fingerprint_label.setText(form.fingerprint if form else "")
        if form and form.previous_fingerprint:
            self.previous_label.setText(
                self.tr(
                    "The key was replaced. Hand the new form to the bureau: it registers the new fingerprint and revokes the old one ({old})."
                ).format(old=form.previous_fingerprint)
            )
            self.previous_label.show()
        else:
            self.previous_label.hide()
