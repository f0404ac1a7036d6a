"""The 上报 Report page, driven like a person would: key, preview, export, replies."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cxdesk.exchange.export import ExportResult
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.keys import Signer
from cxdesk.exchange.manifest import Comment
from cxdesk.exchange.records import record_key
from cxdesk.exchange.replies import Party, subject_of, write_receipt, write_return
from cxdesk.exchange.verify import verify_package
from cxdesk.models import Counselor, ExportLog, SigningKey
from cxdesk.storage.db import Database
from cxdesk.ui.school.report_page import ReportPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from tests.sample_bureaus import sample_signer
from tests.ui import conftest as ui_fixtures
from tests.ui.conftest import ShownMessage
from tests.ui.pages import shown_page

pytestmark = pytest.mark.gui
# The desktop tests' fixtures: Chinese UI for each test, message boxes recorded.
_chinese_ui = ui_fixtures._chinese_ui
shown_messages = ui_fixtures.shown_messages
BUREAU = Party("county", "532301", "楚雄市教育体育局")


def report_page(db: Database, qtbot: QtBot) -> ReportPage:
    ctx = AppContext(db, "zh")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    shown = shown_page(window, "report", ReportPage)
    assert isinstance(shown, ReportPage)
    return shown


@pytest.fixture
def page(registered_db: Database, qtbot: QtBot, shown_messages: list[ShownMessage]) -> ReportPage:
    """The 上报 page of the demo school, which registered its county's key file."""
    return report_page(registered_db, qtbot)


@pytest.fixture
def county(sample_bureaus: Path) -> Signer:
    """楚雄市教育体育局's signing key (the key of the file the school registered)."""
    return sample_signer(sample_bureaus, "532301")


def cells(model: QAbstractItemModel, column: int) -> list[str]:
    return [model.index(r, column, QModelIndex()).data() for r in range(model.rowCount())]


def export(page: ReportPage, qtbot: QtBot, folder: Path) -> ExportResult:
    with qtbot.wait_signal(page.exported, timeout=30000) as blocker:
        page.export_to(folder)
    assert blocker.args is not None
    result = blocker.args[0]
    assert isinstance(result, ExportResult)
    return result


def test_page_shows_the_key_and_what_will_be_sent(
    page: ReportPage, registered_db: Database
) -> None:
    with registered_db.reading() as session:
        key = session.scalars(select(SigningKey)).one()
        assert page.key_section.fingerprint_label.text() == format_fingerprint(key.fingerprint)
    figures = dict(
        zip(
            cells(page.send_section.figures_model, 0),
            cells(page.send_section.figures_model, 1),
            strict=True,
        )
    )
    assert figures["心理健康教育教师"] == "7"
    assert "辅导室面积（平方米）" in figures
    assert "教师 7" in page.send_section.counts_label.text()
    assert page.send_section.export_button.isEnabled()
    assert "001" in page.send_section.file_label.text()
    # The bureau's key file is registered: the page says the package will be encrypted.
    assert (
        "只有楚雄市教育体育局、楚雄彝族自治州教育体育局能打开" in page.send_section.verdict.text()
    )
    assert "密钥文件已登记" in page.bureau_box.status.text()


def test_export_writes_the_package_and_lists_it(
    page: ReportPage, qtbot: QtBot, tmp_path: Path
) -> None:
    result = export(page, qtbot, tmp_path / "usb")
    assert result.path.exists()
    assert verify_package(result.path).manifest.sequence == 1
    assert cells(page.replies_section.exports_model, 0) == ["001"]
    assert cells(page.replies_section.exports_model, 2) == ["已发送"]
    assert "002" in page.send_section.file_label.text()
    assert str(result.path) in page.send_section.verdict.text()


def test_hard_findings_block_the_export(
    filled_db: Database, qtbot: QtBot, shown_messages: list[ShownMessage]
) -> None:
    with filled_db.transaction() as session:
        counselor = session.scalars(
            select(Counselor).where(Counselor.post_type == "part_time")
        ).first()
        assert counselor is not None
        counselor.main_subject = None
        name = counselor.name
    ctx = AppContext(filled_db, "zh")
    page = ReportPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert not page.send_section.export_button.isEnabled()
    assert "还有 1 个问题必须修正" in page.send_section.verdict.text()
    kinds = cells(page.send_section.findings_model, 0)
    records = cells(page.send_section.findings_model, 1)
    assert kinds[0] == "必须修正" and name in records[0]


