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
    A role may show what was entered back on a last page (:meth:`confirmation_page`),
    where Finish is pressed.
    """

    #: The wizard's id of the confirmation page, when the role has one (else -1).
    confirmation_id = -1

    def save(self, session: Session) -> None:
        raise NotImplementedError

    def confirmation_page(self) -> QWizardPage | None:
        """A last page that shows what will be stored, to be checked before Finish."""
        return None

    def nextId(self) -> int:
        return self.confirmation_id  # -1: a role's page is the last one
