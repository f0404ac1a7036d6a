"""The 上报 page's third section: what will be sent for the chosen period (figures, check
findings, what is left out, the changes since the last package) and the export button."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

from cxdesk.checks import Finding
from cxdesk.checks.engine import TABLE_LABELS
from cxdesk.exchange.encryption import recipient_names
from cxdesk.exchange.export import ExportPreview
from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS
from cxdesk.reference import TRAINING_LEVELS
from cxdesk.services.period_lock import AcceptedPeriod
from cxdesk.ui.school.report_changes import ChangesBox
from cxdesk.ui.shell.period_picker import PeriodPicker
from cxdesk.ui.shell.table_model import Column, RowTableModel

#: Figures that only make sense for a bureau's scope.
_SCOPE_ONLY = ("schools_expected", "schools_reported", "schools_with_room", "schools_with_room_pct")


@dataclass(frozen=True)
class FigureRow:
    label: str
    value: str
    #: The value in the package the bureau accepted (a period with a receipt), else "".
    reported: str = ""


@dataclass(frozen=True)
class FindingRow:
    hard: bool
    table: str
    record: str
    message: str
    explanation: str


def _figure_text(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{TRAINING_LEVELS.label(k, lang)} {v}" for k, v in value.items())
    return "—" if value is None else str(value)


def section_table(model: RowTableModel[Any], name: str, height: int) -> QTableView:
    """A table of the 上报 page: whole rows, read only, its height at least ``height``."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setMinimumHeight(height)
    view.setWordWrap(True)
    return view


