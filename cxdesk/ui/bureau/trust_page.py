"""The trust registry: whose keys this bureau accepts packages from.

A key is registered from the registration form (备案表) the school or county stamped with
its seal: the clerk types the code, the name and the 30-digit fingerprint in its six
groups of five.  A lost or compromised key is revoked: its packages are refused from then
on.  Everything goes through :mod:`cxdesk.exchange.trust`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cxdesk.bureau.trust_notes import shown_note
from cxdesk.errors import UserError
from cxdesk.exchange.keys import format_fingerprint
from cxdesk.exchange.registration import registration_form
from cxdesk.exchange.trust import list_keys, register_key, revoke_key
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.common import heading, hint, table_view
from cxdesk.ui.bureau.models import TrustModel, TrustRow
from cxdesk.ui.context import AppContext
from cxdesk.ui.errors import show_error
from cxdesk.ui.fingerprint_field import FingerprintField
from cxdesk.ui.page import Page
from cxdesk.ui.table_model import SearchProxy


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
        self.revoke_button.setEnabled(row is not None and row.status != "revoked")

    def add(self) -> None:
        dialog = RegisterKeyDialog(self)
        dialog.save = self._save  # type: ignore[method-assign]
        if common.ask(dialog) == QDialog.DialogCode.Accepted:
            self.refresh()

    def _save(self, code: str, name: str, fingerprint: str, note: str) -> bool:
        try:
            self.ctx.write(
                lambda s: register_key(s, fingerprint=fingerprint, code=code, name=name, note=note),
                changed="trusted_key",
            )
        except UserError as error:
            show_error(self, error)
            return False
        return True

    def revoke_selected(self) -> None:
        row = self.selected()
        if row is None or row.status == "revoked":
            return
        from cxdesk.ui.record_page import confirm

        if not confirm(
            self,
            self.tr("Revoke the key"),
            self.tr(
                "Revoke the key {fingerprint} of {name}? Packages signed with it will be refused from now on; this cannot be undone."
            ).format(fingerprint=format_fingerprint(row.fingerprint), name=row.name),
        ):
            return
        try:
            self.ctx.write(
                lambda s: revoke_key(s, fingerprint=row.fingerprint), changed="trusted_key"
            )
        except UserError as error:
            show_error(self, error)
            return
        self.refresh()
