"""The school's pages of the first-start wizard: the details, then the code shown back."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget, QWizardPage
from sqlalchemy.orm import Session

from cxdesk.i18n import current_language
from cxdesk.reference import COUNTIES, SCHOOL_KINDS
from cxdesk.services.setup import init_school
from cxdesk.ui.school.school_form import SchoolForm
from cxdesk.ui.shell.wizard.base import RoleSetupPage


class SchoolSetupPage(RoleSetupPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your school"))
        self.setSubTitle(
            self.tr(
                "As on the school's registration with the education bureau. Everything but the code can be changed later; the code only until the first report is exported."
            )
        )
        self.form = SchoolForm(code_editable=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.form.validity_changed.connect(lambda _valid: self.completeChanged.emit())
        self.confirm = SchoolConfirmPage(self.form)

    def isComplete(self) -> bool:
        return self.form.is_valid()

    def confirmation_page(self) -> QWizardPage:
        return self.confirm

    def save(self, session: Session) -> None:
        d = self.form.details()
        init_school(
            session,
            code=d.code,
            name=d.name,
            county=d.county,
            kind=d.kind,
            mountain=d.mountain,
            enrolment=d.enrolment,
            contact_person=d.contact_person,
            contact_phone=d.contact_phone,
            boarders=d.boarders,
        )


def spaced_code(code: str) -> str:
    """21 53 230007: kind, province, sequence, as the code is made."""
    return f"{code[:2]} {code[2:4]} {code[4:]}" if len(code) == 10 else code


class SchoolConfirmPage(QWizardPage):
    """The school code large, with what its digits say, next to the other details."""

    def __init__(self, form: SchoolForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.setTitle(self.tr("Check the school code"))
        self.setSubTitle(
            self.tr(
                "The code identifies the school's report packages. Compare it digit by digit with the code the education bureau gave the school."
            )
        )
        self.code = QLabel()
        self.code.setObjectName("confirm_code")
        self.code.setStyleSheet("font-size: 30px; font-weight: 600; letter-spacing: 2px;")
        self.meaning = QLabel()
        self.meaning.setObjectName("confirm_meaning")
        self.meaning.setWordWrap(True)
        self.name = QLabel()
        self.county = QLabel()
        self.kind = QLabel()
        self.warning = QLabel()
        self.warning.setObjectName("confirm_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #9a5b00;")
        details = QFormLayout()
        details.addRow(self.tr("School name:"), self.name)
        details.addRow(self.tr("County:"), self.county)
        details.addRow(self.tr("Kind of school:"), self.kind)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code)
        layout.addWidget(self.meaning)
        layout.addSpacing(12)
        layout.addLayout(details)
        layout.addWidget(self.warning)
        layout.addSpacing(12)
        note = QLabel(
            self.tr(
                "If the code is wrong, press Back and correct it. It can still be corrected on the School page until the first report package is exported."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)

    def initializePage(self) -> None:
        d = self.form.details()
        lang = current_language()
        self.code.setText(spaced_code(d.code))
        self.meaning.setText(
            self.tr(
                "{prefix}: the kind of school · 53: Yunnan · {sequence}: the school's number"
            ).format(prefix=d.code[:2], sequence=d.code[4:])
        )
        self.name.setText(d.name)
        self.county.setText(COUNTIES.label(d.county, lang))
        self.kind.setText(SCHOOL_KINDS.label(d.kind, lang))
        warning = self.form.kind_warning() or ""
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))

    def nextId(self) -> int:
        return -1
