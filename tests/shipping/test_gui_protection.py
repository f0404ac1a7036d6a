"""The desktop app protecting the data: the restore offer for a damaged file at start,
the crash dialog, and the backups group of the settings page (pytest-qt on real widgets)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from cxdesk.logs import setup_logging
from cxdesk.models import School
from cxdesk.services.setup import own_school
from cxdesk.storage.backup import create_backup, list_backups
from cxdesk.storage.changes import EVERYTHING, Changes
from cxdesk.storage.db import Database
from cxdesk.ui.shell import crash, errors, language, recovery
from cxdesk.ui.shell.app import open_or_explain
from tests.shipping.conftest import damage

pytestmark = pytest.mark.gui

IDENTITY = "11010519491231002X"


@pytest.fixture(autouse=True)
def _chinese(qapp: QApplication) -> Iterator[None]:
    language.apply_language("zh")
    yield
    language.apply_language("zh")


Clicker = Callable[[QMessageBox], QAbstractButton | None]


def _recovery(box: QMessageBox) -> recovery.DamagedDatabaseDialog:
    assert isinstance(box, recovery.DamagedDatabaseDialog), box
    return box


def restore(box: QMessageBox) -> QPushButton | None:
    """Clicks "Restore this backup" of the damaged-file dialog."""
    return _recovery(box).restore_button


def choose(box: QMessageBox) -> QPushButton:
    """Clicks "Choose a backup file…" of the damaged-file dialog."""
    return _recovery(box).choose_button


def quit_(box: QMessageBox) -> QPushButton:
    """Clicks "Quit" of the damaged-file dialog."""
    return _recovery(box).quit_button


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> tuple[list[QMessageBox], list[Clicker]]:
    """Message boxes are recorded; each is answered by the next clicker (else closed)."""
    shown: list[QMessageBox] = []
    answers: list[Clicker] = []

    def present(box: QMessageBox) -> int:
        shown.append(box)
        button = answers.pop(0)(box) if answers else None
        if button is not None:
            button.click()
        return 0

    monkeypatch.setattr(errors, "present", present)
    return shown, answers


def school_name(db: Database) -> str:
    with db.reading() as session:
        return own_school(session).name


def test_damaged_file_at_start_offers_the_latest_backup_and_restores_it(
    school_file: Path, dialogs: tuple[list[QMessageBox], list[Clicker]], qtbot: QtBot
) -> None:
    shown, answers = dialogs
    create_backup(school_file)
    damage(school_file)
    answers.append(restore)
    db = open_or_explain(str(school_file))
    assert db is not None
    try:
        assert school_name(db) == "楚雄市鹿城小学"
    finally:
        db.close()
    [offer] = shown
    assert isinstance(offer, recovery.DamagedDatabaseDialog)
    assert "已损坏" in offer.text() and str(school_file) in offer.text()
    assert "最近一份完好的备份" in offer.informativeText()
    assert "Traceback" not in offer.text() + offer.informativeText()
    assert [b.reason for b in list_backups(school_file)] == ["damaged", "manual"]


def test_without_a_backup_a_file_from_a_usb_stick_can_be_chosen(
    school_file: Path,
    tmp_path: Path,
    dialogs: tuple[list[QMessageBox], list[Clicker]],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    shown, answers = dialogs
    usb = create_backup(school_file, folder=tmp_path / "usb")
    junk = tmp_path / "usb" / "holiday-photos.db"
    junk.write_bytes(b"not a backup" * 100)
    damage(school_file)
    chosen = [junk, usb]
    monkeypatch.setattr(recovery, "choose_backup_file", lambda parent, start: chosen.pop(0))
    answers += [
        choose,  # the offer: choose a file -> the junk one
        lambda box: None,  # "not a sound backup" is shown
        choose,  # the offer again: the real backup
    ]
    db = open_or_explain(str(school_file))
    assert db is not None
    db.close()
    assert _recovery(shown[0]).restore_button is None and "U 盘" in shown[0].informativeText()
    assert "不是完好的 cxdesk 备份" in shown[1].text()
    assert isinstance(shown[2], recovery.DamagedDatabaseDialog)


def test_quitting_leaves_the_damaged_file_as_it_was(
    school_file: Path, dialogs: tuple[list[QMessageBox], list[Clicker]], qtbot: QtBot
) -> None:
    shown, answers = dialogs
    create_backup(school_file)
    damage(school_file)
    before = school_file.read_bytes()
    answers.append(quit_)
    assert open_or_explain(str(school_file)) is None
    assert school_file.read_bytes() == before
    assert len(shown) == 1


def test_app_run_restores_and_opens_the_main_window(
    school_file: Path,
    dialogs: tuple[list[QMessageBox], list[Clicker]],
    monkeypatch: pytest.MonkeyPatch,
    qapp: QApplication,
    qtbot: QtBot,
) -> None:
    import cxdesk.ui.shell.app
    from cxdesk.ui.shell.main_window import MainWindow

    shown, answers = dialogs
    create_backup(school_file)
    damage(school_file)
    answers.append(restore)
    windows: list[MainWindow] = []

    class NoEventLoop:
        """The real application, but exec() looks at the windows instead of running:
        an event loop that ran and quit would stop later tests' queued signals."""

        def exec(self) -> int:
            for widget in qapp.topLevelWidgets():
                if isinstance(widget, MainWindow) and widget.isVisible():
                    windows.append(widget)
                    qtbot.addWidget(widget)
            return 0

        def __getattr__(self, name: str) -> object:
            return getattr(qapp, name)

    monkeypatch.setattr(cxdesk.ui.shell.app, "application", NoEventLoop)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    try:
        assert cxdesk.ui.shell.app.run(str(school_file), "zh") == 0
    finally:
        errors.set_unexpected_handler(None)
    [window] = windows
    assert window.ctx.school_id is not None
    assert isinstance(shown[0], recovery.DamagedDatabaseDialog)
    reasons = [b.reason for b in list_backups(school_file)]
    assert reasons[0] == "daily" and "damaged" in reasons  # backed up once it was sound


