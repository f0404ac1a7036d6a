"""The server password of a bureau installation, kept in the system's keyring.

Windows (Credential Manager), macOS (Keychain) and Linux desktops (Secret Service, e.g.
GNOME Keyring or KWallet) have a keyring that the ``keyring`` package talks to.  The
desktop app stores the password there under the service ``cxdesk`` and the account
``user@host:port/database``; ``settings.ini`` holds only the URL without the password.

Where no keyring is available (a Linux machine without a desktop session, the ``keyring``
package not installed), nothing is stored and the clerk is told so: libpq's own places
then work unchanged, a ``~/.pgpass`` file with permissions 0600 (``%APPDATA%\\postgresql\\
pgpass.conf`` on Windows) or the ``PGPASSWORD`` environment variable (docs/postgres.md).
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from cxdesk.storage.dburl import ServerAddress

log = logging.getLogger(__name__)

SERVICE = "cxdesk"


def _keyring() -> Any | None:
    """The keyring module if a real (not the "fail" or "null") backend is available."""
    try:
        import keyring
        from keyring.backends import fail, null
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration must not stop the program
        log.warning("the keyring could not be loaded", exc_info=True)
        return None
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return None
    return keyring


def system_keyring() -> Any | None:
    """The keyring module when this machine has a usable keyring (also for key passphrases)."""
    return _keyring()


def keyring_available() -> bool:
    """Whether a password can be kept in a keyring on this machine."""
    return _keyring() is not None


def keyring_name() -> str | None:
    """The keyring backend's name for the settings page, or None."""
    kr = _keyring()
    return None if kr is None else str(kr.get_keyring().name)


def saved_password(address: ServerAddress) -> str | None:
    """The password saved for ``address``'s account, or None."""
    kr = _keyring()
    if kr is None:
        return None
    try:
        value = kr.get_password(SERVICE, address.key)
    except Exception:
        log.warning("the keyring could not be read", exc_info=True)
        return None
    return str(value) if value else None


def save_password(address: ServerAddress, password: str) -> bool:
    """Keep ``password`` for ``address``'s account; False when no keyring is available."""
    kr = _keyring()
    if kr is None:
        return False
    kr.set_password(SERVICE, address.key, password)
    return True


def forget_password(address: ServerAddress) -> None:
    """Remove the saved password of ``address``'s account, if any."""
    kr = _keyring()
    if kr is None:
        return
    with contextlib.suppress(Exception):  # keyring.errors.PasswordDeleteError: there was none
        kr.delete_password(SERVICE, address.key)


def with_saved_password(address: ServerAddress) -> ServerAddress:
    """``address`` with the keyring's password when the URL carries none."""
    if address.has_password:
        return address
    return address.with_password(saved_password(address))