class SendSection(QGroupBox):
    """The period, its reference date, the verdict, the figures and findings, the export."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("3. What will be sent"), parent)
        sb = QVBoxLayout(self)
        period_row = QHBoxLayout()
        period_row.addWidget(QLabel(self.tr("Period:")))
        self.period_picker = PeriodPicker()
        self.period_picker.setObjectName("report_period")
        period_row.addWidget(self.period_picker)
        self.reference_label = QLabel()
        self.reference_label.setObjectName("reference_date")
        period_row.addWidget(self.reference_label, 1)
        sb.addLayout(period_row)
        self.accepted_label = QLabel()
        self.accepted_label.setObjectName("accepted_banner")
        self.accepted_label.setWordWrap(True)
        self.accepted_label.setStyleSheet("color: #8a5300; font-weight: 600;")
        sb.addWidget(self.accepted_label)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        sb.addWidget(self.verdict)
        self.figures_model: RowTableModel[FigureRow] = RowTableModel(
            [
                Column(self.tr("Figure"), lambda r: r.label),
                Column(self.tr("Value"), lambda r: r.value, align_right=True),
                Column(self.tr("As reported"), lambda r: r.reported, align_right=True),
            ],
            self,
        )
        self.figures_view = section_table(self.figures_model, "figures", 260)
        for column in (1, 2):  # the value and the value as reported share the width
            self.figures_view.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.findings_model: RowTableModel[FindingRow] = RowTableModel(
            [
                Column(self.tr("Kind"), self._finding_kind),
                Column(self.tr("Record"), lambda r: f"{r.table}「{r.record}」"),
                Column(self.tr("Problem"), lambda r: r.message),
                Column(self.tr("Explanation"), lambda r: r.explanation),
            ],
            self,
        )
        self.findings_view = section_table(self.findings_model, "findings", 160)
        row = QHBoxLayout()
        row.addWidget(self.figures_view, 2)
        right = QVBoxLayout()
        right.addWidget(self.counts_label)
        self.findings_title = QLabel()
        right.addWidget(self.findings_title)
        right.addWidget(self.findings_view, 1)
        row.addLayout(right, 3)
        sb.addLayout(row)
        self.notes_label = QLabel()
        self.notes_label.setObjectName("left_out_notes")
        self.notes_label.setWordWrap(True)
        sb.addWidget(self.notes_label)
        self.changes_box = ChangesBox()
        sb.addWidget(self.changes_box)
        export_row = QHBoxLayout()
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        export_row.addWidget(self.file_label, 1)
        self.export_button = QPushButton(self.tr("Export to a folder or USB drive…"))
        self.export_button.setDefault(True)
        export_row.addWidget(self.export_button)
        sb.addLayout(export_row)

    def _finding_kind(self, row: FindingRow) -> str:
        if row.hard:
            return self.tr("Must be fixed")
        return self.tr("Explained") if row.explanation else self.tr("To look at")

    def show_accepted(self, preview: ExportPreview, accepted: AcceptedPeriod | None) -> None:
        self.reference_label.setText(
            self.tr("Reference date (统计时点): {date}").format(
                date=preview.reference_date.isoformat() if preview.reference_date else ""
            )
        )
        notes = [n.render() for n in preview.notes]
        self.notes_label.setText(
            self.tr("Left out of this period:") + "\n" + "\n".join(notes) if notes else ""
        )
        self.notes_label.setVisible(bool(notes))
        self.figures_view.setColumnHidden(2, accepted is None)
        if accepted is None:
            self.accepted_label.hide()
            return
        self.accepted_label.setText(
            self.tr(
                "The bureau accepted export no. {sequence} of {period} (receipt): the column “As reported” shows the figures it holds. Exporting this period again is a correction (更正)."
            ).format(sequence=f"{accepted.sequence:03d}", period=accepted.period.label)
        )
        self.accepted_label.show()

    def show_preview(
        self, preview: ExportPreview, lang_en: bool, reported: dict[str, Any] | None = None
    ) -> None:
        index = 1 if lang_en else 0
        lang = "en" if lang_en else "zh"
        rows = []
        for key in FIGURE_KEYS:
            if key in _SCOPE_ONLY:
                continue
            old = reported.get(key) if reported else None
            rows.append(
                FigureRow(
                    FIGURE_LABELS[key][index],
                    _figure_text(preview.figures.get(key), lang),
                    _figure_text(old, lang) if reported else "",
                )
            )
        self.figures_model.set_rows(rows)
        counts = "，".join(
            f"{TABLE_LABELS[t][index] if t in TABLE_LABELS else t} {n}"
            for t, n in preview.counts.items()
        )
        self.counts_label.setText(self.tr("Records sent: {counts}").format(counts=counts))
        findings = [self._finding_row(f, index) for f in preview.hard + preview.soft]
        self.findings_model.set_rows(findings)
        self.findings_view.setVisible(bool(findings))
        self.findings_title.setText(
            self.tr("Check findings: {hard} to fix, {soft} to look at (sent with the data)").format(
                hard=len(preview.hard), soft=len(preview.soft)
            )
        )
        if preview.blocked:
            self.verdict.setStyleSheet("color: #b3261e; font-weight: 600;")
            self.verdict.setText(
                self.tr(
                    "{count} problems must be fixed before the package can be exported (see the list; the Checks page opens each record)."
                ).format(count=len(preview.hard))
            )
        elif preview.encryption is None:
            self.verdict.setStyleSheet("color: #b3261e; font-weight: 600;")
            self.verdict.setText(
                self.tr(
                    "Period {period} cannot be exported yet: the package must be encrypted for your county bureau, whose key file is not registered (see 2)."
                ).format(period=preview.period)
            )
        else:
            self.verdict.setStyleSheet("color: #2e7d32; font-weight: 600;")
            self.verdict.setText(
                self.tr(
                    "Ready to export period {period}: the complete data of the school, signed, and encrypted so that only {names} can open it."
                ).format(period=preview.period, names=recipient_names(preview.encryption))
            )
        self.file_label.setText(
            self.tr("Export no. {sequence}, file {file}").format(
                sequence=preview.sequence, file=preview.file_name
            )
        )
        self.export_button.setEnabled(not preview.blocked)

    @staticmethod
    def _finding_row(f: Finding, index: int) -> FindingRow:
        table = TABLE_LABELS[f.table_name][index]
        return FindingRow(
            f.severity == "hard", table, f.record_label, f.message.render(), f.explanation or ""
        )
