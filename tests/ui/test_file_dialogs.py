"""File dialogs open in the folder last used for the same action, else on a USB stick
(for packages) or in Documents: never in the program's working directory (issue 13)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStorageInfo
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from cxdesk.ui.school.excel_page import ExcelPage
from cxdesk.ui.school.overview import OverviewPage
from cxdesk.ui.school.report_page import ReportPage
from cxdesk.ui.shell import file_dialogs
from cxdesk.ui.shell.main_window import MainWindow
from tests.ui.pages import shown_page


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[QFileDialog]:
    """The dialogs shown; each is cancelled unless a test answers it."""
    dialogs: list[QFileDialog] = []
    monkeypatch.setattr(file_dialogs, "run", _answering(dialogs, []))
    return dialogs


def _answering(shown: list[QFileDialog], files: list[str]) -> Callable[[QFileDialog], list[str]]:
    """In place of ``file_dialogs.run``: notes the dialog, answers ``files``."""

    def run(dialog: QFileDialog) -> list[str]:
        shown.append(dialog)
        return files

    return run


@pytest.fixture
def elsewhere(tmp_path: Path) -> Iterator[Path]:
    """The working directory is the program's folder, as on a school's PC."""
    program = tmp_path / "cxdesk-program"
    program.mkdir()
    before = os.getcwd()
    os.chdir(program)
    yield program
    os.chdir(before)


def _folder(dialog: QFileDialog) -> str:
    return dialog.directory().absolutePath()


def test_the_first_time_documents_then_the_folder_last_used(
    window: MainWindow,
    shown: list[QFileDialog],
    elsewhere: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(file_dialogs, "removable_drives", lambda: [])
    excel = shown_page(window, "excel", ExcelPage)
    excel._choose_workbook()
    assert _folder(shown[-1]) == file_dialogs.documents_folder()
    assert _folder(shown[-1]) != str(elsewhere)

    # A workbook chosen in another folder: the next import starts there.
    chosen = tmp_path / "学校材料" / "填报表.xlsx"
    chosen.parent.mkdir()
    monkeypatch.setattr(file_dialogs, "run", _answering(shown, [str(chosen)]))
    monkeypatch.setattr(excel, "preview_import", lambda path: None)
    excel._choose_workbook()
    excel._choose_workbook()
    assert _folder(shown[-1]) == str(chosen.parent)
    # Another action keeps its own folder.
    monkeypatch.setattr(file_dialogs, "run", _answering(shown, []))
    report = shown_page(window, "report", ReportPage)
    report._choose_reply()
    assert _folder(shown[-1]) == file_dialogs.documents_folder()


def test_a_package_goes_to_the_usb_stick_when_one_is_plugged_in(
    window: MainWindow,
    shown: list[QFileDialog],
    elsewhere: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stick = tmp_path / "media" / "U盘"
    stick.mkdir(parents=True)
    monkeypatch.setattr(file_dialogs, "removable_drives", lambda: [str(stick)])
    report = shown_page(window, "report", ReportPage)
    report._choose_export_folder()
    dialog = shown[-1]
    assert _folder(dialog) == str(stick)
    assert dialog.fileMode() == QFileDialog.FileMode.Directory
    # The summary form (a PDF for the printer) goes to Documents all the same.
    overview = shown_page(window, "overview", OverviewPage)
    overview.pdf_button.click()
    assert _folder(shown[-1]) == file_dialogs.documents_folder()


def test_removable_drives_are_told_from_their_mount_point(monkeypatch: pytest.MonkeyPatch) -> None:
    class Volume:
        def __init__(self, root: str) -> None:
            self.root = root

        def rootPath(self) -> str:
            return self.root

        def isValid(self) -> bool:
            return True

        def isReady(self) -> bool:
            return True

        def isReadOnly(self) -> bool:
            return False

    volumes = [Volume("/"), Volume("/home"), Volume("/media/teacher/KINGSTON")]
    monkeypatch.setattr(QStorageInfo, "mountedVolumes", lambda: volumes)
    if sys.platform != "win32":
        assert file_dialogs.removable_drives() == ["/media/teacher/KINGSTON"]


def test_a_real_file_dialog_speaks_chinese(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """Qt's own file dialog (not the system's): its labels and list in Chinese."""
    from tests.ui.visible import english_words, visible_texts

    seen: list[list[str]] = []

    def look(dialog: QFileDialog) -> list[str]:
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.show()
        qtbot.wait(50)
        seen.append(visible_texts(dialog))
        dialog.reject()
        return []

    monkeypatch.setattr(file_dialogs, "run", look)
    shown_page(window, "excel", ExcelPage)._choose_workbook()
    texts = seen[0]
    assert "查找范围(L)：" in texts and "文件类型(T)：" in texts
    assert english_words(texts, {"xlsx"}) == []
