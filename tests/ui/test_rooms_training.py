"""Rooms and training pages: forms, checklist of attendees, delete and undo, models."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cxdesk.models import Attendance, CounsellingRoom, TrainingEvent
from cxdesk.services.counselors import add_counselor
from cxdesk.services.records import CounselorInput
from cxdesk.ui.school.rooms.page import RoomsPage
from cxdesk.ui.school.training.page import TrainingPage
from cxdesk.ui.shell import record_page
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from tests.ui.pages import shown_page


@pytest.fixture(autouse=True)
def _answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(record_page, "ask", lambda box: QMessageBox.StandardButton.Yes)


def _texts(page: RoomsPage | TrainingPage, column: int = 0) -> list[str]:
    model = page.table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _counselor(ctx: AppContext, name: str, status: str = "in_post") -> int:
    return ctx.write(
        lambda s: (
            add_counselor(
                s,
                school_id=ctx.require_school_id(),
                data=CounselorInput(
                    name=name,
                    post_type="part_time",
                    main_subject="math",
                    status=status,
                    left_date=date(2024, 7, 1) if status == "left" else None,
                ),
            ).id
        )
    )


def test_add_a_room_with_an_exact_area(
    window: MainWindow, ctx: AppContext, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    page = shown_page(window, "rooms", RoomsPage)
    assert page.empty_hint.isVisible()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    form = page.form
    assert form is not None
    form.name.insert("心理辅导室")
    form.function.set_code("individual")
    assert not form.save_button.isEnabled()  # no area yet
    form.area.clear()
    qtbot.keyClicks(form.area, "28.3")
    form.year_opened.setValue(2019)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert _texts(page) == ["心理辅导室"] and _texts(page, 2) == ["28.3"]
    with ctx.db.reading() as session:
        room = session.query(CounsellingRoom).one()
        assert room.area_tenths == 283 and room.year_opened == 2019
        room_id = room.id
    qtmodeltester.check(page.model)

    page.select_id(room_id)
    page.delete_selected()
    assert _texts(page) == []
    window.undo_action.trigger()
    assert _texts(page, 2) == ["28.3"]
    with ctx.db.reading() as session:
        assert session.query(CounsellingRoom).one().area_tenths == 283


def test_training_with_a_checklist_of_attendees(
    window: MainWindow, ctx: AppContext, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    a = _counselor(ctx, "张伟")
    b = _counselor(ctx, "杨丽")
    _counselor(ctx, "赵老师", status="left")
    page = shown_page(window, "training", TrainingPage)
    page.open_form(None)
    form = page.form
    assert form is not None
    assert form.attendees.count() == 2  # those who left are not offered
    form.title.insert("全州心理健康教育骨干教师培训")
    form.level.set_code("prefecture")
    form.start_date.set_value(date(2026, 4, 10))
    form.end_date.set_value(date(2026, 4, 8))
    assert form.dates_hint.isVisible() and not form.save_button.isEnabled()
    form.end_date.set_value(date(2026, 4, 12))
    assert form.save_button.isEnabled()
    form.set_attended(a, True)
    form.set_attended(b, True)
    assert "2" in form.attended_count.text()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert _texts(page) == ["全州心理健康教育骨干教师培训"] and _texts(page, 5) == ["2"]
    with ctx.db.reading() as session:
        event = session.query(TrainingEvent).one()
        assert event.level == "prefecture"
        assert sorted(x.counselor_id for x in session.query(Attendance)) == sorted([a, b])
        event_id = event.id
    qtmodeltester.check(page.model)

    page.select_id(event_id)
    page.edit_selected()
    form = page.form
    assert form is not None
    assert sorted(form.attended_ids()) == sorted([a, b])
    form.set_attended(b, False)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert _texts(page, 5) == ["1"]

    page.select_id(event_id)
    page.delete_selected()
    assert _texts(page) == []
    window.undo_action.trigger()
    assert _texts(page, 5) == ["1"]
    with ctx.db.reading() as session:
        assert [x.counselor_id for x in session.query(Attendance)] == [a]
