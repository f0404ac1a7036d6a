"""Standards (达标标准): the national ones and the bureau's own, switched on or off.

A bureau switches any standard off or on, adds its own (a province or prefecture target)
and removes its own; a county adopts the prefecture's set from its file.  "Template for
schools" writes the data-entry workbook with the bureau's set in it: a school that
imports it measures itself against the same targets (docs/standards.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.errors import InputError, UserError
from cxdesk.i18n import Text, current_language
from cxdesk.standards.catalogue import (
    CERTAINTIES,
    LEVELS,
    StandardDef,
    add_standard,
    list_standards,
    origin_label,
    remove_standard,
    set_enabled,
)
from cxdesk.standards.standard_set import adopt_standard_set, current_set, parse_standard_set
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.common import cannot_write, heading, hint
from cxdesk.ui.bureau.compliance_model import standard_tooltip
from cxdesk.ui.bureau.standard_dialog import StandardDialog
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.table_model import Column, RowTableModel
from cxdesk.ui.shell.table_view import FittedTableView

CANNOT_READ = Text("无法读取“{path}”：{reason}", "Cannot read {path}: {reason}")


class StandardsModel(RowTableModel[StandardDef]):
    def __init__(self, parent: QWidget | None = None) -> None:
        lang = current_language()
        columns: list[Column[StandardDef]] = [
            Column(
                QCoreApplication.translate("BureauStandards", "On"),
                lambda s: (
                    QCoreApplication.translate("BureauStandards", "on")
                    if s.enabled
                    else QCoreApplication.translate("BureauStandards", "off")
                ),
            ),
            Column(
                QCoreApplication.translate("BureauStandards", "Standard"),
                lambda s: s.label(lang),
                tooltip=standard_tooltip,
            ),
            Column(
                QCoreApplication.translate("BureauStandards", "Rule"),
                lambda s: s.rule_text().render(lang),
            ),
            Column(
                QCoreApplication.translate("BureauStandards", "Target"),
                lambda s: "" if s.target_pct is None else f"{s.target_pct}%",
                lambda s: s.target_pct or 0,
                align_right=True,
            ),
            Column(
                QCoreApplication.translate("BureauStandards", "Level"),
                lambda s: LEVELS.label(s.level, lang),
            ),
            Column(
                QCoreApplication.translate("BureauStandards", "From"),
                lambda s: s.applies_from.isoformat(),
                whole=True,
            ),
            Column(
                QCoreApplication.translate("BureauStandards", "Schools"),
                lambda s: (
                    "、".join(ref.SCHOOL_KINDS.label(k, lang) for k in s.school_kinds)
                    or QCoreApplication.translate("BureauStandards", "all")
                ),
            ),
            Column(
                QCoreApplication.translate("BureauStandards", "How sure"),
                lambda s: CERTAINTIES.label(s.certainty, lang),
            ),
            Column(
                QCoreApplication.translate("BureauStandards", "Origin"),
                lambda s: origin_label(s.origin, lang),
            ),
            Column(
                QCoreApplication.translate("BureauStandards", "Source"),
                lambda s: s.source,
                tooltip=lambda s: s.source,
            ),
        ]
        super().__init__(columns, parent, row_colour=lambda s: None if s.enabled else "#eeeeee")


class StandardsPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.own_code = ""
        self.model = StandardsModel(self)
        # Columns fitted to the window (long names and sources cut with "…", whole in the
        # tooltip): no sideways scrolling at 1366×768.
        self.view = FittedTableView()
        self.view.setModel(self.model)
        self.view.setObjectName("standards_table")
        self.view.setSortingEnabled(False)  # in the set's order
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.switch_button = QPushButton(self.tr("Switch off"))
        self.switch_button.setObjectName("switch_standard")
        self.switch_button.clicked.connect(self.switch)
        self.add_button = QPushButton(self.tr("Add a standard…"))
        self.add_button.setObjectName("add_standard")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("remove_standard")
        self.remove_button.clicked.connect(self.remove)
        self.template_button = QPushButton(self.tr("Template for schools…"))
        self.template_button.setObjectName("standards_template")
        self.template_button.clicked.connect(self.write_template)
        self.export_button = QPushButton(self.tr("Export the set…"))
        self.export_button.setObjectName("export_standards")
        self.export_button.clicked.connect(self.export)
        self.adopt_button = QPushButton(self.tr("Adopt the prefecture's set…"))
        self.adopt_button.setObjectName("adopt_standards")
        self.adopt_button.clicked.connect(self.adopt)
        self.adopt_button.setVisible(ctx.role == "county")
        self.status = QLabel()
        self.status.setObjectName("standards_status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.switch_button, self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.adopt_button, self.export_button, self.template_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Standards")))
        layout.addWidget(
            hint(
                self.tr(
                    "What schools are measured against. The national ones come with cxdesk; switch off those that do not apply, add your province's or prefecture's own. The template for schools carries this list: a school that imports it sees the same targets."
                )
            )
        )
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

    def refresh(self) -> None:
        from cxdesk.services.setup import get_installation

        chosen = self.selected()
        key = chosen.key if chosen else None
        with self.ctx.db.reading() as session:
            self.own_code = get_installation(session).code
            self.model.set_rows(list_standards(session))
        for row, standard in enumerate(self.model.rows):
            if standard.key == key:
                self.view.selectRow(row)
        self._update_buttons()

    def selected(self) -> StandardDef | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        standard = self.selected()
        self.switch_button.setEnabled(standard is not None)
        self.switch_button.setText(
            self.tr("Switch on") if standard and not standard.enabled else self.tr("Switch off")
        )
        # Only the bureau's own additions can be removed; the others are switched off.
        self.remove_button.setEnabled(standard is not None and standard.origin == self.own_code)

    def _write(self, action: Callable[[Session], object], done: str) -> bool:
        try:
            self.ctx.write(action)
        except UserError as error:
            show_error(self, error)
            return False
        self.status.setText(done)
        self.refresh()
        return True

    def switch(self) -> None:
        standard = self.selected()
        if standard is None:
            return
        on = not standard.enabled
        self._write(
            lambda s: set_enabled(s, key=standard.key, enabled=on),
            (self.tr("Switched on: {name}.") if on else self.tr("Switched off: {name}.")).format(
                name=standard.label(current_language())
            ),
        )

    def add(self) -> None:
        dialog = StandardDialog(self)
        # Until it is saved or given up: a refused standard keeps what was typed.
        while common.ask(dialog) == StandardDialog.DialogCode.Accepted:
            data = dialog.new_standard()
            if self._write(
                lambda s, data=data: add_standard(s, data=data),  # type: ignore[misc]
                self.tr("Added: {name}.").format(
                    name=data.name if current_language() == "zh" else data.name_en
                ),
            ):
                return

    def remove(self) -> None:
        standard = self.selected()
        if standard is None:
            return
        self._write(
            lambda s: remove_standard(s, key=standard.key),
            self.tr("Removed: {name}.").format(name=standard.label(current_language())),
        )

    def export(self) -> None:
        from cxdesk.exchange.package import write_atomically

        target = common.choose_save_path(
            self,
            self.tr("Export the standards"),
            self.tr("standards") + ".json",
            self.tr("Standards (*.json)"),
            ".json",
        )
        if target is None:
            return
        with self.ctx.db.reading() as session:
            data = current_set(session).to_bytes()
        try:
            write_atomically(target, data)
        except OSError as error:
            show_error(self, cannot_write(target, error))
            return
        self.status.setText(self.tr("Written to {path}.").format(path=target))

    def write_template(self) -> None:
        from cxdesk.workbook import write_template

        target = common.choose_save_path(
            self,
            self.tr("Template for schools"),
            self.tr("template") + ".xlsx",
            self.tr("Excel workbook (*.xlsx)"),
            ".xlsx",
        )
        if target is None:
            return
        with self.ctx.db.reading() as session:
            standards = current_set(session)
        try:
            write_template(target, standards=standards)
        except UserError as error:
            show_error(self, error)
            return
        self.status.setText(
            self.tr("Written to {path}: schools that import it adopt these standards.").format(
                path=target
            )
        )

    def adopt(self) -> None:
        files = common.choose_open_files(
            self, self.tr("The prefecture's standards"), self.tr("Standards (*.json)")
        )
        if not files:
            return
        path = Path(files[0])
        try:
            data = path.read_bytes()
        except OSError as error:
            show_error(self, InputError(CANNOT_READ(path=path, reason=error.strerror or error)))
            return
        try:
            standard_set = parse_standard_set(data)
        except UserError as error:
            show_error(self, error)
            return
        self._write(
            lambda s: adopt_standard_set(s, standard_set),
            self.tr("Adopted the standards of {issuer}.").format(issuer=standard_set.issuer.name),
        )
