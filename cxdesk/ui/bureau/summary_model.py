"""The summary table: one row per group and a bold total row, every figure a column."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from cxdesk import reference as ref
from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS, Summary
from cxdesk.i18n import current_language
from cxdesk.ui.bureau.labels import group_label
from cxdesk.ui.shell.header_wrap import wrap_title
from cxdesk.ui.shell.table_model import Column, Index, RowTableModel

#: The figures shown as columns (training is split into its levels).
TABLE_KEYS = tuple(k for k in FIGURE_KEYS if k != "training_person_times")


@dataclass(frozen=True)
class SummaryRow:
    code: str
    name: str
    figures: dict[str, Any]
    total: bool = False


def summary_rows(summary: Summary) -> list[SummaryRow]:
    rows = [SummaryRow(r["code"], group_label(r["code"], r["name"]), r) for r in summary.rows]
    total_name = QCoreApplication.translate("BureauSummary", "Total")
    rows.append(SummaryRow("", total_name, summary.totals, total=True))
    return rows


def value_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def _sort_value(value: Any) -> Any:
    if value is None:
        return -1
    return float(value) if isinstance(value, Decimal) else value


def _figure_column(key: str, index: int) -> Column[SummaryRow]:
    return Column(
        FIGURE_LABELS[key][index],
        lambda r: value_text(r.figures.get(key)),
        lambda r: _sort_value(r.figures.get(key)),
        align_right=True,
    )


def _training_column(level: str, lang: str) -> Column[SummaryRow]:
    title = QCoreApplication.translate("BureauSummary", "Training: {level}").format(
        level=ref.TRAINING_LEVELS.label(level, lang)
    )

    def count(r: SummaryRow) -> int:
        return int((r.figures.get("training_person_times") or {}).get(level, 0))

    return Column(title, lambda r: str(count(r)), count, align_right=True)


class SummaryModel(RowTableModel[SummaryRow]):
    def __init__(self, group_title: str, parent: QObject | None = None) -> None:
        lang = current_language()
        index = 1 if lang == "en" else 0
        columns: list[Column[SummaryRow]] = [
            Column(group_title, lambda r: r.name),
            Column(QCoreApplication.translate("BureauSummary", "Code"), lambda r: r.code),
        ]
        columns += [_figure_column(key, index) for key in TABLE_KEYS]
        columns += [_training_column(level, lang) for level in ref.TRAINING_LEVELS.codes]
        super().__init__(columns, parent)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        title = super().headerData(section, orientation, role)
        if orientation == Qt.Orientation.Horizontal and isinstance(title, str) and section > 1:
            # Figures' titles on a few lines: the table fits 1366 pixels (issue 13).
            metrics = QFontMetrics(QApplication.font())
            return wrap_title(title, metrics, metrics.horizontalAdvance("国家心理") + 2)
        return title

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.isValid():
            if index.row() < len(self.rows) and self.rows[index.row()].total:
                font = QFont()
                font.setBold(True)
                return font
            return None
        return super().data(index, role)
