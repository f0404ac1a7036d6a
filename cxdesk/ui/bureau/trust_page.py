"""The trust registry: whose keys this bureau accepts packages from.

A key is registered from the registration form (备案表) the school or county stamped with
its seal: the clerk types the code, the name and the 30-digit fingerprint in its six
groups of five.  A party has one valid key: registering another asks whether to replace
(revoke) the valid one.  Held packages signed with a key just registered are decided
again at once.  A lost or compromised key is revoked from a point the clerk chooses (now,
a date and time, or all its packages): what it signed from then on stops counting and each
school's last good package counts again (cxdesk.bureau.revocation); the page says what
changed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cxdesk.bureau.outcomes import CollectResult
from cxdesk.bureau.revocation import Revocation, revoke
from cxdesk.bureau.trust_notes import shown_note
from cxdesk.bureau.trusted_keys import register_party_key
from cxdesk.errors import UserError
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.registration import registration_form
from cxdesk.exchange.trust import HasValidKeyError, list_keys
from cxdesk.i18n import current_language
from cxdesk.safe_text import safe_text
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.common import heading, hint, table_view
from cxdesk.ui.bureau.held_actions import reevaluate_in_background, summary
from cxdesk.ui.bureau.trust_model import TrustModel, TrustRow
from cxdesk.ui.shell import errors
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.fingerprint_field import FingerprintField
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.table_model import SearchProxy


class RegisterKeyDialog(QDialog):
    """Register a key from a stamped registration form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Register a key from a registration form"))
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setMaxLength(10)
        self.code.setPlaceholderText(self.tr("10-digit school code or 6-digit county code"))
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.fingerprint = FingerprintField()
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("e.g. form received 2026-03-02, filed as 2026-17"))
        form = QFormLayout(self)
        form.addRow(
            hint(
                self.tr(
                    "Copy from the form stamped with the sender's seal. Never take a fingerprint from an e-mail or a phone call."
                )
            )
        )
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Key fingerprint"), self.fingerprint)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self, code: str, name: str, fingerprint: str, note: str) -> bool:
        """Store the key; the page sets this.  False keeps the dialog open."""
        return False

    def accept(self) -> None:
        if self.save(
            self.code.text().strip(),
            self.name.text().strip(),
            self.fingerprint.text(),
            self.note.text().strip(),
        ):
            super().accept()


