"""The 上报 page: the county bureau's key file, confirmed by the fingerprint of its stamped
notice; the fingerprint alone; what the page says in each case (issue 12, issue 11 point 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from cxdesk.exchange.bureau_key_state import school_bureau_keys
from cxdesk.exchange.bureau_keyfile import read_key_file_at
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.replies import receive_file
from cxdesk.exchange.trust import list_keys
from cxdesk.models import BureauKey
from cxdesk.sample.bureau_keys import key_file_path
from cxdesk.storage.db import Database
from cxdesk.ui.school.bureau_key_dialog import BureauKeyDialog
from cxdesk.ui.school.report_page import ReportPage
from cxdesk.ui.shell.bureau_keyfile_dialog import BureauKeyFileDialog
from cxdesk.ui.shell.fingerprint_field import FingerprintField
from tests.exchange import test_report_page as report_tests
from tests.exchange.conftest import new_signer
from tests.exchange.test_replies import exported, receipt_for
from tests.ui import conftest as ui_fixtures
from tests.ui.conftest import ShownMessage

pytestmark = pytest.mark.gui
_chinese_ui = ui_fixtures._chinese_ui
shown_messages = ui_fixtures.shown_messages


@pytest.fixture
def page(filled_db: Database, qtbot: QtBot, shown_messages: list[ShownMessage]) -> ReportPage:
    """The 上报 page of a school that registered nothing of its bureau yet."""
    return report_tests.report_page(filled_db, qtbot)


def _type_fingerprint(field: FingerprintField, qtbot: QtBot, digits: str) -> None:
    """Type the digits group by group, as read off the paper notice."""
    for n, box in enumerate(field.groups):
        qtbot.keyClicks(box, digits[5 * n : 5 * n + 5])


def _save(dialog: BureauKeyFileDialog | BureauKeyDialog, qtbot: QtBot) -> None:
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def test_without_a_key_the_page_says_packages_cannot_be_exported(page: ReportPage) -> None:
    status = page.bureau_box.status.text()
    assert "尚未登记" in status and "不能加密" in status and ".cxkey" in status
    assert (
        "不能导出" in page.send_section.verdict.text()
        or "还不能导出" in page.send_section.verdict.text()
    )


def test_import_the_key_file_confirmed_by_the_notice(
    page: ReportPage,
    qtbot: QtBot,
    filled_db: Database,
    sample_bureaus: Path,
    shown_messages: list[ShownMessage],
    tmp_path: Path,
) -> None:
    key_file = key_file_path(sample_bureaus, "532301")
    fingerprint = read_key_file_at(key_file).fingerprint
    qtbot.mouseClick(page.bureau_box.import_button, Qt.MouseButton.LeftButton)
    dialog = page.bureau_box.file_dialog
    assert dialog is not None and dialog.isVisible()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()  # no file chosen yet
    assert dialog.load(key_file)
    # Who issued it is said; its fingerprint is not shown: it is typed from the paper.
    assert "楚雄市教育体育局（532301）" in dialog.issuer.text()
    assert "楚雄彝族自治州教育体育局" in dialog.issuer.text()
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert format_fingerprint(fingerprint) not in texts and fingerprint not in texts
    _type_fingerprint(dialog.fingerprint, qtbot, fingerprint)
    with qtbot.wait_signal(page.bureau_key_registered, timeout=10000) as blocker:
        _save(dialog, qtbot)
    assert blocker.args[0] == format_fingerprint(fingerprint)
    assert not dialog.isVisible() and shown_messages == []
    status = page.bureau_box.status.text()
    assert "密钥文件已登记" in status and format_fingerprint(fingerprint) in status
    assert "只有楚雄市教育体育局和楚雄彝族自治州教育体育局能打开" in status
    assert (
        "加密" in page.send_section.verdict.text() and page.send_section.export_button.isEnabled()
    )
    result = report_tests.export(page, qtbot, tmp_path / "usb")
    assert result.path.exists()


def test_a_mistyped_fingerprint_registers_nothing(
    page: ReportPage,
    qtbot: QtBot,
    filled_db: Database,
    sample_bureaus: Path,
    shown_messages: list[ShownMessage],
) -> None:
    key_file = key_file_path(sample_bureaus, "532301")
    digits = read_key_file_at(key_file).fingerprint
    wrong = digits[:-1] + str((int(digits[-1]) + 1) % 10)
    dialog = page.bureau_box.open_key_file_dialog()
    assert dialog.load(key_file)
    _type_fingerprint(dialog.fingerprint, qtbot, wrong)
    _save(dialog, qtbot)
    assert dialog.isVisible()
    assert shown_messages and "不一致" in shown_messages[-1].text
    assert format_fingerprint(wrong) in shown_messages[-1].text
    with filled_db.reading() as session:
        assert list_keys(session) == [] and session.query(BureauKey).count() == 0
    assert "尚未登记" in page.bureau_box.status.text()
    dialog.reject()


def test_another_countys_key_file_is_refused(
    page: ReportPage,
    qtbot: QtBot,
    filled_db: Database,
    sample_bureaus: Path,
    shown_messages: list[ShownMessage],
) -> None:
    key_file = key_file_path(sample_bureaus, "532323")  # 牟定县's
    dialog = page.bureau_box.open_key_file_dialog()
    assert dialog.load(key_file)
    _type_fingerprint(dialog.fingerprint, qtbot, read_key_file_at(key_file).fingerprint)
    _save(dialog, qtbot)
    assert dialog.isVisible() and "牟定县教育体育局" in shown_messages[-1].text
    with filled_db.reading() as session:
        assert session.query(BureauKey).count() == 0
    dialog.reject()


def test_a_damaged_key_file_is_refused_when_chosen(
    page: ReportPage,
    qtbot: QtBot,
    sample_bureaus: Path,
    tmp_path: Path,
    shown_messages: list[ShownMessage],
) -> None:
    data = bytearray(key_file_path(sample_bureaus, "532301").read_bytes())
    data[len(data) // 3] ^= 0x20
    damaged = tmp_path / "damaged.cxkey"
    damaged.write_bytes(bytes(data))
    dialog = page.bureau_box.open_key_file_dialog()
    assert not dialog.load(damaged)
    assert shown_messages and "未登记" in shown_messages[-1].text
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    dialog.reject()


def test_a_key_trusted_on_first_use_is_shown_as_such_and_replaced_by_the_key_file(
    page: ReportPage, qtbot: QtBot, filled_db: Database, sample_bureaus: Path, tmp_path: Path
) -> None:
    """Issue 11, point 7, on the page: a first reply's key is said to be unconfirmed; the
    key file of the stamped notice revokes it."""
    forger = new_signer()
    (package,) = exported(filled_db, tmp_path)
    with filled_db.transaction() as session:
        assert receive_file(session, path=receipt_for(package, forger, tmp_path / "f")).first_use
    page.refresh()
    status = page.bureau_box.status.text()
    assert "不是按盖章的备案表登记的" in status
    assert format_fingerprint(forger.fingerprint) in status
    key_file = key_file_path(sample_bureaus, "532301")
    dialog = page.bureau_box.open_key_file_dialog()
    assert dialog.load(key_file)
    _type_fingerprint(dialog.fingerprint, qtbot, read_key_file_at(key_file).fingerprint)
    with qtbot.wait_signal(page.bureau_key_registered, timeout=10000):
        _save(dialog, qtbot)
    with filled_db.reading() as session:
        keys = {k.fingerprint: k.status for k in list_keys(session, code="532301")}
        assert keys[forger.fingerprint] == "revoked"
        assert school_bureau_keys(session).first_use_fingerprint is None
    assert "密钥文件已登记" in page.bureau_box.status.text()


def test_the_fingerprint_alone_from_the_form(
    page: ReportPage, qtbot: QtBot, filled_db: Database, shown_messages: list[ShownMessage]
) -> None:
    fingerprint = new_signer().fingerprint
    qtbot.mouseClick(page.bureau_box.fingerprint_button, Qt.MouseButton.LeftButton)
    dialog = page.bureau_box.fingerprint_dialog
    assert dialog is not None and dialog.isVisible()
    explanation = dialog.findChild(QLabel)
    assert explanation is not None and "楚雄市教育体育局" in explanation.text()
    _type_fingerprint(dialog.fingerprint, qtbot, fingerprint)
    dialog.note.insert("教育局通知")
    with qtbot.wait_signal(page.bureau_key_registered, timeout=10000) as blocker:
        _save(dialog, qtbot)
    shown = format_fingerprint(fingerprint)
    assert blocker.args[0] == shown
    assert not dialog.isVisible() and shown_messages == []
    status = page.bureau_box.status.text()
    assert shown in status and "密钥文件" in status and "不能加密" in status
    with filled_db.reading() as session:
        keys = list_keys(session, code="532301")
        assert [(k.fingerprint, k.source, k.note) for k in keys] == [
            (fingerprint, "form", "教育局通知")
        ]


def test_a_short_fingerprint_is_explained_and_the_dialog_stays(
    page: ReportPage, qtbot: QtBot, filled_db: Database, shown_messages: list[ShownMessage]
) -> None:
    dialog = page.bureau_box.open_fingerprint_dialog()
    qtbot.keyClicks(dialog.fingerprint.groups[0], "12345")
    _save(dialog, qtbot)
    assert dialog.isVisible()
    assert shown_messages and "指纹" in shown_messages[-1].text
    with filled_db.reading() as session:
        assert list_keys(session) == []
    assert "尚未登记" in page.bureau_box.status.text()
    dialog.reject()
