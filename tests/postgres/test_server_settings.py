"""Settings → Database server, driven with qtbot: URL and password, keyring, test, start."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import URL

from cxdesk.services.bureaus import init_bureau
from cxdesk.storage.db import Database, open_database
from cxdesk.ui.shell import language
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.preferences import app_settings
from cxdesk.ui.shell.server_settings import SERVER_URL_KEY, ServerSettings, saved_server_url

from .server import as_text


class MemoryKeyring(KeyringBackend):
    """A keyring backend holding passwords in memory: stands in for the system's keyring
    (Credential Manager, Keychain, Secret Service), which a CI machine does not have."""

    priority = 1

    def __init__(self) -> None:
        KeyringBackend.__init__(self)  # untyped: named, so pyproject's exclusion applies
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    language.apply_language("en")
    yield
    language.apply_language("zh")


@pytest.fixture
def county(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "county" / "county.db")
    with db.transaction() as session:
        init_bureau(session, role="county", code="532323")
    yield db
    db.close()


def _settings_file() -> bytes:
    settings = app_settings()
    settings.sync()
    return Path(settings.fileName()).read_bytes()


def test_the_password_goes_to_the_keyring_and_never_into_settings_or_logs(
    county: Database,
    memory_keyring: MemoryKeyring,
    english: None,
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    section = ServerSettings(AppContext(county, "en"))
    qtbot.addWidget(section)
    assert "keyring" in section.keyring_note.text()
    # The clerk pastes an address with the password in it: it moves to the password field.
    section.url_edit.setText("postgresql://clerk:Zx9-secret@10.0.0.5:5433/cxdesk")
    with qtbot.wait_signal(section.saved) as saved:
        section.save_button.click()
    assert saved.args == ["postgresql+psycopg://clerk@10.0.0.5:5433/cxdesk"]
    assert saved_server_url() == "postgresql+psycopg://clerk@10.0.0.5:5433/cxdesk"
    assert b"Zx9-secret" not in _settings_file()
    assert memory_keyring.passwords == {("cxdesk", "clerk@10.0.0.5:5433/cxdesk"): "Zx9-secret"}
    assert section.password_edit.text() == ""
    assert "keyring" in section.status.text()
    assert all("Zx9-secret" not in r.getMessage() for r in caplog.records)

    # Back to the file on this PC: the address and the saved password are gone.
    with qtbot.wait_signal(section.saved):
        section.local_button.click()
    assert saved_server_url() is None
    assert memory_keyring.passwords == {}
    assert SERVER_URL_KEY.encode() not in _settings_file()


def test_without_a_keyring_no_password_is_saved_and_the_page_says_what_to_do(
    county: Database,
    no_keyring: None,
    english: None,
    qtbot: QtBot,
) -> None:
    section = ServerSettings(AppContext(county, "en"))
    qtbot.addWidget(section)
    assert "no keyring" in section.keyring_note.text()
    assert "pgpass" in section.keyring_note.text()
    assert "PGPASSWORD" in section.keyring_note.text()
    section.url_edit.setText("postgresql+psycopg://clerk@10.0.0.5/cxdesk")
    section.password_edit.setText("Zx9-secret")
    with qtbot.wait_signal(section.saved):
        section.save_button.click()
    assert "not saved" in section.status.text()
    assert b"Zx9-secret" not in _settings_file()


def test_a_wrong_address_is_said_and_nothing_is_saved(
    county: Database,
    memory_keyring: MemoryKeyring,
    english: None,
    qtbot: QtBot,
) -> None:
    section = ServerSettings(AppContext(county, "en"))
    qtbot.addWidget(section)
    section.url_edit.setText("mysql://clerk:pw@host/cx")
    section.save_button.click()
    assert "cxdesk uses a SQLite file path or postgresql" in section.status.text()
    section.url_edit.setText("D:/data/cxdesk.db")
    section.save_button.click()
    assert "Enter a server address" in section.status.text()
    assert saved_server_url() is None
    assert memory_keyring.passwords == {}


def test_a_school_is_told_its_data_stays_on_its_computer(
    school_db: Database,
    english: None,
    qtbot: QtBot,
) -> None:
    section = ServerSettings(AppContext(school_db, "en"))
    qtbot.addWidget(section)
    assert "A school's data stays in its file on this computer" in section.explanation.text()
    assert not hasattr(section, "url_edit")


def test_the_connection_test_reports_success_and_a_wrong_password(
    county: Database,
    memory_keyring: MemoryKeyring,
    english: None,
    pg_url: URL,
    qtbot: QtBot,
) -> None:
    section = ServerSettings(AppContext(county, "en"))
    qtbot.addWidget(section)
    section.url_edit.setText(as_text(pg_url.set(password="")))
    section.password_edit.setText(str(pg_url.password or ""))
    with qtbot.wait_signal(section.tested, timeout=30_000) as result:
        section.test_button.click()
    assert result.args[0] is True, result.args
    assert "Connected to" in result.args[1]

    section.password_edit.setText("Zx9-wrong")
    with qtbot.wait_signal(section.tested, timeout=30_000) as result:
        section.test_button.click()
    assert result.args[0] is False
    assert "refused the login" in result.args[1]
    assert "Zx9-wrong" not in result.args[1]
    assert section.test_button.isEnabled()


def test_the_app_starts_on_the_saved_server_with_the_keyring_password(
    county: Database,
    memory_keyring: MemoryKeyring,
    english: None,
    pg_url: URL,
    qtbot: QtBot,
) -> None:
    from cxdesk.ui.shell.app import open_or_explain

    section = ServerSettings(AppContext(county, "en"))
    qtbot.addWidget(section)
    section.url_edit.setText(as_text(pg_url.set(password="")))
    section.password_edit.setText(str(pg_url.password or ""))
    with qtbot.wait_signal(section.saved):
        section.save_button.click()
    db = open_or_explain(None)
    try:
        assert db is not None
        assert db.is_server
        assert db.server is not None and db.server.url.database == pg_url.database
        assert str(pg_url.password) not in db.shown
    finally:
        if db is not None:
            db.close()


def test_the_backups_group_on_a_server_points_at_pg_dump(
    pg_url: URL,
    tmp_path: Path,
    english: None,
    qtbot: QtBot,
) -> None:
    from PySide6.QtWidgets import QLabel

    from cxdesk.ui.shell.backup_settings import BackupSettings

    db = open_database(as_text(pg_url), local_path=tmp_path / "pc" / "server.db")
    try:
        with db.transaction() as session:
            init_bureau(session, role="prefecture", code="532300")
        section = BackupSettings(AppContext(db, "en"))
        qtbot.addWidget(section)
        note = section.findChild(QLabel, "server_backup_note")
        assert note is not None
        assert "pg_dump" in note.text() and "pg_restore" in note.text()
        assert str(pg_url.password) not in note.text()
    finally:
        db.close()
