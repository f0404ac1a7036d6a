"""Our keys (本局密钥): a county sets its passphrase, registers the prefecture's key file,
exports its own key file and the printed notice; the passphrase is asked once a session."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from cxdesk.exchange.bureau_keyfile import read_key_file_at
from cxdesk.exchange.bureau_keys import bureau_decryption_keys
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.key_protection import KEYRING_SERVICE, end_session, keyring_account
from cxdesk.exchange.keys import keys_dir
from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE, key_file_path
from cxdesk.services.bureaus import init_bureau
from cxdesk.storage.db import Database, open_database
from cxdesk.ui.bureau import key_unlock
from cxdesk.ui.bureau.collect_page import CollectPage
from cxdesk.ui.bureau.keys_page import KeysPage, PassphraseDialog
from cxdesk.ui.shell.context import AppContext
from tests.postgres import test_server_settings as keyring_fixtures
from tests.postgres.test_server_settings import MemoryKeyring

from .conftest import SCHOOLS, Answers

memory_keyring = keyring_fixtures.memory_keyring  # stands in for the system's keyring
no_keyring = keyring_fixtures.no_keyring

PASSPHRASE = "双柏县 教育局 2026"
#: Typed key by key (qtbot types no Chinese: that takes an input method).
TYPED_PASSPHRASE = "Shuangbai bureau, 2026"


@pytest.fixture
def new_county(tmp_path: Path, qapp: QApplication) -> Database:
    db = open_database(tmp_path / "shuangbai" / "cxdesk.db")
    with db.transaction() as session:
        init_bureau(session, role="county", code="532322")
    return db


def _page(ctx: AppContext, qtbot: QtBot) -> KeysPage:
    page = KeysPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def test_a_county_sets_its_keys_up_and_exports_the_key_file_and_notice(
    new_county: Database,
    answers: Answers,
    qtbot: QtBot,
    shown_messages: list[str],
    sample_bureaus: Path,
    tmp_path: Path,
) -> None:
    page = _page(AppContext(new_county, "zh"), qtbot)
    assert "尚未保护" in page.protection.text()
    assert not page.export_button.isEnabled()
    assert page.prefecture_box.isVisibleTo(page) and "尚未登记" in page.prefecture_status.text()
    assert str(tmp_path / "shuangbai" / "keys") in page.backup.text()

    # The passphrase, typed twice (first a mismatch, which keeps the dialog open).
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, PassphraseDialog)
        dialog.first.insert(PASSPHRASE)
        dialog.second.insert(PASSPHRASE + "x")
        dialog.accept()
        assert dialog.isVisible() or dialog.result() == 0
        dialog.second.clear()
        dialog.second.insert(PASSPHRASE)

    answers.fill = fill
    with qtbot.waitSignal(page.protected, timeout=60_000):
        qtbot.mouseClick(page.protect_button, Qt.MouseButton.LeftButton)
    assert len(shown_messages) == 1 and "不一致" in shown_messages[0]
    assert "受密码保护" in page.protection.text()
    assert page.encryption.text().startswith("age1")
    assert not page.export_button.isEnabled()  # the prefecture's key first

    # The prefecture's key file, with the fingerprint of its stamped notice.
    prefecture_file = key_file_path(sample_bureaus, "532300")
    digits = read_key_file_at(prefecture_file).fingerprint
    dialog = page.open_prefecture_dialog()
    assert dialog.load(prefecture_file)
    for n, box in enumerate(dialog.fingerprint.groups):
        qtbot.keyClicks(box, digits[5 * n : 5 * n + 5])
    with qtbot.waitSignal(page.prefecture_registered, timeout=10_000):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
            Qt.MouseButton.LeftButton,
        )
    assert format_fingerprint(digits) in page.prefecture_status.text()
    assert page.export_button.isEnabled()

    # The key file and the notice to print.
    out = tmp_path / "for-schools"
    out.mkdir()
    answers.folder = str(out)
    with qtbot.waitSignal(page.exported, timeout=60_000) as exported:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    key_file = read_key_file_at(Path(exported.args[0]))
    assert key_file.bureau.code == "532322" and key_file.prefecture is not None
    assert key_file.prefecture.fingerprint == digits
    (notice,) = out.glob("*_通知.pdf")
    assert notice.read_bytes().startswith(b"%PDF")
    assert format_fingerprint(key_file.fingerprint) in page.export_result.text()
    assert str(notice) in page.export_result.text()
    assert len(shown_messages) == 1


def test_the_passphrase_is_asked_once_a_session(
    county_ctx: AppContext,
    usb: Path,
    answers: Answers,
    qtbot: QtBot,
    shown_messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    end_session()  # the program was started again: the keys are closed
    asked: list[str] = []
    typed = iter(["not the passphrase", SAMPLE_PASSPHRASE])

    def ask(parent: QWidget | None) -> str:
        asked.append("asked")
        return next(typed)

    monkeypatch.setattr(key_unlock, "ask_passphrase", ask)
    page = CollectPage(county_ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    answers.folder = str(usb)
    with qtbot.waitSignal(page.collected, timeout=60_000) as signal:
        qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    assert len(signal.args[0]) == SCHOOLS
    assert asked == ["asked", "asked"]  # a wrong passphrase is said, and asked again
    assert len(shown_messages) == 1 and "不正确" in shown_messages[0]
    with qtbot.waitSignal(page.collected, timeout=60_000):
        qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    assert asked == ["asked", "asked"]  # not again in this session


def test_cancelling_the_passphrase_collects_nothing(
    county_ctx: AppContext,
    usb: Path,
    answers: Answers,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    end_session()
    monkeypatch.setattr(key_unlock, "ask_passphrase", lambda parent: None)
    page = CollectPage(county_ctx)
    qtbot.addWidget(page)
    page.show()
    page.start([usb])
    assert page.task is None and page.results.rowCount() == 0


def test_a_passphrase_kept_in_the_keyring_is_not_asked(
    new_county: Database,
    memory_keyring: MemoryKeyring,
    answers: Answers,
    qtbot: QtBot,
    shown_messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The clerk ticks "keep it in the keyring": after a restart nothing is asked and the
    keys open; setting the passphrase again without the tick takes it out of the keyring."""
    ctx = AppContext(new_county, "zh")
    page = _page(ctx, qtbot)
    key_dir = keys_dir(new_county.path)

    def fill_keeping(dialog: QDialog) -> None:
        assert isinstance(dialog, PassphraseDialog)
        assert dialog.keyring.isEnabled() and not dialog.keyring.isChecked()
        qtbot.keyClicks(dialog.first, TYPED_PASSPHRASE)
        qtbot.keyClicks(dialog.second, TYPED_PASSPHRASE)
        dialog.keyring.setFocus()
        qtbot.keyClick(dialog.keyring, Qt.Key.Key_Space)  # ticked from the keyboard
        assert dialog.keyring.isChecked()

    answers.fill = fill_keeping
    with qtbot.waitSignal(page.protected, timeout=60_000):
        qtbot.mouseClick(page.protect_button, Qt.MouseButton.LeftButton)
    assert "系统钥匙串" in page.protection.text()
    account = (KEYRING_SERVICE, keyring_account(key_dir))
    assert memory_keyring.passwords == {account: TYPED_PASSPHRASE}

    end_session()  # the program was started again: the keys are closed
    monkeypatch.setattr(key_unlock, "ask_passphrase", lambda parent: pytest.fail("asked"))
    assert key_unlock.ensure_keys_unlocked(page, ctx)
    with new_county.reading() as session:
        assert bureau_decryption_keys(session, key_dir=key_dir)  # opened from the keyring

    def fill_not_keeping(dialog: QDialog) -> None:
        assert isinstance(dialog, PassphraseDialog)
        qtbot.keyClicks(dialog.first, TYPED_PASSPHRASE + " again")
        qtbot.keyClicks(dialog.second, TYPED_PASSPHRASE + " again")

    answers.fill = fill_not_keeping
    with qtbot.waitSignal(page.protected, timeout=60_000):
        qtbot.mouseClick(page.protect_button, Qt.MouseButton.LeftButton)
    assert memory_keyring.passwords == {}
    assert "每次启动" in page.protection.text() and "钥匙串" not in page.protection.text()
    assert shown_messages == []


def test_without_a_keyring_the_choice_is_disabled_and_says_why(
    new_county: Database, no_keyring: None, answers: Answers, qtbot: QtBot
) -> None:
    page = _page(AppContext(new_county, "zh"), qtbot)
    seen: list[PassphraseDialog] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, PassphraseDialog)
        seen.append(dialog)
        answers.accept = False

    answers.fill = look
    qtbot.mouseClick(page.protect_button, Qt.MouseButton.LeftButton)
    (dialog,) = seen
    assert not dialog.keyring.isEnabled() and "没有可用的系统钥匙串" in dialog.keyring.toolTip()
    assert "尚未保护" in page.protection.text()  # cancelled: nothing was made
