"""The dashboard's "Over the years" tab: the trend charts, rebuilt on each refresh."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from cxdesk.bureau.trends import TrendPoint, trend
from cxdesk.ui.bureau.trend_charts import TrendCharts
from cxdesk.ui.shell.context import AppContext


class TrendsTab(QWidget):
    """Holds the :class:`TrendCharts` of the bureau's counted periods."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.points: list[TrendPoint] = []
        self.charts: TrendCharts | None = None
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)

    def refresh(self) -> None:
        with self.ctx.db.reading() as session:
            self.points = trend(session)
        if self.charts is not None:
            self.box.removeWidget(self.charts)
            self.charts.hide()  # gone from the screen now, not only once Qt deletes it
            self.charts.deleteLater()
        self.charts = TrendCharts(self.points)
        self.charts.setObjectName("trend_charts")
        self.box.addWidget(self.charts)
