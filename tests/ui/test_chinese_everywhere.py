"""No English in the Chinese interface: every page of a school, every button pressed,
every form, question, message and file dialog that opens (issue 13).

Words allowed are the program's name, file kinds and key names (tests/ui/visible.py);
paths and file names are the user's and are left out.
"""

from __future__ import annotations

import functools

import pytest
from pytestqt.qtbot import QtBot

from cxdesk.sample.school import fill_demo_school
from cxdesk.services.setup import own_school
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from tests.ui.explore import Explorer
from tests.ui.visible import english_words


def english_in(seen: dict[str, list[str]]) -> dict[str, list[str]]:
    return {where: found for where, texts in seen.items() if (found := english_words(texts))}


@pytest.fixture
def demo_window(ctx: AppContext, qtbot: QtBot) -> MainWindow:
    with ctx.db.transaction() as session:
        fill_demo_school(session, school=own_school(session), year=2026)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def test_every_page_and_dialog_of_a_school_is_chinese(
    demo_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    explorer = Explorer(qtbot, monkeypatch)
    explorer.read_menus(demo_window, "menus")
    for entry in list(demo_window.entries):
        page = demo_window.show_page(entry.key)
        explorer.explore(
            page, entry.key, depth=1, show=functools.partial(demo_window.show_page, entry.key)
        )
    assert english_in(explorer.seen) == {}
    # The walk reached the forms, their inner dialogs, questions and file dialogs.
    places = " ".join(explorer.seen)
    for reached in (
        "新增教师",
        "window 证书",
        "新增心理辅导室",
        "新增培训",
        "file dialog",
        "modal",
    ):
        assert reached in places, reached
    assert len(explorer.seen) > 35
    # 打开备份文件夹 asked the desktop for the backups folder beside the database.
    assert str(demo_window.ctx.db.path.parent / "backups") in explorer.opened
