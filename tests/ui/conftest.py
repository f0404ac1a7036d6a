"""Fixtures of the desktop-app tests: a context on a real database, captured dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from cxdesk.storage.db import Database
from cxdesk.ui.shell import errors, language
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow


@dataclass
class ShownMessage:
    title: str
    text: str
    details: str
    icon: QMessageBox.Icon


@pytest.fixture(autouse=True)
def _chinese_ui(qapp: QApplication) -> Iterator[None]:
    """Every GUI test starts (and leaves the app) in Chinese, the default."""
    language.apply_language("zh")
    yield
    language.apply_language("zh")


@pytest.fixture
def shown_messages(monkeypatch: pytest.MonkeyPatch) -> list[ShownMessage]:
    """Message boxes of cxdesk.ui.shell.errors are recorded instead of blocking the test."""
    shown: list[ShownMessage] = []

    def present(box: QMessageBox) -> int:
        shown.append(ShownMessage(box.windowTitle(), box.text(), box.informativeText(), box.icon()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(errors, "present", present)
    return shown


@pytest.fixture
def ctx(school_db: Database, qapp: QApplication) -> AppContext:
    return AppContext(school_db, "zh")


@pytest.fixture
def window(ctx: AppContext, qtbot: QtBot, shown_messages: list[ShownMessage]) -> MainWindow:

    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    return main
