"""The bureau's compliance, standards and drill-down, on the prefecture whose answers are
known by hand (tests/bureau/known.py), driven as a clerk would: clicks and keys."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import openpyxl
import pytest
from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cxdesk.bureau.review import review_school
from cxdesk.standards.catalogue import list_standards
from cxdesk.ui.bureau.compliance_page import CompliancePage
from cxdesk.ui.bureau.dashboard_page import DashboardPage
from cxdesk.ui.bureau.drilldown_dialog import DrilldownDialog
from cxdesk.ui.bureau.package_dialog import PackageDialog
from cxdesk.ui.bureau.return_dialog import ReturnDialog
from cxdesk.ui.bureau.review_page import ReviewPage
from cxdesk.ui.bureau.standard_dialog import StandardDialog
from cxdesk.ui.bureau.standards_page import StandardsPage
from cxdesk.ui.bureau.summary_page import SummaryPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.period_picker import PeriodPicker
from tests.bureau import known as known_data

from .conftest import Answers

known = known_data.known  # the session's known prefecture (a fixture)

P = TypeVar("P", bound=Page)


@pytest.fixture
def prefecture(tmp_path: Path, known: known_data.Known, qapp: QApplication) -> Iterator[AppContext]:
    db = known_data.prefecture_bureau(tmp_path / "prefecture" / "prefecture.db", known)
    ctx = AppContext(db, "zh")
    yield ctx
    db.close()


@pytest.fixture
def county(tmp_path: Path, known: known_data.Known, qapp: QApplication) -> Iterator[AppContext]:
    db = known_data.county_bureau(tmp_path / "county" / "county.db", known)
    ctx = AppContext(db, "zh")
    yield ctx
    db.close()


def _page(page_type: type[P], ctx: AppContext, qtbot: QtBot) -> P:
    page = page_type(ctx)
    qtbot.addWidget(page)
    period = page.findChild(PeriodPicker, "period")
    assert period is not None
    period.set_label("2026")
    page.refresh()
    page.show()
    return page


def _cell(view: QAbstractItemView, row: int, column: int) -> QPoint:
    return view.visualRect(view.model().index(row, column)).center()


def double_click(qtbot: QtBot, view: QAbstractItemView, row: int, column: int) -> None:
    """As a person does it: a click, then the double-click."""
    viewport, pos = view.viewport(), _cell(view, row, column)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=pos)


def test_the_compliance_table_and_its_cells_down_to_a_package(
    prefecture: AppContext,
    answers: Answers,
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    known: known_data.Known,
) -> None:
    page = _page(CompliancePage, prefecture, qtbot)
    model = page.table.model()
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "楚雄市",
        "禄丰市",
        "合计",
    ]
    assert model.index(0, 2).data() == "1/3  (33.33%)"
    assert model.index(2, 3).data() == "5/6  (83.33%)"
    # Below the target: red; reached: green.
    assert model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole).color().name() == "#fde2e1"
    assert model.index(1, 2).data(Qt.ItemDataRole.BackgroundRole).color().name() == "#e3f4e1"
    assert "教思政厅函〔2021〕10号" in model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    # A double-click on 楚雄市 × the full-time standard: its three schools, and why.
    double_click(qtbot, page.table, 0, 2)
    dialog = answers.seen[-1]
    assert isinstance(dialog, DrilldownDialog)
    assert "33.33%" in dialog.heading.text() and dialog.sums.text() == "3 所学校中的 1 所。"
    codes = [dialog.model.row_at(r).code for r in range(dialog.model.rowCount())]
    assert codes == ["2153010001", "2153010003", "3153010002"]
    # The first school is chosen: its package, and the stored file proves to be it.
    details = dialog.package.details.toPlainText()
    sha = hashlib.sha256(known.package("2153010001").read_bytes()).hexdigest()
    assert sha in details and "楚雄市的县级上报包，序号 1" in details
    qtbot.mouseClick(dialog.package.check_button, Qt.MouseButton.LeftButton)
    assert "存档的文件就是收取时计入的那一份" in dialog.package.verdict.text()
    # The keyboard: Enter on the current cell does the same.
    page.table.setFocus()
    page.table.setCurrentIndex(model.index(1, 4))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = answers.seen[-1]
    assert isinstance(dialog, DrilldownDialog)
    assert [dialog.model.row_at(r).code for r in range(dialog.model.rowCount())] == [
        "2153020001",
        "3453020002",
    ]


def test_filters_and_the_schools_falling_short(
    prefecture: AppContext, answers: Answers, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    page = _page(CompliancePage, prefecture, qtbot)
    page.standard.setCurrentIndex(page.standard.findData("cn-2015-room-areas"))
    qtmodeltester.check(page.shortfall)
    assert [r.code for r in page.shortfall.rows] == ["2153010003", "3153010002", "3453020002"]
    assert page.shortfall_count.text() == "3 所学校"
    page.county.setCurrentIndex(page.county.findData("532302"))
    assert [r.code for r in page.shortfall.rows] == ["3453020002"]
    assert page.table.model().rowCount() == 2  # 禄丰市 and the total
    page.kind.setCurrentIndex(page.kind.findData("primary"))
    assert page.shortfall.rows == [] and page.shortfall_count.text() == "0 所学校"
    page.kind.setCurrentIndex(0)
    view = page.shortfall_view
    double_click(qtbot, view, 0, 0)
    dialog = answers.seen[-1]
    assert isinstance(dialog, PackageDialog) and "3453020002" in dialog.panel.details.toPlainText()


def test_the_compliance_export(
    county: AppContext, answers: Answers, qtbot: QtBot, tmp_path: Path
) -> None:
    page = _page(CompliancePage, county, qtbot)
    answers.save_as = str(tmp_path / "达标")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    book = openpyxl.load_workbook(tmp_path / "达标.xlsx")
    assert book.sheetnames == ["达标情况", "未达标学校"]
    # A county's rows are its kinds of school.
    assert [r[0] for r in book["达标情况"].iter_rows(min_row=4, values_only=True)] == [
        "小学",
        "初级中学",
        "中等职业学校",
        "合计",
    ]


def test_summary_tiles_cells_and_people_open_their_schools(
    prefecture: AppContext, answers: Answers, qtbot: QtBot
) -> None:
    page = _page(SummaryPage, prefecture, qtbot)
    assert page.people.text().startswith("按人计：6 人（名册记录 8 条；其中 2 人")
    tile = page.tiles["counselors"].parentWidget()
    assert tile is not None
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    dialog = answers.seen[-1]
    assert isinstance(dialog, DrilldownDialog)
    assert dialog.explanation.total == 8 == int(page.tiles["counselors"].text())
    assert dialog.sums.text() == "以下 5 所学校合计 8。"
    # The keyboard reaches a tile too.
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert answers.seen[-1] is not dialog
    # A table cell: 禄丰市's rooms.
    column = next(
        c
        for c in range(page.model.columnCount())
        # Titles are wrapped on a few lines (issue 13).
        if page.model.headerData(c, Qt.Orientation.Horizontal).replace("\n", "")
        == "心理辅导室（间）"
    )
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).code == "532302")
    double_click(qtbot, page.view, row, column)
    dialog = answers.seen[-1]
    assert isinstance(dialog, DrilldownDialog)
    assert dialog.explanation.figure == "rooms" and dialog.explanation.total == 3
    assert {r.county_code for r in dialog.explanation.rows} == {"532302"}
    qtbot.mouseClick(page.people, Qt.MouseButton.LeftButton)
    dialog = answers.seen[-1]
    assert isinstance(dialog, DrilldownDialog)
    assert (
        dialog.explanation.figure == "counted_more_than_once"
        and len(dialog.explanation.people) == 2
    )


def test_dashboard_bars_open_their_schools(
    prefecture: AppContext, answers: Answers, qtbot: QtBot
) -> None:
    page = _page(DashboardPage, prefecture, qtbot)
    assert page.compliance is not None
    # The compliance chart: the required standards, 楚雄市 first (at the top).
    sets = page.compliance.sets
    assert [key for _s, key in sets] == [
        "cn-2021-full-time",
        "cn-2023-counselor",
        "cn-2015-room-areas",
    ]
    first = sets[0][0]
    assert [first.at(i) for i in range(first.count())] == [
        100.0,
        33.33,
    ]  # 禄丰市, 楚雄市 (bottom-up)
    first.clicked.emit(1)  # the bar of 楚雄市
    dialog = answers.seen[-1]
    assert isinstance(dialog, DrilldownDialog)
    assert dialog.explanation.figure == "standard:cn-2021-full-time"
    assert {r.county_code for r in dialog.explanation.rows} == {"532301"}
    # A bar of the counselors chart: 禄丰市's full-timers.
    assert page.charts is not None
    counselors = page.charts.charts[0].series()[0]
    assert isinstance(counselors, QAbstractBarSeries)
    full_time = counselors.barSets()[0]
    full_time.clicked.emit(1)
    dialog = answers.seen[-1]
    assert isinstance(dialog, DrilldownDialog)
    assert dialog.explanation.figure == "full_time" and dialog.explanation.total == 2


def test_standards_page_switches_adds_and_writes_the_template(
    county: AppContext, answers: Answers, qtbot: QtBot, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    page = StandardsPage(county)
    qtbot.addWidget(page)
    page.refresh()
    qtmodeltester.check(page.model)
    page.view.selectRow(4)  # the group room's size
    assert page.switch_button.text() == "停用" and not page.remove_button.isEnabled()
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    assert page.model.row_at(4).enabled is False and page.switch_button.text() == "启用"

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, StandardDialog)
        dialog.name.insert("寄宿生200人以上的学校至少1名专职教师")
        dialog.name_en.insert("200+ boarders: a full-time counselor")
        dialog.source.insert("楚教体〔2026〕2号")
        dialog.rule.setCurrentIndex(dialog.rule.findData("min_counselors"))
        dialog.count.setValue(1)
        dialog.when_boarders.setValue(200)
        assert dialog.function.isHidden() and not dialog.when_boarders.isHidden()

    answers.fill = fill
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    with county.db.reading() as session:
        added = list_standards(session)[-1]
    assert added.key == "532301-1"
    assert added.params == {"post_type": "full_time", "count": 1, "when_boarders_at_least": 200}
    page.view.selectRow(page.model.rowCount() - 1)
    assert page.remove_button.isEnabled()
    answers.save_as = str(tmp_path / "给学校")
    qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    book = openpyxl.load_workbook(tmp_path / "给学校.xlsx")
    names = [r[0] for r in book["达标标准"].iter_rows(min_row=4, values_only=True)]
    assert names[-1] == "寄宿生200人以上的学校至少1名专职教师"


def test_a_refused_standard_keeps_what_was_typed(
    county: AppContext, answers: Answers, qtbot: QtBot, shown_messages: list[str]
) -> None:
    page = StandardsPage(county)
    qtbot.addWidget(page)
    page.refresh()
    tries: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, StandardDialog)
        tries.append(dialog.name.text())
        if len(tries) == 1:
            dialog.name.insert("没有填依据文件的标准")
            dialog.rule.setCurrentIndex(dialog.rule.findData("room_size"))
        else:
            answers.accept = False  # the clerk gives up

    answers.fill = fill
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert tries == ["", "没有填依据文件的标准"]
    assert (
        "“依据文件”必须填写" in shown_messages[0]
        and "至少给出最小面积或最大面积" in shown_messages[0]
    )
    assert len(page.model.rows) == 5


def test_review_lists_people_counted_elsewhere_and_writes_the_comment(
    county: AppContext, answers: Answers, qtbot: QtBot, tmp_path: Path
) -> None:
    page = _page(ReviewPage, county, qtbot)
    assert page.select_school("2153010003")
    assert page.tabs.tabText(page.tabs.count() - 1) == "重复统计（1）"
    assert page.shared.rows[0].others.startswith("楚雄市甲小学 (2153010001, 楚雄市")
    assert "收取人" in page.state.text()

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ReturnDialog)
        commented = dialog.comments.commented()
        assert [(c.table, c.label) for c in commented] == [("counselor", "钱二")]
        assert "楚雄市甲小学（2153010001，楚雄市）" in commented[0].comment

    answers.fill = fill
    answers.folder = str(tmp_path / "usb")
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    with county.db.reading() as session:
        review = review_school(session, code="2153010003", period_label="2026")
    assert review.review == "returned" and review.package is not None
    assert review.package.reviewed_by
