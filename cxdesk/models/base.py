"""The declarative base shared by every model, with constraint names alembic can rely on."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of all cxdesk models.  ``__audited__`` models are written to the change log."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    __audited__ = True


def give_partial_indexes_to(dialect: str) -> None:
    """Give each partial index's condition, stated once for SQLite (``sqlite_where``), to
    ``dialect`` too.

    Naming PostgreSQL in the models would import SQLAlchemy's PostgreSQL dialect at every
    start of every command (a tenth of a light command's time, issue 16); the server engine
    calls this before it is used (:func:`cxdesk.storage.server.engine.create_server_engine`).  The
    migrations create the indexes with both conditions themselves.
    """
    for table in Base.metadata.tables.values():
        for index in table.indexes:
            where = index.dialect_options["sqlite"]["where"]
            if where is not None:
                index.dialect_kwargs[f"{dialect}_where"] = where
