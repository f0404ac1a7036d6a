"""A collect tells the window what it stored (issue 17, point 5): the other pages show it
when next opened; a collect that stored nothing leaves them as they were."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from cxdesk.bureau.register import RegisterRow, load_register
from cxdesk.ui.bureau.board_page import BoardPage
from cxdesk.ui.bureau.collect_page import CollectPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from tests.ui.pages import shown_page

from .conftest import REGISTERED, Built


def test_the_board_is_refreshed_after_a_collect_and_not_after_an_empty_one(
    county_ctx: AppContext, usb: Path, built: Built, qtbot: QtBot, shown_messages: list[str]
) -> None:
    window = MainWindow(county_ctx)
    qtbot.addWidget(window)
    window.show()
    board = shown_page(window, "bureau_board", BoardPage)
    board.period.set_label("2026")
    assert "应报 8 所，已报 0 所" in board.headline.text()

    collect = shown_page(window, "bureau_collect", CollectPage)
    with qtbot.waitSignal(county_ctx.data_changed, timeout=60_000) as changed:
        collect.start([usb])
    assert changed.args[0].touches("submission")
    assert window.statusBar().currentMessage() == "已保存。"
    window.show_page("bureau_board")
    assert f"应报 8 所，已报 {REGISTERED} 所" in board.headline.text()

    # The register changes behind the window's back: a page refreshed would show it.
    with county_ctx.db.transaction() as session:
        load_register(
            session,
            [
                RegisterRow(p.code, p.name, p.county, p.kind, p.contact_person, p.contact_phone)
                for p in built.plans[:-1]
            ],
        )
    window.statusBar().clearMessage()
    window.show_page("bureau_collect")
    with (
        qtbot.assertNotEmitted(county_ctx.data_changed),
        qtbot.waitSignal(collect.collected, timeout=60_000) as again,
    ):
        collect.start([usb])
    assert {r.outcome for r in again.args[0]} <= {"already_had", "held"}
    assert window.statusBar().currentMessage() == ""
    window.show_page("bureau_board")
    assert "应报 8 所" in board.headline.text()  # not read again: nothing was stored
    board.refresh()
    assert "应报 7 所" in board.headline.text()
    assert shown_messages == []
