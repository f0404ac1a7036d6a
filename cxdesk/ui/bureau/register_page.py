"""The school register: the schools the bureau expects a package from.

Loaded from Excel in the core's layout (:func:`cxdesk.bureau.register.read_register_xlsx`,
columns 学校标识码, 学校名称, 县市, 学校类别, 联系人, 联系电话), listed, edited one school
at a time, and written back to Excel (also as the template to fill).
"""

from __future__ import annotations

from pathlib import Path

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

from cxdesk import reference as ref
from cxdesk.bureau.register import (
    RegisterRow,
    load_register,
    read_register_xlsx,
    register_entries,
    remove_register_entry,
    save_register_entry,
    write_register_xlsx,
)
from cxdesk.errors import UserError
from cxdesk.i18n import current_language
from cxdesk.services.bureaus import own_bureau
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.common import heading, hint, table_view
from cxdesk.ui.bureau.held_actions import reevaluate_in_background
from cxdesk.ui.bureau.register_model import RegisterModel
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.table_model import SearchProxy
from cxdesk.ui.shell.widgets import CodeCombo

EXCEL_FILTER = "Excel (*.xlsx)"


class RegisterEntryDialog(QDialog):
    """Add a school to the register or change one (the code is fixed once stored)."""

    def __init__(self, row: RegisterRow | None, county: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change the school") if row else self.tr("Add a school"))
        self.code = QLineEdit(row.code if row else "")
        self.code.setObjectName("code")
        self.code.setMaxLength(10)
        self.code.setReadOnly(row is not None)
        self.name = QLineEdit(row.name if row else "")
        self.name.setObjectName("name")
        self.county = CodeCombo(ref.COUNTIES)
        self.county.setObjectName("county")
        self.county.set_code(row.county_code if row else county)
        self.county.setEnabled(county is None)  # a county registers its own schools only
        self.kind = CodeCombo(ref.SCHOOL_KINDS)
        self.kind.setObjectName("kind")
        self.kind.set_code(row.kind if row else None)
        self.contact = QLineEdit((row.contact_person or "") if row else "")
        self.contact.setObjectName("contact_person")
        self.phone = QLineEdit((row.contact_phone or "") if row else "")
        self.phone.setObjectName("contact_phone")
        form = QFormLayout(self)
        form.addRow(self.tr("School code"), self.code)
        form.addRow(self.tr("School name"), self.name)
        form.addRow(self.tr("County"), self.county)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Contact person"), self.contact)
        form.addRow(self.tr("Phone"), self.phone)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self, values: dict[str, str]) -> bool:
        """Store ``values``; the page sets this.  False keeps the dialog open."""
        return False

    def accept(self) -> None:
        if self.save(self.values()):
            super().accept()

    def values(self) -> dict[str, str]:
        return {
            "code": self.code.text().strip(),
            "name": self.name.text().strip(),
            "county_code": self.county.code() or "",
            "kind": self.kind.code() or "",
            "contact_person": self.contact.text().strip(),
            "contact_phone": self.phone.text().strip(),
        }


class RegisterPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.county: str | None = None
        self.model = RegisterModel(self)
        self.proxy = SearchProxy(self.model, self)
        self.view = table_view(self.proxy)
        self.view.setObjectName("register")
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search code, name, contact…"))
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.count = QLabel()
        self.count.setObjectName("register_count")
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("load_register", self.tr("Load from Excel…"), self.load_excel),
            ("export_register", self.tr("Write to Excel…"), self.export_excel),
            ("add_school", self.tr("Add…"), self.add),
            ("edit_school", self.tr("Change…"), self.edit_selected),
            ("remove_school", self.tr("Remove"), self.remove_selected),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            setattr(self, f"{name}_button", button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("School register")))
        layout.addWidget(
            hint(
                self.tr(
                    "The schools expected to report. The Excel file has a header row with the columns 学校标识码, 学校名称, 县市, 学校类别, 联系人, 联系电话 (write the register to Excel to get the layout). Loading checks every row first and changes nothing if one is wrong."
                )
            )
        )
        layout.addLayout(buttons)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)

    def refresh(self) -> None:
        try:
            with self.ctx.db.reading() as session:
                self.county = own_bureau(session).county_code
                rows = register_entries(session, county_code=self.county)
        except UserError as error:
            show_error(self, error)
            return
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.count.setText(self.tr("{count} school(s) in the register").format(count=len(rows)))

    def selected(self) -> RegisterRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def load_excel(self) -> None:
        files = common.choose_open_files(
            self, self.tr("Load the register"), EXCEL_FILTER, "register_load"
        )
        if not files:
            return
        try:
            rows = read_register_xlsx(Path(files[0]))
            count = self.ctx.write(lambda s: load_register(s, rows))
        except UserError as error:
            show_error(self, error)
            return
        self.refresh()
        self.count.setText(self.tr("Loaded {count} schools.").format(count=count))
        reevaluate_in_background(self, self.ctx)  # the register decides the held ones too

    def export_excel(self) -> None:
        rows = list(self.model.rows)
        target = common.export_file(
            self,
            lambda target: write_register_xlsx(target, rows, lang=current_language()),
            title=self.tr("Write the register"),
            suggested=self.tr("register") + ".xlsx",
            name_filter=EXCEL_FILTER,
            suffix=".xlsx",
            action="register_write",
        )
        if target is not None:
            self.count.setText(self.tr("Written to {path}.").format(path=target))

    def add(self) -> None:
        self._edit(None)

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._edit(row)

    def _edit(self, row: RegisterRow | None) -> None:
        dialog = RegisterEntryDialog(row, self.county, self)
        dialog.save = self._save  # type: ignore[method-assign]
        if common.ask(dialog) == QDialog.DialogCode.Accepted:
            self.refresh()

    def _save(self, values: dict[str, str]) -> bool:
        try:
            self.ctx.write(lambda s: save_register_entry(s, row=values))
        except UserError as error:
            show_error(self, error)
            return False
        reevaluate_in_background(self, self.ctx)  # the register decides the held ones too
        return True

    def remove_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        from cxdesk.ui.shell.record_page import confirm

        if not confirm(
            self,
            self.tr("Remove from the register"),
            self.tr("Remove {code} {name} from the register? Packages it sent are kept.").format(
                code=row.code, name=row.name
            ),
        ):
            return
        try:
            self.ctx.write(lambda s: remove_register_entry(s, code=row.code))
        except UserError as error:
            show_error(self, error)
            return
        self.refresh()
        reevaluate_in_background(self, self.ctx)  # the register decides the held ones too
