"""The checks page: findings grouped, a soft one kept with an explanation, open at field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cxdesk.models import FindingExplanation
from cxdesk.services.records import RoomInput
from cxdesk.services.rooms import add_room
from cxdesk.ui.school.checks_page import ChecksPage
from cxdesk.ui.school.overview import OverviewPage
from cxdesk.ui.school.rooms.room_form import RoomForm
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from tests.ui.pages import shown_page


def _small_room(ctx: AppContext) -> int:
    return ctx.write(
        lambda s: (
            add_room(
                s,
                school_id=ctx.require_school_id(),
                data=RoomInput(name="沙盘室", function="group", area_tenths=60),
            ).id
        ),
    )


def _soft_rows(page: ChecksPage) -> list[tuple[str, str, str]]:
    model = page.soft_model
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_keep_a_soft_finding_with_an_explanation(
    window: MainWindow, ctx: AppContext, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    room_id = _small_room(ctx)
    page = shown_page(window, "checks", ChecksPage)
    rows = [r for r in _soft_rows(page) if "沙盘室" in r[0]]
    assert len(rows) == 1 and "6.0" in rows[0][1] and rows[0][2] == "（待处理）"
    qtmodeltester.check(page.soft_model)
    qtmodeltester.check(page.hard_model)

    row = next(
        i
        for i, f in enumerate(page.soft_model.rows)
        if f.record_id == room_id and f.table_name == "counselling_room"
    )
    page.soft_table.selectRow(row)
    qtbot.mouseClick(page.explain_button, Qt.MouseButton.LeftButton)
    dialog = page.explain_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.text.insertPlainText("沙盘室与阅览室相连，实测面积6平方米，专用于个体沙盘辅导。")
    dialog.accept()

    rows = [r for r in _soft_rows(page) if "沙盘室" in r[0]]
    assert rows[0][2] == "沙盘室与阅览室相连，实测面积6平方米，专用于个体沙盘辅导。"
    assert "1 条已填写说明" in page.soft_box.title()
    with ctx.db.reading() as session:
        kept = session.query(FindingExplanation).one()
        assert (kept.rule_id, kept.table_name, kept.record_id) == (
            "S-R01",
            "counselling_room",
            room_id,
        )
        assert kept.explanation.startswith("沙盘室与阅览室相连")

    still_open = sum(1 for f in page.soft_model.rows if f.open)
    assert still_open == len(page.soft_model.rows) - 1
    overview = shown_page(window, "overview", OverviewPage)
    assert f"{still_open} 个提醒" in overview.findings.text()


def test_double_click_opens_the_record_at_the_field(
    window: MainWindow, ctx: AppContext, qtbot: QtBot
) -> None:
    room_id = _small_room(ctx)
    page = shown_page(window, "checks", ChecksPage)
    row = next(
        i
        for i, f in enumerate(page.soft_model.rows)
        if f.record_id == room_id and f.table_name == "counselling_room"
    )
    index = page.soft_table.model().index(row, 1)
    rect = page.soft_table.visualRect(index)
    viewport = page.soft_table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    form = page.form
    assert isinstance(form, RoomForm) and form.isVisible()
    assert form.name.text() == "沙盘室"
    assert form.focusWidget() is form.area  # the cursor is in the field the rule is about
    form.area.selectAll()
    qtbot.keyClicks(form.area, "12.5")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not any(f.record_id == room_id and f.rule_id == "S-R01" for f in page.soft_model.rows)
