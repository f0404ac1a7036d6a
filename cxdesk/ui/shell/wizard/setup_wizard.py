"""The first-start wizard: a welcome and role choice, then the chosen role's page."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from cxdesk.errors import UserError
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.registry import RoleEntry, wizard_roles
from cxdesk.ui.shell.wizard.base import RoleSetupPage


class RoleChoicePage(QWizardPage):
    """Welcome, and who will use this computer: a school or a bureau."""

    def __init__(self, roles: list[RoleEntry], page_ids: dict[str, int]) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to cxdesk"))
        self.setSubTitle(
            self.tr(
                "cxdesk keeps your psychological-health education staffing data on this computer and prepares the report for the education bureau."
            )
        )
        self._page_ids = page_ids
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Who uses cxdesk on this computer?")))
        self.buttons = QButtonGroup(self)
        for index, role in enumerate(roles):
            button = QRadioButton(role.translated_label())
            button.setObjectName(f"role_{role.role}")
            button.setProperty("role", role.role)
            self.buttons.addButton(button, index)
            layout.addWidget(button)
            if index == 0:
                button.setChecked(True)
        layout.addStretch(1)

    def chosen_role(self) -> str:
        button = self.buttons.checkedButton()
        assert button is not None  # one is always checked
        return str(button.property("role"))

    def nextId(self) -> int:
        return self._page_ids[self.chosen_role()]


class SetupWizard(QWizard):
    """Stores the installation in one transaction when Finish is pressed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Setting up cxdesk"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(720, 560)
        roles = wizard_roles()
        self.role_pages: dict[str, RoleSetupPage] = {}
        page_ids: dict[str, int] = {}
        for index, role in enumerate(roles, start=1):
            page = role.load()()
            self.role_pages[role.role] = page
            page_ids[role.role] = index
        self.choice = RoleChoicePage(roles, page_ids)
        self.setPage(0, self.choice)
        for role in roles:
            self.setPage(page_ids[role.role], self.role_pages[role.role])
        for offset, page in enumerate(self.role_pages.values(), start=len(roles) + 1):
            confirmation = page.confirmation_page()
            if confirmation is not None:
                self.setPage(offset, confirmation)
                page.confirmation_id = offset

    def accept(self) -> None:
        page = self.role_pages[self.choice.chosen_role()]
        try:
            self.ctx.write(page.save)
        except UserError as error:
            show_error(self, error)
            return
        self.ctx.reload_installation()
        super().accept()
