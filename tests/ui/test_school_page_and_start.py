"""The school page saves at once; ``run()`` starts the app in the saved language."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from cxdesk.models import School
from cxdesk.storage.db import Database
from cxdesk.ui.school.overview import OverviewPage
from cxdesk.ui.school.school_page import SchoolPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from cxdesk.ui.shell.preferences import save_language
from tests.ui.pages import shown_page


def test_the_school_page_saves_the_details(
    window: MainWindow, ctx: AppContext, qtbot: QtBot
) -> None:
    page = shown_page(window, "school", SchoolPage)
    form = page.form
    assert form.code.text() == "2153230001" and not form.code.isEnabled()
    form.name.selectAll()
    form.name.insert("楚雄市鹿城小学（本部）")
    form.mountain.setChecked(True)
    form.contact_phone.selectAll()
    qtbot.keyClicks(form.contact_phone, "12a")  # not a phone number
    assert form.phone_hint.isVisible() and not page.save_button.isEnabled()
    form.contact_phone.selectAll()
    qtbot.keyClicks(form.contact_phone, "0878-3120000")
    assert page.save_button.isEnabled()
    qtbot.keyClick(form.contact_phone, Qt.Key.Key_Return)  # Enter saves
    with ctx.db.reading() as session:
        school = session.query(School).one()
        assert school.name == "楚雄市鹿城小学（本部）" and school.mountain
        assert school.contact_phone == "0878-3120000"
    assert shown_page(window, "overview", OverviewPage).title.text() == "楚雄市鹿城小学（本部）"


def test_run_opens_the_main_window_in_the_saved_language(
    school_db: Database,
    db_path: Path,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cxdesk.ui.shell import app as app_module
    from cxdesk.ui.shell import errors

    # run() installs process-wide hooks; put them back after the test
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(errors, "_unexpected_handler", errors._unexpected_handler)
    school_db.close()
    save_language("en")
    seen: list[str] = []

    class EventLoop:
        """Stands in for app.exec(): quitting the test's QApplication would stop every
        later test's event loop, so this looks at the windows and returns at once."""

        def exec(self) -> int:
            for widget in qapp.topLevelWidgets():
                if isinstance(widget, QMainWindow) and widget.isVisible():
                    seen.append(widget.windowTitle())
                    widget.close()
            return 0

    monkeypatch.setattr(app_module, "application", EventLoop)
    assert app_module.run(str(db_path), None) == 0
    assert seen == ["cxdesk — psychological-health education staffing"]
