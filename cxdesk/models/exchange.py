"""Report packages: this installation's keys, the trust registry, the export log, replies.

The private keys themselves are files in the data folder (``keys/``); the database only
records which of them is the current one, so that a key can be replaced and the history of
fingerprints kept.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxdesk.models.base import Base


class SigningKey(Base):
    """One Ed25519 key pair of this installation; the current one has no ``retired_at``."""

    __tablename__ = "signing_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The 30 digits of the public key's fingerprint (see docs/package-format.md).
    fingerprint: Mapped[str] = mapped_column(String(30), unique=True)
    #: The raw 32-byte public key, base64.
    public_key: Mapped[str] = mapped_column(String(44))
    #: File name of the PKCS8 PEM private key in the keys folder beside the database.
    file_name: Mapped[str] = mapped_column(String(100))
    encrypted: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    retired_at: Mapped[datetime | None]
    #: The key-change statement that vouches for this key: the exact JSON bytes signed by
    #: the key it replaced (cxdesk.exchange.key_change), and that signature in base64.
    #: None when the previous key could not sign (lost) or this is the first key.
    change_statement: Mapped[str | None] = mapped_column(Text)
    change_signature: Mapped[str | None] = mapped_column(String(88))


class TrustedKey(Base):
    """A key registered by hand from a stamped registration form, on first use, or from a
    key-change statement signed by the party's previous key.

    A party has at most one valid (``registered``) key at a time: a partial unique index.
    """

    __tablename__ = "trusted_key"
    __table_args__ = (
        CheckConstraint("status IN ('registered', 'revoked')", name="status"),
        CheckConstraint("role IN ('school', 'county', 'prefecture')", name="role"),
        CheckConstraint("source IN ('form', 'first_use', 'statement')", name="source"),
        Index(
            "ix_trusted_key_one_valid",
            "party_code",
            unique=True,
            sqlite_where=text("status = 'registered'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(30), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    #: The school code, or the GB/T 2260 code of a bureau.
    party_code: Mapped[str] = mapped_column(String(10), index=True)
    party_name: Mapped[str] = mapped_column(String(100))
    #: Learned from the first package signed with it (a form carries only the fingerprint).
    public_key: Mapped[str | None] = mapped_column(String(44))
    status: Mapped[str] = mapped_column(String(10), default="registered")
    source: Mapped[str] = mapped_column(String(10), default="form")
    registered_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    #: From when the key is no longer trusted (UTC): packages received from then on stop
    #: counting.  None on a revoked key: none of its packages counts ("all").
    revoked_from: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(Text)


class ExportLog(Base):
    """One package this installation exported (the outbox keeps a copy of the file)."""

    __tablename__ = "export_log"
    __table_args__ = (
        UniqueConstraint("sender_code", "period_id", "sequence"),
        CheckConstraint("status IN ('sent', 'accepted', 'returned')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "report" for a school's package; bureaus log their own kinds here too.
    kind: Mapped[str] = mapped_column(String(16))
    sender_code: Mapped[str] = mapped_column(String(10))
    period_id: Mapped[int] = mapped_column(
        ForeignKey("reporting_period.id", ondelete="CASCADE"), index=True
    )
    sequence: Mapped[int]
    file_name: Mapped[str] = mapped_column(String(100))
    package_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int]
    #: Where the file was written (the folder or USB drive the user chose).
    out_path: Mapped[str] = mapped_column(Text)
    key_fingerprint: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(10), default="sent")
    status_at: Mapped[datetime | None]
    #: Exported again after the bureau had accepted the period: a correction (更正).
    correction: Mapped[bool] = mapped_column(default=False)
    #: The figures the package carried (its manifest's), JSON: the "as reported" figures.
    figures_json: Mapped[str | None] = mapped_column(Text)
    #: The random key (base64) that travelled encrypted in the package: a return names a
    #: counselor by an HMAC under it, never by identity number (format 2).
    record_secret: Mapped[str | None] = mapped_column(String(44))

    replies: Mapped[list[ReceivedReply]] = relationship(
        back_populates="export", cascade="all, delete-orphan", order_by="ReceivedReply.id"
    )


class ReceivedReply(Base):
    """A receipt (回执) or a return (退回) from the bureau for one exported package."""

    __tablename__ = "received_reply"
    __table_args__ = (CheckConstraint("kind IN ('receipt', 'return')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    export_id: Mapped[int] = mapped_column(
        ForeignKey("export_log.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    bureau_code: Mapped[str] = mapped_column(String(10))
    bureau_name: Mapped[str] = mapped_column(String(100))
    bureau_fingerprint: Mapped[str] = mapped_column(String(30))
    issued_at: Mapped[datetime]
    received_at: Mapped[datetime]
    message: Mapped[str | None] = mapped_column(Text)

    export: Mapped[ExportLog] = relationship(back_populates="replies")
    comments: Mapped[list[ReturnComment]] = relationship(
        back_populates="reply", cascade="all, delete-orphan", order_by="ReturnComment.id"
    )


class ReturnComment(Base):
    """The bureau's comment on one record of a returned package."""

    __tablename__ = "return_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    reply_id: Mapped[int] = mapped_column(
        ForeignKey("received_reply.id", ondelete="CASCADE"), index=True
    )
    #: The kind of record (a table name of cxdesk.checks.engine.TABLE_LABELS), or None for
    #: a comment on the package as a whole.
    table_name: Mapped[str | None] = mapped_column(String(50))
    #: JSON object of the fields that identify the record on both sides (record_key()).
    record_key: Mapped[str] = mapped_column(Text)
    record_label: Mapped[str] = mapped_column(String(200))
    comment: Mapped[str] = mapped_column(Text)

    reply: Mapped[ReceivedReply] = relationship(back_populates="comments")
