"""trust: one valid key per party, revocation from a date, key-change statements

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 09:00:00

- ``trusted_key.revoked_from``: from when a revoked key is no longer trusted (NULL: all
  its packages); keys revoked before this revision were refused from their revocation on,
  which is what ``revoked_from = revoked_at`` says.
- ``trusted_key.source`` may be ``statement`` (a key accepted from a key-change statement
  signed by the previous key).
- at most one ``registered`` key per party (a partial unique index).  A database that holds
  two for one party (the bug this revision closes) keeps the one registered from a form,
  the newest of those, and revokes the others from now on (their packages stay counted;
  the note says why, and ``cxdesk trust list`` shows it).
- ``submission.status`` may be ``revoked``: signed by a key revoked since before it arrived.
- ``signing_key.change_statement`` / ``change_signature``: a school's key-change statement.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

DUPLICATE_NOTE = (
    "升级时作废：每个单位只能有一个有效密钥（保留了按备案表登记的最新密钥）/ "
    "revoked at upgrade: one valid key per party (the newest registered from a form was kept)"
)


def _revoke_duplicate_valid_keys() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, party_code, source, registered_at FROM trusted_key "
            "WHERE status = 'registered' ORDER BY party_code"
        )
    ).all()
    by_party: dict[str, list[tuple[int, str, datetime]]] = {}
    for key_id, code, source, registered in rows:
        by_party.setdefault(code, []).append((key_id, source, registered))
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    for keys in by_party.values():
        if len(keys) < 2:
            continue
        keep = max(keys, key=lambda k: (k[1] == "form", str(k[2]), k[0]))
        for key_id, _source, _registered in keys:
            if key_id == keep[0]:
                continue
            conn.execute(
                sa.text(
                    "UPDATE trusted_key SET status = 'revoked', revoked_at = :now, "
                    "revoked_from = :now, note = trim(coalesce(note, '') || ' ' || :note) "
                    "WHERE id = :id"
                ),
                {"now": now, "note": DUPLICATE_NOTE, "id": key_id},
            )


def upgrade() -> None:
    with op.batch_alter_table("signing_key", schema=None) as batch_op:
        batch_op.add_column(sa.Column("change_statement", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("change_signature", sa.String(length=88), nullable=True))

    with op.batch_alter_table("trusted_key", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_from", sa.DateTime(), nullable=True))
        batch_op.drop_constraint(batch_op.f("ck_trusted_key_source"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_trusted_key_source"), "source IN ('form', 'first_use', 'statement')"
        )
    op.execute("UPDATE trusted_key SET revoked_from = revoked_at WHERE status = 'revoked'")
    _revoke_duplicate_valid_keys()
    with op.batch_alter_table("trusted_key", schema=None) as batch_op:
        batch_op.create_index(
            "ix_trusted_key_one_valid",
            ["party_code"],
            unique=True,
            sqlite_where=sa.text("status = 'registered'"),
            postgresql_where=sa.text("status = 'registered'"),
        )

    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_submission_status"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_submission_status"),
            "status IN ('accepted', 'superseded', 'held', 'rejected', 'revoked')",
        )


def downgrade() -> None:
    op.execute("UPDATE submission SET status = 'rejected' WHERE status = 'revoked'")
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_submission_status"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_submission_status"),
            "status IN ('accepted', 'superseded', 'held', 'rejected')",
        )
    op.execute("UPDATE trusted_key SET source = 'form' WHERE source = 'statement'")
    with op.batch_alter_table("trusted_key", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_trusted_key_one_valid",
            sqlite_where=sa.text("status = 'registered'"),
            postgresql_where=sa.text("status = 'registered'"),
        )
        batch_op.drop_constraint(batch_op.f("ck_trusted_key_source"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_trusted_key_source"), "source IN ('form', 'first_use')"
        )
        batch_op.drop_column("revoked_from")
    with op.batch_alter_table("signing_key", schema=None) as batch_op:
        batch_op.drop_column("change_signature")
        batch_op.drop_column("change_statement")
