"""Whose database this is, for a bureau: its role, code and name, read with plain SQL.

:func:`this_bureau` reads the installation row through any :class:`~cxdesk.storage.rows.Rows`
(a session's, or a read-only sqlite3 look: ``cxdesk held list`` and ``board`` start without
SQLAlchemy, issue 16); :func:`cxdesk.services.bureaus.own_bureau` is the same through a
session.  A school's database, or one not set up, is refused here, once for both.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxdesk.errors import InputError, NotInitializedError
from cxdesk.i18n import Text
from cxdesk.storage.rows import Rows

NOT_INITIALIZED = Text(
    "数据库尚未设置。请先运行 cxdesk init school …（或在程序首次启动时完成设置向导）。",
    "The database is not set up yet. Run cxdesk init school … first (or complete the "
    "first-start wizard).",
)
NOT_A_BUREAU = Text(
    "该数据库属于学校“{name}”；此操作只适用于县市或州教育体育局。",
    "This database belongs to the school {name}; this is for county and prefecture bureaus.",
)
INSTALLATION_SQL = "SELECT role, code, name FROM installation WHERE id = 1"


@dataclass(frozen=True)
class Bureau:
    """Who this bureau is: role, code and name; ``county_code`` is None at the prefecture."""

    role: str
    code: str
    name: str

    @property
    def county_code(self) -> str | None:
        return self.code if self.role == "county" else None

    @property
    def is_prefecture(self) -> bool:
        return self.role == "prefecture"


def this_bureau(rows: Rows) -> Bureau:
    """This bureau; raises for a school's database or one not set up."""
    found = rows(INSTALLATION_SQL)
    if not found:
        raise NotInitializedError(NOT_INITIALIZED())
    role, code, name = found[0]
    if role == "school":
        raise InputError(NOT_A_BUREAU(name=name))
    return Bureau(role, code, name)
