"""Asking a bureau's key passphrase once per session, before work that needs the keys.

Collecting (decrypting), writing receipts and returns, the county package and the key
file (signing) need the bureau's keys open.  :func:`ensure_keys_unlocked` asks for the
passphrase only when no passphrase is known yet (this session, or the system keyring),
on the GUI thread and before the work starts, so a worker never waits for a person.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from cxdesk.errors import UserError
from cxdesk.exchange.bureau_keys import needs_passphrase, unlock_bureau_keys
from cxdesk.exchange.keys import keys_dir
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error


def ask_passphrase(parent: QWidget) -> str | None:
    """The passphrase typed by the clerk (None: cancelled).  Tests replace this."""
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("KeyUnlock", "The bureau's keys"),
        QCoreApplication.translate(
            "KeyUnlock",
            "This bureau's keys are protected. Type the key passphrase (asked once until the program is closed):",
        ),
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None


def ensure_keys_unlocked(parent: QWidget, ctx: AppContext) -> bool:
    """Open the bureau's keys for the session; False when the clerk cancelled."""
    key_dir = keys_dir(Path(ctx.db.path))
    while True:
        with ctx.db.reading() as session:
            if not needs_passphrase(session, key_dir=key_dir):
                return True
        passphrase = ask_passphrase(parent)
        if passphrase is None:
            return False
        try:
            with ctx.db.reading() as session:
                unlock_bureau_keys(session, key_dir=key_dir, passphrase=passphrase)
        except UserError as error:  # a wrong passphrase: say so, ask again
            show_error(parent, error)
