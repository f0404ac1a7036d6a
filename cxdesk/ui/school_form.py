"""The school's details as a form: used by the first-start wizard and the school page."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from cxdesk.models import School
from cxdesk.reference import COUNTIES, SCHOOL_KINDS
from cxdesk.ui.widgets import CodeCombo, FieldHint
from cxdesk.validation import check_phone, check_school_code


@dataclass
class SchoolDetails:
    code: str
    name: str
    county: str
    kind: str
    mountain: bool
    enrolment: int | None
    contact_person: str | None
    contact_phone: str | None
    boarders: int | None = None


class SchoolForm(QWidget):
    """Code (checked as typed), name, county, kind, mountain flag, enrolment, contact."""

    # Whether what is typed can be saved changed. Argument: True when it can.
    validity_changed = Signal(bool)

    def __init__(self, *, code_editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QLineEdit()
        self.code.setMaxLength(10)
        self.code.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,10}")))
        self.code.setPlaceholderText(self.tr("10 digits, e.g. 2153230001"))
        self.code.setReadOnly(not code_editable)
        self.code.setEnabled(code_editable)  # shown greyed: it identifies the school
        self.code_hint = FieldHint()
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.name.setPlaceholderText(self.tr("Full name as on the school's seal"))
        self.county = CodeCombo(COUNTIES)
        self.kind = CodeCombo(SCHOOL_KINDS)
        self.mountain = QCheckBox(self.tr("The school is in a mountain area"))
        self.enrolment = QSpinBox()
        self.enrolment.setRange(0, 20000)
        self.enrolment.setSuffix(self.tr(" pupils"))
        self.enrolment.setSpecialValueText(self.tr("not given"))
        # Pupils who board: some standards ask more of boarding schools (docs/standards.md).
        self.boarders = QSpinBox()
        self.boarders.setRange(-1, 20000)
        self.boarders.setSuffix(self.tr(" boarders"))
        self.boarders.setSpecialValueText(self.tr("not given"))
        self.boarders.setValue(-1)
        self.contact_person = QLineEdit()
        self.contact_person.setMaxLength(50)
        self.contact_phone = QLineEdit()
        self.contact_phone.setMaxLength(30)
        self.phone_hint = FieldHint()

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("School code:"), self.code)
        form.addRow("", self.code_hint)
        form.addRow(self.tr("School name:"), self.name)
        form.addRow(self.tr("County:"), self.county)
        form.addRow(self.tr("Kind of school:"), self.kind)
        form.addRow("", self.mountain)
        form.addRow(self.tr("Pupils enrolled:"), self.enrolment)
        form.addRow(self.tr("Boarders:"), self.boarders)
        form.addRow(self.tr("Contact person:"), self.contact_person)
        form.addRow(self.tr("Contact phone:"), self.contact_phone)
        form.addRow("", self.phone_hint)

        self.code.textChanged.connect(self._check)
        self.name.textChanged.connect(self._check)
        self.contact_phone.textChanged.connect(self._check)

    def _check(self) -> None:
        code = self.code.text().strip()
        problem = check_school_code(code) if code else None
        self.code_hint.show_problem(problem.render() if problem else None)
        phone = self.contact_phone.text().strip()
        phone_problem = check_phone(phone) if phone else None
        self.phone_hint.show_problem(phone_problem.render() if phone_problem else None)
        self.validity_changed.emit(self.is_valid())

    def is_valid(self) -> bool:
        code = self.code.text().strip()
        phone = self.contact_phone.text().strip()
        return (
            bool(code)
            and check_school_code(code) is None
            and bool(self.name.text().strip())
            and (not phone or check_phone(phone) is None)
        )

    def details(self) -> SchoolDetails:
        return SchoolDetails(
            code=self.code.text().strip(),
            name=self.name.text().strip(),
            county=self.county.code() or "",
            kind=self.kind.code() or "",
            mountain=self.mountain.isChecked(),
            enrolment=self.enrolment.value() or None,
            contact_person=self.contact_person.text().strip() or None,
            contact_phone=self.contact_phone.text().strip() or None,
            boarders=None if self.boarders.value() < 0 else self.boarders.value(),
        )

    def load(self, school: School) -> None:
        self.code.setText(school.code)
        self.name.setText(school.name)
        self.county.set_code(school.county_code)
        self.kind.set_code(school.kind)
        self.mountain.setChecked(school.mountain)
        self.enrolment.setValue(school.enrolment or 0)
        self.boarders.setValue(-1 if school.boarders is None else school.boarders)
        self.contact_person.setText(school.contact_person or "")
        self.contact_phone.setText(school.contact_phone or "")
        self._check()
