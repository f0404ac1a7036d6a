"""One certificate, edited from inside the counselor's form (nothing stored on its own)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from cxdesk.checks import record_problems
from cxdesk.reference import CERTIFICATE_KINDS
from cxdesk.services.records import CertificateInput
from cxdesk.ui.widgets import CodeCombo, DateField, FieldHint


class CertificateDialog(QDialog):
    def __init__(self, cert: CertificateInput | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Certificate"))
        self.setMinimumWidth(520)
        self.kind = CodeCombo(CERTIFICATE_KINDS)
        self.other_name = QLineEdit()
        self.other_name.setMaxLength(100)
        self.other_name.setPlaceholderText(
            self.tr("The certificate's name, when it is not in the list")
        )
        self.number = QLineEdit()
        self.number.setMaxLength(50)
        self.issuer = QLineEdit()
        self.issuer.setMaxLength(100)
        self.issued_on = DateField()
        self.hint = FieldHint()
        form = QFormLayout(self)
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Name (other):"), self.other_name)
        form.addRow(self.tr("Number:"), self.number)
        form.addRow(self.tr("Issued by:"), self.issuer)
        form.addRow(self.tr("Issued on:"), self.issued_on)
        form.addRow("", self.hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
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
            number=self.number.text().strip() or None,
            issuer=self.issuer.text().strip() or None,
            issued_on=self.issued_on.value(),
        )

    def accept(self) -> None:
        problems = record_problems("certificate", self.certificate())
        if problems:
            self.hint.show_problem("\n".join(p.render() for p in problems))
            return
        super().accept()
