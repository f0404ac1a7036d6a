"""本局密钥 Our keys: the bureau's signing and encryption keys, their passphrase, the key
file and its printed notice for the schools (or the counties), the prefecture's key file
(a county), and what to back up.

Everything goes through the core (:mod:`cxdesk.exchange.bureau_keys`,
:mod:`cxdesk.exchange.bureau_keyfile`); the notice is printed to PDF by
:mod:`cxdesk.ui.shell.key_notice_print`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cxdesk import reference as ref
from cxdesk.errors import UserError
from cxdesk.exchange.bureau_keyfile import registered_bureau_key, write_key_file
from cxdesk.exchange.bureau_keys import KeyStatus, key_status, protect_bureau_keys
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.key_protection import check_new_passphrase
from cxdesk.exchange.keys import keys_dir, load_signer
from cxdesk.storage.server.secrets import keyring_available
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.common import heading, hint
from cxdesk.ui.bureau.key_unlock import ensure_keys_unlocked
from cxdesk.ui.shell.bureau_keyfile_dialog import BureauKeyFileDialog
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.key_notice_print import notice_pdf_name, save_notice_pdf
from cxdesk.ui.shell.page import Page


class PassphraseDialog(QDialog):
    """A new passphrase, typed twice; optionally kept in the system keyring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The key passphrase"))
        self.first = QLineEdit()
        self.first.setObjectName("passphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setObjectName("passphrase_again")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.keyring = QCheckBox(self.tr("Keep it in this computer's system keyring"))
        self.keyring.setObjectName("keyring")
        available = keyring_available()
        self.keyring.setEnabled(available)
        self.keyring.setToolTip(
            self.tr("Then it is not asked on this computer; write it down all the same.")
            if available
            else self.tr("This computer has no system keyring: it is asked once per session.")
        )
        form = QFormLayout(self)
        form.addRow(
            hint(
                self.tr(
                    "One passphrase protects both keys. It is asked once each time the program is started. Choose a sentence you remember and others cannot guess (at least 8 characters), write it on paper and keep it sealed in the safe: without it, packages not yet collected cannot be opened."
                )
            )
        )
        form.addRow(self.tr("Passphrase"), self.first)
        form.addRow(self.tr("Again"), self.second)
        form.addRow("", self.keyring)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(520)

    def accept(self) -> None:
        try:
            check_new_passphrase(self.first.text(), again=self.second.text())
        except UserError as error:
            show_error(self, error)
            return
        super().accept()


class KeysPage(Page):
    # The key file and its notice were written. Argument: the key file's path.
    exported = Signal(str)
    # The keys were set up or their passphrase changed. Argument: the signing fingerprint.
    protected = Signal(str)
    # The prefecture's key file was registered (a county). Argument: its fingerprint.
    prefecture_registered = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.status: KeyStatus | None = None
        self.file_dialog: BureauKeyFileDialog | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.addWidget(heading(self.tr("Our keys")))
        layout.addWidget(
            hint(
                self.tr(
                    "Schools encrypt their packages to this bureau's encryption key, and trust its receipts and returns by its signing key. They get both from the key file, checked against the printed notice you sign and stamp."
                )
            )
        )

        keys_box = QGroupBox(self.tr("This bureau's keys"))
        form = QFormLayout(keys_box)
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("own_fingerprint")
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(self.font().pointSizeF() * 1.4)
        mono.setBold(True)
        self.fingerprint.setFont(mono)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.encryption = QLabel()
        self.encryption.setObjectName("encryption_key")
        self.encryption.setWordWrap(True)
        self.encryption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.protection = QLabel()
        self.protection.setObjectName("protection")
        self.protection.setWordWrap(True)
        self.protect_button = QPushButton()
        self.protect_button.setObjectName("protect_keys")
        self.protect_button.clicked.connect(self.choose_passphrase)
        form.addRow(self.tr("Signing key fingerprint"), self.fingerprint)
        form.addRow(self.tr("Encryption key"), self.encryption)
        form.addRow(self.tr("Protection"), self.protection)
        form.addRow("", self._row(self.protect_button))
        layout.addWidget(keys_box)

        file_box = QGroupBox(self.tr("Key file and notice"))
        fb = QVBoxLayout(file_box)
        self.file_hint = hint("")
        fb.addWidget(self.file_hint)
        self.export_button = QPushButton(self.tr("Export the key file and the notice…"))
        self.export_button.setObjectName("export_key_file")
        self.export_button.clicked.connect(self.choose_export_folder)
        fb.addLayout(self._row(self.export_button))
        self.export_result = QLabel()
        self.export_result.setObjectName("export_result")
        self.export_result.setWordWrap(True)
        self.export_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fb.addWidget(self.export_result)
        layout.addWidget(file_box)

        self.prefecture_box = QGroupBox(self.tr("The prefecture bureau's key"))
        pb = QVBoxLayout(self.prefecture_box)
        self.prefecture_status = QLabel()
        self.prefecture_status.setObjectName("prefecture_key")
        self.prefecture_status.setWordWrap(True)
        pb.addWidget(self.prefecture_status)
        self.prefecture_button = QPushButton(self.tr("Import the prefecture's key file…"))
        self.prefecture_button.setObjectName("import_prefecture_key_file")
        self.prefecture_button.clicked.connect(self.open_prefecture_dialog)
        pb.addLayout(self._row(self.prefecture_button))
        layout.addWidget(self.prefecture_box)

        backup_box = QGroupBox(self.tr("What to back up"))
        bb = QVBoxLayout(backup_box)
        self.backup = hint("")
        self.backup.setObjectName("backup_hint")
        self.backup.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bb.addWidget(self.backup)
        layout.addWidget(backup_box)
        layout.addStretch(1)

    @staticmethod
    def _row(button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        return row

    def _key_dir(self) -> Path:
        return keys_dir(Path(self.ctx.db.path))

    # -- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            with self.ctx.db.reading() as session:
                status = key_status(session, key_dir=self._key_dir())
                prefecture = registered_bureau_key(session, ref.PREFECTURE_CODE)
                prefecture_text = (
                    (prefecture.name, format_fingerprint(prefecture.signing_fingerprint))
                    if prefecture
                    else None
                )
        except UserError as error:
            show_error(self, error)
            return
        self.status = status
        county = self.ctx.role == "county"
        self.fingerprint.setText(
            format_fingerprint(status.signing_fingerprint)
            if status.signing_fingerprint
            else self.tr("(not made yet)")
        )
        if status.encryption_key:
            created = (
                status.encryption_created.date().isoformat() if status.encryption_created else ""
            )
            text = self.tr("{key} (made {date})").format(key=status.encryption_key, date=created)
            if status.replaced_encryption_keys:
                text += "\n" + self.tr(
                    "{count} replaced keys are kept, to open the packages encrypted to them."
                ).format(count=status.replaced_encryption_keys)
            self.encryption.setText(text)
        else:
            self.encryption.setText(
                self.tr("Not set up yet: set the passphrase, and the key is made.")
            )
        if status.ready:
            self.protection.setText(
                self.tr(
                    "Both keys are protected by the passphrase, kept in this computer's system keyring."
                )
                if status.in_keyring
                else self.tr(
                    "Both keys are protected by the passphrase, asked once each time the program is started."
                )
            )
            self.protection.setStyleSheet("color: #2e7d32;")
            self.protect_button.setText(self.tr("Change the passphrase…"))
        else:
            self.protection.setText(
                self.tr(
                    "Not protected yet: until you set the passphrase there is no encryption key, and schools cannot encrypt their packages."
                )
            )
            self.protection.setStyleSheet("color: #b3261e; font-weight: 600;")
            self.protect_button.setText(self.tr("Set the passphrase and make the keys…"))
        self.file_hint.setText(
            self.tr(
                "Give the key file to every school with the template (USB stick), with the printed notice signed and stamped: the schools type the fingerprint from the notice. The county's file carries the prefecture's key too."
            )
            if county
            else self.tr(
                "Give the key file to every county bureau, with the printed notice signed and stamped: the counties type the fingerprint from the notice and pass your key on to their schools."
            )
        )
        self.export_button.setEnabled(status.ready and (not county or prefecture is not None))
        self.prefecture_box.setVisible(county)
        if prefecture_text is None:
            self.prefecture_status.setText(
                self.tr(
                    "Not registered yet: import the prefecture's key file and type the fingerprint from its stamped notice. Your key file cannot be exported before (it carries the prefecture's key to the schools)."
                )
            )
            self.prefecture_status.setStyleSheet("color: #b3261e; font-weight: 600;")
        else:
            self.prefecture_status.setText(
                self.tr("Registered: {name}, fingerprint {fingerprint}.").format(
                    name=prefecture_text[0], fingerprint=prefecture_text[1]
                )
            )
            self.prefecture_status.setStyleSheet("color: #2e7d32;")
        self.backup.setText(
            self.tr(
                "Back up the folder {folder} (the keys, protected by the passphrase) on a USB stick kept in the safe, and the passphrase on paper in a sealed envelope. Several clerks on one server: copy this folder to each clerk's computer. If the keys or the passphrase are lost, the data already collected stays in the database; packages not yet collected must be exported again by their schools after you set up new keys and give out the new key file."
            ).format(folder=self._key_dir())
        )

    # -- the passphrase -----------------------------------------------------------------

    def choose_passphrase(self) -> None:
        ready = self.status is not None and self.status.ready
        if ready and not ensure_keys_unlocked(self, self.ctx):  # the old passphrase first
            return
        dialog = PassphraseDialog(self)
        if common.ask(dialog) != QDialog.DialogCode.Accepted:
            return
        self.protect(dialog.first.text(), keyring=dialog.keyring.isChecked())

    def protect(self, passphrase: str, *, keyring: bool = False) -> None:
        key_dir = self._key_dir()
        try:
            setup = self.ctx.write(
                lambda s: protect_bureau_keys(
                    s, key_dir=key_dir, passphrase=passphrase, keyring=keyring
                ),
            )
        except UserError as error:
            show_error(self, error)
            return
        setup.remove_leftovers()
        self.refresh()
        self.protected.emit(format_fingerprint(setup.signing_fingerprint))

    # -- the key file -------------------------------------------------------------------

    def choose_export_folder(self) -> None:
        folder = common.choose_folder(self, self.tr("Where to write the key file and the notice"))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        if not ensure_keys_unlocked(self, self.ctx):
            return
        try:
            with self.ctx.db.reading() as session:
                signer = load_signer(session, key_dir=self._key_dir())
                path, key_file = write_key_file(session, signer=signer, out_dir=folder)
            notice = save_notice_pdf(
                key_file, path.name, path.with_name(notice_pdf_name(path.name))
            )
        except UserError as error:
            show_error(self, error)
            return
        except OSError as error:
            show_error(self, common.cannot_write(folder, error))
            return
        self.export_result.setText(
            self.tr(
                "Written: {file}\nNotice to print (A4 PDF): {notice}\nFingerprint: {fingerprint}"
            ).format(file=path, notice=notice, fingerprint=format_fingerprint(key_file.fingerprint))
        )
        self.exported.emit(str(path))

    # -- the prefecture's key (a county) ------------------------------------------------

    def open_prefecture_dialog(self) -> BureauKeyFileDialog:
        from cxdesk.services.bureaus import bureau_name

        name = bureau_name("prefecture", ref.PREFECTURE_CODE, self.ctx.language)
        dialog = BureauKeyFileDialog(self.ctx, name, self)
        dialog.accepted.connect(self._prefecture_registered)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def _prefecture_registered(self) -> None:
        self.refresh()
        dialog = self.file_dialog
        if dialog is not None and dialog.result_import is not None:
            self.prefecture_registered.emit(
                format_fingerprint(dialog.result_import.key_file.fingerprint)
            )
