"""Typed errors of the core.

A :class:`UserError` is something the user can understand and fix (a bad cell, a tampered
package, a locked or damaged file): it carries a bilingual message and the GUI and the CLI
show it in one place each.  Any other exception is a bug.
"""

from __future__ import annotations

from cxdesk.i18n import Message


class UserError(Exception):
    """An error the user can act on; ``message`` says what happened and what to do."""

    #: The CLI's exit code for this kind of error (2: usage or input error).
    exit_code = 2

    def __init__(self, message: Message, *, details: list[Message] | None = None) -> None:
        super().__init__(message.render("en"))
        self.message = message
        self.details: list[Message] = list(details or [])

    def render(self, lang: str | None = None) -> str:
        lines = [self.message.render(lang)]
        lines.extend("  " + d.render(lang) for d in self.details)
        return "\n".join(lines)


class InputError(UserError):
    """A value or a file given by the user is wrong."""


class NotFoundError(UserError):
    """A record the user asked for does not exist (any more)."""


class NotInitializedError(UserError):
    """The database has not been set up for a school or bureau yet."""


class DatabaseError(UserError):
    """The database file cannot be used: locked, damaged, or from a newer cxdesk."""


class DatabaseTooNewError(DatabaseError):
    """The database was written by a newer cxdesk whose schema this one does not know."""


class MigrationFailedError(DatabaseError):
    """A schema upgrade failed; the backup taken before it has been put back."""
