"""Asking before a change to a period the bureau has accepted (a receipt, 回执).

:meth:`cxdesk.ui.shell.context.AppContext.write` tries each change of a school's data, and when it
alters the records of an accepted period (:mod:`cxdesk.services.period_lock`) rolls it back
and asks here; only after a yes is the change made.  Exporting that period again is then
a correction (更正), which the 上报 page says.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from cxdesk.errors import UserError
from cxdesk.i18n import Text
from cxdesk.services.period_lock import describe
from cxdesk.ui.shell import errors

NOT_CHANGED = Text("未修改。", "Not changed.")


class AcceptedPeriodsChanged(Exception):
    """Raised inside a transaction to roll a change back and ask about it first."""

    def __init__(self, labels: list[str]) -> None:
        super().__init__(", ".join(labels))
        self.labels = labels


class ChangeCancelled(UserError):
    """The user chose not to change an accepted period: nothing to show, nothing done."""

    silent = True

    def __init__(self) -> None:
        super().__init__(NOT_CHANGED())


def ask_to_change_accepted(labels: list[str]) -> bool:
    """The question, over the active window; True for yes."""
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("PeriodGuard", "Change an accepted period?"))
    box.setText(describe(labels).render())
    box.setInformativeText(QCoreApplication.translate("PeriodGuard", "Make this change anyway?"))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return errors.present(box) == QMessageBox.StandardButton.Yes
