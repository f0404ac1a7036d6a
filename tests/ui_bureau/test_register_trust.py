"""The school register page (Excel in and out, edit) and the trusted keys page."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cxdesk.bureau.register import register_entries
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.trust import find_key
from cxdesk.storage.db import Database
from cxdesk.ui.bureau.register_page import RegisterEntryDialog, RegisterPage
from cxdesk.ui.bureau.trust_page import RegisterKeyDialog, RevokeKeyDialog, TrustPage
from cxdesk.ui.shell import record_page
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.page import Page

from .conftest import EXPECTED, REGISTERED, Answers, Built

P = TypeVar("P", bound=Page)


def _show(page: P, qtbot: QtBot) -> P:
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def _button(page: Page, name: str) -> QPushButton:
    """A button of ``page`` by its object name (the register page makes them in a loop)."""
    button = page.findChild(QPushButton, name)
    assert button is not None, name
    return button


def _codes(db: Database) -> list[str]:
    with db.reading() as session:
        return [r.code for r in register_entries(session)]


def test_register_round_trip_through_excel_and_edit(
    county_ctx: AppContext,
    built: Built,
    answers: Answers,
    tmp_path: Path,
    qtbot: QtBot,
    shown_messages: list[str],
    qtmodeltester: ModelTester,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = _show(RegisterPage(county_ctx), qtbot)
    assert page.model.rowCount() == EXPECTED
    assert page.count.text() == f"名册共 {EXPECTED} 所学校"
    qtmodeltester.check(page.model)

    # Written to Excel, one school dropped, loaded again: the register is the file's.
    answers.save_as = str(tmp_path / "名册.xlsx")
    qtbot.mouseClick(_button(page, "export_register"), Qt.MouseButton.LeftButton)
    book = openpyxl.load_workbook(tmp_path / "名册.xlsx")
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:4] == ["学校标识码", "学校名称", "县市", "学校类别"]
    dropped = sheet.cell(2, 1).value
    sheet.delete_rows(2)
    book.save(tmp_path / "名册2.xlsx")
    answers.files = [str(tmp_path / "名册2.xlsx")]
    qtbot.mouseClick(_button(page, "load_register"), Qt.MouseButton.LeftButton)
    assert shown_messages == []
    assert dropped not in _codes(county_ctx.db)
    assert page.model.rowCount() == EXPECTED - 1

    # A bad file changes nothing and says which row is wrong.
    sheet.cell(2, 1).value = "12345"
    book.save(tmp_path / "坏.xlsx")
    answers.files = [str(tmp_path / "坏.xlsx")]
    qtbot.mouseClick(_button(page, "load_register"), Qt.MouseButton.LeftButton)
    assert len(shown_messages) == 1 and "第 2 行" in shown_messages[0]
    assert len(_codes(county_ctx.db)) == EXPECTED - 1

    # Add a school by hand; a school of another county is refused and the dialog stays.
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, RegisterEntryDialog)
        dialog.code.setText("2153239901")
        dialog.name.insert("牟定县新桥小学")
        dialog.kind.set_code("primary")
        dialog.contact.insert("王老师")
        dialog.phone.setText("0878-5211234")

    answers.fill = fill
    qtbot.mouseClick(_button(page, "add_school"), Qt.MouseButton.LeftButton)
    assert "2153239901" in _codes(county_ctx.db)
    entry_dialog = answers.seen[-1]
    assert isinstance(entry_dialog, RegisterEntryDialog)
    assert not entry_dialog.county.isEnabled()  # a county registers its own schools
    with county_ctx.db.reading() as session:
        added = next(r for r in register_entries(session) if r.code == "2153239901")
    assert (added.name, added.county_code, added.contact_phone) == (
        "牟定县新桥小学",
        "532323",
        "0878-5211234",
    )

    # Remove it again (confirmed).
    monkeypatch.setattr(record_page, "ask", lambda box: box.StandardButton.Yes)
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).code == "2153239901")
    page.view.selectRow(page.proxy.mapFromSource(page.model.index(row, 0)).row())
    qtbot.mouseClick(_button(page, "remove_school"), Qt.MouseButton.LeftButton)
    assert "2153239901" not in _codes(county_ctx.db)


def test_trusted_keys_add_from_the_form_and_revoke(
    county_ctx: AppContext,
    built: Built,
    answers: Answers,
    qtbot: QtBot,
    shown_messages: list[str],
    qtmodeltester: ModelTester,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = _show(TrustPage(county_ctx), qtbot)
    # The schools' keys, and the prefecture's, registered from its key file.
    assert page.model.rowCount() == REGISTERED + 1
    assert page.own.text().startswith("本局自己的密钥：")
    qtmodeltester.check(page.model)
    newcomer = built.schools[REGISTERED]
    groups = format_fingerprint(newcomer.fingerprint).split()

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, RegisterKeyDialog)
        qtbot.keyClicks(dialog.code, newcomer.code)
        dialog.name.insert(newcomer.name)
        dialog.fingerprint.groups[0].setFocus()
        for group in groups:  # typing on, the boxes advance by themselves
            focused = dialog.focusWidget()
            qtbot.keyClicks(focused, group)
        assert dialog.fingerprint.text() == " ".join(groups)

    answers.fill = fill
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert shown_messages == []
    with county_ctx.db.reading() as session:
        entry = find_key(session, newcomer.fingerprint)
        assert entry is not None and entry.party_code == newcomer.code
    assert page.model.rowCount() == REGISTERED + 2

    # The same fingerprint twice: the registry says whose it is, nothing is added.
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert len(shown_messages) == 1 and newcomer.name in shown_messages[0]
    assert page.model.rowCount() == REGISTERED + 2

    answers.fill = None  # the revoke dialog as it opens: from now on
    row = next(
        r for r in range(page.model.rowCount()) if page.model.row_at(r).code == newcomer.code
    )
    page.view.selectRow(page.proxy.mapFromSource(page.model.index(row, 0)).row())
    assert page.revoke_button.isEnabled()
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    revoke = answers.seen[-1]
    assert isinstance(revoke, RevokeKeyDialog) and revoke.now.isChecked()
    with county_ctx.db.reading() as session:
        revoked = find_key(session, newcomer.fingerprint)
        assert revoked is not None and revoked.status == "revoked"
    assert page.model.index(row, 4).data().startswith("自 ")
    assert "作废" in page.model.index(row, 4).data()
    assert "已作废" in shown_messages[-1]  # what changed, said
    assert "已作废 1 个" in page.count.text()
