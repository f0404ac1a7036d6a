"""Backups of a server database are the server's: ``pg_dump`` and ``pg_restore``.

cxdesk's own backups (:mod:`cxdesk.storage.backup`) copy a SQLite file with SQLite's online backup
API.  A PostgreSQL database is backed up by its administrator with PostgreSQL's tools, on
the server, while the clerks work (``pg_dump`` takes a consistent snapshot); this module
only says so, with the command for this database (docs/postgres.md, "Backup").
"""

from __future__ import annotations

from cxdesk.errors import InputError
from cxdesk.i18n import Message, Text
from cxdesk.storage.dburl import ServerAddress

USE_PG_DUMP = Text(
    "数据保存在数据库服务器 {url} 上，cxdesk 不复制它。请由管理员在服务器上用 pg_dump 备份、"
    "pg_restore 恢复（见 docs/postgres.md），例如：{command}",
    "The data is on the database server {url}; cxdesk does not copy it. The administrator "
    "backs it up with pg_dump and restores it with pg_restore on the server "
    "(docs/postgres.md), for example: {command}",
)


def pg_dump_command(address: ServerAddress) -> str:
    """The ``pg_dump`` line for this database (custom format, restorable with pg_restore)."""
    u = address.url
    parts = ["pg_dump", "-Fc"]
    if u.host:
        parts += ["-h", u.host]
    if u.port:
        parts += ["-p", str(u.port)]
    if u.username:
        parts += ["-U", u.username]
    parts += ["-d", str(u.database), "-f", f"{u.database}.dump"]
    return " ".join(parts)


def use_pg_dump(address: ServerAddress) -> Message:
    return USE_PG_DUMP(url=address.shown, command=pg_dump_command(address))


def refuse_file_backup(address: ServerAddress) -> InputError:
    """The error ``cxdesk backup`` raises for a server database."""
    return InputError(use_pg_dump(address))
