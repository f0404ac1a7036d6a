"""The "Backups" group of the settings page: the program's backups, back up now, restore.

Backups are taken by the program itself (see :mod:`cxdesk.storage.backup`); this group lists them,
backs up on demand (into the backups folder, or a chosen folder such as a USB stick) and
restores one.  A restore first keeps the current file as a backup, writes through SQLite
into the open database, then tells every page that everything may have changed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cxdesk.storage.backup import (
    BACKUP_DIRNAME,
    KEEP_DAILY,
    KEEP_PER_OPERATION,
    KEEP_WEEKLY,
    Backup,
    backup_dir,
    create_backup,
    describe_backup,
    list_backups,
)
from cxdesk.storage.changes import EVERYTHING
from cxdesk.storage.restore import RestoreResult, restore_backup
from cxdesk.ui.shell import errors, file_dialogs
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.table_model import Column, RowTableModel
from cxdesk.ui.shell.worker import Progress, run_with_progress

log = logging.getLogger("cxdesk.ui.backup")


def kind_label(backup: Backup) -> str:
    if backup.reason == "daily":
        return QCoreApplication.translate("BackupSettings", "Daily")
    if backup.reason == "manual":
        return QCoreApplication.translate("BackupSettings", "Made by hand")
    if backup.reason == "damaged":
        return QCoreApplication.translate("BackupSettings", "Damaged file set aside")
    if backup.reason == "before-restore":
        return QCoreApplication.translate("BackupSettings", "Before a restore")
    if backup.reason == "before-import":
        return QCoreApplication.translate("BackupSettings", "Before an import")
    if backup.reason == "before-collect":
        return QCoreApplication.translate("BackupSettings", "Before collecting packages")
    if backup.reason.startswith("before-migration"):
        return QCoreApplication.translate("BackupSettings", "Before a program upgrade")
    return QCoreApplication.translate("BackupSettings", "Before an operation")


def size_text(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def choose_folder(parent: QWidget) -> Path | None:
    """Ask for the folder of a backup on demand (replaced in tests)."""
    title = QCoreApplication.translate("BackupSettings", "Back up to a folder (a USB stick)")
    name = file_dialogs.choose_folder(parent, title, "backup_to", removable=True)
    return Path(name) if name else None


def choose_file(parent: QWidget, start: Path) -> Path | None:
    """Ask for a backup file to restore (replaced in tests)."""
    name = file_dialogs.open_file(
        parent,
        QCoreApplication.translate("BackupSettings", "Restore from a backup file"),
        QCoreApplication.translate("BackupSettings", "cxdesk backups (*.db);;All files (*)"),
        "restore_backup",
        start=str(start),
    )
    return Path(name) if name else None


class BackupSettings(QGroupBox):
    """A section of the settings page (listed in ``settings_page.SECTIONS``)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle(self.tr("Backups"))
        self.setObjectName("backups")
        layout = QVBoxLayout(self)
        if ctx.db.server is not None:  # issue 8: a server's database is backed up with pg_dump
            from cxdesk.storage.server.backup import use_pg_dump

            note = QLabel(use_pg_dump(ctx.db.server).render())
            note.setObjectName("server_backup_note")
            note.setWordWrap(True)
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(note)
            return
        explanation = QLabel(
            self.tr(
                "cxdesk backs your data up by itself: at the first start of each day, and "
                "before every import, collect and program upgrade. It keeps the backups of the "
                "last {days} days of use, one a week for {weeks} weeks before that, and the "
                "last {ops} taken before each kind of operation. Backups made by hand are "
                "never deleted. They are kept in:"
            )
            .replace("{days}", str(KEEP_DAILY))
            .replace("{weeks}", str(KEEP_WEEKLY))
            .replace("{ops}", str(KEEP_PER_OPERATION))
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        self.folder_label = QLabel(str(ctx.db.path.parent / BACKUP_DIRNAME))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.folder_label)

        self.model: RowTableModel[Backup] = RowTableModel(
            [
                Column(self.tr("Taken"), lambda b: b.taken_at.strftime("%Y-%m-%d %H:%M")),
                Column(self.tr("Kind"), kind_label),
                Column(self.tr("Size"), lambda b: size_text(b.size), align_right=True),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("backup_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(160)
        layout.addWidget(self.table)

        buttons = QHBoxLayout()
        self.backup_now_button = QPushButton(self.tr("Back up now"))
        self.backup_to_button = QPushButton(self.tr("Back up to a folder…"))
        self.restore_button = QPushButton(self.tr("Restore the selected backup…"))
        self.restore_file_button = QPushButton(self.tr("Restore from a file…"))
        self.open_folder_button = QPushButton(self.tr("Open the backups folder"))
        for button in (
            self.backup_now_button,
            self.backup_to_button,
            self.restore_button,
            self.restore_file_button,
            self.open_folder_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.backup_now_button.clicked.connect(lambda: self.back_up(None))
        self.backup_to_button.clicked.connect(self._back_up_to_folder)
        self.restore_button.clicked.connect(self._restore_selected)
        self.restore_file_button.clicked.connect(self._restore_file)
        self.open_folder_button.clicked.connect(self._open_folder)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    # -- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.set_rows(list_backups(self.ctx.db.path))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # -- backing up ------------------------------------------------------------------------

    def back_up(self, folder: Path | None) -> None:
        """Back up into the backups folder, or ``folder``; off the GUI thread."""
        db_path = self.ctx.db.path

        def work(_progress: Progress) -> Path:
            return create_backup(db_path, folder=folder)

        def done(path: Path) -> None:
            self.status.setText(self.tr("Backed up to {path}").replace("{path}", str(path)))
            log.info("backup made by hand: %s", path)
            self.refresh()

        run_with_progress(self, self.tr("Backing up…"), work, on_done=done)

    def _back_up_to_folder(self) -> None:
        folder = choose_folder(self)
        if folder is not None:
            self.back_up(folder)

    # -- restoring ---------------------------------------------------------------------------

    def confirm_restore(self, source: Path) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Restore a backup"))
        box.setText(
            self.tr(
                "Replace the current data with the backup from {when}? Changes made after it "
                "will have to be entered again. The current data is kept as a backup first."
            ).replace("{when}", describe_backup(source))
        )
        yes = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        errors.present(box)
        return box.clickedButton() is yes

    def restore(self, source: Path) -> None:
        """Restore ``source`` into the open database after asking; off the GUI thread."""
        if not self.confirm_restore(source):
            return
        db_path = self.ctx.db.path

        def work(_progress: Progress) -> RestoreResult:
            return restore_backup(db_path, source)

        def done(result: RestoreResult) -> None:
            log.warning("restored %s from %s", db_path, source)
            self.ctx.undo_stack.clear()  # undo steps refer to data that is gone
            self.ctx.reload_installation()
            self.ctx.announce(EVERYTHING)  # the whole database was replaced
            self.status.setText(
                self.tr("Restored the backup from {when}.").replace(
                    "{when}", describe_backup(result.restored_from)
                )
            )
            self.refresh()

        run_with_progress(self, self.tr("Restoring…"), work, on_done=done)

    def _restore_selected(self) -> None:
        backup = self.selected()
        if backup is not None:
            self.restore(backup.path)

    def _restore_file(self) -> None:
        source = choose_file(self, backup_dir(self.ctx.db.path))
        if source is not None:
            self.restore(source)

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(backup_dir(self.ctx.db.path))))
