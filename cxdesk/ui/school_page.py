"""School: the school's own details (all but the code, which identifies it)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from cxdesk.errors import UserError
from cxdesk.services.setup import update_school
from cxdesk.ui.context import AppContext
from cxdesk.ui.errors import show_error
from cxdesk.ui.page import Page
from cxdesk.ui.school_form import SchoolForm


class SchoolPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        heading = QLabel(self.tr("School information"))
        heading.setObjectName("heading")
        heading.setStyleSheet("font-size: 20px; font-weight: 600;")
        layout.addWidget(heading)
        intro = QLabel(
            self.tr(
                "These details head the summary form and the report. The school code identifies the school and cannot be changed here."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = SchoolForm(code_editable=False)
        self.form.setMaximumWidth(720)
        layout.addWidget(self.form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("Undo my typing"))
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.refresh)
        self.form.validity_changed.connect(self.save_button.setEnabled)
        # Enter in a text field saves, as in the forms (Ctrl+S too).
        for field in (self.form.name, self.form.contact_person, self.form.contact_phone):
            field.returnPressed.connect(self._save_if_valid)

    def _save_if_valid(self) -> None:
        if self.save_button.isEnabled():
            self.save()

    def refresh(self) -> None:
        with self.ctx.db.reading() as session:
            self.form.load(self.ctx.school(session))

    def save(self) -> bool:
        details = self.form.details()

        def action(session: Session) -> None:
            update_school(
                session,
                self.ctx.school(session),
                name=details.name,
                county=details.county,
                kind=details.kind,
                mountain=details.mountain,
                enrolment=details.enrolment,
                contact_person=details.contact_person,
                contact_phone=details.contact_phone,
                boarders=details.boarders,
            )

        try:
            self.ctx.write(action, changed="school")
        except UserError as error:
            show_error(self, error)
            return False
        return True
