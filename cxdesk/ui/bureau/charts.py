"""The dashboard's charts (QtCharts), built from the per-group figures of a summary.

Four charts, each readable across a room: counselors (full-time and part-time stacked),
the full-time share, the certificate mix, rooms with the share of schools that have one.
:class:`DashboardCharts` is a plain widget so that it can also be rendered off screen at a
fixed size for the PNG export.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QWidget

from cxdesk.figures import Summary
from cxdesk.ui.bureau.labels import group_label

#: Short names of the kinds of school, so that the axis labels are not cut off.
SHORT_KINDS: dict[str, str] = {
    "primary": str(QT_TRANSLATE_NOOP("BureauDashboard", "Primary")),
    "junior": str(QT_TRANSLATE_NOOP("BureauDashboard", "Junior sec.")),
    "senior": str(QT_TRANSLATE_NOOP("BureauDashboard", "Senior sec.")),
    "complete": str(QT_TRANSLATE_NOOP("BureauDashboard", "Complete sec.")),
    "nine-year": str(QT_TRANSLATE_NOOP("BureauDashboard", "Nine-year")),
    "twelve-year": str(QT_TRANSLATE_NOOP("BureauDashboard", "Twelve-year")),
    "special": str(QT_TRANSLATE_NOOP("BureauDashboard", "Special ed.")),
    "vocational": str(QT_TRANSLATE_NOOP("BureauDashboard", "Vocational")),
}

PALETTE = ("#1f77b4", "#aec7e8", "#d62728", "#ff7f0e", "#2ca02c", "#9467bd")


def full_time_share(row: dict[str, Any]) -> float:
    """Full-time counselors as a percentage of all counselors (0 when there are none)."""
    counselors = int(row.get("counselors") or 0)
    return round(100.0 * int(row.get("full_time") or 0) / counselors, 2) if counselors else 0.0


def category_label(code: str, name: str) -> str:
    if code in SHORT_KINDS:
        return QCoreApplication.translate("BureauDashboard", SHORT_KINDS[code])
    return group_label(code, name)


def nice_scale(maximum: float, *, minimum_top: int = 5) -> tuple[int, int]:
    """An axis top and tick count with whole-number steps of 1, 2 or 5 × 10ⁿ.

    Counts are whole numbers, so every tick label is one too (no "1, 1, 2, 2").
    """
    wanted = max(maximum * 1.1, minimum_top)
    raw = wanted / 5
    magnitude = 10 ** max(0, len(str(int(raw))) - 1)
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    top = step * -(-wanted // step)
    return int(top), int(top // step) + 1


def _pct(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0


class DashboardCharts(QWidget):
    """A 2×2 grid of charts over ``summary.rows`` (one category per group)."""

    def __init__(self, summary: Summary, *, font_scale: float = 1.0, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet("background: white;")
        self.font_scale = font_scale
        rows = summary.rows
        self.categories = [category_label(r["code"], r["name"]) for r in rows]
        self.charts: list[QChart] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setSpacing(4)
        views = [
            self._stacked(
                QCoreApplication.translate("BureauDashboard", "Counselors"),
                [
                    (
                        QCoreApplication.translate("BureauDashboard", "Full-time"),
                        [int(r["full_time"]) for r in rows],
                    ),
                    (
                        QCoreApplication.translate("BureauDashboard", "Part-time"),
                        [int(r["part_time"]) for r in rows],
                    ),
                ],
            ),
            self._bars(
                QCoreApplication.translate("BureauDashboard", "Full-time share (%)"),
                [
                    (
                        QCoreApplication.translate("BureauDashboard", "Full-time share"),
                        [full_time_share(r) for r in rows],
                    )
                ],
                percent=True,
            ),
            self._stacked(
                QCoreApplication.translate("BureauDashboard", "Certificates (highest held)"),
                [
                    (
                        QCoreApplication.translate("BureauDashboard", "National level 2"),
                        [int(r["cert_level2"]) for r in rows],
                    ),
                    (
                        QCoreApplication.translate("BureauDashboard", "National level 3"),
                        [int(r["cert_level3"]) for r in rows],
                    ),
                    (
                        QCoreApplication.translate("BureauDashboard", "Other recognised"),
                        [int(r["cert_other"]) for r in rows],
                    ),
                ],
                offset=2,
            ),
            self._rooms(rows),
        ]
        for n, view in enumerate(views):
            grid.addWidget(view, n // 2, n % 2)

    # -- building -------------------------------------------------------------------------

    def _chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        title_font = QFont(self.font())
        title_font.setPointSizeF(12 * self.font_scale)
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        legend_font = QFont(self.font())
        legend_font.setPointSizeF(9.5 * self.font_scale)
        chart.legend().setFont(legend_font)
        self.charts.append(chart)
        return chart

    def _axes(
        self, chart: QChart, series: Any, maximum: float, *, minimum_top: int = 5
    ) -> QValueAxis:
        labels_font = QFont(self.font())
        labels_font.setPointSizeF(9 * self.font_scale)
        x = QBarCategoryAxis()
        x.append(self.categories)
        x.setLabelsFont(labels_font)
        x.setTruncateLabels(False)  # a county's name whole, even when the chart is narrow
        if len(self.categories) > 6:
            x.setLabelsAngle(-40)
        # A county's name is never shortened to its first character ("楚…"): slanted, the
        # names fit beside each other even when Qt's estimate says they would not.
        x.setTruncateLabels(False)
        y = QValueAxis()
        y.setLabelsFont(labels_font)
        top, ticks = nice_scale(maximum, minimum_top=minimum_top)
        y.setRange(0, top)
        y.setTickCount(ticks)
        y.setLabelFormat("%d")
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        return y

    def _view(self, chart: QChart) -> QChartView:
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture: nothing to type into
        view.setMinimumSize(300, 200)
        return view

    def _sets(self, data: list[tuple[str, list[Any]]], offset: int = 0) -> list[QBarSet]:
        sets = []
        for n, (name, values) in enumerate(data):
            bar_set = QBarSet(name)
            bar_set.append([float(v) for v in values])
            bar_set.setColor(QColor(PALETTE[(n + offset) % len(PALETTE)]))
            bar_set.setBorderColor(QColor(PALETTE[(n + offset) % len(PALETTE)]))
            sets.append(bar_set)
        return sets

    def _stacked(
        self, title: str, data: list[tuple[str, list[int]]], *, offset: int = 0
    ) -> QChartView:
        chart = self._chart(title)
        series = QStackedBarSeries()
        series.append(self._sets(data, offset))
        chart.addSeries(series)
        totals = [sum(values) for values in zip(*(v for _, v in data), strict=True)] or [0]
        self._axes(chart, series, max(totals))
        return self._view(chart)

    def _bars(
        self, title: str, data: list[tuple[str, list[float]]], *, percent: bool = False
    ) -> QChartView:
        chart = self._chart(title)
        series = QBarSeries()
        series.append(self._sets(data, 4))
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value" + ("%" if percent else ""))
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        chart.legend().setVisible(False)
        top = max((v for _, vs in data for v in vs), default=0)
        y = self._axes(chart, series, top, minimum_top=10 if percent else 5)
        if percent:
            y.setLabelFormat("%d%%")
            if y.max() > 100:  # a share never goes past 100 %
                y.setRange(0, 100)
                y.setTickCount(6)
        return self._view(chart)

    def _rooms(self, rows: list[dict[str, Any]]) -> QChartView:
        chart = self._chart(
            QCoreApplication.translate(
                "BureauDashboard", "Counselling rooms and schools with a room"
            )
        )
        series = QBarSeries()
        series.append(
            self._sets(
                [
                    (
                        QCoreApplication.translate("BureauDashboard", "Rooms"),
                        [int(r["rooms"]) for r in rows],
                    )
                ],
                5,
            )
        )
        chart.addSeries(series)
        self._axes(chart, series, max((int(r["rooms"]) for r in rows), default=0))
        coverage = QLineSeries()
        coverage.setName(QCoreApplication.translate("BureauDashboard", "Schools with a room (%)"))
        coverage.setPen(QPen(QColor("#d62728"), 3))
        coverage.setPointsVisible(True)
        for n, r in enumerate(rows):
            pct = r.get("schools_with_room_pct")
            if pct is not None:  # no school reported: no point, rather than a false 0 %
                coverage.append(QPointF(n, _pct(pct)))
        chart.addSeries(coverage)
        labels_font = QFont(self.font())
        labels_font.setPointSizeF(9 * self.font_scale)
        right = QValueAxis()
        right.setRange(0, 100)
        right.setLabelFormat("%d%%")
        right.setLabelsFont(labels_font)
        chart.addAxis(right, Qt.AlignmentFlag.AlignRight)
        coverage.attachAxis(right)
        coverage.attachAxis(chart.axes(Qt.Orientation.Horizontal)[0])
        return self._view(chart)
