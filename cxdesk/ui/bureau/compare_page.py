"""对比 Compare: any two periods side by side, per county, kind or school, and in total.

The comparison is :func:`cxdesk.bureau.compare.compare_summaries` over the two periods'
summaries (each as of its own reference date); the table has one line per group and
figure with both values and the change, searchable (a school, a county, a figure), and
the Excel export is :func:`cxdesk.bureau.compare_excel.write_comparison_xlsx`, the same
workbook as ``cxdesk summary --compare --xlsx``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cxdesk.bureau.compare import COMPARED_KEYS, Comparison, compare_summaries, figure_label
from cxdesk.bureau.compare_excel import write_comparison_xlsx
from cxdesk.bureau.summary import bureau_summary
from cxdesk.errors import UserError
from cxdesk.i18n import current_language
from cxdesk.services.periods import get_period
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.common import heading, table_view
from cxdesk.ui.bureau.group_by import GroupByCombo
from cxdesk.ui.bureau.labels import group_label
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.period_picker import PeriodPicker
from cxdesk.ui.shell.table_model import Column, RowTableModel, SearchProxy


@dataclass(frozen=True)
class CompareLine:
    group: str
    figure: str
    base: Any
    now: Any
    change: Any
    #: The total's lines come first whatever the sort.
    order: int


def compare_lines(comparison: Comparison, total: str) -> list[CompareLine]:
    """One line per group (the total first) and figure that either period has."""
    lang = current_language()
    lines = []
    for n, row in enumerate([comparison.totals, *comparison.rows]):
        if n == 0:
            name = total
        elif comparison.group_by == "school":
            name = f"{row.code} {row.name}"
        else:
            name = group_label(row.code, row.name)
        for key in COMPARED_KEYS:
            base, now, change = row.values(key)
            if base is None and now is None:
                continue
            lines.append(CompareLine(name, figure_label(key, lang), base, now, change, n))
    return lines


def _shown(value: Any) -> str:
    return "—" if value is None else str(value)


def _signed(value: Any) -> str:
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else str(value)


def _sort(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else (value if value is not None else -1e18)


class CompareModel(RowTableModel[CompareLine]):
    """The lines of a comparison; a rise is green, a fall red."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(self.tr("Group"), lambda r: r.group, lambda r: (r.order, r.group)),
                Column(self.tr("Figure"), lambda r: r.figure),
                Column(self.tr("Before"), lambda r: _shown(r.base), lambda r: _sort(r.base), True),
                Column(self.tr("Now"), lambda r: _shown(r.now), lambda r: _sort(r.now), True),
                Column(
                    self.tr("Change"), lambda r: _signed(r.change), lambda r: _sort(r.change), True
                ),
            ],
            parent,
            row_colour=lambda r: None if not r.change else "#e2f0d9" if r.change > 0 else "#fce4d6",
        )


class ComparePage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.comparison: Comparison | None = None
        self.period = PeriodPicker()
        self.period.setObjectName("period")
        self.base = PeriodPicker()
        self.base.setObjectName("base_period")
        self.base.set_label(str(int(self.period.label()) - 1))
        self.group = GroupByCombo(ctx.role)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search a school, county or figure…"))
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setObjectName("export_comparison")
        self.note = QLabel()
        self.note.setObjectName("compare_note")
        self.note.setWordWrap(True)
        self.model = CompareModel(self)
        self.proxy = SearchProxy(self.model, self)
        self.view = table_view(self.proxy)
        self.view.setObjectName("compare_table")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period")))
        bar.addWidget(self.period)
        bar.addWidget(QLabel(self.tr("compared with")))
        bar.addWidget(self.base)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Rows by")))
        bar.addWidget(self.group)
        bar.addSpacing(16)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Compare two periods")))
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        self.period.period_changed.connect(lambda _p: self.refresh())
        self.base.period_changed.connect(lambda _p: self.refresh())
        self.group.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.export_button.clicked.connect(self.export)

    def refresh(self) -> None:
        group_by = self.group.currentData()
        try:
            with self.ctx.db.transaction() as session:
                periods = [get_period(session, p.label()) for p in (self.period, self.base)]
                now, base = (bureau_summary(session, period=p, group_by=group_by) for p in periods)
                dates = [p.reference_date.isoformat() for p in periods]
        except UserError as error:
            show_error(self, error)
            return
        self.comparison = compare_summaries(now, base, group_by=group_by)
        self.model.set_rows(compare_lines(self.comparison, self.tr("Total")))
        self.view.resizeColumnsToContents()
        self.note.setText(
            self.tr(
                "{now} as of its reference date {now_date}, {base} as of {base_date}; a group that reported in one period only shows “—” for the other."
            ).format(now=now.period, now_date=dates[0], base=base.period, base_date=dates[1])
        )

    def export(self) -> None:
        c = self.comparison
        if c is None:
            return
        name = self.tr("comparison")
        target = common.export_file(
            self,
            lambda target: write_comparison_xlsx(target, c, lang=current_language()),
            title=self.tr("Export the comparison"),
            suggested=f"{name}-{c.base_period}-{c.period}.xlsx",
            name_filter=self.tr("Excel workbook (*.xlsx)"),
            suffix=".xlsx",
        )
        if target is not None:
            self.note.setText(self.tr("Written to {path}.").format(path=target))
