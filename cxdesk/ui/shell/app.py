"""Starting the desktop app: language, database, first-start wizard, main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from cxdesk.errors import UserError
from cxdesk.storage.backup import daily_backup
from cxdesk.storage.damaged import DatabaseDamagedError
from cxdesk.storage.db import Database, open_database
from cxdesk.ui.shell import language, preferences, ready_probe
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.crash import install_crash_dialog
from cxdesk.ui.shell.errors import install_excepthook, show_error
from cxdesk.ui.shell.focus_ring import install_focus_ring
from cxdesk.ui.shell.resources import app_icon


def application() -> QApplication:
    """The running QApplication, created with cxdesk's name and icon if there is none."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationName("cxdesk")
    app.setOrganizationName("cxdesk")
    app.setWindowIcon(app_icon())
    install_focus_ring(app)  # where the keyboard is, clearly (issue 13)
    return app


def open_or_explain(db_path: str | None, parent: QWidget | None = None) -> Database | None:
    """Open the database; a core error (locked, damaged, too new) is shown in plain words."""
    from cxdesk.ui.shell.server_settings import saved_server_url

    try:
        # --db, else a bureau's server saved in Settings → Database server (issue 8), else
        # the file in the data folder.
        return open_database(db_path or saved_server_url())
    except DatabaseDamagedError as damaged:  # shipping (issue 6): offer the latest good backup
        from cxdesk.ui.shell.recovery import offer_restore

        return open_or_explain(db_path, parent) if offer_restore(damaged, parent) else None
    except UserError as error:
        show_error(parent, error)
        return None


def start(ctx: AppContext) -> QWidget | None:
    """The first-start wizard when needed, then the main window (shown); None if cancelled."""
    from cxdesk.ui.shell.main_window import MainWindow
    from cxdesk.ui.shell.wizard.setup_wizard import SetupWizard

    if not ctx.initialized:
        wizard = SetupWizard(ctx)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return None
    window = MainWindow(ctx)
    window.show()
    return window


def run(db_path: str | None, lang: str | None) -> int:
    """``cxdesk gui``: returns the process exit code."""
    app = application()
    chosen = lang or preferences.saved_language()
    language.apply_language(chosen)
    install_excepthook()
    install_crash_dialog()  # shipping (issue 6): one dialog naming the log file
    db = open_or_explain(db_path)
    if db is None:
        return 2
    if not db.is_server:  # a server is backed up with pg_dump (docs/postgres.md)
        daily_backup(db.path)  # shipping (issue 6): the first start of the day backs up
    try:
        ctx = AppContext(db, chosen)
        window = start(ctx)
        if window is None:
            return 0
        ready_probe.arm(window)  # shipping (issue 6): start-up benchmark only
        return int(app.exec())
    finally:
        db.close()
        QCoreApplication.processEvents()
