"""The school's page of the first-start wizard."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from cxdesk.services.setup import init_school
from cxdesk.ui.school_form import SchoolForm
from cxdesk.ui.wizard.base import RoleSetupPage


class SchoolSetupPage(RoleSetupPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your school"))
        self.setSubTitle(
            self.tr(
                "As on the school's registration with the education bureau. You can change everything but the code later."
            )
        )
        self.form = SchoolForm(code_editable=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.form.validity_changed.connect(lambda _valid: self.completeChanged.emit())

    def isComplete(self) -> bool:
        return self.form.is_valid()

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
