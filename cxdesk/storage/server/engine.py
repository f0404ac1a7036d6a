"""Connecting to a bureau's PostgreSQL server, and saying plainly why it failed.

The password comes, in this order, from the URL, from the keyring (saved by the desktop
app's server settings, :mod:`cxdesk.storage.server.secrets`), or from libpq itself: the ``PGPASSWORD``
environment variable or a ``~/.pgpass`` file (``%APPDATA%\\postgresql\\pgpass.conf`` on
Windows).  No message, log line or setting ever shows it: URLs are rendered without it.
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

from cxdesk.errors import DatabaseError
from cxdesk.i18n import Text
from cxdesk.models.base import give_partial_indexes_to
from cxdesk.storage.dburl import ServerAddress

#: Seconds to wait for the server to answer a connection.
CONNECT_TIMEOUT_S = 10
#: How long a transaction waits for a lock (another clerk's package of the same school)
#: before it gives up as "busy"; the same bound as SQLite's busy timeout.
LOCK_TIMEOUT_MS = 10_000

NO_DRIVER = Text(
    "未安装 PostgreSQL 驱动（psycopg）。请安装 cxdesk[postgres]：pip install 'cxdesk[postgres]'",
    "The PostgreSQL driver (psycopg) is not installed. Install cxdesk[postgres]: "
    "pip install 'cxdesk[postgres]'",
)
UNREACHABLE = Text(
    "无法连接数据库服务器 {url}：{reason}。请检查服务器是否开启、地址和端口是否正确、网络是否连通。",
    "Cannot reach the database server {url}: {reason}. Check that the server is running, "
    "the address and port are right, and the network is connected.",
)
BAD_LOGIN = Text(
    "数据库服务器 {url} 拒绝登录：用户名或密码不对（或未提供密码）。请在“设置 → 数据库服务器”中核对。",
    "The database server {url} refused the login: wrong user name or password (or none "
    "given). Check them in Settings → Database server.",
)
NO_SUCH_DATABASE = Text(
    "数据库服务器 {url} 上没有这个数据库。请让管理员按 docs/postgres.md 创建。",
    "The database server {url} has no such database. Ask the administrator to create it "
    "(docs/postgres.md).",
)
NOT_ALLOWED = Text(
    "数据库服务器 {url} 不允许此用户执行该操作：{reason}。请让管理员按 docs/postgres.md 授权。",
    "The database server {url} does not allow this user to do that: {reason}. Ask the "
    "administrator to grant it (docs/postgres.md).",
)
CONNECTION_LOST = Text(
    "与数据库服务器 {url} 的连接中断：{reason}。本次操作未保存，请重试。",
    "The connection to the database server {url} was lost: {reason}. Nothing was saved; try again.",
)
BUSY = Text(
    "数据库服务器 {url} 上的这些数据正被另一位工作人员处理，{seconds} 秒后仍未释放。本次操作未保存，请稍后重试。",
    "Another clerk is working on the same data on {url} and it stayed busy for {seconds} s. "
    "Nothing was saved; try again in a moment.",
)


def create_server_engine(address: ServerAddress) -> Engine:
    """An engine on the server; connections are checked before use (a server restart or a
    dropped network between two actions is reconnected silently)."""
    try:
        import psycopg  # noqa: F401  (only to say plainly that it is missing)
    except ImportError:
        raise DatabaseError(NO_DRIVER()) from None
    give_partial_indexes_to("postgresql")
    engine = create_engine(
        address.url,
        pool_pre_ping=True,
        pool_size=2,
        max_overflow=4,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": "cxdesk",
            "options": f"-c lock_timeout={LOCK_TIMEOUT_MS}",
        },
        hide_parameters=True,  # values of the clerk's data stay out of error messages
        # READ COMMITTED, the server's default, is what the locks are designed for: each
        # statement sees what was committed before it started (cxdesk.storage.locks).
        isolation_level="READ COMMITTED",
    )

    return engine


def server_error(address: ServerAddress, exc: BaseException) -> DatabaseError | None:
    """The user's words for a failure of the server, or None for a bug.

    Connection and login failures carry no SQLSTATE from the server (libpq reports them
    itself), so their text is read; the rest go by SQLSTATE.
    """
    orig = getattr(exc, "orig", exc)
    state = getattr(orig, "sqlstate", None) or ""
    text = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    url = address.shown
    if state == "28P01" or "password authentication failed" in text or "no password" in text:
        return DatabaseError(BAD_LOGIN(url=url))
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return DatabaseError(NO_SUCH_DATABASE(url=url))
    if state == "42501":
        return DatabaseError(NOT_ALLOWED(url=url, reason=text))
    if state == "55P03":  # lock_not_available: lock_timeout passed
        return DatabaseError(BUSY(url=url, seconds=LOCK_TIMEOUT_MS // 1000))
    if state.startswith("08") or state in ("57P01", "57P02", "57P03"):
        return DatabaseError(CONNECTION_LOST(url=url, reason=text))
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return DatabaseError(CONNECTION_LOST(url=url, reason=text))
    if not state and ("connect" in text or "timeout" in text or "server" in text):
        return DatabaseError(UNREACHABLE(url=url, reason=text))
    return None


def check_server(address: ServerAddress) -> str:
    """Connect once and return the server's version: the settings page's "Test" button.

    Does not create or upgrade the schema (that happens when cxdesk opens the database).
    Raises :class:`DatabaseError` in the user's words when the server cannot be used.
    """
    engine = create_server_engine(address)
    try:
        with engine.connect() as conn:
            version = str(conn.execute(text("SHOW server_version")).scalar())
            conn.rollback()
        return version
    except DBAPIError as exc:
        raise server_error(address, exc) or exc from exc
    finally:
        engine.dispose()
