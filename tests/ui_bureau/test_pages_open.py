"""Every bureau page opens in the main window of a county and of the prefecture."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cxdesk.services.bureaus import init_bureau
from cxdesk.storage.db import open_database
from cxdesk.ui.bureau.board_page import BoardPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from cxdesk.ui.shell.registry import pages_for
from tests.ui.pages import built_page

BUREAU_PAGES = {
    "bureau_collect",
    "bureau_board",
    "bureau_review",
    "bureau_summary",
    "bureau_dashboard",
    "bureau_register",
    "bureau_trust",
}


def test_a_county_sees_every_bureau_page(
    county_ctx: AppContext, qtbot: QtBot, shown_messages: list[str]
) -> None:
    keys = [p.key for p in pages_for("county")]
    assert BUREAU_PAGES | {"bureau_county_package"} <= set(keys)
    assert "roster" not in keys
    window = MainWindow(county_ctx)
    qtbot.addWidget(window)
    window.show()
    for key in keys:
        assert window.show_page(key).isVisible()
    assert shown_messages == []


def test_the_prefecture_sees_its_pages(
    tmp_path: Path, qapp: QApplication, qtbot: QtBot, shown_messages: list[str]
) -> None:
    db = open_database(tmp_path / "prefecture.db")
    with db.transaction() as session:
        init_bureau(session, role="prefecture", code="532300")
    ctx = AppContext(db, "zh")
    keys = [p.key for p in pages_for("prefecture")]
    assert set(keys) >= BUREAU_PAGES and "bureau_county_package" not in keys
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    for key in keys:
        window.show_page(key)
    board = built_page(window, "bureau_board", BoardPage)
    assert board.tabs.tabText(0) in ("各县市上报包", "County packages")
    assert board.counties.rowCount() == 10
    assert shown_messages == []
    window.close()
    db.close()
