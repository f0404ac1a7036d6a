"""上报 Report: the signing key and its registration form, the county bureau's key (to
whom packages are encrypted), what will be sent, the export, and the bureau's receipts
and returns.

Everything the page shows comes from the core (:mod:`cxdesk.exchange`); the export and
the import of a reply run off the GUI thread.  The key is created on first need, when the
page is first shown, so that the registration form can be printed before any export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cxdesk.checks import Finding
from cxdesk.checks.engine import TABLE_LABELS
from cxdesk.exchange import (
    ExportPreview,
    ExportResult,
    ReceiveResult,
    ReturnView,
    create_key,
    current_key,
    current_return,
    export_report,
    format_fingerprint,
    keys_dir,
    load_signer,
    outbox_dir,
    preview_export,
    receive_file,
)
from cxdesk.exchange.changes import changes_since_last_package
from cxdesk.exchange.encryption import recipient_names
from cxdesk.exchange.export_history import ExportEntry, export_history
from cxdesk.exchange.key_change import replace_key
from cxdesk.exchange.registration import RegistrationForm, registration_form
from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS
from cxdesk.reference import TRAINING_LEVELS
from cxdesk.services.period_lock import AcceptedPeriod, accepted_period
from cxdesk.services.periods import get_period
from cxdesk.services.school_checks import reported_figures
from cxdesk.ui.school.bureau_key_box import BureauKeyBox
from cxdesk.ui.school.report_changes import ChangesBox
from cxdesk.ui.shell import errors, file_dialogs
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.period_picker import PeriodPicker
from cxdesk.ui.shell.registration_print import a4_printer, print_registration, save_registration_pdf
from cxdesk.ui.shell.table_model import Column, RowTableModel
from cxdesk.ui.shell.worker import Progress, run_with_progress

#: Figures that only make sense for a bureau's scope.
_SCOPE_ONLY = ("schools_expected", "schools_reported", "schools_with_room", "schools_with_room_pct")


@dataclass(frozen=True)
class FigureRow:
    label: str
    value: str
    #: The value in the package the bureau accepted (a period with a receipt), else "".
    reported: str = ""


@dataclass(frozen=True)
class FindingRow:
    hard: bool
    table: str
    record: str
    message: str
    explanation: str


@dataclass(frozen=True)
class CommentRow:
    table: str
    record: str
    comment: str
    found: bool


def _figure_text(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{TRAINING_LEVELS.label(k, lang)} {v}" for k, v in value.items())
    return "—" if value is None else str(value)


def _local_time(value: datetime) -> str:
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


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

        # 1. the key -----------------------------------------------------------------
        key_box = QGroupBox(self.tr("1. This computer's signing key"))
        kb = QVBoxLayout(key_box)
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
        layout.addWidget(key_box)

        # 2. the bureau's key (cxdesk/ui/school/bureau_key_box.py) -----------------------------
        self.bureau_box = BureauKeyBox(ctx, self)
        self.bureau_box.registered.connect(self._bureau_key_registered)
        layout.addWidget(self.bureau_box)

        # 3. what will be sent ---------------------------------------------------------
        send_box = QGroupBox(self.tr("3. What will be sent"))
        sb = QVBoxLayout(send_box)
        period_row = QHBoxLayout()
        period_row.addWidget(QLabel(self.tr("Period:")))
        self.period_picker = PeriodPicker()
        self.period_picker.setObjectName("report_period")
        period_row.addWidget(self.period_picker)
        self.reference_label = QLabel()
        self.reference_label.setObjectName("reference_date")
        period_row.addWidget(self.reference_label, 1)
        sb.addLayout(period_row)
        self.accepted_label = QLabel()
        self.accepted_label.setObjectName("accepted_banner")
        self.accepted_label.setWordWrap(True)
        self.accepted_label.setStyleSheet("color: #8a5300; font-weight: 600;")
        sb.addWidget(self.accepted_label)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        sb.addWidget(self.verdict)
        self.figures_model: RowTableModel[FigureRow] = RowTableModel(
            [
                Column(self.tr("Figure"), lambda r: r.label),
                Column(self.tr("Value"), lambda r: r.value, align_right=True),
                Column(self.tr("As reported"), lambda r: r.reported, align_right=True),
            ],
            self,
        )
        self.figures_view = self._table(self.figures_model, "figures", 260)
        for column in (1, 2):  # the value and the value as reported share the width
            self.figures_view.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.findings_model: RowTableModel[FindingRow] = RowTableModel(
            [
                Column(self.tr("Kind"), self._finding_kind),
                Column(self.tr("Record"), lambda r: f"{r.table}「{r.record}」"),
                Column(self.tr("Problem"), lambda r: r.message),
                Column(self.tr("Explanation"), lambda r: r.explanation),
            ],
            self,
        )
        self.findings_view = self._table(self.findings_model, "findings", 160)
        row = QHBoxLayout()
        row.addWidget(self.figures_view, 2)
        right = QVBoxLayout()
        right.addWidget(self.counts_label)
        self.findings_title = QLabel()
        right.addWidget(self.findings_title)
        right.addWidget(self.findings_view, 1)
        row.addLayout(right, 3)
        sb.addLayout(row)
        self.notes_label = QLabel()
        self.notes_label.setObjectName("left_out_notes")
        self.notes_label.setWordWrap(True)
        sb.addWidget(self.notes_label)
        self.changes_box = ChangesBox()
        sb.addWidget(self.changes_box)
        export_row = QHBoxLayout()
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        export_row.addWidget(self.file_label, 1)
        self.export_button = QPushButton(self.tr("Export to a folder or USB drive…"))
        self.export_button.setDefault(True)
        export_row.addWidget(self.export_button)
        sb.addLayout(export_row)
        layout.addWidget(send_box)

        # 4. exports and replies -------------------------------------------------------
        reply_box = QGroupBox(self.tr("4. Exports, receipts and returns"))
        rb = QVBoxLayout(reply_box)
        self.exports_model: RowTableModel[ExportEntry] = RowTableModel(
            [
                Column(self.tr("No."), lambda r: f"{r.sequence:03d}", lambda r: r.sequence, True),
                Column(self.tr("Exported"), lambda r: _local_time(r.created), lambda r: r.created),
                Column(self.tr("Status"), lambda r: self._status_text(r.status)),
                Column(self.tr("File"), lambda r: r.file_name),
            ],
            self,
        )
        self.exports_view = self._table(self.exports_model, "exports", 130)
        rb.addWidget(self.exports_view)
        receive_row = QHBoxLayout()
        receive_text = QLabel(
            self.tr(
                "When the bureau sends back a receipt (回执) or a return for correction (退回), import the file here."
            )
        )
        receive_text.setWordWrap(True)
        receive_row.addWidget(receive_text, 1)
        self.receive_button = QPushButton(self.tr("Import a receipt or return…"))
        receive_row.addWidget(self.receive_button)
        rb.addLayout(receive_row)
        self.return_label = QLabel()
        self.return_label.setObjectName("return_label")
        self.return_label.setWordWrap(True)
        self.return_label.setStyleSheet("color: #b3261e; font-weight: 600;")
        rb.addWidget(self.return_label)
        self.comments_model: RowTableModel[CommentRow] = RowTableModel(
            [
                Column(self.tr("Kind"), lambda r: r.table),
                Column(self.tr("Record"), lambda r: r.record),
                Column(self.tr("Bureau's comment"), lambda r: r.comment),
            ],
            self,
        )
        self.comments_view = self._table(self.comments_model, "comments", 130)
        rb.addWidget(self.comments_view)
        layout.addWidget(reply_box)
        layout.addStretch(1)

        self.print_form_button.clicked.connect(self._print_form)
        self.save_form_button.clicked.connect(self._choose_form_path)
        self.replace_key_button.clicked.connect(self._confirm_replace_key)
        self.export_button.clicked.connect(self._choose_export_folder)
        self.receive_button.clicked.connect(self._choose_reply)
        self.period_picker.period_changed.connect(lambda _label: self.refresh())

    # -- building -----------------------------------------------------------------------

    def _table(self, model: RowTableModel[Any], name: str, height: int) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)  # Tab leaves the table
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.setMinimumHeight(height)
        view.setWordWrap(True)
        return view

    def _finding_kind(self, row: FindingRow) -> str:
        if row.hard:
            return self.tr("Must be fixed")
        return self.tr("Explained") if row.explanation else self.tr("To look at")

    def _status_text(self, status: str) -> str:
        return {
            "sent": self.tr("Sent"),
            "accepted": self.tr("Accepted (receipt)"),
            "returned": self.tr("Returned for correction"),
        }.get(status, status)

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
        self._show_key()
        self._show_preview(self.preview, lang_en, reported)
        self._show_accepted(self.preview, accepted)
        self.changes_box.show_changes(changes, f"{school_name}（{school_code}）")
        self.exports_model.set_rows(exports)
        self._show_return(self.return_view)
        self.bureau_box.refresh()

    def _show_key(self) -> None:
        form = self.form
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

    def period_label(self) -> str:
        """The period the page shows and exports (this year unless another is chosen)."""
        return self.period_picker.label()

    def _show_accepted(self, preview: ExportPreview, accepted: AcceptedPeriod | None) -> None:
        self.reference_label.setText(
            self.tr("Reference date (统计时点): {date}").format(
                date=preview.reference_date.isoformat() if preview.reference_date else ""
            )
        )
        notes = [n.render() for n in preview.notes]
        self.notes_label.setText(
            self.tr("Left out of this period:") + "\n" + "\n".join(notes) if notes else ""
        )
        self.notes_label.setVisible(bool(notes))
        self.figures_view.setColumnHidden(2, accepted is None)
        if accepted is None:
            self.accepted_label.hide()
            return
        self.accepted_label.setText(
            self.tr(
                "The bureau accepted export no. {sequence} of {period} (receipt): the column “As reported” shows the figures it holds. Exporting this period again is a correction (更正)."
            ).format(sequence=f"{accepted.sequence:03d}", period=accepted.period.label)
        )
        self.accepted_label.show()

    def _show_preview(
        self, preview: ExportPreview, lang_en: bool, reported: dict[str, Any] | None = None
    ) -> None:
        index = 1 if lang_en else 0
        lang = "en" if lang_en else "zh"
        rows = []
        for key in FIGURE_KEYS:
            if key in _SCOPE_ONLY:
                continue
            old = reported.get(key) if reported else None
            rows.append(
                FigureRow(
                    FIGURE_LABELS[key][index],
                    _figure_text(preview.figures.get(key), lang),
                    _figure_text(old, lang) if reported else "",
                )
            )
        self.figures_model.set_rows(rows)
        counts = "，".join(
            f"{TABLE_LABELS[t][index] if t in TABLE_LABELS else t} {n}"
            for t, n in preview.counts.items()
        )
        self.counts_label.setText(self.tr("Records sent: {counts}").format(counts=counts))
        findings = [self._finding_row(f, index) for f in preview.hard + preview.soft]
        self.findings_model.set_rows(findings)
        self.findings_view.setVisible(bool(findings))
        self.findings_title.setText(
            self.tr("Check findings: {hard} to fix, {soft} to look at (sent with the data)").format(
                hard=len(preview.hard), soft=len(preview.soft)
            )
        )
        if preview.blocked:
            self.verdict.setStyleSheet("color: #b3261e; font-weight: 600;")
            self.verdict.setText(
                self.tr(
                    "{count} problems must be fixed before the package can be exported (see the list; the Checks page opens each record)."
                ).format(count=len(preview.hard))
            )
        elif preview.encryption is None:
            self.verdict.setStyleSheet("color: #b3261e; font-weight: 600;")
            self.verdict.setText(
                self.tr(
                    "Period {period} cannot be exported yet: the package must be encrypted for your county bureau, whose key file is not registered (see 2)."
                ).format(period=preview.period)
            )
        else:
            self.verdict.setStyleSheet("color: #2e7d32; font-weight: 600;")
            self.verdict.setText(
                self.tr(
                    "Ready to export period {period}: the complete data of the school, signed, and encrypted so that only {names} can open it."
                ).format(period=preview.period, names=recipient_names(preview.encryption))
            )
        self.file_label.setText(
            self.tr("Export no. {sequence}, file {file}").format(
                sequence=preview.sequence, file=preview.file_name
            )
        )
        self.export_button.setEnabled(not preview.blocked)

    @staticmethod
    def _finding_row(f: Finding, index: int) -> FindingRow:
        table = TABLE_LABELS[f.table_name][index]
        return FindingRow(
            f.severity == "hard", table, f.record_label, f.message.render(), f.explanation or ""
        )

    def _show_return(self, view: ReturnView | None) -> None:
        index = 1 if self.ctx.language == "en" else 0
        if view is None:
            self.return_label.hide()
            self.comments_model.set_rows([])
            self.comments_view.hide()
            return
        text = self.tr(
            "{bureau} returned export no. {sequence} for correction. Correct the records below, then export again."
        ).format(bureau=view.bureau_name, sequence=f"{view.sequence:03d}")
        if view.message:
            text += "\n" + view.message
        self.return_label.setText(text)
        self.return_label.show()
        self.comments_model.set_rows(
            [
                CommentRow(
                    TABLE_LABELS[c.table][index] if c.table in TABLE_LABELS else "—",
                    c.record_label,
                    c.comment,
                    c.record_id is not None,
                )
                for c in view.comments
            ]
        )
        self.comments_view.show()

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
            fingerprint = self.ctx.write(action, changed="signing_key")
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

        def work(progress: Progress) -> ExportResult:
            progress(0, 0, "")
            with db.transaction() as session:
                signer = load_signer(session, key_dir=keys_dir(db.path), passphrase=passphrase)
                return export_report(
                    session,
                    period_label=label,
                    out_dir=folder,
                    outbox=outbox_dir(db.path),
                    signer=signer,
                    correction=correction,
                )

        def done(result: ExportResult) -> None:
            self.ctx.data_changed.emit("export_log")
            self.refresh()
            self.verdict.setStyleSheet("color: #2e7d32; font-weight: 600;")
            self.verdict.setText(
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

        def work(progress: Progress) -> ReceiveResult:
            progress(0, 0, "")
            with db.transaction() as session:
                return receive_file(session, path=path)

        def done(result: ReceiveResult) -> None:
            self.ctx.data_changed.emit("export_log")
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
            self.verdict.setStyleSheet("color: #2e7d32; font-weight: 600;")
            self.verdict.setText(text)
            self.received.emit(result)

        run_with_progress(self, self.tr("Reading the file…"), work, on_done=done)
