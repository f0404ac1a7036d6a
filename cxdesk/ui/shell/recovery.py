"""The damaged-database dialog at start: say so in plain words, offer the latest good backup.

``cxdesk.storage.db.open_database`` runs SQLite's quick check first and raises
:class:`cxdesk.storage.damaged.DatabaseDamagedError` for a damaged file.  Instead of an error and
an exit, the app shows :class:`DamagedDatabaseDialog`: restore the latest good backup (the
damaged file is kept in the backups folder), choose a backup file (a USB stick), or quit.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cxdesk.errors import UserError
from cxdesk.storage.backup import describe_backup
from cxdesk.storage.damaged import DatabaseDamagedError
from cxdesk.storage.restore import restore_backup
from cxdesk.ui.shell import errors, file_dialogs

log = logging.getLogger("cxdesk.ui.shell.recovery")


class DamagedDatabaseDialog(QMessageBox):
    """Restore the latest good backup, choose another backup file, or quit.

    ``restore_button`` is None when no good backup was found in the backups folder.
    """

    def __init__(self, error: DatabaseDamagedError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(
            QCoreApplication.translate("RecoveryDialog", "The data file is damaged")
        )
        self.setText(
            QCoreApplication.translate(
                "RecoveryDialog",
                "The file that holds your data, {path}, is damaged (for example by a power cut "
                "or a failing disk), so cxdesk cannot open it.",
            ).replace("{path}", str(error.path))
        )
        self.restore_button = None
        if error.latest_good is not None:
            self.setInformativeText(
                QCoreApplication.translate(
                    "RecoveryDialog",
                    "The latest good backup is from {when}. Restore it to continue: changes "
                    "made after that time will have to be entered again. The damaged file is "
                    "kept in the backups folder.",
                ).replace("{when}", describe_backup(error.latest_good))
            )
            self.restore_button = self.addButton(
                QCoreApplication.translate("RecoveryDialog", "Restore this backup"),
                QMessageBox.ButtonRole.AcceptRole,
            )
        else:
            self.setInformativeText(
                QCoreApplication.translate(
                    "RecoveryDialog",
                    "No good backup was found on this computer. If a backup was copied to a "
                    "USB stick, choose that file.",
                )
            )
        self.choose_button = self.addButton(
            QCoreApplication.translate("RecoveryDialog", "Choose a backup file…"),
            QMessageBox.ButtonRole.ActionRole,
        )
        self.quit_button = self.addButton(
            QCoreApplication.translate("RecoveryDialog", "Quit"), QMessageBox.ButtonRole.RejectRole
        )
        self.setDefaultButton(self.restore_button or self.choose_button)
        self.setDetailedText("\n".join([str(error.path), *error.problems]))


def choose_backup_file(parent: QWidget | None, start: Path) -> Path | None:
    """Ask for a backup file (replaced in tests)."""
    name = file_dialogs.open_file(
        parent,
        QCoreApplication.translate("RecoveryDialog", "Choose a backup"),
        QCoreApplication.translate("RecoveryDialog", "cxdesk backups (*.db);;All files (*)"),
        "restore_backup",
        start=str(start),
    )
    return Path(name) if name else None


def offer_restore(error: DatabaseDamagedError, parent: QWidget | None = None) -> bool:
    """Show the dialog; True when a backup was restored and the database can be opened."""
    log.error("damaged database %s: %s", error.path, "; ".join(error.problems))
    dialog = DamagedDatabaseDialog(error, parent)
    errors.present(dialog)
    clicked = dialog.clickedButton()
    if clicked is not None and clicked is dialog.restore_button:
        source = error.latest_good
    elif clicked is dialog.choose_button:
        source = choose_backup_file(parent, error.path.parent / "backups")
    else:
        return False
    if source is None:
        return False
    try:
        result = restore_backup(error.path, source)
    except UserError as problem:  # not a sound backup: say why, and offer again
        errors.show_user_error(parent, problem)
        return offer_restore(error, parent)
    log.warning(
        "restored %s from %s; damaged file kept as %s", error.path, source, result.previous_saved_as
    )
    return True
