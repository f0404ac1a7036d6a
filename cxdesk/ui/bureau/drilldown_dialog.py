"""From a figure to its schools, and from a school to the exact signed package counted.

:func:`open_figure` and :func:`open_standard` are what a click on a summary tile, a table
cell, a compliance rate or a chart bar calls: the core explains the figure
(:mod:`cxdesk.bureau.drilldown`) and :class:`DrilldownDialog` lists the schools with
their values (they add up to the figure), and for the chosen school its package: sender,
sequence, SHA-256, key fingerprint, when and by whom it was collected, the review, the
county package it came in, the stored file — which "Check the stored file" reads again
to prove it is the one counted.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.bureau.drilldown import Contribution, Explanation, explain_figure, explain_standard
from cxdesk.bureau.provenance import PackageRow, check_stored_package
from cxdesk.errors import UserError
from cxdesk.i18n import current_language
from cxdesk.models import ReportingPeriod
from cxdesk.services.periods import get_period
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.common import table_view
from cxdesk.ui.bureau.compliance_model import school_columns
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.table_model import Column, RowTableModel, SearchProxy


def _value_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


class ContributionsModel(RowTableModel[Contribution]):
    """The schools behind a figure, with their part of it and their package."""

    def __init__(self, value_title: str, numeric: bool, parent: Any = None) -> None:
        columns: list[Column[Contribution]] = [
            *school_columns(),
            Column(
                value_title,
                lambda r: _value_text(r.value),
                lambda r: r.value,
                align_right=numeric,
            ),
            Column(self.tr("Note"), lambda r: r.detail or "", tooltip=lambda r: r.detail or ""),
            Column(
                self.tr("Package"),
                lambda r: f"#{r.package.sequence}" if r.package else self.tr("not received"),
                lambda r: r.package.sequence if r.package else -1,
            ),
        ]
        super().__init__(columns, parent)


class PackagePanel(QWidget):
    """One school's package as counted, with a check of the stored file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row: PackageRow | None = None
        self.details = QTextBrowser()
        self.details.setObjectName("package_details")
        self.details.setOpenLinks(False)
        self.check_button = QPushButton(self.tr("Check the stored file"))
        self.check_button.setObjectName("check_package")
        self.check_button.clicked.connect(self.check)
        self.folder_button = QPushButton(self.tr("Show the file's folder"))
        self.folder_button.setObjectName("package_folder")
        self.folder_button.clicked.connect(self.show_folder)
        self.verdict = QLabel()
        self.verdict.setObjectName("package_verdict")
        self.verdict.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.verdict)
        self.show_package(None)

    def review_text(self, review: str) -> str:
        return {
            "pending": self.tr("not yet reviewed"),
            "accepted": self.tr("accepted (receipt written)"),
            "returned": self.tr("returned for correction"),
        }.get(review, review)

    def show_package(self, row: PackageRow | None, school: str = "") -> None:
        self.row = row
        self.verdict.clear()
        self.check_button.setEnabled(row is not None)
        self.folder_button.setEnabled(row is not None)
        if row is None:
            text = self.tr("No package of this school was received.") if school else ""
            self.details.setHtml(html.escape(text))
            return
        lang = current_language()
        lines = [
            (self.tr("Sender"), f"{row.sender_name} ({row.sender_code})"),
            (self.tr("Period and sequence"), f"{row.period} #{row.sequence}"),
            (self.tr("SHA-256 of the file"), row.file_sha256),
            (self.tr("Key fingerprint"), row.shown_fingerprint),
            (
                self.tr("Collected"),
                f"{row.received_at:%Y-%m-%d %H:%M} · {row.collected_by or self.tr('unknown')}",
            ),
            (self.tr("Review"), self.review_text(row.review)),
        ]
        if row.reviewed_at:
            lines.append(
                (
                    self.tr("Reviewed"),
                    f"{row.reviewed_at:%Y-%m-%d %H:%M} · {row.reviewed_by or self.tr('unknown')}",
                )
            )
        if row.via_code:
            lines.append(
                (
                    self.tr("Came in"),
                    self.tr("the county package of {county}, #{sequence}").format(
                        county=ref.COUNTIES.label(row.via_code, lang), sequence=row.via_sequence
                    ),
                )
            )
        lines.append((self.tr("Stored file"), row.stored_path))
        cells = "".join(
            f"<tr><td style='color:#555; padding-right:10px; white-space:nowrap'>"
            f"{html.escape(k)}</td><td style='font-family:monospace'>{html.escape(v)}</td></tr>"
            for k, v in lines
        )
        self.details.setHtml(f"<table cellspacing='0' cellpadding='2'>{cells}</table>")

    def check(self) -> None:
        if self.row is None:
            return
        result = check_stored_package(self.row)
        colour = "#2e7d32" if result.intact else "#c62828"
        self.verdict.setText(
            f"<span style='color:{colour}'>{html.escape(result.message.render())}</span>"
        )

    def show_folder(self) -> None:
        if self.row is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.row.stored_path).parent)))


