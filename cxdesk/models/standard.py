"""Standards a school is measured against (``cxdesk.standards``), and a bureau's people keys.

A standard is data, never a constant in code: its name, the document it comes from, the
date it applies from, the kinds of school it applies to, a computable rule (one of the
fixed rule kinds of :mod:`cxdesk.standards.rules` with its parameters), the share of
schools a bureau aims for, and how sure we are of it.  The national ones are seeded by
the migration; a bureau switches them off or adds its own, and its set travels to its
schools in the template workbook (``cxdesk.standards.standard_set``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cxdesk.models.base import Base


class Standard(Base):
    """One standard; ``key`` is stable across installations (the set's identity)."""

    __tablename__ = "standard"
    __table_args__ = (
        CheckConstraint("level IN ('required', 'advisory')", name="level"),
        CheckConstraint("certainty IN ('certain', 'likely', 'open')", name="certainty"),
        CheckConstraint(
            "target_pct IS NULL OR (target_pct >= 0 AND target_pct <= 100)", name="target"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    #: The document and its number, e.g. 《…通知》 教思政厅函〔2021〕10号.
    source: Mapped[str] = mapped_column(String(300))
    applies_from: Mapped[date]
    #: Codes of SCHOOL_KINDS separated by commas; empty: every kind.
    school_kinds: Mapped[str] = mapped_column(String(200), default="")
    #: One of cxdesk.standards.rules.RULE_KINDS; ``params`` its parameters as JSON.
    rule_kind: Mapped[str] = mapped_column(String(30))
    params: Mapped[str] = mapped_column(Text, default="{}")
    #: "required": a school falls short; "advisory": a warning (e.g. per-area sizes).
    level: Mapped[str] = mapped_column(String(10), default="required")
    #: The share of schools (in %) a bureau aims for, e.g. 95; None: no target.
    target_pct: Mapped[int | None]
    certainty: Mapped[str] = mapped_column(String(10))
    certainty_note: Mapped[str] = mapped_column(Text, default="")
    certainty_note_en: Mapped[str] = mapped_column(Text, default="")
    enabled: Mapped[bool] = mapped_column(default=True)
    #: "national" for the seeded ones, else the code of the bureau that added it.
    origin: Mapped[str] = mapped_column(String(10))


class BureauSecret(Base):
    """The bureau's secret key for the keyed hash of identity numbers (one row).

    Identity numbers are compared across schools by HMAC-SHA256 under this key
    (:mod:`cxdesk.bureau.people`): the hashes shown or exported cannot be turned back into
    numbers by trying every birth date, as a plain hash could.  Never in the change log.
    """

    __tablename__ = "bureau_secret"
    __audited__ = False
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    #: 32 random bytes, base64.
    hmac_key: Mapped[str] = mapped_column(String(60))


class PersonKey(Base):
    """The keyed hash of a roster entry's identity number, at a bureau."""

    __tablename__ = "person_key"
    __audited__ = False

    counselor_id: Mapped[int] = mapped_column(
        ForeignKey("counselor.id", ondelete="CASCADE"), primary_key=True
    )
    #: HMAC-SHA256 of the identity number under BureauSecret, hex.
    key: Mapped[str] = mapped_column(String(64), index=True)
