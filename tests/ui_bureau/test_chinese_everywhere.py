"""No English in the Chinese interface of a county bureau and of the prefecture: every
page, every button pressed, every dialog, question and file dialog (issue 13)."""

from __future__ import annotations

import functools

import pytest
from pytestqt.qtbot import QtBot

from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from tests.ui.explore import Explorer
from tests.ui.test_chinese_everywhere import english_in


def _walk(ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    explorer = Explorer(qtbot, monkeypatch)
    explorer.read_menus(window, "menus")
    for entry in list(window.entries):
        page = window.show_page(entry.key)
        if hasattr(page, "period"):
            page.period.set_label("2026")
        explorer.explore(
            page, entry.key, depth=1, show=functools.partial(window.show_page, entry.key)
        )
    window.close()
    return explorer.seen


def test_every_page_and_dialog_of_a_county_is_chinese(
    collected_ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _walk(collected_ctx, qtbot, monkeypatch)
    assert english_in(seen) == {}
    places = " ".join(seen)
    for reached in ("bureau_collect", "bureau_review", "bureau_county_package", "file dialog"):
        assert reached in places, reached
    assert len(seen) > 25


def test_every_page_and_dialog_of_the_prefecture_is_chinese(
    prefecture_ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _walk(prefecture_ctx, qtbot, monkeypatch)
    assert english_in(seen) == {}
    assert "bureau_dashboard" in " ".join(seen) and len(seen) > 20
