"""Settings → Database server: point a bureau installation at a PostgreSQL server.

A prefecture (or a big county) with several clerks keeps one database on a server that
every clerk's cxdesk uses (docs/postgres.md).  This group takes the server's address and
the clerk's password, tests the connection, and saves them for the next start:

* the address goes into ``settings.ini`` **without** the password;
* the password goes into the system's keyring (Windows Credential Manager, macOS
  Keychain, Secret Service on Linux) through :mod:`cxdesk.storage.server.secrets`.  Where there is
  no keyring the page says so and saves no password: the clerk uses a ``pgpass`` file or
  ``PGPASSWORD`` instead (docs/postgres.md).  The password is never written to a log.

A school's data always stays in its file on the PC: the group then only says so.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cxdesk.errors import UserError
from cxdesk.storage.dburl import ServerAddress, parse_target
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.preferences import app_settings

log = logging.getLogger(__name__)

SERVER_URL_KEY = "database/server_url"
EXAMPLE_URL = "postgresql+psycopg://clerk@192.168.1.10/cxdesk"


def saved_server_url() -> str | None:
    """The server address saved in the settings (no password in it), or None."""
    value = app_settings().value(SERVER_URL_KEY, "")
    return str(value) if value else None


def save_server_url(url: str | None) -> None:
    settings = app_settings()
    if url:
        settings.setValue(SERVER_URL_KEY, url)
    else:
        settings.remove(SERVER_URL_KEY)
    settings.sync()


class ServerSettings(QGroupBox):
    """A section of the settings page (listed in ``settings_page.SECTIONS``)."""

    #: Emitted after the address was saved or cleared: the new address (no password) or "".
    saved = Signal(str)
    #: Emitted when a connection test ends: (ok, the sentence shown).
    tested = Signal(bool, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle(self.tr("Database server"))
        self.setObjectName("server_settings")
        layout = QVBoxLayout(self)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        if ctx.role == "school":
            self.explanation.setText(
                self.tr(
                    "A school's data stays in its file on this computer. Database servers "
                    "are for county and prefecture bureaus with several clerks."
                )
            )
            return
        self.explanation.setText(
            self.tr(
                "A bureau with several clerks can keep one database on a PostgreSQL server "
                "that every clerk's cxdesk uses. Enter the address the administrator gave "
                "you and your password. The change applies at the next start."
            )
        )
        form = QFormLayout()
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("server_url")
        self.url_edit.setPlaceholderText(EXAMPLE_URL)
        self.url_edit.setMinimumWidth(420)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("server_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Server address:"), self.url_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        layout.addLayout(form)

        self.keyring_note = QLabel()
        self.keyring_note.setObjectName("keyring_note")
        self.keyring_note.setWordWrap(True)
        layout.addWidget(self.keyring_note)

        buttons = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test the connection"))
        self.save_button = QPushButton(self.tr("Save"))
        self.local_button = QPushButton(self.tr("Use the file on this computer"))
        for button in (self.test_button, self.save_button, self.local_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setObjectName("server_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.test_button.clicked.connect(self.test_connection)
        self.save_button.clicked.connect(self.save)
        self.local_button.clicked.connect(self.use_local_file)
        self._load()

    # -- showing -------------------------------------------------------------------------

    def _load(self) -> None:
        from cxdesk.storage.server.secrets import keyring_available, keyring_name

        self.url_edit.setText(saved_server_url() or "")
        if keyring_available():
            self.keyring_note.setText(
                self.tr("The password is kept in the system's keyring ({name}).").replace(
                    "{name}", keyring_name() or ""
                )
            )
        else:
            self.keyring_note.setText(
                self.tr(
                    "This computer has no keyring, so cxdesk will not save the password. Put "
                    "it in a pgpass file readable only by you (~/.pgpass with permissions "
                    "0600, or %APPDATA%\\postgresql\\pgpass.conf on Windows) or in the "
                    "PGPASSWORD environment variable; see docs/postgres.md."
                )
            )
        current = self.ctx.db.server
        if current is not None:
            self._say(self.tr("Now using {url}.").replace("{url}", current.shown))

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # -- reading the fields -------------------------------------------------------------

    def address(self) -> ServerAddress | None:
        """The typed address with the typed password; says why when it is not one."""
        try:
            target = parse_target(self.url_edit.text())
        except UserError as error:
            self._say(error.render())
            return None
        if not isinstance(target, ServerAddress):
            self._say(
                self.tr("Enter a server address such as {example}.").replace(
                    "{example}", EXAMPLE_URL
                )
            )
            return None
        if target.has_password:
            # A password typed into the address moves to the password field: the address
            # is saved in plain text, the password never is.
            assert target.url.password is not None
            self.password_edit.setText(str(target.url.password))
            self.url_edit.setText(target.without_password)
        password = self.password_edit.text()
        return ServerAddress(target.url.set(password=password)) if password else target

    # -- actions -------------------------------------------------------------------------

    def test_connection(self) -> None:
        from cxdesk.storage.server.engine import check_server
        from cxdesk.storage.server.secrets import with_saved_password
        from cxdesk.ui.shell.worker import run_in_background

        address = self.address()
        if address is None:
            return
        address = with_saved_password(address)
        self.test_button.setEnabled(False)
        self._say(self.tr("Connecting to {url}…").replace("{url}", address.shown))

        def work(_progress: Any) -> str:
            return check_server(address)

        def done(version: str) -> None:
            self.test_button.setEnabled(True)
            text = (
                self.tr("Connected to {url} (PostgreSQL {version}).")
                .replace("{url}", address.shown)
                .replace("{version}", version)
            )
            self._say(text)
            self.tested.emit(True, text)

        def failed(error: BaseException) -> None:
            self.test_button.setEnabled(True)
            if isinstance(error, UserError):
                text = error.render()
            else:
                log.error("connection test failed: %s", type(error).__name__)
                text = self.tr("The connection failed: {error}").replace(
                    "{error}", type(error).__name__
                )
            self._say(text)
            self.tested.emit(False, text)

        run_in_background(work, on_done=done, on_error=failed)

    def save(self) -> None:
        from cxdesk.storage.server.secrets import save_password

        address = self.address()
        if address is None:
            return
        bare = ServerAddress(parse_target(address.without_password).url)  # type: ignore[union-attr]
        save_server_url(bare.without_password)
        log.info("database server set to %s", bare.shown)
        parts = [self.tr("Saved. cxdesk will use {url} at the next start.")]
        if address.has_password:
            if save_password(bare, str(address.url.password)):
                parts.append(self.tr("The password is in the keyring."))
            else:
                parts.append(self.tr("The password was not saved (no keyring): use a pgpass file."))
        self.password_edit.clear()
        self._say(" ".join(parts).replace("{url}", bare.shown))
        self.saved.emit(bare.without_password)

    def use_local_file(self) -> None:
        from cxdesk.storage.server.secrets import forget_password

        url = saved_server_url()
        if url:
            target = parse_target(url)
            if isinstance(target, ServerAddress):
                forget_password(target)
        save_server_url(None)
        self.url_edit.clear()
        self.password_edit.clear()
        self._say(self.tr("Saved. cxdesk will use the database file on this computer."))
        self.saved.emit("")
