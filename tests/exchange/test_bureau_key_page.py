"""The 上报 page: registering the county bureau's key typed from its stamped form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from cxdesk.exchange import format_fingerprint, list_keys
from cxdesk.storage.db import Database
from cxdesk.ui.report_page import ReportPage
from tests.exchange import test_report_page as report_tests
from tests.exchange.conftest import new_signer
from tests.ui import conftest as ui_fixtures
from tests.ui.conftest import ShownMessage

pytestmark = pytest.mark.gui
_chinese_ui = ui_fixtures._chinese_ui
shown_messages = ui_fixtures.shown_messages
page = report_tests.page  # the 上报 page in the main window, on the demo school


def _type_fingerprint(dialog, qtbot, digits: str) -> None:  # type: ignore[no-untyped-def]
    """Type the digits group by group, as read off the paper form."""
    for n, box in enumerate(dialog.fingerprint.groups):
        qtbot.keyClicks(box, digits[5 * n : 5 * n + 5])


def test_register_the_bureau_key_from_its_form(  # type: ignore[no-untyped-def]
    page: ReportPage, qtbot, filled_db: Database, shown_messages: list[ShownMessage]
) -> None:
    assert "尚未登记" in page.bureau_key_label.text()
    fingerprint = new_signer().fingerprint
    qtbot.mouseClick(page.bureau_key_button, Qt.MouseButton.LeftButton)
    dialog = page.bureau_key_dialog
    assert dialog is not None and dialog.isVisible()
    explanation = dialog.findChild(QLabel)
    assert explanation is not None and "楚雄市教育体育局" in explanation.text()
    _type_fingerprint(dialog, qtbot, fingerprint)
    dialog.note.insert("教育局通知")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    with qtbot.wait_signal(page.bureau_key_registered, timeout=10000) as blocker:
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    shown = format_fingerprint(fingerprint)
    assert blocker.args[0] == shown
    assert not dialog.isVisible() and shown_messages == []
    assert "楚雄市教育体育局" in page.bureau_key_label.text()
    assert shown in page.bureau_key_label.text()
    assert "首次使用" not in page.bureau_key_label.text()
    with filled_db.reading() as session:
        keys = list_keys(session, code="532301")
        assert [(k.fingerprint, k.source, k.note) for k in keys] == [
            (fingerprint, "form", "教育局通知")
        ]


def test_a_short_fingerprint_is_explained_and_the_dialog_stays(  # type: ignore[no-untyped-def]
    page: ReportPage, qtbot, filled_db: Database, shown_messages: list[ShownMessage]
) -> None:
    dialog = page.open_bureau_key_dialog()
    qtbot.keyClicks(dialog.fingerprint.groups[0], "12345")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()
    assert shown_messages and "指纹" in shown_messages[-1].text
    with filled_db.reading() as session:
        assert list_keys(session) == []
    assert "尚未登记" in page.bureau_key_label.text()
    dialog.reject()
