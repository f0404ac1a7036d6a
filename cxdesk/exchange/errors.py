"""Why a package, receipt or return was refused: a one-line, bilingual reason with a code.

``PackageError.reason`` is a short stable code (``"signature"``, ``"member_hash"``,
``"too_large"``, ...) for programs (``verify --json``, the bureau's collect); ``message``
is the sentence for people.  Every refusal leaves the database and the disk as they were.
"""

from __future__ import annotations

from cxdesk.errors import InputError, UserError
from cxdesk.i18n import Message, Text


class PackageError(InputError):
    """A file that is not an intact, acceptable cxdesk package (or receipt, or return)."""

    def __init__(self, reason: str, message: Message, *, details: list[Message] | None = None):
        super().__init__(message, details=details)
        self.reason = reason


class SigningKeyError(UserError):
    """This installation's key is missing, damaged, or its passphrase is wrong."""


class ExportBlockedError(InputError):
    """Hard findings are open: nothing may be exported until they are fixed."""

    #: Like ``cxdesk check``: 1 means "findings".
    exit_code = 1


def refuse(code: str, text: Text, /, **params: object) -> PackageError:
    """A :class:`PackageError` with the reason ``code`` and the sentence ``text`` filled in."""
    return PackageError(code, text(**params))
