"""Alembic environment: cxdesk passes the connection in; there is no alembic.ini to edit."""

from __future__ import annotations

from alembic import context

from cxdesk.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by rebuilding them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
