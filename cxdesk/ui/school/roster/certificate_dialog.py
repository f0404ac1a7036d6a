"""One certificate, edited from inside the counselor's form (nothing stored on its own).

A certificate needs its number or its date of issue (rule H-K05): an empty
国家心理咨询师二级 added by a stray Enter would count as a level-2 counselor.  The core's
record rules for certificates are shown under their fields as the form is filled.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from cxdesk.checks.engine import field_problems
from cxdesk.reference import CERTIFICATE_KINDS
from cxdesk.services.records import CertificateInput
from cxdesk.ui.shell.date_field import DateField
from cxdesk.ui.shell.entry_dialog import EntryDialog
from cxdesk.ui.shell.typed_fields import CodeEdit
from cxdesk.ui.shell.widgets import CodeCombo


class CertificateDialog(EntryDialog):
    def __init__(self, cert: CertificateInput | None, parent: QWidget | None = None) -> None:
        super().__init__(parent, ok_button=QDialogButtonBox.StandardButton.Ok)
        self.setWindowTitle(self.tr("Certificate"))
        self.setMinimumWidth(560)
        self.kind = CodeCombo(CERTIFICATE_KINDS)
        self.other_name = QLineEdit()
        self.other_name.setMaxLength(100)
        self.other_name.setPlaceholderText(
            self.tr("The certificate's name, when it is not in the list")
        )
        self.number = CodeEdit(max_length=50)
        self.number.setPlaceholderText(self.tr("The number or the date of issue, or both"))
        self.issuer = QLineEdit()
        self.issuer.setMaxLength(100)
        self.issued_on = DateField()
        form = QFormLayout()
        self.add_row(form, self.tr("Kind:"), self.kind, name="kind", required=True)
        self.add_row(form, self.tr("Name (other):"), self.other_name, name="other_name")
        self.add_row(form, self.tr("Number:"), self.number, name="number")
        self.add_row(form, self.tr("Issued by:"), self.issuer, name="issuer")
        self.add_row(form, self.tr("Issued on:"), self.issued_on, name="issued_on")
        self.body.addLayout(form)
        self.checks.use_rules(
            lambda: [(f, m.render()) for f, m in field_problems("certificate", self.certificate())]
        )
        if cert is not None:
            self.kind.set_code(cert.kind)
            self.other_name.setText(cert.other_name or "")
            self.number.setText(cert.number or "")
            self.issuer.setText(cert.issuer or "")
            self.issued_on.set_value(cert.issued_on)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.other_name.setEnabled(self.kind.code() == "other")

    def certificate(self) -> CertificateInput:
        kind = self.kind.code() or ""
        return CertificateInput(
            kind=kind,
            other_name=(self.other_name.text().strip() or None) if kind == "other" else None,
            number=self.number.value(),
            issuer=self.issuer.text().strip() or None,
            issued_on=self.issued_on.value(),
        )
