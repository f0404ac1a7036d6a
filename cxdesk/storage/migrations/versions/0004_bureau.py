"""bureau: submissions, register, deadlines; school snapshots

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 14:22:21.654145
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "collection_deadline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_label", sa.String(length=20), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collection_deadline")),
        sa.UniqueConstraint("period_label", name=op.f("uq_collection_deadline_period_label")),
    )
    op.create_table(
        "register_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("county_code", sa.String(length=6), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("contact_person", sa.String(length=50), nullable=True),
        sa.Column("contact_phone", sa.String(length=30), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_entry")),
        sa.UniqueConstraint("code", name=op.f("uq_register_entry_code")),
    )
    with op.batch_alter_table("register_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_register_entry_county_code"), ["county_code"], unique=False
        )

    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_code", sa.String(length=10), nullable=False),
        sa.Column("sender_role", sa.String(length=8), nullable=False),
        sa.Column("sender_name", sa.String(length=100), nullable=False),
        sa.Column("county_code", sa.String(length=6), nullable=False),
        sa.Column("period_label", sa.String(length=20), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("sender_fingerprint", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("stored_path", sa.String(length=500), nullable=False),
        sa.Column("via_submission_id", sa.Integer(), nullable=True),
        sa.Column("hard_findings", sa.Integer(), nullable=False),
        sa.Column("soft_findings", sa.Integer(), nullable=False),
        sa.Column("findings_json", sa.Text(), nullable=True),
        sa.Column("review", sa.String(length=10), nullable=False),
        sa.Column("review_comment", sa.Text(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("review_file", sa.String(length=500), nullable=True),
        sa.CheckConstraint(
            "review IN ('pending', 'accepted', 'returned')", name=op.f("ck_submission_review")
        ),
        sa.CheckConstraint(
            "sender_role IN ('school', 'county')", name=op.f("ck_submission_sender_role")
        ),
        sa.CheckConstraint(
            "status IN ('accepted', 'superseded', 'held', 'rejected')",
            name=op.f("ck_submission_status"),
        ),
        sa.ForeignKeyConstraint(
            ["via_submission_id"],
            ["submission.id"],
            name=op.f("fk_submission_via_submission_id_submission"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission")),
        sa.UniqueConstraint("file_sha256", name=op.f("uq_submission_file_sha256")),
    )
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.create_index(
            "ix_submission_counted",
            ["sender_code", "period_label"],
            unique=True,
            sqlite_where=sa.text("status = 'accepted'"),
            postgresql_where=sa.text("status = 'accepted'"),
        )
        batch_op.create_index(
            "ix_submission_period_status", ["period_label", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_submission_sender_code"), ["sender_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_submission_via_submission_id"), ["via_submission_id"], unique=False
        )

    with op.batch_alter_table("school", schema=None) as batch_op:
        batch_op.add_column(sa.Column("submission_id", sa.Integer(), nullable=True))
        batch_op.drop_constraint(batch_op.f("uq_school_code"), type_="unique")
        batch_op.create_index(
            "ix_school_own_code",
            ["code"],
            unique=True,
            sqlite_where=sa.text("submission_id IS NULL"),
            postgresql_where=sa.text("submission_id IS NULL"),
        )
        batch_op.create_index(
            batch_op.f("ix_school_submission_id"), ["submission_id"], unique=False
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_school_code_submission_id"), ["code", "submission_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_school_submission_id_submission"),
            "submission",
            ["submission_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("school", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_school_submission_id_submission"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_school_code_submission_id"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_school_submission_id"))
        batch_op.drop_index(
            "ix_school_own_code",
            sqlite_where=sa.text("submission_id IS NULL"),
            postgresql_where=sa.text("submission_id IS NULL"),
        )
        batch_op.create_unique_constraint(batch_op.f("uq_school_code"), ["code"])
        batch_op.drop_column("submission_id")

    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submission_via_submission_id"))
        batch_op.drop_index(batch_op.f("ix_submission_sender_code"))
        batch_op.drop_index("ix_submission_period_status")
        batch_op.drop_index(
            "ix_submission_counted",
            sqlite_where=sa.text("status = 'accepted'"),
            postgresql_where=sa.text("status = 'accepted'"),
        )

    op.drop_table("submission")
    with op.batch_alter_table("register_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_register_entry_county_code"))

    op.drop_table("register_entry")
    op.drop_table("collection_deadline")
