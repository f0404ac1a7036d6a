"""The dashboard: the summary's figures as charts per county (per kind at a county).

Made for the big screen of a meeting room: large titles, few colours, four charts.  The
PNG export renders the same charts off screen at 1920×1080 (full HD), whatever the size
of the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cxdesk.bureau.summary import bureau_summary
from cxdesk.errors import UserError
from cxdesk.figures import GroupBy, Summary
from cxdesk.i18n import Text
from cxdesk.services.periods import get_period
from cxdesk.standards.compliance import compliance_report
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.charts import DashboardCharts
from cxdesk.ui.bureau.common import heading
from cxdesk.ui.bureau.compliance_chart import ComplianceChart, connect_figure_bars
from cxdesk.ui.bureau.drilldown_dialog import open_figure, open_standard
from cxdesk.ui.bureau.trends_tab import TrendsTab
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.period_picker import PeriodPicker

#: The size of the exported picture: a full-HD screen.
EXPORT_SIZE = QSize(1920, 1080)
CANNOT_SAVE = Text("无法保存图片“{path}”", "Cannot save the picture {path}")


def render_png(summary: Summary, path: Path, size: QSize = EXPORT_SIZE) -> QImage:
    """Draw the charts of ``summary`` at ``size`` into a PNG file; returns the image."""
    charts = DashboardCharts(summary, font_scale=size.width() / 1200)
    charts.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    charts.resize(size)
    charts.show()  # lays the grid out at ``size``; never appears on screen
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    charts.render(painter, QPoint())
    painter.end()
    charts.close()
    charts.deleteLater()
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]  # the stubs want bytes; it takes str
        from cxdesk.errors import InputError

        raise InputError(CANNOT_SAVE(path=path))
    return image


class DashboardPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.summary: Summary | None = None
        self.charts: DashboardCharts | None = None
        self.period = PeriodPicker()
        self.period.setObjectName("period")
        self.period.period_changed.connect(lambda _p: self.refresh())
        self.export_button = QPushButton(self.tr("Export as PNG…"))
        self.export_button.setObjectName("export_png")
        self.export_button.clicked.connect(self.export)
        self.caption = QLabel()
        self.caption.setObjectName("dashboard_caption")
        self.caption.setStyleSheet("font-size: 15px;")
        self.caption.setWordWrap(True)
        # Where the picture went, on a line of its own (the caption is full already).
        self.saved = QLabel()
        self.saved.setObjectName("dashboard_saved")
        self.saved.setWordWrap(True)
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved.hide()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period")))
        bar.addWidget(self.period)
        bar.addSpacing(16)
        bar.addWidget(self.caption, 1)
        bar.addWidget(self.export_button)
        # The figure charts; the compliance chart (issue 15) on a tab of its own, so that
        # both have the whole width (ten county names and the standards' names stay whole).
        self.area = QVBoxLayout()
        self.compliance_area = QVBoxLayout()
        self.compliance: ComplianceChart | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Dashboard")))
        layout.addLayout(bar)
        layout.addWidget(self.saved)
        # The period's charts per group, and the trends over every period (issue 14).
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboard_tabs")
        groups = QWidget()
        groups.setLayout(self.area)
        self.tabs.addTab(groups, self.tr("This period"))
        standards = QWidget()
        standards.setLayout(self.compliance_area)
        self.tabs.addTab(standards, self.tr("Standards"))
        self.trends = TrendsTab(ctx)
        self.tabs.addTab(self.trends, self.tr("Over the years"))
        layout.addWidget(self.tabs, 1)

    def group_by(self) -> GroupBy:
        """Per county at the prefecture; a county has one, so per kind of school there."""
        return "county" if self.ctx.role == "prefecture" else "kind"

    def refresh(self) -> None:
        try:
            with self.ctx.db.transaction() as session:
                period = get_period(session, self.period.label())
                summary = bureau_summary(session, period=period, group_by=self.group_by())
                report = compliance_report(session, period=period, group_by=self.group_by())
        except UserError as error:
            show_error(self, error)
            return
        self.summary = summary
        self.trends.refresh()
        if self.charts is not None:
            self.area.removeWidget(self.charts)
            self.charts.hide()  # gone at once, not when the event loop deletes it
            self.charts.deleteLater()
        self.charts = DashboardCharts(summary)
        self.charts.setObjectName("dashboard_charts")
        self.area.addWidget(self.charts)
        if self.compliance is not None:
            self.compliance_area.removeWidget(self.compliance)
            self.compliance.hide()
            self.compliance.deleteLater()
        self.compliance = ComplianceChart(report)
        self.compliance.bar_clicked.connect(self.drill_standard)
        self.compliance_area.addWidget(self.compliance)
        connect_figure_bars(self.charts, summary, self.drill_figure)
        t = summary.totals
        pct = t["schools_with_room_pct"]
        self.caption.setText(
            self.tr(
                "{scope} {period}: {counselors} counselors ({full} full-time), {rooms} rooms, {pct} of schools with a room"
            ).format(
                scope=summary.scope_name,
                period=summary.period,
                counselors=t["counselors"],
                full=t["full_time"],
                rooms=t["rooms"],
                pct="—" if pct is None else f"{pct}%",
            )
        )

    def _scope(self, code: str) -> dict[str, str]:
        return {self.group_by(): code}

    def drill_figure(self, figure: str, code: str) -> object:
        """A bar of a figure chart: the schools of that group behind the figure."""
        return open_figure(
            self, self.ctx, period_label=self.period.label(), figure=figure, **self._scope(code)
        )

    def drill_standard(self, key: str, code: str) -> object:
        """A bar of the compliance chart: the schools of that group and standard."""
        return open_standard(
            self, self.ctx, period_label=self.period.label(), standard_key=key, **self._scope(code)
        )

    def export(self) -> None:
        summary = self.summary
        if summary is None:
            return
        target = common.export_file(
            self,
            lambda target: render_png(summary, target),
            title=self.tr("Export the charts"),
            suggested=f"{self.tr('dashboard')}-{summary.period}.png",
            name_filter=self.tr("PNG picture (*.png)"),
            suffix=".png",
            action="dashboard_export",
        )
        if target is not None:
            self.saved.setText(self.tr("Written to {path}.").format(path=target))
            self.saved.show()
