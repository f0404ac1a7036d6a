"""Compliance (达标情况): each county (or kind, or school) against each standard.

The table's cells are "met / concerned (rate %)", green when the standard's target is
reached and red when it is not; a double-click (or Enter) on a cell lists the schools
behind it with their packages.  Below, the schools that fall short of the chosen standard
(or lack the data for it), filtered like the table.  The figures are the core's
(:func:`cxdesk.standards.compliance.compliance_report`), as of the period's reference date.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cxdesk import reference as ref
from cxdesk.bureau.excel_sections import write_compliance_xlsx
from cxdesk.bureau.provenance import packages_of_schools
from cxdesk.errors import UserError
from cxdesk.i18n import current_language
from cxdesk.services.periods import get_period
from cxdesk.standards.compliance import ComplianceReport, bureau_scope, compliance_report
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.common import heading, hint, table_view
from cxdesk.ui.bureau.compliance_model import ComplianceModel, ShortfallModel, ShortRow
from cxdesk.ui.bureau.drilldown_dialog import open_standard
from cxdesk.ui.bureau.group_by import GroupByCombo
from cxdesk.ui.bureau.package_dialog import open_package
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.period_picker import PeriodPicker
from cxdesk.ui.shell.table_model import SearchProxy


class CompliancePage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.report: ComplianceReport | None = None
        self.period = PeriodPicker()
        self.period.setObjectName("period")
        self.period.period_changed.connect(lambda _p: self.refresh())
        self.group = GroupByCombo(ctx.role)
        self.county = QComboBox()
        self.county.setObjectName("county_filter")
        self.county.addItem(self.tr("All counties"), None)
        if ctx.role == "prefecture":
            for choice in ref.COUNTIES:
                self.county.addItem(choice.label(current_language()), choice.code)
        self.county.setVisible(ctx.role == "prefecture")
        self.kind = QComboBox()
        self.kind.setObjectName("kind_filter")
        self.kind.addItem(self.tr("All kinds"), None)
        for choice in ref.SCHOOL_KINDS:
            self.kind.addItem(choice.label(current_language()), choice.code)
        for combo in (self.group, self.county, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setObjectName("export_compliance")
        self.export_button.clicked.connect(self.export)
        self.info = QLabel()
        self.info.setObjectName("compliance_info")
        self.info.setWordWrap(True)

        self.table = table_view(None)
        self.table.setObjectName("compliance_table")
        self.table.setSortingEnabled(False)  # the total stays the last row
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        # Activated: a double-click, or Enter on the current cell (keyboard users).
        self.table.activated.connect(self._cell_chosen)

        self.standard = QComboBox()
        self.standard.setObjectName("shortfall_standard")
        self.standard.currentIndexChanged.connect(lambda _i: self._show_shortfall())
        self.shortfall = ShortfallModel(self)
        self.shortfall_proxy = SearchProxy(self.shortfall, self)
        self.shortfall_view = table_view(self.shortfall_proxy)
        self.shortfall_view.setObjectName("shortfall_table")
        self.shortfall_view.activated.connect(self._school_chosen)
        self.shortfall_count = QLabel()
        self.shortfall_count.setObjectName("shortfall_count")

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period")))
        bar.addWidget(self.period)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Rows by")))
        bar.addWidget(self.group)
        bar.addSpacing(12)
        bar.addWidget(self.county)
        bar.addWidget(self.kind)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.info)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(
            hint(self.tr("Double-click a figure (or press Enter) to see the schools behind it."))
        )
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        short_bar = QHBoxLayout()
        short_bar.addWidget(QLabel(self.tr("Schools falling short of")))
        short_bar.addWidget(self.standard, 1)
        short_bar.addWidget(self.shortfall_count)
        bottom_layout.addLayout(short_bar)
        bottom_layout.addWidget(self.shortfall_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([330, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Compliance with the standards")))
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    # -- reading ------------------------------------------------------------------------

    def filters(self) -> tuple[Any, str | None, str | None]:
        return self.group.currentData(), self.county.currentData(), self.kind.currentData()

    def refresh(self) -> None:
        group_by, county, kind = self.filters()
        try:
            with self.ctx.db.transaction() as session:
                period = get_period(session, self.period.label())
                report = compliance_report(
                    session, period=period, group_by=group_by, county=county, kind=kind
                )
                scope = bureau_scope(session, period=period, county=county, kind=kind)
                self.packages = packages_of_schools(session, scope)
        except UserError as error:
            show_error(self, error)
            return
        self.report = report
        self.table.setModel(ComplianceModel(report, self.group.currentText(), self))
        self.table.setWordWrap(False)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(header.count()):  # room for the bold total row
            header.resizeSection(column, header.sectionSize(column) + 16)
        lang = current_language()
        text = self.tr(
            "{scope}, period {period}: {schools} schools counted, as on {date}. {count} standards in force."
        ).format(
            scope=report.scope_name,
            period=report.period,
            schools=report.totals.schools,
            date=report.reference_date.isoformat(),
            count=len(report.standards),
        )
        if report.not_in_force:
            text += " " + self.tr("Not yet in force: {names}.").format(
                names="; ".join(s.label(lang) for s in report.not_in_force)
            )
        self.info.setText(text)
        chosen = self.standard.currentData()
        self.standard.blockSignals(True)
        self.standard.clear()
        for s in report.standards:
            self.standard.addItem(s.label(lang), s.key)
        index = self.standard.findData(chosen)
        self.standard.setCurrentIndex(max(index, 0))
        self.standard.blockSignals(False)
        self._show_shortfall()

    def _show_shortfall(self) -> None:
        report, key = self.report, self.standard.currentData()
        if report is None or key is None:
            self.shortfall.set_rows([])
            self.shortfall_count.clear()
            return
        lang = current_language()
        rows = [
            ShortRow(
                s.facts.code,
                s.facts.name,
                s.facts.county_code,
                s.facts.kind,
                s.standings[key].outcome,
                (s.standings[key].detail_en if lang == "en" else s.standings[key].detail) or "",
                self.packages.get(s.facts.submission_id or -1),
            )
            for s in report.schools_with(key, ("not_met", "unknown"))
        ]
        self.shortfall.set_rows(rows)
        self.shortfall_view.resizeColumnsToContents()
        self.shortfall_count.setText(self.tr("{count} schools").format(count=len(rows)))

    # -- drilling down ------------------------------------------------------------------

    def _cell_chosen(self, index: QModelIndex) -> None:
        model = self.table.model()
        if not isinstance(model, ComplianceModel) or not index.isValid():
            return
        standard = model.standard_at(index.column())
        if standard is None:
            return
        self.drill(standard.key, model.row_at(index.row()).code, model.is_total(index.row()))

    def drill(self, standard_key: str, group_code: str, total: bool) -> Any:
        """The schools behind one cell: the group's (or the total's) schools."""
        group_by, county, kind = self.filters()
        if not total:
            if group_by == "county":
                county = group_code
            elif group_by == "kind":
                kind = group_code
        dialog = open_standard(
            self,
            self.ctx,
            period_label=self.period.label(),
            standard_key=standard_key,
            county=county,
            kind=kind,
        )
        if dialog is not None and group_by == "school" and not total:
            dialog.proxy.setFilterFixedString(group_code)  # the one school of the row
        return dialog

    def _school_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.shortfall.row_at(self.shortfall_proxy.mapToSource(index).row())
            open_package(self, row.package, f"{row.code} {row.name}")

    # -- export -------------------------------------------------------------------------

    def export(self) -> None:
        report = self.report
        if report is None:
            return
        name = self.tr("compliance")
        target = common.export_file(
            self,
            lambda target: write_compliance_xlsx(
                target, report, group_by=self.group.currentData(), lang=current_language()
            ),
            title=self.tr("Export compliance"),
            suggested=f"{name}-{report.period}.xlsx",
            name_filter=self.tr("Excel workbook (*.xlsx)"),
            suffix=".xlsx",
        )
        if target is not None:
            self.info.setText(
                self.info.text() + " " + self.tr("Written to {path}.").format(path=target)
            )
