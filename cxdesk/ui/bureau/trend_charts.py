"""The dashboard's trends: the scope's figures over every counted period (QtCharts).

Four charts, one point per period (oldest left): counselors (full-time, part-time, all),
certificates by highest level, rooms with their area, training person-times by level.
The points are :func:`cxdesk.bureau.trends.trend`, each the summary of its period.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from cxdesk import reference as ref
from cxdesk.bureau.trends import TrendPoint
from cxdesk.i18n import current_language
from cxdesk.ui.bureau.charts import PALETTE, nice_scale


class TrendCharts(QWidget):
    """A 2×2 grid of line charts over the periods of ``points``."""

    def __init__(self, points: Sequence[TrendPoint], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("background: white;")
        self.points = list(points)
        self.periods = [p.period for p in self.points]
        self.charts: list[QChart] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setSpacing(4)
        if not self.points:
            empty = QLabel(
                QCoreApplication.translate("BureauTrends", "No period has counted packages yet.")
            )
            empty.setObjectName("no_trend")
            grid.addWidget(empty, 0, 0)
            return
        t = [p.totals for p in self.points]
        views = [
            self._lines(
                QCoreApplication.translate("BureauTrends", "Counselors over the years"),
                [
                    (
                        QCoreApplication.translate("BureauTrends", "All"),
                        [int(x["counselors"]) for x in t],
                    ),
                    (
                        QCoreApplication.translate("BureauTrends", "Full-time"),
                        [int(x["full_time"]) for x in t],
                    ),
                    (
                        QCoreApplication.translate("BureauTrends", "Part-time"),
                        [int(x["part_time"]) for x in t],
                    ),
                ],
            ),
            self._lines(
                QCoreApplication.translate("BureauTrends", "Certificates (highest held)"),
                [
                    (
                        QCoreApplication.translate("BureauTrends", "National level 2"),
                        [int(x["cert_level2"]) for x in t],
                    ),
                    (
                        QCoreApplication.translate("BureauTrends", "National level 3"),
                        [int(x["cert_level3"]) for x in t],
                    ),
                    (
                        QCoreApplication.translate("BureauTrends", "Other recognised"),
                        [int(x["cert_other"]) for x in t],
                    ),
                ],
                offset=2,
            ),
            self._rooms(t),
            self._training(t),
        ]
        for n, view in enumerate(views):
            grid.addWidget(view, n // 2, n % 2)

    # -- building -------------------------------------------------------------------------

    def _chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        font = QFont(self.font())
        font.setPointSizeF(12)
        font.setBold(True)
        chart.setTitleFont(font)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.charts.append(chart)
        return chart

    def _x_axis(self, chart: QChart) -> QBarCategoryAxis:
        x = QBarCategoryAxis()
        x.append(self.periods)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        return x

    def _y_axis(self, chart: QChart, maximum: float, side: Qt.AlignmentFlag) -> QValueAxis:
        y = QValueAxis()
        top, ticks = nice_scale(maximum)
        y.setRange(0, top)
        y.setTickCount(ticks)
        y.setLabelFormat("%d")
        chart.addAxis(y, side)
        return y

    def _line(self, name: str, values: Sequence[float], colour: str) -> QLineSeries:
        series = QLineSeries()
        series.setName(name)
        series.setPen(QPen(QColor(colour), 3))
        series.setPointsVisible(True)
        series.setPointLabelsVisible(True)
        series.setPointLabelsFormat("@yPoint")
        for n, value in enumerate(values):
            series.append(QPointF(n, float(value)))
        return series

    def _view(self, chart: QChart) -> QChartView:
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumSize(300, 200)
        return view

    def _lines(
        self, title: str, data: list[tuple[str, list[int]]], *, offset: int = 0
    ) -> QChartView:
        chart = self._chart(title)
        x = self._x_axis(chart)
        y = self._y_axis(chart, max(max(v) for _, v in data), Qt.AlignmentFlag.AlignLeft)
        for n, (name, values) in enumerate(data):
            series = self._line(name, values, PALETTE[(n + offset) % len(PALETTE)])
            chart.addSeries(series)
            series.attachAxis(x)
            series.attachAxis(y)
        return self._view(chart)

    def _rooms(self, totals: list[dict[str, Any]]) -> QChartView:
        chart = self._chart(
            QCoreApplication.translate("BureauTrends", "Counselling rooms and their area")
        )
        x = self._x_axis(chart)
        rooms = [int(t["rooms"]) for t in totals]
        area = [float(t["room_area_m2"]) for t in totals]
        left = self._y_axis(chart, max(rooms), Qt.AlignmentFlag.AlignLeft)
        right = self._y_axis(chart, max(area), Qt.AlignmentFlag.AlignRight)
        for series, axis in (
            (
                self._line(QCoreApplication.translate("BureauTrends", "Rooms"), rooms, PALETTE[5]),
                left,
            ),
            (
                self._line(
                    QCoreApplication.translate("BureauTrends", "Area (m²)"), area, PALETTE[2]
                ),
                right,
            ),
        ):
            chart.addSeries(series)
            series.attachAxis(x)
            series.attachAxis(axis)
        return self._view(chart)

    def _training(self, totals: list[dict[str, Any]]) -> QChartView:
        chart = self._chart(
            QCoreApplication.translate("BureauTrends", "Training person-times by level")
        )
        series = QStackedBarSeries()
        for n, level in enumerate(ref.TRAINING_LEVELS):
            values = [int(t["training_person_times"][level.code]) for t in totals]
            bar_set = QBarSet(level.label(current_language()))
            bar_set.append([float(v) for v in values])
            bar_set.setColor(QColor(PALETTE[n % len(PALETTE)]))
            series.append(bar_set)
        chart.addSeries(series)
        x = self._x_axis(chart)
        sums = [sum(int(v) for v in t["training_person_times"].values()) for t in totals]
        y = self._y_axis(chart, max(sums), Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        return self._view(chart)
