"""The 对比 page (two periods side by side, Excel) and the dashboard's trends over the years."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCharts import QBarCategoryAxis, QXYSeries
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cxdesk.bureau.collect import collect
from cxdesk.bureau.summary import bureau_summary
from cxdesk.sample.prefecture_build import school_db_path
from cxdesk.services.periods import get_period
from cxdesk.storage.db import Database, open_database
from cxdesk.ui.bureau.compare_page import ComparePage
from cxdesk.ui.bureau.dashboard_page import DashboardPage
from cxdesk.ui.shell.context import AppContext
from tests.period_helpers import export

from .conftest import Answers, Built


@pytest.fixture
def two_years(collected_ctx: AppContext, built: Built, tmp_path: Path) -> AppContext:
    """The county also holds 2025 of two of its schools (as those stood on 2025-12-31)."""
    folder = tmp_path / "usb-2025"
    for school in built.schools[:2]:
        # The school's installation (database and key), copied as the school would use it.
        copy = tmp_path / f"school-{school.code}"
        shutil.copytree(school_db_path(built.out, built.plan(school.code)).parent, copy)
        db = open_database(copy / "cxdesk.db")
        export(db, "2025", folder)
        db.close()
    report = collect(collected_ctx.db, [folder], backup=False)
    assert [r.outcome for r in report.results] == ["accepted", "accepted"]
    return collected_ctx


def _totals(db: Database, period: str) -> dict[str, object]:
    with db.transaction() as session:
        return bureau_summary(session, period=get_period(session, period)).totals


def test_compare_two_periods_per_kind_and_school(
    two_years: AppContext,
    answers: Answers,
    tmp_path: Path,
    qtbot: QtBot,
    shown_messages: list[str],
    qtmodeltester: ModelTester,
) -> None:
    page = ComparePage(two_years)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.period.set_label("2026")
    page.base.set_label("2025")
    page.refresh()
    now, before = _totals(two_years.db, "2026"), _totals(two_years.db, "2025")
    model = page.model
    total = {r.figure: r for r in model.rows if r.group == "合计"}
    counselors = total["心理健康教育教师"]
    assert (counselors.base, counselors.now) == (before["counselors"], now["counselors"])
    assert counselors.change == int(str(now["counselors"])) - int(str(before["counselors"]))
    assert total["已报学校数"].base == 2 and total["已报学校数"].now == 6
    qtmodeltester.check(model)

    page.group.setCurrentIndex(page.group.findData("school"))
    groups = {r.group for r in page.model.rows}
    assert any(g.startswith(two_years_code(page)) for g in groups)
    # A school that sent 2026 only: its 2025 side is empty ("—").
    lonely = next(r for r in page.model.rows if r.order > 0 and r.base is None)
    assert lonely.change is None
    page.search.setText("合计")
    assert page.proxy.rowCount() == len([r for r in page.model.rows if r.group == "合计"])

    answers.save_as = str(tmp_path / "对比.xlsx")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert shown_messages == []
    sheet = openpyxl.load_workbook(tmp_path / "对比.xlsx").active
    assert sheet is not None
    assert sheet.cell(3, 3).value == "2025" and sheet.cell(3, 4).value == "2026"
    lines = [r for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert ("合计", "心理健康教育教师", before["counselors"], now["counselors"]) in [
        r[:4] for r in lines
    ]


def two_years_code(page: ComparePage) -> str:
    assert page.comparison is not None
    return next(r.code for r in page.comparison.rows if r.base is not None)


def test_the_dashboard_shows_trends_over_the_years(
    two_years: AppContext, qtbot: QtBot, shown_messages: list[str]
) -> None:
    page = DashboardPage(two_years)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.period.set_label("2026")
    page.refresh()
    page.tabs.setCurrentIndex(1)
    charts = page.trends.charts
    assert charts is not None and len(charts.charts) == 4
    assert [p.period for p in page.trends.points] == ["2025", "2026"]
    assert page.trends.points[1].totals == _totals(two_years.db, "2026")
    axis = charts.charts[0].axes(Qt.Orientation.Horizontal)[0]
    assert isinstance(axis, QBarCategoryAxis) and axis.categories() == ["2025", "2026"]
    counselors = charts.charts[0].series()[0]
    assert isinstance(counselors, QXYSeries)
    assert [int(p.y()) for p in counselors.points()] == [
        int(str(_totals(two_years.db, label)["counselors"])) for label in ("2025", "2026")
    ]
    assert shown_messages == []
