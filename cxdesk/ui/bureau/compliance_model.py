"""Table models of the compliance page: groups × standards, and the schools falling short."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cxdesk import reference as ref
from cxdesk.bureau.provenance import PackageRow
from cxdesk.i18n import current_language
from cxdesk.standards.catalogue import CERTAINTIES, StandardDef
from cxdesk.standards.compliance import Cell, ComplianceReport, GroupRow
from cxdesk.standards.rules import OUTCOME_LABELS
from cxdesk.ui.shell.table_model import Column, Index, RowTableModel

MET_TARGET, BELOW_TARGET = "#e3f4e1", "#fde2e1"
#: The columns before the standards: the group and its number of schools.
FIXED_COLUMNS = 2


def header_lines(text: str) -> str:
    """A rule's condition in brackets at the end goes on a line of its own."""
    for opening, closing in (("（", "）"), (" (", ")")):
        at = text.rfind(opening)
        if at > 0 and text.endswith(closing):
            return text[:at] + "\n" + text[at:].strip()
    return text


def cell_text(cell: Cell) -> str:
    rate = cell.rate
    if cell.concerned == 0:
        return "—"
    return f"{cell.met}/{cell.concerned}  ({rate}%)"


def standard_tooltip(standard: StandardDef, cell: Cell | None = None) -> str:
    lang = current_language()
    note = standard.certainty_note_en if lang == "en" else standard.certainty_note
    lines = [
        standard.label(lang),
        standard.rule_text().render(lang),
        f"{standard.source} · "
        + QCoreApplication.translate("BureauCompliance", "from {date}").format(
            date=standard.applies_from
        ),
        f"{CERTAINTIES.label(standard.certainty, lang)}: {note}",
    ]
    if standard.target_pct is not None:
        lines.append(
            QCoreApplication.translate("BureauCompliance", "Target: {target}% of schools").format(
                target=standard.target_pct
            )
        )
    if cell is not None:
        lines.append(
            QCoreApplication.translate(
                "BureauCompliance",
                "{met} meet it, {not_met} do not, {unknown} lack the data, {na} are not concerned",
            ).format(
                met=cell.met, not_met=cell.not_met, unknown=cell.unknown, na=cell.not_applicable
            )
        )
    return "\n".join(lines)


class ComplianceModel(RowTableModel[GroupRow]):
    """One row per group (and the total), one column per standard in force."""

    def __init__(self, report: ComplianceReport, group_title: str, parent: QObject | None = None):
        self.report = report
        lang = current_language()
        columns: list[Column[GroupRow]] = [
            Column(group_title, lambda r: r.name),
            Column(
                QCoreApplication.translate("BureauCompliance", "Schools"),
                lambda r: str(r.schools),
                lambda r: r.schools,
                True,
            ),
        ]
        for standard in report.standards:
            key = standard.key
            # Short, on lines of their own: the whole rule is in the tooltip.
            title = header_lines(standard.short_text().render(lang))
            if standard.target_pct is not None:
                title += "\n" + QCoreApplication.translate(
                    "BureauCompliance", "target {target}%"
                ).format(target=standard.target_pct)
            elif standard.level == "advisory":
                title += "\n" + QCoreApplication.translate("BureauCompliance", "advice")
            columns.append(
                Column(
                    title,
                    lambda r, key=key: cell_text(r.cells[key]),  # type: ignore[misc]
                    lambda r, key=key: r.cells[key].rate if r.cells[key].rate is not None else -1,  # type: ignore[misc]
                    align_right=True,
                    tooltip=lambda r, s=standard: standard_tooltip(s, r.cells[s.key]),  # type: ignore[misc]
                )
            )
        super().__init__(columns, parent)
        rows = list(report.rows)
        name = (
            QCoreApplication.translate("BureauCompliance", "Total") if rows else report.scope_name
        )
        self.set_rows([*rows, replace(report.totals, name=name)])

    def standard_at(self, column: int) -> StandardDef | None:
        n = column - FIXED_COLUMNS
        return self.report.standards[n] if 0 <= n < len(self.report.standards) else None

    def is_total(self, row: int) -> bool:
        return row == len(self.rows) - 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        if role == Qt.ItemDataRole.FontRole and self.is_total(index.row()) and len(self.rows) > 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            standard = self.standard_at(index.column())
            if standard is None:
                return None
            verdict = self.rows[index.row()].cells[standard.key].meets_target
            if verdict is None:
                return None
            return QBrush(QColor(MET_TARGET if verdict else BELOW_TARGET))
        return super().data(index, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            standard = self.standard_at(section)
            return standard_tooltip(standard) if standard is not None else None
        return super().headerData(section, orientation, role)


@dataclass(frozen=True)
class ShortRow:
    """A school that falls short of a standard (or lacks the data for it)."""

    code: str
    name: str
    county_code: str
    kind: str
    outcome: str
    detail: str
    package: PackageRow | None


def school_columns() -> list[Column[Any]]:
    """Code, name, county and kind of rows that have ``code``, ``name``, ``county_code``,
    ``kind`` (the schools of a drill-down, of a shortfall list)."""
    lang = current_language()
    return [
        Column(
            QCoreApplication.translate("BureauCompliance", "School code"),
            lambda r: r.code,
            whole=True,
        ),
        Column(QCoreApplication.translate("BureauCompliance", "School"), lambda r: r.name),
        Column(
            QCoreApplication.translate("BureauCompliance", "County"),
            lambda r: ref.COUNTIES.label(r.county_code, lang),
        ),
        Column(
            QCoreApplication.translate("BureauCompliance", "Kind"),
            lambda r: ref.SCHOOL_KINDS.label(r.kind, lang),
        ),
    ]


class ShortfallModel(RowTableModel[ShortRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        i = 1 if current_language() == "en" else 0
        columns: list[Column[ShortRow]] = [
            *school_columns(),
            Column(
                QCoreApplication.translate("BureauCompliance", "Outcome"),
                lambda r: OUTCOME_LABELS[r.outcome][i],
            ),
            Column(
                QCoreApplication.translate("BureauCompliance", "Why"),
                lambda r: r.detail,
                tooltip=lambda r: r.detail,
            ),
            Column(
                QCoreApplication.translate("BureauCompliance", "Package"),
                lambda r: (
                    f"#{r.package.sequence}  {r.package.file_sha256[:12]}…" if r.package else ""
                ),
            ),
        ]
        super().__init__(columns, parent)
