"""Who is at the keyboard: the name recorded with a package collected or reviewed.

On a shared server database it is the server user the clerk signs in as (each clerk has
their own, docs/postgres.md); on a bureau's own SQLite file it is the computer's login
name and the computer's name.  Shown with a package in the drill-down from a figure.
"""

from __future__ import annotations

import functools
import getpass
import socket

from sqlalchemy.orm import Session

from cxdesk.storage.locks import is_server


@functools.lru_cache(maxsize=1)
def _login() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no login name in the environment (a service account)
        user = "?"
    return f"{user}@{socket.gethostname()}"[:100]


def clerk_name(session: Session) -> str:
    """The server user on a server database, else ``login@computer``."""
    if is_server(session):
        url = session.get_bind().engine.url
        return str(url.username or _login())[:100]
    return _login()
