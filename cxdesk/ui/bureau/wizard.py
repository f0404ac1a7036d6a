"""The county and prefecture roles of the first-start wizard.

Each stores the bureau's installation through :func:`cxdesk.services.bureaus.init_bureau` and
creates the bureau's own signing key (its receipts, returns and county packages are
signed with it); the trust registry starts empty and is filled from stamped forms.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.exchange.keys import ensure_key, keys_dir
from cxdesk.i18n import current_language
from cxdesk.services.bureaus import init_bureau
from cxdesk.ui.bureau.common import hint
from cxdesk.ui.shell.widgets import CodeCombo
from cxdesk.ui.shell.wizard.base import RoleSetupPage


def _database_path(page: RoleSetupPage) -> Path:
    """The database file the wizard sets up (its keys folder sits beside it)."""
    wizard = page.wizard()
    return Path(wizard.ctx.db.path)  # type: ignore[attr-defined]


class CountySetupPage(RoleSetupPage):
    """A county bureau (县市教育体育局): which of the ten counties."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your county bureau"))
        self.setSubTitle(
            self.tr(
                "This computer will collect the report packages of the county's schools and send the county package to the prefecture."
            )
        )
        self.county = CodeCombo(ref.COUNTIES)
        self.county.setObjectName("county")
        form = QFormLayout()
        form.addRow(self.tr("County or city"), self.county)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            hint(
                self.tr(
                    "A signing key for the bureau is created now. Its fingerprint goes on the registration form you stamp and send to the prefecture bureau."
                )
            )
        )
        layout.addStretch(1)

    def isComplete(self) -> bool:
        return self.county.code() is not None

    def save(self, session: Session) -> None:
        code = self.county.code()
        assert code is not None
        init_bureau(session, role="county", code=code)
        ensure_key(session, key_dir=keys_dir(_database_path(self)))


class PrefectureSetupPage(RoleSetupPage):
    """The prefecture bureau (州教育体育局): there is one, 532300."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("The prefecture bureau"))
        self.setSubTitle(
            self.tr(
                "This computer will collect the ten county packages and produce the prefecture's figures and charts."
            )
        )
        form = QFormLayout()
        self.place = QLabel(f"{ref.PREFECTURE_CODE}  {ref.PREFECTURE.label(current_language())}")
        self.place.setObjectName("prefecture")
        form.addRow(self.tr("Prefecture"), self.place)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            hint(
                self.tr(
                    "A signing key for the bureau is created now; its receipts and returns to the counties are signed with it."
                )
            )
        )
        layout.addStretch(1)

    def isComplete(self) -> bool:
        return True

    def save(self, session: Session) -> None:
        init_bureau(session, role="prefecture", code=ref.PREFECTURE_CODE)
        ensure_key(session, key_dir=keys_dir(_database_path(self)))
