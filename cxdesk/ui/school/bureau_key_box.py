"""The 上报 page's box about the county bureau's key: registered or not, and what follows.

It says plainly whether the bureau's key file is registered from its stamped notice (then
packages are encrypted, only the county and the prefecture bureaus can open them), only
its fingerprint (replies are checked, packages cannot be encrypted), or nothing but a key
trusted on first use, or nothing at all; and offers to import the key file (or to type
the fingerprint of the bureau's form alone).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cxdesk.exchange.bureau_key_state import SchoolBureauKeys, school_bureau_keys
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.ui.school.bureau_key_dialog import BureauKeyDialog
from cxdesk.ui.shell.bureau_keyfile_dialog import BureauKeyFileDialog
from cxdesk.ui.shell.context import AppContext

GOOD = "color: #2e7d32;"
WARN = "color: #8a5300; font-weight: 600;"
BAD = "color: #b3261e; font-weight: 600;"


class BureauKeyBox(QGroupBox):
    # A bureau key was registered (key file or typed fingerprint). Argument: its
    # fingerprint as shown (six groups of five digits).
    registered = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("2. Your county bureau's key"), parent)
        self.ctx = ctx
        self.state: SchoolBureauKeys | None = None
        self.file_dialog: BureauKeyFileDialog | None = None
        self.fingerprint_dialog: BureauKeyDialog | None = None
        self.status = QLabel()
        self.status.setObjectName("bureau_key")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(self.tr("Import the bureau's key file…"))
        self.import_button.setObjectName("import_bureau_key_file")
        self.fingerprint_button = QPushButton(self.tr("Type the fingerprint only…"))
        self.fingerprint_button.setObjectName("register_bureau_key")
        self.fingerprint_button.setToolTip(
            self.tr(
                "For a bureau that has no key file yet: its receipts and returns are then checked, but packages cannot be encrypted."
            )
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.fingerprint_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.import_button.clicked.connect(self.open_key_file_dialog)
        self.fingerprint_button.clicked.connect(self.open_fingerprint_dialog)

    def refresh(self) -> None:
        with self.ctx.db.reading() as session:
            self.state = school_bureau_keys(session, lang=self.ctx.language)
        self._show(self.state)

    def _show(self, s: SchoolBureauKeys) -> None:
        if s.key_file_fingerprint is not None:
            issued = s.key_file_issued.date().isoformat() if s.key_file_issued else ""
            text = self.tr(
                "The key file of {county} is registered (issued {date}; fingerprint {fingerprint}, checked against its stamped notice). Packages are encrypted: only {county} and {prefecture} can open them."
            ).format(
                county=s.county_name,
                prefecture=s.prefecture_name,
                date=issued,
                fingerprint=format_fingerprint(s.key_file_fingerprint),
            )
            style = GOOD
        elif s.form_fingerprint is not None:
            text = self.tr(
                "The key of {county} is registered from its form (fingerprint {fingerprint}): its receipts and returns are checked. Its key file is not registered, so packages cannot be encrypted and exported: import the key file."
            ).format(county=s.county_name, fingerprint=format_fingerprint(s.form_fingerprint))
            style = WARN
        elif s.first_use_fingerprint is not None:
            text = self.tr(
                "The key of {county} is NOT registered from its stamped form: it is only trusted because a first reply came with it (fingerprint {fingerprint}), which anyone could have sent. Import the bureau's key file and type the fingerprint from its stamped notice; a different key is then revoked. Until then packages cannot be encrypted and exported."
            ).format(county=s.county_name, fingerprint=format_fingerprint(s.first_use_fingerprint))
            style = BAD
        else:
            text = self.tr(
                "The key of {county} is not registered yet: packages cannot be encrypted and exported. Import the key file (.cxkey) the bureau gave with the template, and type the fingerprint from its stamped notice."
            ).format(county=s.county_name)
            style = BAD
        self.status.setText(text)
        self.status.setStyleSheet(style)
        self.import_button.setDefault(s.key_file_fingerprint is None)

    def open_key_file_dialog(self) -> BureauKeyFileDialog:
        dialog = BureauKeyFileDialog(self.ctx, self.state.county_name if self.state else "", self)
        dialog.accepted.connect(self._file_registered)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def _file_registered(self) -> None:
        self.refresh()
        dialog = self.file_dialog
        if dialog is not None and dialog.result_import is not None:
            fingerprint = dialog.result_import.key_file.fingerprint
            self.registered.emit(format_fingerprint(fingerprint))

    def open_fingerprint_dialog(self) -> BureauKeyDialog:
        dialog = BureauKeyDialog(self.ctx, self.state.county_name if self.state else "", self)
        dialog.accepted.connect(self._fingerprint_registered)
        self.fingerprint_dialog = dialog
        dialog.open()
        return dialog

    def _fingerprint_registered(self) -> None:
        self.refresh()
        dialog = self.fingerprint_dialog
        if dialog is not None and dialog.registered:
            self.registered.emit(format_fingerprint(dialog.registered))
