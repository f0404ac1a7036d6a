"""What a role's page of the first-start wizard provides."""

from __future__ import annotations

from PySide6.QtWidgets import QWizardPage
from sqlalchemy.orm import Session


class RoleSetupPage(QWizardPage):
    """The setup page of one role (school, county bureau, prefecture bureau).

    A subclass builds its fields, reports completeness through ``isComplete`` /
    ``completeChanged`` (Finish is enabled only when complete) and stores the installation
    in :meth:`save`, which runs inside the wizard's single transaction.  A
    :class:`cxdesk.errors.UserError` raised there is shown and the wizard stays open.
    """

    def save(self, session: Session) -> None:
        raise NotImplementedError

    def nextId(self) -> int:
        return -1  # a role's page is the last one
