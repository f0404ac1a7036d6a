"""standards as data; pupils' boarders; rooms' basic areas and grade; people keys; who collected

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-01 09:00:00

Seeds the national standards of ``../shared/reference/standards.md`` (docs/standards.md):
the rows below are frozen as of this revision; later changes come in later revisions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NOT_VOCATIONAL = "primary,junior,senior,complete,nine-year,twelve-year,special"
DOC_2021 = "《关于加强学生心理健康管理工作的通知》 教思政厅函〔2021〕10号"
DOC_2023 = "《全面加强和改进新时代学生心理健康工作专项行动计划（2023—2025年）》"
DOC_2015 = "《中小学心理辅导室建设指南》 教基一厅函〔2015〕36号"

NATIONAL = (
    {
        "key": "cn-2021-full-time",
        "name": "每所中小学至少配备1名专职心理健康教育教师",
        "name_en": "Every school has at least 1 full-time counselor",
        "source": DOC_2021,
        "applies_from": date(2021, 1, 1),
        "school_kinds": NOT_VOCATIONAL,
        "rule_kind": "min_counselors",
        "params": {"post_type": "full_time", "count": 1},
        "level": "required",
        "target_pct": 100,
        "certainty": "likely",
        "certainty_note": (
            "一份可靠的二手来源（报道该通知的新闻）。通知要求每所中小学；中等职业学校不在"
            "此列。通知的发文日不在参考资料中，按2021年1月1日起算。"
        ),
        "certainty_note_en": (
            "One good secondary source (a news report of the notice). It asks it of every "
            "中小学; secondary vocational schools are not counted. The day of issue is not in "
            "the reference: taken from 1 January 2021."
        ),
    },
    {
        "key": "cn-2023-counselor",
        "name": "每所学校至少配备1名专（兼）职心理健康教育教师，2025年覆盖95%的学校",
        "name_en": "Every school has at least 1 full- or part-time counselor; 95 % of schools by 2025",
        "source": DOC_2023,
        "applies_from": date(2023, 1, 1),
        "school_kinds": "",
        "rule_kind": "min_counselors",
        "params": {"post_type": "any", "count": 1},
        "level": "required",
        "target_pct": 95,
        "certainty": "likely",
        "certainty_note": (
            "95%的目标：确定（两份以上独立文本措辞相同）；每校至少1名：较可靠。发文日"
            "不在参考资料中，按2023年1月1日起算。"
        ),
        "certainty_note_en": (
            "The 95 % target: certain (the same wording in two or more copies); at least one "
            "per school: likely. The day of issue is not in the reference: taken from 1 "
            "January 2023."
        ),
    },
    {
        "key": "cn-2015-room-areas",
        "name": "心理辅导室具备个别辅导室、团体活动室、办公接待区三个基本功能区",
        "name_en": "A counselling room with the three basic areas (individual, group, reception)",
        "source": DOC_2015,
        "applies_from": date(2015, 7, 29),
        "school_kinds": NOT_VOCATIONAL,
        "rule_kind": "room_areas",
        "params": {"areas": ["individual", "group", "reception"]},
        "level": "required",
        "target_pct": None,
        "certainty": "certain",
        "certainty_note": (
            "功能区可以合并或共用：每间辅导室记录它具备哪些基本功能区。国家没有规定辅导室"
            "的最小总面积。"
        ),
        "certainty_note_en": (
            "Areas may be combined or shared: each room records which basic areas it "
            "provides. There is no national minimum total area."
        ),
    },
    {
        "key": "cn-2015-individual-size",
        "name": "个别辅导室面积10–15平方米",
        "name_en": "Individual counselling room of 10–15 m²",
        "source": DOC_2015,
        "applies_from": date(2015, 7, 29),
        "school_kinds": NOT_VOCATIONAL,
        "rule_kind": "room_size",
        "params": {"function": "individual", "min_m2": 10, "max_m2": 15},
        "level": "advisory",
        "target_pct": None,
        "certainty": "likely",
        "certainty_note": ("提示，不作为达标要求。只衡量功能为“个别辅导室”的房间。"),
        "certainty_note_en": (
            "A warning, not a requirement. Only rooms whose function is the individual room "
            "are measured."
        ),
    },
    {
        "key": "cn-2015-group-size",
        "name": "团体活动室面积不少于20平方米",
        "name_en": "Group activity room of at least 20 m²",
        "source": DOC_2015,
        "applies_from": date(2015, 7, 29),
        "school_kinds": NOT_VOCATIONAL,
        "rule_kind": "room_size",
        "params": {"function": "group", "min_m2": 20},
        "level": "advisory",
        "target_pct": None,
        "certainty": "likely",
        "certainty_note": ("提示，不作为达标要求。只衡量功能为“团体活动室”的房间。"),
        "certainty_note_en": (
            "A warning, not a requirement. Only rooms whose function is the group room are "
            "measured."
        ),
    },
)


def upgrade() -> None:
    standard = op.create_table(
        "standard",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("applies_from", sa.Date(), nullable=False),
        sa.Column("school_kinds", sa.String(length=200), nullable=False),
        sa.Column("rule_kind", sa.String(length=30), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("target_pct", sa.Integer(), nullable=True),
        sa.Column("certainty", sa.String(length=10), nullable=False),
        sa.Column("certainty_note", sa.Text(), nullable=False),
        sa.Column("certainty_note_en", sa.Text(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "certainty IN ('certain', 'likely', 'open')", name=op.f("ck_standard_certainty")
        ),
        sa.CheckConstraint("level IN ('required', 'advisory')", name=op.f("ck_standard_level")),
        sa.CheckConstraint(
            "target_pct IS NULL OR (target_pct >= 0 AND target_pct <= 100)",
            name=op.f("ck_standard_target"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard")),
        sa.UniqueConstraint("key", name=op.f("uq_standard_key")),
    )
    op.bulk_insert(
        standard,
        [
            {**row, "params": json.dumps(row["params"]), "position": n, "enabled": True}
            | {"origin": "national"}
            for n, row in enumerate(NATIONAL, start=1)
        ],
    )
    op.create_table(
        "bureau_secret",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hmac_key", sa.String(length=60), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_bureau_secret_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bureau_secret")),
    )
    op.create_table(
        "person_key",
        sa.Column("counselor_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["counselor_id"],
            ["counselor.id"],
            name=op.f("fk_person_key_counselor_id_counselor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("counselor_id", name=op.f("pk_person_key")),
    )
    with op.batch_alter_table("person_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_key_key"), ["key"], unique=False)
    with op.batch_alter_table("school", schema=None) as batch_op:
        batch_op.add_column(sa.Column("boarders", sa.Integer(), nullable=True))
    with op.batch_alter_table("counselling_room", schema=None) as batch_op:
        for name in ("has_individual", "has_group", "has_reception"):
            batch_op.add_column(
                sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())
            )
        batch_op.add_column(sa.Column("grade", sa.String(length=10), nullable=True))
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.add_column(sa.Column("collected_by", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("reviewed_by", sa.String(length=100), nullable=True))
    _keys_of_received_rosters()


def _keys_of_received_rosters() -> None:
    """A bureau's snapshots received before this revision get their people keys now.

    The same keyed hash as cxdesk.bureau.people.person_key (HMAC-SHA256 of the identity
    number, upper-case, under the bureau's new secret); frozen here as of this revision.
    """
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT c.id, c.identity_number FROM counselor c JOIN school s ON s.id = c.school_id "
            "WHERE s.submission_id IS NOT NULL AND c.identity_number IS NOT NULL"
        )
    ).all()
    if not rows:
        return
    secret = secrets.token_bytes(32)
    conn.execute(
        sa.text("INSERT INTO bureau_secret (id, hmac_key) VALUES (1, :key)"),
        {"key": base64.b64encode(secret).decode()},
    )
    conn.execute(
        sa.text("INSERT INTO person_key (counselor_id, key) VALUES (:id, :key)"),
        [
            {
                "id": cid,
                "key": hmac.new(
                    secret, str(number).strip().upper().encode("ascii", "replace"), hashlib.sha256
                ).hexdigest(),
            }
            for cid, number in rows
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_column("reviewed_by")
        batch_op.drop_column("collected_by")
    with op.batch_alter_table("counselling_room", schema=None) as batch_op:
        for name in ("grade", "has_reception", "has_group", "has_individual"):
            batch_op.drop_column(name)
    with op.batch_alter_table("school", schema=None) as batch_op:
        batch_op.drop_column("boarders")
    with op.batch_alter_table("person_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_key_key"))
    op.drop_table("person_key")
    op.drop_table("bureau_secret")
    op.drop_table("standard")
