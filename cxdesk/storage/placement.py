"""Which installations may live on a server: the bureaus' only.

A school keeps its data on its own PC in a SQLite file: it has one clerk, works offline in
the mountains, and its packages are what the bureaus collect.  A server URL given to a
school installation (or to set one up) is refused in plain words.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from cxdesk.errors import InputError
from cxdesk.i18n import Text
from cxdesk.storage.dburl import ServerAddress
from cxdesk.storage.locks import is_server

SCHOOL_ON_SERVER = Text(
    "学校的数据只能保存在本机的数据库文件中，不能使用数据库服务器（{url}）。"
    "数据库服务器只供县市和州教育体育局使用；请用 --db 指定一个文件，或不加 --db。",
    "A school keeps its data in a database file on its own computer, not on a database "
    "server ({url}). Servers are for county and prefecture bureaus; give --db a file, or "
    "leave it out.",
)


def refuse_school(conn: Connection, address: ServerAddress) -> None:
    """Refuse a server database that belongs to a school."""
    role = conn.execute(text("SELECT role FROM installation WHERE id = 1")).scalar()
    conn.rollback()
    if role == "school":
        raise InputError(SCHOOL_ON_SERVER(url=address.shown))


def refuse_school_setup(session: Session) -> None:
    """Refuse to set a school up on a server (called by the school's init)."""
    if is_server(session):
        url = session.get_bind().url.render_as_string(hide_password=True)  # type: ignore[union-attr]
        raise InputError(SCHOOL_ON_SERVER(url=url))
