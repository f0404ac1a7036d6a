"""The 上报 page over periods: an earlier period, an accepted one, a correction, the changes."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cxdesk.exchange.export import ExportResult
from cxdesk.exchange.keys import Signer
from cxdesk.exchange.verify import verify_package
from cxdesk.models import CounsellingRoom
from cxdesk.services.records import RoomInput
from cxdesk.services.rooms import add_room
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database
from cxdesk.ui.school.report_page import ReportPage
from cxdesk.ui.school.rooms.page import RoomsPage
from cxdesk.ui.shell import errors
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from cxdesk.ui.shell.period_guard import ChangeCancelled
from tests.period_helpers import receipt_for
from tests.sample_bureaus import sample_signer
from tests.ui import conftest as ui_fixtures
from tests.ui.conftest import ShownMessage
from tests.ui.pages import shown_page

pytestmark = pytest.mark.gui
_chinese_ui = ui_fixtures._chinese_ui
shown_messages = ui_fixtures.shown_messages


@pytest.fixture
def window(registered_db: Database, qtbot: QtBot, shown_messages: list[ShownMessage]) -> MainWindow:
    """The school with its county's key file registered (its packages are encrypted)."""
    main = MainWindow(AppContext(registered_db, "zh"))
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def page(window: MainWindow) -> ReportPage:
    shown = shown_page(window, "report", ReportPage)
    assert isinstance(shown, ReportPage)
    return shown


@pytest.fixture
def county_signer(sample_bureaus: Path) -> Signer:
    """楚雄市's own signing key: the receipts the school trusts are signed with it."""
    return sample_signer(sample_bureaus, "532301")


def cells(model: QAbstractItemModel, column: int) -> list[str]:
    return [model.index(r, column, QModelIndex()).data() for r in range(model.rowCount())]


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    """Questions are answered with ``button``; their texts are kept."""
    asked: list[str] = []

    def present(box: QMessageBox) -> int:
        asked.append(box.text())
        return int(button.value)

    monkeypatch.setattr(errors, "present", present)
    return asked


def export(page: ReportPage, qtbot: QtBot, folder: Path) -> ExportResult:
    with qtbot.wait_signal(page.exported, timeout=30000) as blocker:
        page.export_to(folder)
    assert blocker.args is not None
    result = blocker.args[0]
    assert isinstance(result, ExportResult)
    return result


def rooms(db: Database) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count(CounsellingRoom.id))) or 0)


def test_an_earlier_period_is_exported_without_later_training(
    page: ReportPage,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    page.send_section.period_picker.setCurrentText("2025")
    assert "2025-12-31" in page.send_section.reference_label.text()
    assert page.send_section.export_button.isEnabled()  # 2026 training is no error for 2025
    notes = page.send_section.notes_label.text()
    assert page.send_section.notes_label.isVisibleTo(page)
    assert "在统计时点 2025-12-31 之后" in notes and "培训" in notes
    assert "2025" in page.send_section.file_label.text()
    result = export(page, qtbot, tmp_path / "usb")
    manifest = verify_package(result.path).manifest
    assert (manifest.period.label, manifest.correction) == ("2025", False)
    assert manifest.counts["training_event"] == 0


def test_an_accepted_period_is_shown_as_reported_and_changes_ask_first(
    page: ReportPage,
    window: MainWindow,
    filled_db: Database,
    county_signer: Signer,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = export(page, qtbot, tmp_path / "usb")
    with qtbot.wait_signal(page.received, timeout=30000):
        page.receive(receipt_for(first.path, tmp_path / "replies", county_signer))
    assert page.send_section.accepted_label.isVisibleTo(page)
    assert "已接收 2026 期次第 001 次上报" in page.send_section.accepted_label.text()
    assert not page.send_section.figures_view.isColumnHidden(2)
    assert cells(page.send_section.figures_model, 1) == cells(
        page.send_section.figures_model, 2
    )  # nothing changed yet
    assert "没有变化" in page.send_section.changes_box.summary.text()

    # A new room in 2026 changes the accepted period: the app asks; "No" changes nothing.
    before = rooms(filled_db)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    ctx = window.ctx

    def add(session: Session) -> CounsellingRoom:
        return add_room(
            session, school_id=own_school(session).id, data=RoomInput("沙盘室", "group", 300)
        )

    with pytest.raises(ChangeCancelled):
        ctx.write(add)
    assert "教育局已接收（已回执）的 2026 期次数据" in asked[-1]
    assert rooms(filled_db) == before
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    ctx.write(add)
    assert rooms(filled_db) == before + 1

    page.refresh()
    changed = cells(page.send_section.changes_box.model, 1)
    assert "沙盘室" in changed and "心理辅导室（间）" in changed
    pdf = page.send_section.changes_box.save_pdf(tmp_path / "changes.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    text = unicodedata.normalize("NFKC", text)  # pdftotext gives some ideographs as radicals
    assert "沙盘室" in text and "与上次上报相比的变化" in text

    # Exporting again is a correction: asked, and marked in the package.
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    page.export_to(tmp_path / "usb2")
    assert "更正" in asked[-1]
    assert not (tmp_path / "usb2").exists()
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    second = export(page, qtbot, tmp_path / "usb2")
    assert verify_package(second.path).manifest.correction is True


def test_the_room_form_asks_before_changing_an_accepted_period(
    page: ReportPage,
    window: MainWindow,
    filled_db: Database,
    county_signer: Signer,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = export(page, qtbot, tmp_path / "usb")
    with qtbot.wait_signal(page.received, timeout=30000):
        page.receive(receipt_for(first.path, tmp_path / "replies", county_signer))
    rooms_page = shown_page(window, "rooms", RoomsPage)
    assert isinstance(rooms_page, RoomsPage)
    form = rooms_page.open_record(None)
    form.name.insert("新辅导室")
    qtbot.keyClicks(form.area, "25")
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert asked and "2026" in asked[-1]
    assert form.isVisible()  # still open: nothing saved, the user may change it back
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    with filled_db.reading() as session:
        assert session.scalar(select(func.count()).where(CounsellingRoom.name == "新辅导室")) == 1


def test_an_excel_import_into_an_accepted_period_asks_first(
    page: ReportPage,
    window: MainWindow,
    filled_db: Database,
    county_signer: Signer,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import openpyxl

    from cxdesk.services.periods import get_period
    from cxdesk.ui.school.excel_page import ExcelPage
    from cxdesk.workbook import write_school_workbook

    first = export(page, qtbot, tmp_path / "usb")
    with qtbot.wait_signal(page.received, timeout=30000):
        page.receive(receipt_for(first.path, tmp_path / "replies", county_signer))
    path = tmp_path / "more.xlsx"
    with filled_db.transaction() as session:
        write_school_workbook(
            session, school=own_school(session), period=get_period(session, "2026"), path=path
        )
    book = openpyxl.load_workbook(path)
    book["辅导室"].append(["沙盘室", "团体活动室", 30.5])
    book.save(path)
    excel = shown_page(window, "excel", ExcelPage)
    assert isinstance(excel, ExcelPage)
    with qtbot.wait_signal(excel.preview_ready, timeout=20000):
        excel.preview_import(path)
    before = rooms(filled_db)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    excel.confirm_import()
    qtbot.waitUntil(lambda: bool(asked), timeout=20000)
    assert "2026" in asked[-1]
    qtbot.waitUntil(excel.confirm_button.isEnabled, timeout=20000)
    assert rooms(filled_db) == before
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    with qtbot.wait_signal(excel.import_done, timeout=20000):
        excel.confirm_import()
    assert rooms(filled_db) == before + 1
