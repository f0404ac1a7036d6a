"""Plain INSERTs into a model's table, built once per table.

A collect inserts the rows of every package it stores (the submission, the school's
snapshot, the person keys) as Core statements on the session's connection: nothing there
is an object of the session.  Building an INSERT costs about as much as running it, so
each table's is built the first time and kept (issue 16).
"""

from __future__ import annotations

import functools

from sqlalchemy import Insert, insert

from cxdesk.models import Base


@functools.cache
def insert_into(model: type[Base]) -> Insert:
    """The INSERT of ``model``'s table (rows given as values of its columns)."""
    return insert(model.metadata.tables[str(model.__tablename__)])
