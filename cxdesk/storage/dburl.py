"""What ``--db`` names: a SQLite file (a path) or a PostgreSQL server (a SQLAlchemy URL).

A school and a county with one clerk keep one SQLite file.  A bureau with several clerks
may instead keep its data on a PostgreSQL server that every clerk's cxdesk connects to
(``docs/postgres.md``).  This module only reads the text the user gave; it never connects
and never imports a database driver, so the command line stays fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cxdesk.errors import InputError
from cxdesk.i18n import Text

if TYPE_CHECKING:  # SQLAlchemy only for a URL: a file path is read without it (issue 16)
    from sqlalchemy.engine import URL

#: The driver cxdesk uses for PostgreSQL: psycopg 3 (the ``postgres`` extra).
SERVER_DRIVER = "postgresql+psycopg"
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://")
_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")

NOT_SUPPORTED = Text(
    "不支持的数据库地址“{url}”：cxdesk 只能使用 SQLite 文件路径或 postgresql+psycopg://用户@主机/数据库。",
    "Unsupported database address {url}: cxdesk uses a SQLite file path or "
    "postgresql+psycopg://user@host/database.",
)
BAD_URL = Text(
    "数据库地址“{url}”写法有误：{reason}",
    "The database address {url} is not well formed: {reason}",
)
NO_DATABASE_NAME = Text(
    "数据库地址“{url}”没有写数据库名（例如 postgresql+psycopg://clerk@192.168.1.10/cxdesk）。",
    "The database address {url} names no database "
    "(for example postgresql+psycopg://clerk@192.168.1.10/cxdesk).",
)


@dataclass(frozen=True)
class ServerAddress:
    """A PostgreSQL database named by a URL (with or without its password)."""

    url: URL

    @property
    def shown(self) -> str:
        """The URL for messages, logs and the status bar: never with the password."""
        return self.url.render_as_string(hide_password=True)

    @property
    def without_password(self) -> str:
        """The URL as stored in settings: the password lives in the keyring, not here."""
        from sqlalchemy.engine import URL

        u = self.url  # URL.set(password=None) would keep it: build the URL anew
        bare = URL.create(u.drivername, u.username, None, u.host, u.port, u.database, u.query)
        return bare.render_as_string(hide_password=False)

    @property
    def has_password(self) -> bool:
        return bool(self.url.password)

    def with_password(self, password: str | None) -> ServerAddress:
        return ServerAddress(self.url.set(password=password)) if password else self

    @property
    def key(self) -> str:
        """``user@host:port/database``: names the account in the keyring and the local folder."""
        u = self.url
        return f"{u.username or ''}@{u.host or 'localhost'}:{u.port or 5432}/{u.database}"


Target = Path | ServerAddress


def is_server_url(value: str) -> bool:
    """Whether ``value`` is written as a URL (``scheme://...``) rather than a file path."""
    match = _SCHEME.match(value.strip())
    # "C://data" is a Windows drive, not a URL scheme.
    return match is not None and len(match["scheme"]) > 1


def parse_target(value: str | Path | ServerAddress | None) -> Target | None:
    """A file path, a server address, or None (the default file in the data folder).

    ``sqlite:///path`` is taken as the path; ``postgresql://`` and ``postgres://`` use
    psycopg 3; any other kind of database is refused with a clear message.
    """
    if value is None or isinstance(value, (Path, ServerAddress)):
        return value
    text = value.strip()
    if not text:
        return None
    if not is_server_url(text):
        return Path(text)
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    shown = _hide_password(text)
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise InputError(BAD_URL(url=shown, reason=str(exc))) from None
    if url.drivername == "sqlite" and url.database:
        return Path(url.database)
    if url.drivername not in _POSTGRES_SCHEMES:
        raise InputError(NOT_SUPPORTED(url=shown))
    if not url.database:
        raise InputError(NO_DATABASE_NAME(url=shown))
    return ServerAddress(url.set(drivername=SERVER_DRIVER))


def _hide_password(text: str) -> str:
    """``scheme://user:secret@host`` → ``scheme://user:***@host`` (for a message)."""
    return re.sub(r"(://[^/:@]*:)[^@/]*@", r"\1***@", text)
