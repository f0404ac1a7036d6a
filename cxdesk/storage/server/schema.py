"""The schema of a bureau's PostgreSQL database: the same alembic revisions as SQLite.

Unlike SQLite, PostgreSQL changes its schema inside a transaction: a failed upgrade is
rolled back whole by the server, so no backup is copied back (the administrator's
``pg_dump`` before installing a new cxdesk is the safety net, ``docs/postgres.md``).
Several clerks starting a new cxdesk at once take turns on an advisory lock: the first
upgrades, the others then find the schema at HEAD.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text

from cxdesk.errors import DatabaseError, DatabaseTooNewError, MigrationFailedError
from cxdesk.i18n import Text
from cxdesk.storage.dburl import ServerAddress
from cxdesk.storage.locks import lock_key
from cxdesk.storage.schema import HEAD, MIGRATIONS_DIR, REVISIONS
from cxdesk.storage.server.engine import server_error

TOO_NEW = Text(
    "服务器上的数据库 {url} 由更新版本的 cxdesk 升级过（结构版本 {revision}），本程序无法使用。请安装最新版本。",
    "The database {url} was upgraded by a newer cxdesk (schema {revision}) that this version "
    "cannot use. Install the newest version.",
)
FOREIGN = Text(
    "服务器上的数据库 {url} 已有其他程序的表，不是 cxdesk 数据库。未作任何改动。",
    "The database {url} holds another program's tables; it is not a cxdesk database. "
    "Nothing was changed.",
)
FAILED = Text(
    "服务器上的数据库升级失败（{reason}），服务器已撤销全部改动，数据与升级前相同。",
    "The upgrade of the database on the server failed ({reason}); the server undid all of "
    "it and the data is as it was.",
)


def server_revision(conn: Connection) -> tuple[bool, str | None]:
    """Whether the database's public schema has tables, and its alembic revision."""
    tables = set(
        conn.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        ).scalars()
    )
    if "alembic_version" not in tables:
        return bool(tables), None
    revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return True, revision


def ensure_server_schema(engine: Engine, address: ServerAddress) -> None:
    """Create or upgrade the server's schema to HEAD, one clerk at a time."""
    with engine.connect() as conn:
        has_tables, revision = server_revision(conn)
        conn.rollback()
    if revision == HEAD:
        return  # the common case: one query, no lock, no alembic
    _check_known(address, has_tables, revision, REVISIONS)
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key("schema")})
            has_tables, revision = server_revision(conn)  # another clerk may have done it
            if revision == HEAD:
                return
            _check_known(address, has_tables, revision, REVISIONS)
            run_migrations(conn, HEAD)
    except DatabaseError:
        raise
    except Exception as exc:
        known = server_error(address, exc)
        if known is not None:
            raise known from exc
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise MigrationFailedError(FAILED(reason=reason)) from exc


def _check_known(
    address: ServerAddress, has_tables: bool, revision: str | None, revisions: tuple[str, ...]
) -> None:
    if has_tables and revision is None:
        raise DatabaseError(FOREIGN(url=address.shown))
    if revision is not None and revision not in revisions:
        raise DatabaseTooNewError(TOO_NEW(url=address.shown, revision=revision))


def run_migrations(conn: Connection, revision: str) -> None:
    """The alembic revisions up to ``revision`` on ``conn``, in the caller's transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    command.upgrade(config, revision)
