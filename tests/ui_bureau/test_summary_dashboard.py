"""Summary page (figures, Excel) and dashboard (charts, PNG export at full HD)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCharts import QAbstractBarSeries, QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cxdesk.sample.prefecture import SchoolPlan
from cxdesk.ui.bureau.dashboard_page import EXPORT_SIZE, DashboardPage
from cxdesk.ui.bureau.summary_page import SummaryPage
from cxdesk.ui.shell.context import AppContext

from .conftest import EXPECTED, SCHOOLS, Answers, Built


def _expected(plans: list[SchoolPlan]) -> dict[str, int]:
    people = [p for plan in plans for p in plan.counselors]
    return {
        "counselors": len(people),
        "full_time": sum(p.post_type == "full_time" for p in people),
        "rooms": sum(len(plan.rooms) for plan in plans),
    }


def test_summary_shows_the_figures_and_exports_excel(
    collected_ctx: AppContext,
    built: Built,
    answers: Answers,
    tmp_path: Path,
    qtbot: QtBot,
    shown_messages: list[str],
    qtmodeltester: ModelTester,
) -> None:
    page = SummaryPage(collected_ctx)
    qtbot.addWidget(page)
    page.show()
    page.period.set_label("2026")
    page.refresh()
    sent = [built.plan(s.code) for s in built.schools]
    want = _expected(sent)
    assert page.tiles["counselors"].text() == str(want["counselors"])
    assert page.tiles["schools_reported"].text() == f"{SCHOOLS} / {EXPECTED}"
    assert page.tiles["rooms"].text() == str(want["rooms"])
    # Rows by kind, then a bold total row.
    model = page.model
    last = model.rowCount() - 1
    assert model.index(last, 0).data() == "合计"
    assert model.index(last, 0).data(Qt.ItemDataRole.FontRole).bold()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    # Titles stand on a few lines, so that the table fits the window (issue 13).
    counselors = [h.replace("\n", "") for h in headers].index("心理健康教育教师")
    assert "\n" in headers[counselors]
    assert model.index(last, counselors).data() == str(want["counselors"])
    assert sum(int(model.index(r, counselors).data()) for r in range(last)) == want["counselors"]
    qtmodeltester.check(model)

    page.group.setCurrentIndex(page.group.findData("school"))
    assert page.model.rowCount() == EXPECTED + 1  # every expected school, and the total
    qtmodeltester.check(page.model)

    answers.save_as = str(tmp_path / "汇总.xlsx")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert shown_messages == []
    book = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    charts = sum(len(sheet._charts) for sheet in book.worksheets)
    assert charts >= 1
    cells = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert want["counselors"] in cells


def test_dashboard_charts_and_png_export(
    collected_ctx: AppContext,
    built: Built,
    answers: Answers,
    tmp_path: Path,
    qtbot: QtBot,
    shown_messages: list[str],
) -> None:
    page = DashboardPage(collected_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.period.set_label("2026")
    page.refresh()
    assert page.charts is not None
    views = page.charts.findChildren(QChartView)
    assert len(views) == 4
    titles = [v.chart().title() for v in views]
    assert titles[0] == "心理健康教育教师"
    # The first chart stacks full-time and part-time counselors per kind of school.
    stacked = views[0].chart().series()[0]
    assert isinstance(stacked, QAbstractBarSeries)
    sets = stacked.barSets()
    want = _expected([built.plan(s.code) for s in built.schools])
    assert sum(sum(s.at(i) for i in range(s.count())) for s in sets) == want["counselors"]
    assert sum(sets[0].at(i) for i in range(sets[0].count())) == want["full_time"]
    assert f"{want['counselors']}" in page.caption.text()

    answers.save_as = str(tmp_path / "大屏")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert shown_messages == []
    image = QImage(str(tmp_path / "大屏.png"))
    assert not image.isNull()
    assert (image.width(), image.height()) == (EXPORT_SIZE.width(), EXPORT_SIZE.height())
    # Something was drawn: not a blank white picture.
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)
    }
    assert len(colours) > 5
