"""The one place that turns exceptions into dialogs.

* :class:`cxdesk.errors.UserError` (bad input, locked or damaged file, ...): its message in
  the user's language and the list of details, with a warning icon.
* Anything else is a bug: a plain sentence that the data is safe and what to do, never a
  traceback.  The traceback goes to cxdesk's log (``logs/cxdesk.log`` in the data folder,
  :mod:`cxdesk.logs`).  The crash dialog (:mod:`cxdesk.ui.shell.crash`) takes over with
  :func:`set_unexpected_handler`.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cxdesk.errors import UserError

log = logging.getLogger("cxdesk.ui")

UnexpectedHandler = Callable[[QWidget | None, BaseException], None]
_unexpected_handler: UnexpectedHandler | None = None


def present(box: QMessageBox) -> int:
    """Show a message box modally.  Tests replace this to read the box without blocking."""
    return box.exec()


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Show any exception: a UserError as itself, anything else as an unexpected error."""
    if getattr(error, "silent", False):  # the user cancelled: nothing to say
        return
    if isinstance(error, UserError):
        show_user_error(parent, error)
    else:
        show_unexpected(parent, error)


def show_user_error(parent: QWidget | None, error: UserError) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "cxdesk"))
    box.setText(error.message.render())
    if error.details:
        box.setInformativeText("\n".join("• " + d.render() for d in error.details))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    present(box)


def set_unexpected_handler(handler: UnexpectedHandler | None) -> None:
    """Let a crash dialog (shipping) show unexpected errors instead of the plain box."""
    global _unexpected_handler
    _unexpected_handler = handler


def log_exception(error: BaseException) -> None:
    """Write the traceback to cxdesk's log (shipping, issue 6: cxdesk.logs, the rotating
    file in the data folder, where identity numbers are masked)."""
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))


def show_unexpected(parent: QWidget | None, error: BaseException) -> None:
    log_exception(error)
    if _unexpected_handler is not None:
        _unexpected_handler(parent, error)
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "cxdesk"))
    box.setText(
        QCoreApplication.translate(
            "ErrorDialog",
            "Something went wrong inside cxdesk. The data already saved is safe; the last action was not completed.",
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "ErrorDialog",
            "Please try again. If it happens again, tell your county's technical support and send them the file cxdesk-errors.log from the data folder.",
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    present(box)


def install_excepthook() -> None:
    """Show exceptions that escape a slot in a dialog instead of printing a traceback."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        error.__traceback__ = tb
        show_error(None, error)

    sys.excepthook = hook
