"""The dashboard's compliance chart, and clicking any dashboard bar to see its schools.

:class:`ComplianceChart` draws, per group (county at the prefecture, kind of school at a
county), the rate of schools meeting each required standard, as horizontal bars so that
it reads in a narrow column beside the other charts; a bar's click opens the schools of
that standard and group.  :func:`connect_figure_bars` makes the bars of the figure charts
(:class:`cxdesk.ui.bureau.charts.DashboardCharts`) open the schools of their figure.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from cxdesk.figures import Summary
from cxdesk.i18n import current_language
from cxdesk.standards.compliance import ComplianceReport
from cxdesk.ui.bureau.charts import PALETTE, DashboardCharts, category_label

#: The figure of each bar set of DashboardCharts, chart by chart in the order it draws them
#: (counselors stacked, full-time share, certificates stacked, rooms).
FIGURE_BARS: tuple[tuple[str, ...], ...] = (
    ("full_time", "part_time"),
    ("full_time",),
    ("cert_level2", "cert_level3", "cert_other"),
    ("rooms",),
)


def connect_figure_bars(
    charts: DashboardCharts, summary: Summary, on_click: Callable[[str, str], object]
) -> int:
    """Each bar opens ``on_click(figure, group code)``; returns how many sets were connected."""
    codes = [r["code"] for r in summary.rows]
    connected = 0
    for chart, figures in zip(charts.charts, FIGURE_BARS, strict=False):
        sets = [s for series in chart.series() for s in getattr(series, "barSets", list)()]
        for bar_set, figure in zip(sets, figures, strict=False):
            bar_set.clicked.connect(partial(_open_bar, on_click, figure, codes))
            connected += 1
    return connected


def _open_bar(
    on_click: Callable[[str, str], object], figure: str, codes: list[str], index: int
) -> None:
    if 0 <= index < len(codes):
        on_click(figure, codes[index])


class ComplianceChart(QChartView):
    """Rates of the required standards per group, bars clickable."""

    # A bar was clicked. Arguments: the standard's key, the group's code.
    bar_clicked = Signal(str, str)

    def __init__(self, report: ComplianceReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(280, 200)
        self.setObjectName("compliance_chart")
        lang = current_language()
        chart = QChart()
        chart.setTitle(self.tr("Schools meeting the standards (%)"))
        title_font = QFont(self.font())
        title_font.setPointSizeF(12)
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setShowToolTips(True)  # a label cut short in the narrow column
        rows = list(reversed(report.rows))  # the first group at the top
        self.codes = [r.code for r in rows]
        series = QHorizontalBarSeries()
        self.sets: list[tuple[QBarSet, str]] = []
        required = [s for s in report.standards if s.level == "required"]
        for n, standard in enumerate(required):
            label = standard.short_text().render(lang)
            bar_set = QBarSet(label)
            bar_set.append([float(r.cells[standard.key].rate or 0) for r in rows])
            bar_set.setColor(QColor(PALETTE[n % len(PALETTE)]))
            bar_set.clicked.connect(lambda index, key=standard.key: self._clicked(key, index))
            series.append(bar_set)
            self.sets.append((bar_set, standard.key))
        chart.addSeries(series)
        y = QBarCategoryAxis()
        y.append([category_label(r.code, r.name) for r in rows])
        x = QValueAxis()
        x.setRange(0, 100)
        x.setTickCount(6)
        x.setLabelFormat("%d%%")
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)
        self.setChart(chart)
        self.setToolTip(self.tr("Click a bar to see the schools behind it"))

    def _clicked(self, key: str, index: int) -> None:
        if 0 <= index < len(self.codes):
            self.bar_clicked.emit(key, self.codes[index])