class DrilldownDialog(QDialog):
    """The schools behind a figure (they add up to it) and each one's package."""

    def __init__(self, explanation: Explanation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explanation = explanation
        self.setObjectName("drilldown")
        self.setWindowTitle(self.tr("Where the figure comes from"))
        self.resize(1100, 640)
        total = explanation.total
        shown = (
            "—" if total is None else _value_text(total) + ("%" if explanation.is_percent else "")
        )
        self.heading = QLabel(
            "<b>"
            + html.escape(self.tr("{label}: {value}").format(label=explanation.label, value=shown))
            + f"</b>  ·  {html.escape(explanation.scope)} · {html.escape(explanation.period)}"
        )
        self.heading.setObjectName("drilldown_heading")
        self.sums = QLabel(self.sum_text())
        self.sums.setObjectName("drilldown_sums")
        numeric = not any(isinstance(r.value, str) for r in explanation.rows)
        self.model = ContributionsModel(self.tr("Value"), numeric, self)
        self.model.set_rows(explanation.rows)
        self.proxy = SearchProxy(self.model, self)
        self.view = table_view(self.proxy)
        self.view.setObjectName("drilldown_schools")
        self.view.resizeColumnsToContents()
        self.view.selectionModel().selectionChanged.connect(self._chosen)
        self.package = PackagePanel()
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.package)
        splitter.setSizes([620, 460])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.sums)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        if explanation.rows:
            self.view.selectRow(0)

    def sum_text(self) -> str:
        e = self.explanation
        if e.is_percent:
            return self.tr("{part} of {whole} schools.").format(part=e.part, whole=e.whole)
        if e.people:
            return self.tr(
                "{people} people are on more than one roster; each line is one of their roster entries."
            ).format(people=len(e.people))
        return self.tr("The {count} schools below add up to {sum}.").format(
            count=len(e.rows), sum=_value_text(e.rows_sum)
        )

    def _chosen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            row = self.model.row_at(self.proxy.mapToSource(indexes[0]).row())
            self.package.show_package(row.package, row.code)


def open_figure(
    parent: QWidget,
    ctx: AppContext,
    *,
    period_label: str,
    figure: str,
    county: str | None = None,
    kind: str | None = None,
    school: str | None = None,
) -> DrilldownDialog | None:
    """Explain ``figure`` (of the bureau's scope, narrowed) in a dialog."""
    return _open(
        parent,
        ctx,
        period_label,
        lambda session, period: explain_figure(
            session, period=period, figure=figure, county=county, kind=kind, school=school
        ),
    )


def open_standard(
    parent: QWidget,
    ctx: AppContext,
    *,
    period_label: str,
    standard_key: str,
    county: str | None = None,
    kind: str | None = None,
) -> DrilldownDialog | None:
    """The schools behind one standard's rate (met, not met, data missing)."""
    return _open(
        parent,
        ctx,
        period_label,
        lambda session, period: explain_standard(
            session, period=period, standard_key=standard_key, county=county, kind=kind
        ),
    )


def _open(
    parent: QWidget,
    ctx: AppContext,
    period_label: str,
    explain: Callable[[Session, ReportingPeriod], Explanation],
) -> DrilldownDialog | None:
    """The explanation of the period ``period_label`` in a dialog; a core error shown."""
    try:
        with ctx.db.transaction() as session:
            explanation = explain(session, get_period(session, period_label))
    except UserError as error:
        show_error(parent, error)
        return None
    return _show(parent, explanation)


def _show(parent: QWidget, explanation: Explanation) -> DrilldownDialog:
    dialog = DrilldownDialog(explanation, parent)
    common.ask(dialog)
    return dialog
