"""The school's details as a form: used by the first-start wizard and the school page."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from cxdesk.i18n import current_language
from cxdesk.models import School
from cxdesk.reference import COUNTIES, SCHOOL_CODE_KIND_PREFIXES, SCHOOL_KINDS
from cxdesk.ui.shell.field_checks import FieldChecks
from cxdesk.ui.shell.typed_fields import CodeEdit, NumberField
from cxdesk.ui.shell.widgets import CodeCombo
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


def kind_mismatch(code: str, kind: str | None) -> tuple[str, list[str]] | None:
    """The code's prefix and the kinds it stands for, when ``kind`` is not one of them."""
    kinds = SCHOOL_CODE_KIND_PREFIXES.get(code[:2])
    if kinds is None or kind is None or kind in kinds:
        return None
    return code[:2], list(kinds)


class SchoolForm(QWidget):
    """Code (checked as typed), name, county, kind, mountain flag, enrolment, contact.

    Required fields are marked; what is wrong is said under its field (``checks``), and a
    code whose first two digits do not fit the kind is pointed out next to the kind.
    """

    # Whether what is typed can be saved changed. Argument: True when it can.
    validity_changed = Signal(bool)

    def __init__(self, *, code_editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = CodeEdit(r"[0-9]{0,10}", max_length=10)
        self.code.setPlaceholderText(self.tr("10 digits, e.g. 2153230001"))
        self.code.setReadOnly(not code_editable)
        self.code.setEnabled(code_editable)  # shown greyed: it identifies the school
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.name.setPlaceholderText(self.tr("Full name as on the school's seal"))
        self.county = CodeCombo(COUNTIES)
        self.kind = CodeCombo(SCHOOL_KINDS)
        self.mountain = QCheckBox(self.tr("The school is in a mountain area"))
        self.enrolment = NumberField()
        self.enrolment.setRange(0, 20000)
        self.enrolment.setSuffix(self.tr(" pupils"))
        self.enrolment.setSpecialValueText(self.tr("not given"))
        # Pupils who board: some standards ask more of boarding schools (docs/standards.md).
        self.boarders = NumberField()
        self.boarders.setRange(-1, 20000)
        self.boarders.setSuffix(self.tr(" boarders"))
        self.boarders.setSpecialValueText(self.tr("not given"))
        self.boarders.setValue(-1)
        self.contact_person = QLineEdit()
        self.contact_person.setMaxLength(50)
        self.contact_phone = CodeEdit(max_length=30)

        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.checks = FieldChecks(self)
        self.code_hint = self.checks.add_row(
            self.form,
            self.tr("School code:"),
            self.code,
            required=code_editable,
            check=self._code_problem,
        )
        self.checks.add_row(self.form, self.tr("School name:"), self.name, required=True)
        self.checks.add_row(self.form, self.tr("County:"), self.county, required=True)
        self.kind_hint = self.checks.add_row(
            self.form,
            self.tr("Kind of school:"),
            self.kind,
            required=True,
            warning=self.kind_warning,
        )
        self.checks.watch(self.code)  # the kind is compared with the code
        self.form.addRow("", self.mountain)
        self.checks.add_row(self.form, self.tr("Pupils enrolled:"), self.enrolment)
        self.checks.add_row(self.form, self.tr("Boarders:"), self.boarders)
        self.checks.add_row(self.form, self.tr("Contact person:"), self.contact_person)
        self.phone_hint = self.checks.add_row(
            self.form, self.tr("Contact phone:"), self.contact_phone, check=self._phone_problem
        )
        self.checks.validity_changed.connect(self.validity_changed)

    def _code_problem(self) -> str | None:
        code = self.code.text().strip()
        problem = check_school_code(code) if code else None
        return problem.render() if problem is not None else None

    def _phone_problem(self) -> str | None:
        phone = self.contact_phone.text().strip()
        problem = check_phone(phone) if phone else None
        return problem.render() if problem is not None else None

    def kind_warning(self) -> str | None:
        mismatch = kind_mismatch(self.code.text().strip(), self.kind.code())
        if mismatch is None:
            return None
        prefix, kinds = mismatch
        return self.tr(
            "The code starts with {prefix}, which stands for {kinds}, not {kind}: check the code and the kind."
        ).format(
            prefix=prefix,
            kinds=self.tr(", ").join(self.kind.codes.label(k, current_language()) for k in kinds),
            kind=self.kind.currentText(),
        )

    def is_valid(self) -> bool:
        return bool(self.code.text().strip()) and self.checks.is_valid()

    def details(self) -> SchoolDetails:
        return SchoolDetails(
            code=self.code.text().strip(),
            name=self.name.text().strip(),
            county=self.county.code() or "",
            kind=self.kind.code() or "",
            mountain=self.mountain.isChecked(),
            enrolment=self.enrolment.value() or None,
            contact_person=self.contact_person.text().strip() or None,
            contact_phone=self.contact_phone.value(),
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
        self.checks.update()
