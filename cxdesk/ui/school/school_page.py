"""School: the school's own details; the code can be corrected until the first export."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from cxdesk.errors import UserError
from cxdesk.services.school_code import code_change_allowed
from cxdesk.services.setup import update_school
from cxdesk.ui.school.school_code_dialog import SchoolCodeDialog
from cxdesk.ui.school.school_form import SchoolForm
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page


class SchoolPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.code_dialog: SchoolCodeDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        heading = QLabel(self.tr("School information"))
        heading.setObjectName("heading")
        heading.setStyleSheet("font-size: 20px; font-weight: 600;")
        layout.addWidget(heading)
        intro = QLabel(
            self.tr(
                "These details head the summary form and the report. The school code identifies the school: it can be corrected until the first report package is exported."
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
        self.save_button.setToolTip(self.tr("Enter or Ctrl+S"))
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("Undo my typing"))
        self.code_button = QPushButton(self.tr("Change the school code…"))
        self.code_button.setObjectName("change_code")
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.code_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.reason = QLabel()
        self.reason.setObjectName("save_reason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: palette(dark);")
        layout.addWidget(self.reason)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.refresh)
        self.code_button.clicked.connect(self.change_code)
        self.form.checks.checked.connect(self._checked)
        # Enter in a field saves, as in the forms (Ctrl+S too).
        for field in (
            self.form.name,
            self.form.enrolment,
            self.form.contact_person,
            self.form.contact_phone,
        ):
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.save_or_explain()
            return True
        return super().eventFilter(watched, event)

    def _checked(self) -> None:
        problems = self.form.checks.last_problems
        valid = not problems
        reason = self.form.checks.summary(problems)
        if self.save_button.isEnabled() != valid:
            self.save_button.setEnabled(valid)
        if self.reason.text() != reason:
            self.reason.setText(reason)

    def save_or_explain(self) -> None:
        first = self.form.checks.explain() if not self.form.checks.is_valid() else None
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.save()

    def refresh(self) -> None:
        with self.ctx.db.reading() as session:
            self.form.load(self.ctx.school(session))
            allowed = code_change_allowed(session)
        self.code_button.setEnabled(allowed)
        self.code_button.setToolTip(
            self.tr("Until the first report package is exported")
            if allowed
            else self.tr("A report package was exported: the code can no longer change.")
        )

    def change_code(self) -> None:
        dialog = SchoolCodeDialog(
            self.ctx, current=self.form.code.text(), kind=self.form.kind.code() or "", parent=self
        )
        self.code_dialog = dialog
        dialog.accepted.connect(self.refresh)
        dialog.open()

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
            self.ctx.write(action)
        except UserError as error:
            show_error(self, error)
            return False
        return True
