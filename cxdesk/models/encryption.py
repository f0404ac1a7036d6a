"""Encryption keys: this bureau's own (X25519, age), and the bureaus' keys a school or a
county registered from a signed bureau key file.

The private half of an own key is a passphrase-protected age identity file in the
``keys`` folder beside the database (docs/package-format.md, "Format version 2"); the
database only records which public keys are this bureau's and which one is current, so a
replaced key still decrypts the packages encrypted to it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from cxdesk.models.base import Base


class EncryptionKey(Base):
    """One of this bureau's X25519 key pairs; the current one has no ``retired_at``."""

    __tablename__ = "encryption_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The age recipient ("age1…", 62 characters): what schools encrypt to.
    public_key: Mapped[str] = mapped_column(String(100), unique=True)
    #: File name of the passphrase-protected age identity in the keys folder.
    file_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    retired_at: Mapped[datetime | None]


class BureauKey(Base):
    """A bureau's public keys as registered from its signed key file (.cxkey).

    At a school: its county bureau's (``via_code`` None) and the prefecture's that came in
    the county's file (``via_code`` the county).  At a county: the prefecture's.  One row
    per bureau is ``current``; an earlier file's row is ``replaced``.
    """

    __tablename__ = "bureau_key"
    __table_args__ = (
        CheckConstraint("role IN ('county', 'prefecture')", name="role"),
        CheckConstraint("status IN ('current', 'replaced')", name="status"),
        # At most one current key file per bureau.
        Index(
            "ix_bureau_key_current",
            "code",
            unique=True,
            sqlite_where=text("status = 'current'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(12))
    code: Mapped[str] = mapped_column(String(6))
    name: Mapped[str] = mapped_column(String(100))
    #: The 30 digits of the bureau's signing key, confirmed from its stamped notice.
    signing_fingerprint: Mapped[str] = mapped_column(String(30))
    signing_public_key: Mapped[str] = mapped_column(String(44))
    #: The age recipient packages are encrypted to.
    encryption_key: Mapped[str] = mapped_column(String(100))
    #: When the bureau issued the file (a file older than the current one is refused).
    issued_at: Mapped[datetime]
    registered_at: Mapped[datetime]
    #: For a prefecture key that came inside a county's file: that county's code.
    via_code: Mapped[str | None] = mapped_column(String(6))
    #: SHA-256 of the key file as imported.
    file_sha256: Mapped[str] = mapped_column(String(64))
    #: The file's whole JSON payload, as signed (later versions carry more sections).
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="current")
