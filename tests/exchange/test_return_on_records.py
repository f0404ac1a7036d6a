"""A bureau's return shows its comments where the records are (roster, rooms, training and
the record's form) until the school exports again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cxdesk.exchange.manifest import Comment
from cxdesk.exchange.records import mask_name, record_key
from cxdesk.exchange.replies import subject_of, write_return
from cxdesk.exchange.verify import verify_package
from cxdesk.models import CounsellingRoom, Counselor, ExportLog, TrainingEvent
from cxdesk.storage.db import Database
from cxdesk.ui.school.report_page import ReportPage
from cxdesk.ui.school.rooms.page import RoomsPage
from cxdesk.ui.school.roster.page import RosterPage
from cxdesk.ui.school.training.page import TrainingPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from cxdesk.ui.shell.record_page import RecordListPage
from cxdesk.ui.shell.return_notes import MARK_COLOUR
from tests.exchange.test_report_page import BUREAU, export
from tests.sample_bureaus import sample_signer
from tests.ui import conftest as ui_fixtures
from tests.ui.conftest import ShownMessage
from tests.ui.pages import shown_page

pytestmark = pytest.mark.gui
_chinese_ui = ui_fixtures._chinese_ui
shown_messages = ui_fixtures.shown_messages


@pytest.fixture
def window(registered_db: Database, qtbot: QtBot, shown_messages: list[ShownMessage]) -> MainWindow:
    main = MainWindow(AppContext(registered_db, "zh"))
    qtbot.addWidget(main)
    main.show()
    return main


def _marked_rows(page: RecordListPage[Any, Any]) -> dict[str, tuple[str, str]]:
    """First column text -> (mark column text, its tooltip) of the rows that are coloured."""
    model = page.table.model()
    last = model.columnCount() - 1
    marked = {}
    for r in range(model.rowCount()):
        brush = model.index(r, 0, QModelIndex()).data(Qt.ItemDataRole.BackgroundRole)
        if brush is not None:
            assert brush.color().name() == MARK_COLOUR
            mark = model.index(r, last, QModelIndex())
            marked[model.index(r, 0, QModelIndex()).data()] = (
                mark.data(),
                mark.data(Qt.ItemDataRole.ToolTipRole),
            )
    return marked


def test_return_comments_on_the_records_until_the_next_export(
    window: MainWindow,
    registered_db: Database,
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    tmp_path: Path,
    sample_bureaus: Path,
) -> None:
    report = shown_page(window, "report", ReportPage)
    assert isinstance(report, ReportPage)
    result = export(report, qtbot, tmp_path / "usb")
    with registered_db.reading() as session:
        secret = session.scalars(select(ExportLog.record_secret)).one()
        counselor = session.scalars(select(Counselor).order_by(Counselor.id)).first()
        room = session.scalars(select(CounsellingRoom).order_by(CounsellingRoom.id)).first()
        event = session.scalars(select(TrainingEvent).order_by(TrainingEvent.id)).first()
        assert counselor and room and event
        comments = [
            Comment(  # as the bureau names a person: a keyed hash, the name masked
                "counselor",
                record_key("counselor", counselor, secret=secret),
                mask_name(counselor.name),
                "请补充证书编号",
            ),
            Comment(
                "counselling_room", record_key("counselling_room", room), room.name, "面积请核实"
            ),
            Comment("training_event", record_key("training_event", event), event.title, "学时缺失"),
            Comment(  # as an earlier cxdesk named a person
                "counselor", {"identity_number": "11010519491231002X"}, "王已调走", "此人已调走？"
            ),
        ]
        names = (counselor.name, counselor.id, room.name, room.id, event.title)
    subject, period = subject_of(verify_package(result.path))
    returned = write_return(
        tmp_path / "back",
        signer=sample_signer(sample_bureaus, "532301"),
        bureau=BUREAU,
        subject=subject,
        period=period,
        comments=comments,
        message="请于十二月十日前重新上报",
    )
    with qtbot.wait_signal(report.received, timeout=30000):
        report.receive(returned)

    roster = shown_page(window, "roster", RosterPage)
    assert isinstance(roster, RosterPage)
    banner = roster.return_banner
    assert banner.isVisible()
    assert "楚雄市教育体育局退回了本校的上报，有 4 条意见，修改后请重新上报" in banner.text()
    assert "请于十二月十日前重新上报" in banner.text()
    assert "王已调走" in banner.text()  # a comment on a record that is not here any more
    assert _marked_rows(roster) == {names[0]: ("⚠ 请补充证书编号", "请补充证书编号")}
    assert not roster.table.isColumnHidden(roster.model.columnCount() - 1)
    qtmodeltester.check(roster.model)
    qtmodeltester.check(roster.proxy)
    form = roster.open_record(names[1])
    assert form.return_note.isVisible()
    assert "请补充证书编号" in form.return_note.text()
    assert "楚雄市教育体育局" in form.return_note.text()
    form.reject()

    rooms = shown_page(window, "rooms", RoomsPage)
    assert isinstance(rooms, RoomsPage)
    assert rooms.return_banner.isVisible()
    assert _marked_rows(rooms) == {names[2]: ("⚠ 面积请核实", "面积请核实")}
    qtmodeltester.check(rooms.model)
    room_form = rooms.open_record(names[3])
    assert "面积请核实" in room_form.return_note.text()
    room_form.reject()
    training = shown_page(window, "training", TrainingPage)
    assert isinstance(training, RecordListPage)
    assert _marked_rows(training) == {names[4]: ("⚠ 学时缺失", "学时缺失")}

    report = shown_page(window, "report", ReportPage)
    assert isinstance(report, ReportPage)
    export(report, qtbot, tmp_path / "usb")
    for key in ("roster", "rooms", "training"):
        page = window.show_page(key)
        assert isinstance(page, RecordListPage)
        assert not page.return_banner.isVisible()
        assert _marked_rows(page) == {}
        assert page.table.isColumnHidden(page.model.columnCount() - 1)
    form = roster.open_record(names[1])
    assert not form.return_note.isVisible()
    form.reject()


def test_no_return_no_banner_no_mark(window: MainWindow) -> None:
    roster = shown_page(window, "roster", RosterPage)
    assert isinstance(roster, RecordListPage)
    assert not roster.return_banner.isVisible()
    assert _marked_rows(roster) == {}
    assert roster.table.isColumnHidden(roster.model.columnCount() - 1)