def test_an_unexpected_fault_shows_one_dialog_naming_the_log(
    school_db: Database,
    dialogs: tuple[list[QMessageBox], list[Clicker]],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    shown, _answers = dialogs
    log_file = setup_logging()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(crash, "_seen", set())
    errors.install_excepthook()
    crash.install_crash_dialog()
    try:

        def broken_slot() -> None:
            with school_db.transaction() as session:
                session.query(School).one().name = "写到一半"
                raise ValueError(f"bad counselor {IDENTITY}")

        for _ in range(3):  # the same fault again and again: one dialog
            try:
                broken_slot()
            except ValueError:
                sys.excepthook(*sys.exc_info())  # what Qt does with an exception in a slot
    finally:
        errors.set_unexpected_handler(None)
    [dialog] = shown
    assert isinstance(dialog, crash.CrashDialog)
    assert "数据是安全的" in dialog.text()
    assert str(log_file) in dialog.informativeText()
    assert "ValueError" in dialog.detailedText() and IDENTITY not in dialog.detailedText()
    assert "Traceback" not in dialog.text() + dialog.informativeText()
    assert school_name(school_db) == "楚雄市鹿城小学"  # the failed action was rolled back
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "ValueError" in text and "Traceback" in text and IDENTITY not in text


def test_backups_group_backs_up_and_restores(
    school_db: Database,
    tmp_path: Path,
    dialogs: tuple[list[QMessageBox], list[Clicker]],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    from cxdesk.ui.shell import backup_settings
    from cxdesk.ui.shell.context import AppContext
    from cxdesk.ui.shell.settings_page import SettingsPage

    shown, answers = dialogs
    ctx = AppContext(school_db, "zh")
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    group = page.findChild(backup_settings.BackupSettings, "backups")
    assert group is not None and group.title() == "备份"
    assert group.model.rowCount() == 0

    qtbot.mouseClick(group.backup_now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: group.model.rowCount() == 1)
    assert group.model.data(group.model.index(0, 1)) == "手动备份"

    monkeypatch.setattr(backup_settings, "choose_folder", lambda parent: tmp_path / "usb")
    group.backup_to_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "usb").exists() and any((tmp_path / "usb").iterdir()))
    assert group.model.rowCount() == 1  # a copy on the stick is not in the backups folder

    ctx.write(lambda s: setattr(s.query(School).one(), "name", "误改的名字"))
    changed: list[Changes] = []
    ctx.data_changed.connect(changed.append)
    group.table.selectRow(0)
    answers.append(lambda box: box.buttons()[0])  # "Restore"
    group.restore_button.click()
    qtbot.waitUntil(lambda: changed == [EVERYTHING])  # every page reads again
    assert school_name(school_db) == "楚雄市鹿城小学"
    assert "恢复" in shown[-1].text() or "替换" in shown[-1].text()
    assert [b.reason for b in list_backups(school_db.path)] == ["before-restore", "manual"]
    assert group.model.rowCount() == 2
