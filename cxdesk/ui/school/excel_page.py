"""Excel: download the template, and import a filled-in workbook after a preview.

The preview is the workbook's :class:`~cxdesk.workbook.ImportPlan`, made in a read-only
session: nothing is stored until the user confirms, and a workbook with any problem can
not be confirmed at all.  On confirming, the plan is made again and applied in one
transaction (the plan refers to the records as they are at that moment); if it no longer
matches what was shown, the new preview is shown instead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cxdesk.ui.shell import file_dialogs
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.period_guard import AcceptedPeriodsChanged, ask_to_change_accepted
from cxdesk.ui.shell.table_model import Column, RowTableModel
from cxdesk.ui.shell.worker import Progress, run_with_progress
from cxdesk.workbook import Change, ImportPlan, Problem, write_template
from cxdesk.workbook.importing import (
    PlanChanged,
    WorkbookImport,
    import_workbook,
    preview_import,
)
from cxdesk.workbook.layout import DATA_SHEETS


class ExcelPage(Page):
    # The template was written. Argument: its path.
    template_written = Signal(str)
    # A preview is shown (the plan is in ``self.plan``).
    preview_ready = Signal()
    # The previewed import was stored.
    import_done = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.plan: ImportPlan | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        heading = QLabel(self.tr("Excel workbook"))
        heading.setObjectName("heading")
        heading.setStyleSheet("font-size: 20px; font-weight: 600;")
        layout.addWidget(heading)

        step1 = QGroupBox(self.tr("1. Fill in the workbook"))
        s1 = QHBoxLayout(step1)
        s1_text = QLabel(
            self.tr(
                "The template has one sheet each for the school, teachers, certificates, rooms, training and attendance, with drop-down lists and an instructions sheet. Fill it in Excel or WPS, then import it here."
            )
        )
        s1_text.setWordWrap(True)
        s1.addWidget(s1_text, 1)
        self.template_button = QPushButton(self.tr("Download the template…"))
        s1.addWidget(self.template_button)
        layout.addWidget(step1)

        step2 = QGroupBox(self.tr("2. Import the filled-in workbook"))
        s2 = QVBoxLayout(step2)
        row = QHBoxLayout()
        s2_text = QLabel(
            self.tr(
                "You see first what would be added and changed. Nothing is stored until you confirm, and nothing at all while the workbook has problems."
            )
        )
        s2_text.setWordWrap(True)
        row.addWidget(s2_text, 1)
        self.choose_button = QPushButton(self.tr("Choose a workbook…"))
        row.addWidget(self.choose_button)
        s2.addLayout(row)

        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        s2.addWidget(self.verdict)
        self.problems_model: RowTableModel[Problem] = RowTableModel(
            [
                Column(self.tr("Sheet"), lambda p: p.sheet or ""),
                Column(self.tr("Row"), lambda p: str(p.row or ""), lambda p: p.row or 0, True),
                Column(self.tr("Column"), lambda p: p.column or ""),
                Column(self.tr("Problem"), lambda p: p.message.render()),
            ],
            self,
        )
        self.changes_model: RowTableModel[Change] = RowTableModel(
            [
                Column(self.tr("What"), lambda c: self._action_text(c.action)),
                Column(self.tr("Sheet"), lambda c: c.sheet),
                Column(self.tr("Row"), lambda c: str(c.row or ""), lambda c: c.row or 0, True),
                Column(self.tr("Record"), lambda c: c.label),
                Column(self.tr("Changed columns"), lambda c: "、".join(c.fields)),
            ],
            self,
        )
        self.problems_table = self._table(self.problems_model, "import_problems")
        self.changes_table = self._table(self.changes_model, "import_changes")
        s2.addWidget(self.problems_table, 1)
        s2.addWidget(self.changes_table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.confirm_button = QPushButton(self.tr("Import these changes"))
        self.confirm_button.setObjectName("confirm_import")
        self.discard_button = QPushButton(self.tr("Discard"))
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.confirm_button)
        s2.addLayout(buttons)
        layout.addWidget(step2, 1)

        self.template_button.clicked.connect(self._choose_template_path)
        self.choose_button.clicked.connect(self._choose_workbook)
        self.confirm_button.clicked.connect(self.confirm_import)
        self.discard_button.clicked.connect(self.discard)
        self._show_plan(None)

    @staticmethod
    def _table(model: QAbstractTableModel, name: str) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table
        table.setAlternatingRowColors(True)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _action_text(self, action: str) -> str:
        return {
            "add": self.tr("add"),
            "update": self.tr("update"),
            "remove": self.tr("remove"),
            "unchanged": self.tr("unchanged"),
        }.get(action, action)

    # -- template -----------------------------------------------------------------------

    def _choose_template_path(self) -> None:
        path = file_dialogs.save_file(
            self,
            self.tr("Save the template"),
            self.tr("cxdesk-workbook.xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
            "workbook_template",
        )
        if path:
            self.write_template_to(Path(path))

    def write_template_to(self, path: Path) -> None:
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")

        def work(progress: Progress) -> str:
            write_template(path)
            return str(path)

        def done(written: str) -> None:
            self.verdict.setText(self.tr("The template is saved as {path}.").format(path=written))
            self.template_written.emit(written)

        run_with_progress(self, self.tr("Writing the template…"), work, on_done=done)

    # -- import -------------------------------------------------------------------------

    def _choose_workbook(self) -> None:
        path = file_dialogs.open_file(
            self,
            self.tr("Import a workbook"),
            self.tr("Excel workbook (*.xlsx)"),
            "workbook_import",
        )
        if path:
            self.preview_import(Path(path))

    def preview_import(self, path: Path) -> None:
        """Read and check the workbook off the GUI thread, then show what it would do."""
        db = self.ctx.db

        def work(progress: Progress) -> ImportPlan:
            progress(0, 0, "")
            return preview_import(db, path=path)

        def done(plan: ImportPlan) -> None:
            self._show_plan(plan)
            self.preview_ready.emit()

        self._show_plan(None)
        run_with_progress(self, self.tr("Reading the workbook…"), work, on_done=done)

    def confirm_import(self, *, accepted_ok: bool = False) -> None:
        """Store the previewed import in one transaction (planned again inside it).

        An import that alters a period the bureau accepted is rolled back and asked about
        first (``accepted_ok``: the user said yes).
        """
        shown = self.plan
        if shown is None or not shown.ok:
            return
        db = self.ctx.db

        def work(progress: Progress) -> WorkbookImport:
            progress(0, 0, "")
            result = import_workbook(db, path=shown.path, shown=shown, confirmed=accepted_ok)
            if not result.stored:
                raise AcceptedPeriodsChanged(result.affected)
            return result

        def done(result: WorkbookImport) -> None:
            plan = result.plan
            self.ctx.announce(result.changes)
            self.plan = None
            self._show_plan(None)
            counts = plan.counts()
            added = sum(c["add"] for c in counts.values())
            updated = sum(c["update"] for c in counts.values())
            self.verdict.setStyleSheet("color: #2e7d32; font-weight: 600;")
            self.verdict.setText(
                self.tr(
                    "Imported: {added} added, {updated} updated. The teachers, rooms and training pages show them now."
                ).format(added=added, updated=updated)
            )
            self.import_done.emit()

        def failed(error: BaseException) -> None:
            if isinstance(error, AcceptedPeriodsChanged):
                if ask_to_change_accepted(error.labels):
                    self.confirm_import(accepted_ok=True)
                else:
                    self.confirm_button.setEnabled(True)
                return
            if isinstance(error, PlanChanged):
                self._show_plan(error.plan)
                self.verdict.setText(
                    self.tr(
                        "The data or the file changed since the preview. Look at the new preview and confirm again."
                    )
                )
                self.preview_ready.emit()
            else:
                show_error(self, error)

        self.confirm_button.setEnabled(False)
        run_with_progress(self, self.tr("Importing…"), work, on_done=done, on_error=failed)

    def discard(self) -> None:
        self._show_plan(None)

    def _show_plan(self, plan: ImportPlan | None) -> None:
        self.plan = plan
        self.problems_model.set_rows(plan.problems if plan else [])
        self.changes_model.set_rows(
            [c for c in plan.changes if c.action != "unchanged"] if plan else []
        )
        self.problems_table.setVisible(bool(plan and plan.problems))
        self.changes_table.setVisible(bool(plan and plan.ok and plan.has_changes))
        self.confirm_button.setVisible(plan is not None)
        self.discard_button.setVisible(plan is not None)
        self.confirm_button.setEnabled(bool(plan and plan.ok and plan.has_changes))
        if plan is None:
            self.verdict.setStyleSheet("")
            self.verdict.setText("")
            return
        if not plan.ok:
            self.verdict.setStyleSheet("color: #b3261e; font-weight: 600;")
            self.verdict.setText(
                self.tr(
                    "{file}: {n} problem(s). Nothing will be imported. Correct the workbook and import it again."
                ).format(file=plan.path.name, n=len(plan.problems))
            )
            return
        self.verdict.setStyleSheet("font-weight: 600;")
        if not plan.has_changes:
            self.verdict.setText(
                self.tr("{file} matches the stored data: nothing to import.").format(
                    file=plan.path.name
                )
            )
            return
        counts = plan.counts()
        parts = []
        for sheet in DATA_SHEETS:
            c = counts[sheet.key]
            if c["add"] or c["update"] or c["remove"]:
                parts.append(
                    self.tr("{sheet}: {add} to add, {update} to update").format(
                        sheet=sheet.name, add=c["add"], update=c["update"]
                    )
                    + (
                        self.tr(", {remove} to remove").format(remove=c["remove"])
                        if c["remove"]
                        else ""
                    )
                )
        if plan.standards is not None:  # a bureau's template (issue 15)
            parts.append(
                self.tr("the standards sent by {bureau} on {date}").format(
                    bureau=plan.standards.issuer.name, date=plan.standards.issued_on.isoformat()
                )
            )
        self.verdict.setText(
            self.tr(
                "{file} is ready to import — {what}. Check the list, then press “Import these changes”."
            ).format(file=plan.path.name, what="; ".join(parts))
        )
