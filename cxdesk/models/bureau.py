"""What a bureau (county or prefecture) keeps besides the schools' data.

A bureau database holds many schools' snapshots in the very tables a school uses
(``school``, ``counselor``, ``certificate``, ``counselling_room``, ``training_event``,
``attendance``): each snapshot's ``school`` row points at the :class:`Submission` (the
received package) it came from, so :func:`cxdesk.figures.figure_rows` sums them by SQL
unchanged, filtered to the counted submission of each school and period.  Superseded
snapshots stay, which gives the history and "compare with the previous period".
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from cxdesk.models.base import Base

#: Collect outcomes stored on a submission.  ``accepted`` is the one counted for its school
#: and period; ``superseded`` an older one kept in history; ``held`` waits for the clerk;
#: ``revoked`` was signed by a key revoked since before it arrived: counted nowhere.
SUBMISSION_STATUSES = ("accepted", "superseded", "held", "rejected", "revoked")
#: The clerk's review of a counted submission.
REVIEW_STATES = ("pending", "accepted", "returned")


class Submission(Base):
    """One received package (a school's, or a county's that carries schools' packages)."""

    __tablename__ = "submission"
    __audited__ = False  # it is the history itself
    __table_args__ = (
        CheckConstraint(
            "status IN ('accepted', 'superseded', 'held', 'rejected', 'revoked')", name="status"
        ),
        CheckConstraint("review IN ('pending', 'accepted', 'returned')", name="review"),
        CheckConstraint("sender_role IN ('school', 'county')", name="sender_role"),
        # At most one counted package per sender and period.
        Index(
            "ix_submission_counted",
            "sender_code",
            "period_label",
            unique=True,
            sqlite_where=text("status = 'accepted'"),  # on a server too: give_partial_indexes_to
        ),
        Index("ix_submission_period_status", "period_label", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The school code, or the county code for a county package.
    sender_code: Mapped[str] = mapped_column(String(10), index=True)
    sender_role: Mapped[str] = mapped_column(String(8))
    sender_name: Mapped[str] = mapped_column(String(100))
    #: The county the sender belongs to (for a county package: the county itself).
    county_code: Mapped[str] = mapped_column(String(6))
    period_label: Mapped[str] = mapped_column(String(20))
    sequence: Mapped[int]
    #: SHA-256 of the package file's bytes: the same file is never taken twice.
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    sender_fingerprint: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(12))
    #: Why it is held (unregistered key, sender outside the register), was rejected, or
    #: stopped counting (its key revoked); also a note on an accepted one (the register
    #: decided other values than the workbook's).
    status_reason: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime]
    #: The package file as received, copied into the bureau's package store.
    stored_path: Mapped[str] = mapped_column(String(500))
    #: For a school package that arrived inside a county package: that county package.
    via_submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submission.id", ondelete="SET NULL"), index=True
    )
    #: The school sent it as a correction (更正) of a period the bureau had accepted.
    correction: Mapped[bool] = mapped_column(default=False)
    #: Check findings on import: counts for the board, the list (JSON, both languages).
    hard_findings: Mapped[int] = mapped_column(default=0)
    soft_findings: Mapped[int] = mapped_column(default=0)
    findings_json: Mapped[str | None] = mapped_column(Text)
    review: Mapped[str] = mapped_column(String(10), default="pending")
    review_comment: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[datetime | None]
    #: Who collected the package and who reviewed it (the clerk's login or server user):
    #: the drill-down from a figure shows them with the package (cxdesk.bureau.provenance).
    collected_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    #: The receipt or return file written by the review, if any.
    review_file: Mapped[str | None] = mapped_column(String(500))
    #: The school's record key from the package's encrypted details (format 2): a return
    #: names a counselor by an HMAC under it, never by identity number.
    record_secret: Mapped[str | None] = mapped_column(String(44))


class RegisterEntry(Base):
    """A school the bureau expects packages from (the register, 学校名册)."""

    __tablename__ = "register_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    county_code: Mapped[str] = mapped_column(String(6), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    contact_person: Mapped[str | None] = mapped_column(String(50))
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    #: Where the entry came from: "local" (loaded or typed here) or a county code (a county
    #: package's register, at the prefecture).
    source: Mapped[str] = mapped_column(String(10), default="local")


class CollectionDeadline(Base):
    """The date by which packages of a period are due, for "how late" on the board."""

    __tablename__ = "collection_deadline"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_label: Mapped[str] = mapped_column(String(20), unique=True)
    deadline: Mapped[date]
