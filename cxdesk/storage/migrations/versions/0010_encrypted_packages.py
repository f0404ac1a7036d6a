"""encrypted packages: own encryption keys, registered bureau key files, record secrets

Revision ID: 0010
Revises: 0004
Create Date: 2026-12-01 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "encryption_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.String(length=100), nullable=False),
        sa.Column("file_name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_encryption_key")),
        sa.UniqueConstraint("public_key", name=op.f("uq_encryption_key_public_key")),
    )
    op.create_table(
        "bureau_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("signing_fingerprint", sa.String(length=30), nullable=False),
        sa.Column("signing_public_key", sa.String(length=44), nullable=False),
        sa.Column("encryption_key", sa.String(length=100), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("via_code", sa.String(length=6), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.CheckConstraint("role IN ('county', 'prefecture')", name=op.f("ck_bureau_key_role")),
        sa.CheckConstraint("status IN ('current', 'replaced')", name=op.f("ck_bureau_key_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bureau_key")),
    )
    with op.batch_alter_table("bureau_key", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bureau_key_current",
            ["code"],
            unique=True,
            sqlite_where=sa.text("status = 'current'"),
            postgresql_where=sa.text("status = 'current'"),
        )
    with op.batch_alter_table("export_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("record_secret", sa.String(length=44), nullable=True))
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.add_column(sa.Column("record_secret", sa.String(length=44), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_column("record_secret")
    with op.batch_alter_table("export_log", schema=None) as batch_op:
        batch_op.drop_column("record_secret")
    with op.batch_alter_table("bureau_key", schema=None) as batch_op:
        batch_op.drop_index("ix_bureau_key_current")
    op.drop_table("bureau_key")
    op.drop_table("encryption_key")
