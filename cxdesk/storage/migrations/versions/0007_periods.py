"""periods: a room's closing date, corrections (更正), the figures of each export

Revision ID: 0007
Revises: 0004
Create Date: 2026-11-30 03:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite and PostgreSQL both have it): no table is copied.
    op.add_column("counselling_room", sa.Column("closed_on", sa.Date(), nullable=True))
    op.add_column(
        "export_log",
        sa.Column("correction", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("export_log", sa.Column("figures_json", sa.Text(), nullable=True))
    op.add_column(
        "submission",
        sa.Column("correction", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_column("correction")
    with op.batch_alter_table("export_log", schema=None) as batch_op:
        batch_op.drop_column("figures_json")
        batch_op.drop_column("correction")
    with op.batch_alter_table("counselling_room", schema=None) as batch_op:
        batch_op.drop_column("closed_on")
