"""Every page and form of a school at 1366×768: no text cut, no sideways scrolling.

The window is as large as a maximized window on a 1366×768 screen under the Windows
taskbar; the geometry is measured widget by widget (tests/ui/layout_check.py).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cxdesk.sample.school import fill_demo_school
from cxdesk.services.setup import own_school
from cxdesk.ui.school.rooms.page import RoomsPage
from cxdesk.ui.school.roster.page import RosterPage
from cxdesk.ui.school.school_page import SchoolPage
from cxdesk.ui.school.training.page import TrainingPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from tests.ui.layout_check import WINDOW_HEIGHT, WINDOW_SIZES, WINDOW_WIDTH, cut_short
from tests.ui.pages import shown_page


def settle(widget: QWidget) -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture
def demo_window(ctx: AppContext, qtbot: QtBot) -> MainWindow:
    with ctx.db.transaction() as session:
        fill_demo_school(session, school=own_school(session), year=2026)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(WINDOW_WIDTH, WINDOW_HEIGHT)
    window.show()
    return window


@pytest.mark.parametrize("size", WINDOW_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_school_page_fits(demo_window: MainWindow, size: tuple[int, int]) -> None:
    demo_window.resize(*size)
    problems = {}
    for entry in demo_window.entries:
        demo_window.show_page(entry.key)
        settle(demo_window)
        if found := cut_short(demo_window):
            problems[entry.key] = found
    assert problems == {}


def test_every_form_fits(demo_window: MainWindow, qtbot: QtBot) -> None:
    problems = {}
    roster = shown_page(demo_window, "roster", RosterPage)
    roster.select_id(roster.model.rows[0].id)
    roster.edit_selected()
    counselor = roster.form
    assert counselor is not None
    forms: dict[str, QWidget | None] = {"counselor": counselor}
    counselor.cert_table.selectRow(0)
    counselor._edit_certificate()
    forms["certificate"] = counselor.cert_dialog
    rooms = shown_page(demo_window, "rooms", RoomsPage)
    rooms.open_form(rooms.model.rows[0])
    forms["room"] = rooms.form
    training = shown_page(demo_window, "training", TrainingPage)
    training.open_form(training.model.rows[0])
    forms["training"] = training.form
    school = shown_page(demo_window, "school", SchoolPage)
    school.change_code()
    forms["school code"] = school.code_dialog
    for name, form in forms.items():
        assert form is not None, name
        settle(form)
        if found := cut_short(form):
            problems[name] = found
    assert problems == {}
