"""Registering a bureau's key file, confirmed by the fingerprint of its stamped notice.

A school registers its county bureau's file (上报 page); a county the prefecture's (Our
keys page).  The dialog shows who issued the chosen file and when, never its fingerprint:
the clerk types the fingerprint from the paper notice, and only a match registers it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cxdesk.errors import UserError
from cxdesk.exchange.archive import read_file_bounded
from cxdesk.exchange.bureau_keyfile import (
    KEY_FILE_LIMITS,
    KeyFile,
    KeyFileImport,
    read_key_file,
    register_key_file,
)
from cxdesk.ui.shell import file_dialogs
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.fingerprint_field import FingerprintField


class BureauKeyFileDialog(QDialog):
    """Choose the key file, type the fingerprint from the notice; Save registers it."""

    def __init__(self, ctx: AppContext, bureau: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: bytes | None = None
        self.key_file: KeyFile | None = None
        self.result_import: KeyFileImport | None = None
        self.setWindowTitle(self.tr("Import the bureau's key file"))
        explanation = QLabel(
            self.tr(
                "Choose the key file (.cxkey) of {bureau}, then type the key fingerprint from the notice the bureau signed and stamped (six groups of five digits). Never take it from an e-mail, a chat or a phone call. Only a fingerprint that matches the file registers it; from then on your packages are encrypted for the bureau."
            ).format(bureau=bureau)
        )
        explanation.setWordWrap(True)
        self.file_label = QLabel(self.tr("No file chosen"))
        self.file_label.setObjectName("key_file")
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose the file…"))
        self.choose_button.setObjectName("choose_key_file")
        self.choose_button.clicked.connect(self._choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)
        self.issuer = QLabel()
        self.issuer.setObjectName("issuer")
        self.issuer.setWordWrap(True)
        self.fingerprint = FingerprintField()
        file_form = QFormLayout()
        file_form.addRow(self.tr("Key file"), file_row)
        form = QFormLayout()
        form.addRow(self.tr("Fingerprint on the notice"), self.fingerprint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Word-wrapped labels outside the forms: QFormLayout cuts their last lines.
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(file_form)
        layout.addWidget(self.issuer)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        self._update()

    def _choose(self) -> None:
        # Through file_dialogs like every file dialog: the folder last used, else a USB
        # stick, else Documents (and tests can answer it).
        path = file_dialogs.open_file(
            self,
            self.tr("Choose the bureau's key file"),
            self.tr("Bureau key files (*.cxkey);;All files (*)"),
            "bureau_key_file",
            removable=True,
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> bool:
        """Read and check the chosen file; say who issued it (or why it is refused)."""
        try:
            data = read_file_bounded(path, KEY_FILE_LIMITS.max_file_bytes)
            key_file = read_key_file(data)
        except UserError as error:
            self.data = self.key_file = None
            self._update()
            show_error(self, error)
            return False
        self.data, self.key_file = data, key_file
        self.file_label.setText(str(path))
        self._update()
        self.fingerprint.groups[0].setFocus()
        return True

    def _update(self) -> None:
        keys = self.key_file.bureau if self.key_file else None
        if keys is None:
            self.issuer.setText("")
        else:
            text = self.tr("Issued by {name} ({code}) on {date}.").format(
                name=keys.name, code=keys.code, date=keys.issued_at.date().isoformat()
            )
            if self.key_file is not None and self.key_file.prefecture is not None:
                text += " " + self.tr("It carries the key of {prefecture} too.").format(
                    prefecture=self.key_file.prefecture.name
                )
            self.issuer.setText(text)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(self.data is not None)
        self.adjustSize()  # room for the issuer's lines

    def accept(self) -> None:
        data, typed = self.data, self.fingerprint.text()
        if data is None:
            return
        try:
            self.result_import = self.ctx.write(
                lambda s: register_key_file(s, data=data, fingerprint=typed),
            )
        except UserError as error:
            show_error(self, error)
            return
        super().accept()