def test_registration_form_saved_as_pdf(page: ReportPage, qtbot: QtBot, tmp_path: Path) -> None:
    with qtbot.wait_signal(page.form_saved, timeout=10000) as blocker:
        page.save_form_to(tmp_path / "备案表")
    path = Path(blocker.args[0])
    assert path.suffix == ".pdf" and path.read_bytes().startswith(b"%PDF")
    assert page.form is not None and page.form.code == "2153230001"


def test_return_comments_shown_until_the_next_export(
    page: ReportPage, qtbot: QtBot, tmp_path: Path, registered_db: Database, county: Signer
) -> None:
    result = export(page, qtbot, tmp_path / "usb")
    with registered_db.reading() as session:
        counselor = session.scalars(select(Counselor).order_by(Counselor.id)).first()
        secret = session.scalars(select(ExportLog.record_secret)).one()
        assert counselor is not None
        # As the bureau writes it: a keyed hash, the name masked.
        comment = Comment(
            "counselor",
            record_key("counselor", counselor, secret=secret),
            counselor.name[0] + "**",
            "请补充证书编号",
        )
        name = counselor.name
    subject, period = subject_of(verify_package(result.path))
    returned = write_return(
        tmp_path / "back",
        signer=county,
        bureau=BUREAU,
        subject=subject,
        period=period,
        comments=[comment],
    )
    with qtbot.wait_signal(page.received, timeout=30000):
        page.receive(returned)
    assert page.replies_section.comments_view.isVisibleTo(page)
    assert cells(page.replies_section.comments_model, 1) == [name]
    assert cells(page.replies_section.comments_model, 2) == ["请补充证书编号"]
    assert "楚雄市教育体育局" in page.replies_section.return_label.text()
    assert cells(page.replies_section.exports_model, 2) == ["已退回修改"]

    export(page, qtbot, tmp_path / "usb")
    assert (
        not page.replies_section.comments_view.isVisibleTo(page)
        and page.replies_section.comments_model.rowCount() == 0
    )


def test_receipt_marks_the_export_accepted(
    page: ReportPage, qtbot: QtBot, tmp_path: Path, county: Signer
) -> None:
    result = export(page, qtbot, tmp_path / "usb")
    subject, period = subject_of(verify_package(result.path))
    receipt = write_receipt(
        tmp_path / "back", signer=county, bureau=BUREAU, subject=subject, period=period
    )
    with qtbot.wait_signal(page.received, timeout=30000):
        page.receive(receipt)
    assert cells(page.replies_section.exports_model, 2) == ["已接收（有回执）"]


def test_a_damaged_reply_is_refused_with_its_reason(
    page: ReportPage,
    qtbot: QtBot,
    tmp_path: Path,
    shown_messages: list[ShownMessage],
    registered_db: Database,
) -> None:
    export(page, qtbot, tmp_path / "usb")
    bad = tmp_path / "bad.cxreply"
    bad.write_bytes(b"PK\x03\x04 not really")
    page.receive(bad)
    qtbot.wait_until(lambda: bool(shown_messages), timeout=10000)
    assert "\n" not in shown_messages[-1].text and "拒收" in shown_messages[-1].text
    with registered_db.reading() as session:
        assert [e.status for e in session.scalars(select(ExportLog))] == ["sent"]


def test_replace_the_key_with_a_passphrase_then_export(
    page: ReportPage, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = page.key_section.fingerprint_label.text()
    with qtbot.wait_signal(page.key_replaced, timeout=10000) as blocker:
        page.replace_key("山高路远")
    assert blocker.args[0] == page.key_section.fingerprint_label.text() != old
    assert old in page.key_section.previous_label.text()
    monkeypatch.setattr(page, "ask_passphrase", lambda: "山高路远")
    result = export(page, qtbot, tmp_path / "usb")
    assert (
        verify_package(result.path).fingerprint_display == page.key_section.fingerprint_label.text()
    )