class RevokeKeyDialog(QDialog):
    """Revoke a key from a point: now, a date and time, or all its packages."""

    def __init__(self, row: TrustRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Revoke the key"))
        who = QLabel(safe_text(f"{row.code}  {row.name}"))
        who.setTextFormat(Qt.TextFormat.PlainText)
        self.now = QRadioButton(self.tr("From now on (a replaced or lost key)"))
        self.now.setObjectName("since_now")
        self.from_date = QRadioButton(
            self.tr("From a date and time (when the key may have been stolen)")
        )
        self.from_date.setObjectName("since_date")
        self.all = QRadioButton(self.tr("All its packages (it was never the school's)"))
        self.all.setObjectName("since_all")
        self.choice = QButtonGroup(self)
        for button in (self.now, self.from_date, self.all):
            self.choice.addButton(button)
        self.now.setChecked(True)
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setObjectName("since_when")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setMaximumDateTime(QDateTime.currentDateTime())
        self.when.setEnabled(False)
        self.from_date.toggled.connect(self.when.setEnabled)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("e.g. laptop stolen on 2026-03-01"))
        form = QFormLayout(self)
        form.addRow(self.tr("Key of"), who)
        form.addRow(self.tr("Key fingerprint"), QLabel(format_fingerprint(row.fingerprint)))
        form.addRow(self.now)
        form.addRow(self.from_date)
        form.addRow("", self.when)
        form.addRow(self.all)
        form.addRow(self.tr("Reason"), self.note)
        form.addRow(
            hint(
                self.tr(
                    "Packages signed with this key that arrived from that point on stop counting, and each school's last good package counts again. This cannot be undone."
                )
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.addButton(self.tr("Revoke"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("revoke")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def since(self) -> datetime | Literal["all"] | None:
        """None: now; ``"all"``; or the chosen local time as UTC."""
        if self.all.isChecked():
            return "all"
        if self.from_date.isChecked():
            local = self.when.dateTime().toPython()
            assert isinstance(local, datetime)
            return local.astimezone().astimezone(UTC).replace(tzinfo=None)
        return None


class TrustPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = TrustModel(self)
        self.proxy = SearchProxy(self.model, self)
        self.view = table_view(self.proxy)
        self.view.setObjectName("trusted_keys")
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search code, name, fingerprint…"))
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.own = QLabel()
        self.own.setObjectName("own_fingerprint")
        self.own.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = QPushButton(self.tr("Register a key…"))
        self.add_button.setObjectName("add_key")
        self.add_button.clicked.connect(self.add)
        self.revoke_button = QPushButton(self.tr("Revoke…"))
        self.revoke_button.setObjectName("revoke_key")
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.count = QLabel()
        self.count.setObjectName("key_count")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Trusted keys")))
        layout.addWidget(
            hint(
                self.tr(
                    "Packages are counted only when they are signed with a key registered here for their sender. Keys come from registration forms stamped with the sender's seal; a package with an unknown key waits on the collect page."
                )
            )
        )
        layout.addWidget(self.own)
        layout.addLayout(buttons)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self._update_buttons()

    def refresh(self) -> None:
        try:
            with self.ctx.db.reading() as session:
                form = registration_form(session)
                rows = [
                    TrustRow(
                        k.fingerprint,
                        k.role,
                        k.party_code,
                        k.party_name,
                        k.status,
                        k.source,
                        k.registered_at,
                        k.revoked_at,
                        shown_note(k.note),
                        k.revoked_from,
                    )
                    for k in list_keys(session)
                ]
        except UserError as error:
            show_error(self, error)
            return
        self.own.setText(
            self.tr("This bureau's own key: {fingerprint}").format(fingerprint=form.fingerprint)
            if form
            else ""
        )
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        revoked = sum(1 for r in rows if r.status == "revoked")
        self.count.setText(
            self.tr("{count} keys, {revoked} revoked").format(count=len(rows), revoked=revoked)
        )
        self._update_buttons()

    def selected(self) -> TrustRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        row = self.selected()
        # A revoked key can be revoked again from an earlier point (a theft found later).
        self.revoke_button.setEnabled(row is not None)

    def add(self) -> None:
        dialog = RegisterKeyDialog(self)
        dialog.save = self._save  # type: ignore[method-assign]
        if common.ask(dialog) == QDialog.DialogCode.Accepted:
            self.refresh()

    def _save(self, code: str, name: str, fingerprint: str, note: str) -> bool:
        def register(replace: bool) -> str:
            return self.ctx.write(
                lambda s: (
                    register_party_key(
                        s, fingerprint=fingerprint, code=code, name=name, note=note, replace=replace
                    ).fingerprint
                ),
            )

        try:
            try:
                registered = register(False)
            except HasValidKeyError as error:
                if not self._confirm_replace(error):
                    return False
                registered = register(True)
        except UserError as error:
            show_error(self, error)
            return False
        # Packages waiting for this key are decided again now.
        reevaluate_in_background(
            self, self.ctx, fingerprints={registered}, on_done=self._reevaluated
        )
        return True

    def _confirm_replace(self, error: UserError) -> bool:
        from cxdesk.ui.shell.record_page import confirm

        return confirm(
            self,
            self.tr("Replace the valid key"),
            error.message.render()
            + "\n\n"
            + self.tr(
                "Register the new key from the new stamped form and revoke the old one now? Packages the old key signed so far stay counted."
            ),
        )

    def _reevaluated(self, results: list[CollectResult]) -> None:
        if results:
            self.count.setText(self.count.text() + "  " + summary(results))

    def revoke_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = RevokeKeyDialog(row, self)
        if common.ask(dialog) != QDialog.DialogCode.Accepted:
            return
        since = dialog.since()
        note = dialog.note.text().strip() or None
        try:
            report: Revocation = self.ctx.write(
                lambda s: revoke(s, target=row.fingerprint, since=since, note=note),
            )
        except UserError as error:
            show_error(self, error)
            return
        self.refresh()
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Key revoked"),
            "\n".join(report.text_lines(current_language())),
            parent=self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        errors.present(box)
