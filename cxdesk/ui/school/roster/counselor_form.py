"""The counselor's form: personal details, post, and certificates, saved together."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cxdesk import i18n
from cxdesk.checks.engine import field_problems
from cxdesk.models import Counselor
from cxdesk.reference import (
    CERTIFICATE_KINDS,
    COUNSELOR_STATUSES,
    EDUCATION_LEVELS,
    ETHNIC_GROUPS,
    GENDERS,
    POST_TYPES,
    STUDIO_ROLES,
    SUBJECTS,
    TITLES,
)
from cxdesk.services.counselors import (
    add_counselor,
    counselor_input,
    get_counselor,
    update_counselor,
)
from cxdesk.services.records import CertificateInput, CounselorInput
from cxdesk.ui.school.roster.certificate_dialog import CertificateDialog
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.date_field import DateField, years_ago
from cxdesk.ui.shell.form_dialog import FormDialog
from cxdesk.ui.shell.table_model import Column, RowTableModel
from cxdesk.ui.shell.typed_fields import CodeEdit
from cxdesk.ui.shell.widgets import CodeCombo
from cxdesk.validation import check_identity_number, identity_info


class CounselorForm(FormDialog):
    """Add (``counselor_id`` None) or edit a counselor."""

    def __init__(
        self, ctx: AppContext, counselor_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "counselor", parent)
        # What the identity number filled in (a later number may replace it, not a typed one).
        self._filled_birth: date | None = None
        self._filled_gender: str | None = None
        self.counselor_id = counselor_id
        self.setWindowTitle(
            self.tr("New counselor") if counselor_id is None else self.tr("Counselor")
        )
        self.resize(920, 600)

        # -- person -------------------------------------------------------------------
        self.name = QLineEdit()
        self.name.setMaxLength(50)
        self.identity_number = CodeEdit(r"[0-9]{0,17}[0-9Xx]?", max_length=18, upper=True)
        self.identity_number.setPlaceholderText(
            self.tr("18 characters; birth date and gender are read from it")
        )
        self.gender = CodeCombo(GENDERS, optional=True)
        self.birth_date = DateField(calendar_start=years_ago(35))
        self.ethnic_group = CodeCombo(ETHNIC_GROUPS, optional=True)
        self.education = CodeCombo(EDUCATION_LEVELS, optional=True)
        self.psychology_degree = QCheckBox(self.tr("Degree in psychology"))
        person = QGroupBox(self.tr("Person"))
        person_form = QFormLayout(person)
        self.add_row(person_form, self.tr("Name:"), self.name, name="name", required=True)
        self.identity_hint = self.add_row(
            person_form,
            self.tr("Identity number:"),
            self.identity_number,
            name="identity_number",
            check=self._identity_problem,
            note=self._identity_note,
        )
        self.identity_hint.setObjectName("identity_hint")
        self.add_row(person_form, self.tr("Gender:"), self.gender, name="gender")
        self.add_row(person_form, self.tr("Birth date:"), self.birth_date, name="birth_date")
        self.add_row(person_form, self.tr("Ethnic group:"), self.ethnic_group, name="ethnic_group")
        self.add_row(person_form, self.tr("Education:"), self.education, name="education")
        person_form.addRow("", self.psychology_degree)

        # -- post ---------------------------------------------------------------------
        self.post_type = CodeCombo(POST_TYPES)
        self.main_subject = CodeCombo(SUBJECTS, optional=True)
        self.title = CodeCombo(TITLES, optional=True)
        self.start_date = DateField()
        self.recruited_as_psych = QCheckBox(self.tr("Recruited as a psychological-health teacher"))
        self.studio_role = CodeCombo(STUDIO_ROLES)
        self.status = CodeCombo(COUNSELOR_STATUSES)
        self.left_date = DateField()
        post = QGroupBox(self.tr("Post"))
        post_form = QFormLayout(post)
        self.add_row(post_form, self.tr("Post type:"), self.post_type, name="post_type")
        self.add_row(
            post_form, self.tr("Main subject taught:"), self.main_subject, name="main_subject"
        )
        self.add_row(post_form, self.tr("Professional title:"), self.title, name="title")
        self.add_row(post_form, self.tr("In this post since:"), self.start_date, name="start_date")
        post_form.addRow("", self.recruited_as_psych)
        self.add_row(post_form, self.tr("Prefecture studio:"), self.studio_role, name="studio_role")
        self.add_row(post_form, self.tr("Status:"), self.status, name="status")
        self.add_row(post_form, self.tr("Left on:"), self.left_date, name="left_date")

        columns_row = QHBoxLayout()
        columns_row.addWidget(person, 1)
        columns_row.addWidget(post, 1)
        self.body.addLayout(columns_row)

        # -- certificates -------------------------------------------------------------
        lang = i18n.current_language()
        self.certificates: RowTableModel[CertificateInput] = RowTableModel(
            [
                Column(
                    self.tr("Certificate"),
                    lambda c: (
                        c.other_name
                        if c.kind == "other" and c.other_name
                        else CERTIFICATE_KINDS.label(c.kind, lang)
                    ),
                ),
                Column(self.tr("Number"), lambda c: c.number or ""),
                Column(self.tr("Issued by"), lambda c: c.issuer or ""),
                Column(
                    self.tr("Issued on"), lambda c: c.issued_on.isoformat() if c.issued_on else ""
                ),
            ],
            self,
        )
        self.cert_table = QTableView()
        self.cert_table.setObjectName("certificates")
        self.cert_table.setModel(self.certificates)
        self.cert_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cert_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cert_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cert_table.verticalHeader().setVisible(False)
        self.cert_table.setTabKeyNavigation(False)  # Tab leaves the table
        header = self.cert_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.cert_table.setMinimumHeight(110)
        self.add_cert = QPushButton(self.tr("Add certificate…"))
        self.edit_cert = QPushButton(self.tr("Change…"))
        self.remove_cert = QPushButton(self.tr("Remove"))
        certs = QGroupBox(self.tr("Certificates"))
        certs_layout = QHBoxLayout(certs)
        certs_layout.addWidget(self.cert_table, 1)
        cert_buttons = QVBoxLayout()
        for button in (self.add_cert, self.edit_cert, self.remove_cert):
            cert_buttons.addWidget(button)
        cert_buttons.addStretch(1)
        certs_layout.addLayout(cert_buttons)
        self.body.addWidget(certs, 1)

        for key in ("kind", "other_name", "number", "issued_on"):
            self.fields[key] = self.cert_table  # a certificate's finding opens the list
        self.checks.use_rules(
            lambda: [(f, m.render()) for f, m in field_problems("counselor", self.counselor_data())]
        )

        self.identity_number.textChanged.connect(self._identity_typed)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.add_cert.clicked.connect(self._add_certificate)
        self.edit_cert.clicked.connect(self._edit_certificate)
        self.remove_cert.clicked.connect(self._remove_certificate)
        self.cert_table.doubleClicked.connect(lambda _i: self._edit_certificate())

        if counselor_id is not None:
            with ctx.db.reading() as session:
                self.load(counselor_input(get_counselor(session, counselor_id)))
        else:
            self.post_type.set_code("part_time")
        self.show_return_comments(counselor_id)
        self._status_changed()

    # -- loading and reading --------------------------------------------------------------

    def load(self, data: CounselorInput) -> None:
        self.name.setText(data.name)
        self.identity_number.setText(data.identity_number or "")
        self.gender.set_code(data.gender)
        self.birth_date.set_value(data.birth_date)
        self.ethnic_group.set_code(data.ethnic_group)
        self.education.set_code(data.education)
        self.psychology_degree.setChecked(data.psychology_degree)
        self.post_type.set_code(data.post_type)
        self.main_subject.set_code(data.main_subject)
        self.title.set_code(data.title)
        self.start_date.set_value(data.start_date)
        self.recruited_as_psych.setChecked(data.recruited_as_psych)
        self.studio_role.set_code(data.studio_role)
        self.status.set_code(data.status)
        self.left_date.set_value(data.left_date)
        self.certificates.set_rows(data.certificates)

    def counselor_data(self) -> CounselorInput:
        return CounselorInput(
            name=self.name.text().strip(),
            post_type=self.post_type.code() or "",
            gender=self.gender.code(),
            ethnic_group=self.ethnic_group.code(),
            identity_number=self.identity_number.text().strip() or None,
            birth_date=self.birth_date.value(),
            main_subject=self.main_subject.code(),
            education=self.education.code(),
            psychology_degree=self.psychology_degree.isChecked(),
            title=self.title.code(),
            start_date=self.start_date.value(),
            recruited_as_psych=self.recruited_as_psych.isChecked(),
            studio_role=self.studio_role.code() or "none",
            status=self.status.code() or "in_post",
            left_date=self.left_date.value() if self.status.code() == "left" else None,
            certificates=list(self.certificates.rows),
        )

    def store(self, session: Session) -> Counselor:
        data = self.counselor_data()
        if self.counselor_id is None:
            return add_counselor(session, school_id=self.ctx.require_school_id(), data=data)
        return update_counselor(session, counselor_id=self.counselor_id, data=data)

    # -- reactions --------------------------------------------------------------------

    def _identity_problem(self) -> str | None:
        text = self.identity_number.text().strip()
        problem = check_identity_number(text) if text else None
        return problem.render() if problem is not None else None

    def _identity_note(self) -> str | None:
        info = identity_info(self.identity_number.text().strip())
        if info is None:
            return None
        return self.tr("Valid: born {date}, {gender}.").format(
            date=info.birth_date.isoformat(),
            gender=GENDERS.label(info.gender, i18n.current_language()),
        )

    def _identity_typed(self, text: str) -> None:
        """A valid number fills the birth date and gender, but never over what was typed."""
        info = identity_info(text.strip())
        if info is None:
            return
        if self.birth_date.value() in (None, self._filled_birth):
            self.birth_date.set_value(info.birth_date)
            self._filled_birth = info.birth_date
        if self.gender.code() in (None, self._filled_gender):
            self.gender.set_code(info.gender)
            self._filled_gender = info.gender

    def identity_valid(self) -> bool:
        return self._identity_problem() is None

    def _status_changed(self) -> None:
        self.left_date.setEnabled(self.status.code() == "left")

    def _selected_cert_row(self) -> int | None:
        rows = self.cert_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _add_certificate(self) -> None:
        self._open_certificate(None)

    def _edit_certificate(self) -> None:
        row = self._selected_cert_row()
        if row is not None:
            self._open_certificate(row)

    def _open_certificate(self, row: int | None) -> None:
        """Open the certificate dialog (window-modal, not blocking: tests can drive it)."""
        current = self.certificates.rows[row] if row is not None else None
        self.cert_dialog = CertificateDialog(current, self)

        def accepted() -> None:
            rows = list(self.certificates.rows)
            if row is None:
                rows.append(self.cert_dialog.certificate())
            else:
                rows[row] = self.cert_dialog.certificate()
            self.certificates.set_rows(rows)

        self.cert_dialog.accepted.connect(accepted)
        self.cert_dialog.open()

    def _remove_certificate(self) -> None:
        row = self._selected_cert_row()
        if row is not None:
            rows = list(self.certificates.rows)
            del rows[row]
            self.certificates.set_rows(rows)
