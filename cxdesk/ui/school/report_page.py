"""上报 Report: the signing key and its registration form, the county bureau's key (to
whom packages are encrypted), what will be sent, the export, and the bureau's receipts
and returns.

Everything the page shows comes from the core (:mod:`cxdesk.exchange`); the export and
the import of a reply run off the GUI thread.  The key is created on first need, when the
page is first shown, so that the registration form can be printed before any export.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cxdesk.exchange.changes import changes_since_last_package
from cxdesk.exchange.export import ExportPreview, outbox_dir, preview_export
from cxdesk.exchange.export_history import export_history
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.key_change import replace_key
from cxdesk.exchange.keys import create_key, current_key, keys_dir
from cxdesk.exchange.registration import RegistrationForm, registration_form
from cxdesk.exchange.replies import ReceiveResult, ReturnView, current_return, receive_file
from cxdesk.exchange.school_export import SchoolExport, export_school_package
from cxdesk.services.period_lock import accepted_period
from cxdesk.services.periods import get_period
from cxdesk.services.school_checks import reported_figures
from cxdesk.storage.changes import Changes, changes_of
from cxdesk.ui.school.bureau_key_box import BureauKeyBox
from cxdesk.ui.school.report_key_section import KeySection
from cxdesk.ui.school.report_replies_section import RepliesSection
from cxdesk.ui.school.report_send_section import SendSection
from cxdesk.ui.shell import errors, file_dialogs
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.registration_print import a4_printer, print_registration, save_registration_pdf
from cxdesk.ui.shell.worker import Progress, run_with_progress


class ReportPage(Page):
    # A package was exported. Argument: the ExportResult.
    exported = Signal(object)
    # A receipt or return was imported. Argument: the ReceiveResult.
    received = Signal(object)
    # The registration form was saved as PDF. Argument: its path.
    form_saved = Signal(str)
    # A new key replaced the old one. Argument: the new fingerprint as shown.
    key_replaced = Signal(str)
    # The county bureau's key (file, or fingerprint alone) was registered from its stamped
    # notice. Argument: its fingerprint as shown.
    bureau_key_registered = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.preview: ExportPreview | None = None
        self.form: RegistrationForm | None = None
        self.return_view: ReturnView | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 20, 24, 16)
        heading = QLabel(self.tr("Report to the bureau"))
        heading.setStyleSheet("font-size: 20px; font-weight: 600;")
        layout.addWidget(heading)

        self.key_section = KeySection()
        layout.addWidget(self.key_section)
        # 2. the bureau's key (cxdesk/ui/school/bureau_key_box.py)
        self.bureau_box = BureauKeyBox(ctx, self)
        self.bureau_box.registered.connect(self._bureau_key_registered)
        layout.addWidget(self.bureau_box)
        self.send_section = SendSection()
        layout.addWidget(self.send_section)
        self.replies_section = RepliesSection(ctx.language)
        layout.addWidget(self.replies_section)
        layout.addStretch(1)

        key, send = self.key_section, self.send_section
        key.print_form_button.clicked.connect(self._print_form)
        key.save_form_button.clicked.connect(self._choose_form_path)
        key.replace_key_button.clicked.connect(self._confirm_replace_key)
        send.export_button.clicked.connect(self._choose_export_folder)
        send.period_picker.period_changed.connect(lambda _label: self.refresh())
        self.replies_section.receive_button.clicked.connect(self._choose_reply)

    # -- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        lang_en = self.ctx.language == "en"
        with self.ctx.db.transaction() as session:
            # The key is made on first need (no data_changed: nothing the user entered).
            if current_key(session) is None:
                create_key(session, key_dir=keys_dir(self.ctx.db.path))
            self.form = registration_form(session)
            outbox = outbox_dir(self.ctx.db.path)
            label = self.period_label()
            self.preview = preview_export(session, period_label=label, outbox=outbox)
            school = self.ctx.school(session)
            period = get_period(session, label)
            accepted = accepted_period(session, school=school, period=period)
            reported = reported_figures(session, school=school, period=period) if accepted else None
            changes = changes_since_last_package(session, period_label=label, outbox=outbox)
            self.return_view = current_return(session, school=school, period=period)
            school_name, school_code = school.name, school.code
            exports = export_history(session, school=school, period=period)
        self.key_section.show_form(self.form)
        self.send_section.show_preview(self.preview, lang_en, reported)
        self.send_section.show_accepted(self.preview, accepted)
        self.send_section.changes_box.show_changes(changes, f"{school_name}（{school_code}）")
        self.replies_section.show_exports(exports)
        self.replies_section.show_return(self.return_view)
        self.bureau_box.refresh()

    def period_label(self) -> str:
        """The period the page shows and exports (this year unless another is chosen)."""
        return self.send_section.period_picker.label()

    # -- the bureau's key ----------------------------------------------------------------

    def _bureau_key_registered(self, fingerprint: str) -> None:
        self.refresh()
        self.bureau_key_registered.emit(fingerprint)

    # -- the registration form ----------------------------------------------------------

    def _print_form(self) -> None:
        if self.form is None:
            return
        printer = a4_printer()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_registration(self.form, printer)

    def _choose_form_path(self) -> None:
        path = file_dialogs.save_file(
            self,
            self.tr("Save the registration form"),
            f"备案表_{self.form.code if self.form else ''}.pdf",
            self.tr("PDF (*.pdf)"),
            "registration_form",
        )
        if path:
            self.save_form_to(Path(path))

    def save_form_to(self, path: Path) -> None:
        if self.form is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        save_registration_pdf(self.form, path)
        self.form_saved.emit(str(path))

    # -- replacing the key --------------------------------------------------------------

    def _confirm_replace_key(self) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Replace the key"))
        box.setText(
            self.tr(
                "Replace this computer's key? The old key, when it is still here, signs a statement for the new one that travels with your next package, and the bureau takes the new key by itself. If the old key may be known to others (a stolen laptop, a copied file), also hand in the new registration form and ask the bureau to revoke the old key."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if errors.present(box) != QMessageBox.StandardButton.Yes:
            return
        passphrase, ok = QInputDialog.getText(
            self,
            self.tr("Replace the key"),
            self.tr("Passphrase for the new key (leave empty for none):"),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            self.replace_key(passphrase or None)

    def replace_key(self, passphrase: str | None = None) -> None:
        def action(session: Session) -> str:
            # The old key signs a key-change statement for the new one when it still can.
            school = self.ctx.school(session)
            return replace_key(
                session,
                key_dir=keys_dir(self.ctx.db.path),
                role="school",
                code=school.code,
                passphrase=passphrase,
            ).record.fingerprint

        try:
            fingerprint = self.ctx.write(action)
        except Exception as exc:
            show_error(self, exc)
            return
        self.refresh()
        self.key_replaced.emit(format_fingerprint(fingerprint))

    # -- exporting ----------------------------------------------------------------------

    def _choose_export_folder(self) -> None:
        folder = file_dialogs.choose_folder(
            self, self.tr("Choose the folder or USB drive"), "export_package", removable=True
        )
        if folder:
            self.export_to(Path(folder))

    def ask_passphrase(self) -> str | None:
        """The key's passphrase, asked when the key is protected (None: cancelled)."""
        text, ok = QInputDialog.getText(
            self,
            self.tr("Key passphrase"),
            self.tr("This computer's key is protected. Passphrase:"),
            QLineEdit.EchoMode.Password,
        )
        return text if ok else None

    def confirm_correction(self) -> bool:
        """A period the bureau accepted: exporting it again is a correction; ask first."""
        preview = self.preview
        if preview is None or not preview.correction:
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Export a correction"))
        box.setText(
            self.tr(
                "The bureau has accepted export no. {sequence} of {period}. Export {period} again as a correction (更正)? It replaces the data the bureau accepted, and the bureau sees it marked as a correction."
            ).format(sequence=f"{preview.accepted_sequence:03d}", period=preview.period)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return errors.present(box) == QMessageBox.StandardButton.Yes

    def export_to(self, folder: Path) -> None:
        if not self.confirm_correction():
            return
        correction = bool(self.preview and self.preview.correction)
        label = self.period_label()
        with self.ctx.db.reading() as session:
            key = current_key(session)
            encrypted = bool(key and key.encrypted)
        passphrase: str | None = ""
        if encrypted:
            passphrase = self.ask_passphrase()
            if passphrase is None:
                return
        db = self.ctx.db

        def work(progress: Progress) -> SchoolExport:
            progress(0, 0, "")
            return export_school_package(
                db,
                period_label=label,
                out_dir=folder,
                passphrase=passphrase,
                correction=correction,
            )

        def done(export: SchoolExport) -> None:
            result = export.result
            self.ctx.announce(export.changes)
            self.refresh()
            self.send_section.verdict.setStyleSheet("color: #2e7d32; font-weight: 600;")
            self.send_section.verdict.setText(
                self.tr(
                    "Exported: {path}. Take this file to the county bureau (a copy is kept on this computer)."
                ).format(path=result.path)
            )
            self.exported.emit(result)

        run_with_progress(self, self.tr("Writing the report package…"), work, on_done=done)

    # -- receipts and returns -----------------------------------------------------------

    def _choose_reply(self) -> None:
        path = file_dialogs.open_file(
            self,
            self.tr("Import a receipt or return"),
            self.tr("Replies from the bureau (*.cxreply);;All files (*)"),
            "receive_reply",
            removable=True,
        )
        if path:
            self.receive(Path(path))

    def receive(self, path: Path) -> None:
        db = self.ctx.db

        def work(progress: Progress) -> tuple[ReceiveResult, Changes]:
            progress(0, 0, "")
            with db.transaction() as session:
                result = receive_file(session, path=path)
            return result, changes_of(session)

        def done(received: tuple[ReceiveResult, Changes]) -> None:
            result, changes = received
            self.ctx.announce(changes)
            self.refresh()
            if result.kind == "receipt":
                text = self.tr("Receipt imported: {bureau} accepted export no. {sequence}.")
            else:
                text = self.tr(
                    "Return imported: {bureau} returned export no. {sequence} with {count} comments."
                )
            text = text.format(
                bureau=result.bureau_name, sequence=f"{result.sequence:03d}", count=result.comments
            )
            if result.already_had:
                text = self.tr("This file was imported before; nothing changed.")
            if result.first_use:
                text += " " + self.tr(
                    "The bureau's key was not registered on this computer and has been registered now (fingerprint {fingerprint}); compare it with the one the bureau published."
                ).format(fingerprint=format_fingerprint(result.bureau_fingerprint))
            self.send_section.verdict.setStyleSheet("color: #2e7d32; font-weight: 600;")
            self.send_section.verdict.setText(text)
            self.received.emit(result)

        run_with_progress(self, self.tr("Reading the file…"), work, on_done=done)
