"""The crash dialog: what a person sees when cxdesk itself has a fault (a bug).

One dialog says, in plain words, that the program had a problem, that the data already
saved is intact (every change is committed when it is made; the failed action was rolled
back), and where the log file is that a technician needs.  The traceback goes to the log
(identity numbers masked by :mod:`cxdesk.logs`), never onto the screen.  A fault that
repeats (a paint handler failing on every repaint) shows its dialog only once.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from cxdesk.logs import current_log_path, log_path, mask_identity_numbers
from cxdesk.ui.shell import errors

log = logging.getLogger("cxdesk.ui.shell.crash")

_seen: set[tuple[str, str, int]] = set()
_showing = False


def fault_place(error: BaseException) -> tuple[str, str, int]:
    """The exception's kind and the innermost frame it came from (file name and line)."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return type(error).__name__, "?", 0
    last = frames[-1]
    return type(error).__name__, Path(last.filename).name, last.lineno or 0


def what_happened(error: BaseException) -> str:
    """One line for the dialog's details: the kind of fault, its message and where."""
    kind, file, line = fault_place(error)
    message = mask_identity_numbers(str(error))[:300]
    return f"{kind}: {message} ({file}:{line})" if message else f"{kind} ({file}:{line})"


class CrashDialog(QMessageBox):
    """The one dialog of an unexpected fault; ``open_log_button`` shows the log's folder."""

    def __init__(self, error: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log_file = current_log_path() or log_path()
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(QCoreApplication.translate("CrashDialog", "cxdesk had a problem"))
        self.setText(
            QCoreApplication.translate(
                "CrashDialog",
                "cxdesk ran into a problem in the program itself. Your data is safe: every "
                "change was saved when it was made, and the last action was not carried out.",
            )
        )
        self.setInformativeText(
            QCoreApplication.translate(
                "CrashDialog",
                "You can keep working. If it happens again, send the log file to your county's "
                "technical support. It is here:\n{path}",
            ).replace("{path}", str(self.log_file))
        )
        self.setDetailedText(what_happened(error))
        self.open_log_button = self.addButton(
            QCoreApplication.translate("CrashDialog", "Open the log folder"),
            QMessageBox.ButtonRole.ActionRole,
        )
        self.ok_button = self.addButton(QMessageBox.StandardButton.Ok)
        self.setDefaultButton(self.ok_button)

    def open_log_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))


def show_crash_dialog(parent: QWidget | None, error: BaseException) -> None:
    """The handler of :func:`cxdesk.ui.shell.errors.set_unexpected_handler` (already logged)."""
    global _showing
    place = fault_place(error)
    if _showing or place in _seen:
        log.info("fault repeated or while the crash dialog is open: %s", what_happened(error))
        return
    _seen.add(place)
    _showing = True
    try:
        dialog = CrashDialog(error, parent)
        errors.present(dialog)
        if dialog.clickedButton() is dialog.open_log_button:
            dialog.open_log_folder()
    finally:
        _showing = False


def install_crash_dialog() -> None:
    """Show unexpected faults with :class:`CrashDialog` (after errors.install_excepthook)."""
    errors.set_unexpected_handler(show_crash_dialog)
