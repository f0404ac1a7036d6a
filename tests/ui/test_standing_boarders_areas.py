"""The school's side of the standards: boarders, a room's basic areas and grade, and the
school's own standing on the overview page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from cxdesk.models import CounsellingRoom, School
from cxdesk.services.counselors import add_counselor
from cxdesk.services.records import CounselorInput
from cxdesk.ui.school.overview import OverviewPage
from cxdesk.ui.school.rooms.page import RoomsPage
from cxdesk.ui.school.school_page import SchoolPage
from cxdesk.ui.shell import record_page
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from tests.ui.conftest import ShownMessage
from tests.ui.pages import shown_page


@pytest.fixture(autouse=True)
def _answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(record_page, "ask", lambda box: QMessageBox.StandardButton.Yes)


def test_boarders_are_typed_and_kept(
    window: MainWindow, ctx: AppContext, qtbot: QtBot, shown_messages: list[ShownMessage]
) -> None:
    page = shown_page(window, "school", SchoolPage)
    form = page.form
    assert form.boarders.text() == "未填写"  # not given, not 0
    form.boarders.setFocus()
    form.boarders.lineEdit().selectAll()
    qtbot.keyClicks(form.boarders, "120")
    assert form.boarders.value() == 120
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    with ctx.db.reading() as session:
        assert session.query(School).one().boarders == 120
    form.boarders.lineEdit().selectAll()
    qtbot.keyClicks(form.boarders, "900")  # more than the 800 pupils
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "寄宿生数（900）不能多于在校生数（800）" in shown_messages[-1].details
    with ctx.db.reading() as session:
        assert session.query(School).one().boarders == 120


def test_a_rooms_areas_follow_its_function(
    window: MainWindow, ctx: AppContext, qtbot: QtBot
) -> None:
    page = shown_page(window, "rooms", RoomsPage)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    form = page.form
    assert form is not None
    form.name.insert("综合辅导室")
    form.function.set_code("individual")
    individual, group, reception = (form.areas[a] for a in ("individual", "group", "reception"))
    assert individual.isChecked() and not individual.isEnabled()  # implied by the function
    form.function.set_code("combined")
    assert not individual.isChecked() and individual.isEnabled()
    qtbot.mouseClick(individual, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(group, Qt.MouseButton.LeftButton)
    form.grade.set_code("standard")
    form.area.clear()
    qtbot.keyClicks(form.area, "45")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    with ctx.db.reading() as session:
        room = session.query(CounsellingRoom).one()
        assert (room.has_individual, room.has_group, room.has_reception) == (True, True, False)
        assert room.grade == "standard" and room.provided_areas() == {"individual", "group"}
    model = page.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    row = {h: model.index(0, c).data() for c, h in enumerate(headers)}
    assert row["基本功能区"] == "个别辅导室、团体活动室" and row["等级"] == "标准化"
    assert not reception.isChecked()


def test_the_overview_shows_the_schools_standing(window: MainWindow, ctx: AppContext) -> None:
    ctx.write(
        lambda s: add_counselor(
            s,
            school_id=ctx.require_school_id(),
            data=CounselorInput(name="张老师", post_type="part_time", main_subject="math"),
        )
    )
    page = shown_page(window, "overview", OverviewPage)
    page.refresh()
    text = page.standing.lines.text()
    # A part-timer but no full-timer and no room (the fixture school: 800 pupils, primary).
    assert "✗ 未达标</td><td>每所中小学至少配备1名专职心理健康教育教师" in text
    assert "专职0人（应至少1人）" in text
    assert "✓ 达标</td><td>每所学校至少配备1名专（兼）职心理健康教育教师" in text
    assert "缺个别辅导室、团体活动室、办公接待区" in text
    assert "– 不适用</td><td>个别辅导室面积10–15平方米（提示）" in text
    assert "教思政厅函〔2021〕10号 · 国家" in text  # the document's number, and its origin
