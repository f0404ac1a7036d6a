"""Checks: the rule engine's findings, hard ones to fix and soft ones to fix or explain."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cxdesk import i18n
from cxdesk.checks import Finding, explain_finding
from cxdesk.checks.engine import TABLE_LABELS
from cxdesk.errors import UserError
from cxdesk.i18n import colon
from cxdesk.services.school_checks import check_school, left_out_notes
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.entry_dialog import EntryDialog
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.form_dialog import FormDialog
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.table_model import Column, RowTableModel
from cxdesk.ui.shell.table_view import on_enter


def record_kind(finding: Finding) -> str:
    zh, en = TABLE_LABELS.get(finding.table_name, (finding.table_name, finding.table_name))
    return en if i18n.current_language() == "en" else zh


class ExplanationDialog(EntryDialog):
    """Type why a soft finding is right as it is (empty withdraws a kept explanation).

    An :class:`EntryDialog`: Ctrl+S or OK keeps it, Esc asks before dropping what was
    typed (Enter starts a new line of the explanation).
    """

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent, ok_button=QDialogButtonBox.StandardButton.Ok)
        self.setWindowTitle(self.tr("Keep with an explanation"))
        self.setMinimumWidth(560)
        problem = QLabel(
            f"{record_kind(finding)}“{finding.record_label}”{colon()}{finding.message}"
        )
        problem.setWordWrap(True)
        self.body.addWidget(problem)
        self.body.addWidget(
            QLabel(self.tr("Why is this right as it is? The bureau reads this explanation."))
        )
        self.text = QPlainTextEdit(finding.explanation or "")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(
            self.tr(
                "e.g. The room is shared with the school library; its area was measured on site."
            )
        )
        self.body.addWidget(self.text, 1)

    def explanation(self) -> str:
        return self.text.toPlainText().strip()


class FindingsTable(QTableView):
    def __init__(self, model: RowTableModel[Finding], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)


class ChecksPage(Page):
    # The user asked to go to another page. Argument: the page key ("school").
    navigate = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.form: QDialog | None = None
        self.explain_dialog: ExplanationDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        top = QHBoxLayout()
        heading = QLabel(self.tr("Data checks"))
        heading.setObjectName("heading")
        heading.setStyleSheet("font-size: 20px; font-weight: 600;")
        top.addWidget(heading)
        top.addStretch(1)
        self.recheck = QPushButton(self.tr("Check again"))
        self.recheck.clicked.connect(self.refresh)
        top.addWidget(self.recheck)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setObjectName("checks_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.hard_model: RowTableModel[Finding] = RowTableModel(self._columns(False), self)
        self.soft_model: RowTableModel[Finding] = RowTableModel(self._columns(True), self)
        self.hard_table = FindingsTable(self.hard_model)
        self.hard_table.setObjectName("hard_findings")
        self.soft_table = FindingsTable(self.soft_model)
        self.soft_table.setObjectName("soft_findings")

        self.hard_box = QGroupBox()
        hard_layout = QVBoxLayout(self.hard_box)
        hard_layout.addWidget(
            QLabel(
                self.tr(
                    "Errors must be corrected before the report is exported. Double-click one, or press Enter, to open the record at the field."
                )
            )
        )
        hard_layout.addWidget(self.hard_table)
        layout.addWidget(self.hard_box, 1)

        self.soft_box = QGroupBox()
        soft_layout = QVBoxLayout(self.soft_box)
        soft_layout.addWidget(
            QLabel(
                self.tr(
                    "Warnings may be right: correct the record, or keep it with an explanation for the bureau."
                )
            )
        )
        soft_layout.addWidget(self.soft_table)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open the record"))
        self.explain_button = QPushButton(self.tr("Keep with an explanation…"))
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.explain_button)
        buttons.addStretch(1)
        soft_layout.addLayout(buttons)
        layout.addWidget(self.soft_box, 1)

        self.hard_table.doubleClicked.connect(
            lambda i: self.open_finding(self.hard_model.row_at(i.row()))
        )
        self.soft_table.doubleClicked.connect(
            lambda i: self.open_finding(self.soft_model.row_at(i.row()))
        )
        on_enter(self.hard_table, lambda: self._open_current(self.hard_table, self.hard_model))
        on_enter(self.soft_table, lambda: self._open_current(self.soft_table, self.soft_model))
        self.open_button.clicked.connect(self._open_selected_soft)
        self.explain_button.clicked.connect(self._explain_selected)
        self.soft_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _columns(self, soft: bool) -> list[Column[Finding]]:
        columns: list[Column[Finding]] = [
            Column(self.tr("Record"), lambda f: f"{record_kind(f)}：{f.record_label}"),
            Column(self.tr("What is wrong"), lambda f: f.message.render()),
        ]
        if soft:
            columns.append(
                Column(
                    self.tr("Explanation"),
                    lambda f: f.explanation or self.tr("(open)"),
                )
            )
        return columns

    def refresh(self) -> None:
        with self.ctx.db.transaction() as session:  # the period may be created
            school, period = self.ctx.school(session), self.ctx.period(session)
            findings = check_school(session, school=school, period=period)
            notes = [n.render() for n in left_out_notes(session, school=school, period=period)]
        hard = [f for f in findings if f.severity == "hard"]
        soft = [f for f in findings if f.severity == "soft"]
        self.hard_model.set_rows(hard)
        self.soft_model.set_rows(soft)
        kept = sum(1 for f in soft if not f.open)
        self.hard_box.setTitle(self.tr("Errors ({n})").format(n=len(hard)))
        self.soft_box.setTitle(
            self.tr("Warnings ({n}, {kept} kept with an explanation)").format(
                n=len(soft), kept=kept
            )
        )
        if not findings:
            self.summary.setText(self.tr("Everything checked: no errors and no warnings."))
        elif not hard:
            self.summary.setText(
                self.tr(
                    "No errors. Look at the warnings below; each one can be kept with an explanation."
                )
            )
        else:
            self.summary.setText(
                self.tr(
                    "{n} error(s) to correct. Double-click a line, or press Enter, to open the record."
                ).format(n=len(hard))
            )
        if notes:  # a later period's records: not an error, but said
            self.summary.setText(self.summary.text() + "\n" + "\n".join(notes))
        # An empty group is hidden: the page shows only what needs attention.
        self.hard_box.setVisible(bool(hard))
        self.soft_box.setVisible(bool(soft))
        self.hard_table.resizeRowsToContents()
        self.soft_table.resizeRowsToContents()
        self._update_buttons()

    def selected_soft(self) -> Finding | None:
        rows = self.soft_table.selectionModel().selectedRows()
        return self.soft_model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        has = self.selected_soft() is not None
        self.open_button.setEnabled(has)
        self.explain_button.setEnabled(has)

    def _open_current(self, table: QTableView, model: RowTableModel[Finding]) -> None:
        index = table.currentIndex()
        if index.isValid():
            self.open_finding(model.row_at(index.row()))

    def _open_selected_soft(self) -> None:
        finding = self.selected_soft()
        if finding is not None:
            self.open_finding(finding)

    def open_finding(self, finding: Finding) -> None:
        """Open the form of the finding's record with the cursor at its field."""
        from cxdesk.ui.school.rooms.room_form import RoomForm
        from cxdesk.ui.school.roster.counselor_form import CounselorForm
        from cxdesk.ui.school.training.training_form import TrainingForm

        table, field = finding.table_name, finding.field
        form: FormDialog
        if table == "counselor":
            form = CounselorForm(self.ctx, finding.record_id, self)
        elif table == "certificate":
            form = CounselorForm(self.ctx, finding.owner_id, self)
        elif table == "counselling_room":
            form = RoomForm(self.ctx, finding.record_id, self)
        elif table == "training_event":
            form = TrainingForm(self.ctx, finding.record_id, self)
        elif table == "attendance":
            form = TrainingForm(self.ctx, finding.owner_id, self)
            field = "counselor_id"
        else:  # the school's own details
            self.navigate.emit("school")
            return
        self.form = form
        form.open()
        form.focus_field(field)

    def _explain_selected(self) -> None:
        finding = self.selected_soft()
        if finding is None:
            return
        dialog = ExplanationDialog(finding, self)
        self.explain_dialog = dialog
        dialog.accepted.connect(lambda: self.keep(finding, dialog.explanation()))
        dialog.open()

    def keep(self, finding: Finding, explanation: str) -> None:
        """Store (or, with an empty text, withdraw) the explanation of a soft finding."""
        school_id = self.ctx.require_school_id()
        try:
            self.ctx.write(
                lambda s: explain_finding(
                    s,
                    school_id=school_id,
                    rule_id=finding.rule_id,
                    table_name=finding.table_name,
                    record_id=finding.record_id,
                    explanation=explanation,
                ),
            )
        except UserError as error:
            show_error(self, error)
