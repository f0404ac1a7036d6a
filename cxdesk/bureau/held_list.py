"""The packages held for the clerk's decision, as ``cxdesk held list`` and the collect
page show them.

Listing reads the submissions only, with one SQL text (:data:`HELD_SQL`) run through any
:class:`~cxdesk.storage.rows.Rows`: it does not load the intake that decides them
(:mod:`cxdesk.bureau.held`), and ``cxdesk held list`` reads an up-to-date file without
SQLAlchemy (issue 16).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from cxdesk.bureau.stored_reason import stored_reason
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.i18n import current_language
from cxdesk.services.bureau_identity import this_bureau
from cxdesk.storage.rows import Rows, as_datetime

if TYPE_CHECKING:
    from cxdesk.storage.db import Database

#: The held packages, oldest first; the last column: accepting it needs the fingerprint
#: typed from the sender's stamped form (its key is unknown, and it did not come inside a
#: county package).  Its columns are :data:`HELD_COLUMNS`.
HELD_SQL = """
SELECT s.id, s.sender_code, s.sender_name, s.sender_role, s.county_code, s.period_label,
       s.sequence, s.sender_fingerprint, s.status_reason, s.received_at, s.stored_path,
       CASE WHEN s.via_submission_id IS NULL AND NOT EXISTS (
           SELECT 1 FROM trusted_key k WHERE k.fingerprint = s.sender_fingerprint
       ) THEN 1 ELSE 0 END
FROM submission s
WHERE s.status = 'held'
ORDER BY s.id
"""
#: The columns of :data:`HELD_SQL`, by the fields of :class:`HeldPackage` they fill.
HELD_COLUMNS = (
    *("submission_id", "sender_code", "sender_name", "sender_role", "county_code", "period"),
    *("sequence", "fingerprint", "reason", "received_at", "stored_path", "needs_fingerprint"),
)


@dataclass(frozen=True)
class HeldPackage:
    """A package waiting for the clerk, as the held list shows it."""

    submission_id: int
    sender_code: str
    sender_name: str
    sender_role: str
    county_code: str
    period: str
    sequence: int
    fingerprint: str
    reason: str
    received_at: datetime
    stored_path: str
    #: Accepting it needs the fingerprint typed from the sender's stamped form.
    needs_fingerprint: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.submission_id,
            "sender": self.sender_code,
            "name": self.sender_name,
            "role": self.sender_role,
            "county": self.county_code,
            "period": self.period,
            "sequence": self.sequence,
            "fingerprint": format_fingerprint(self.fingerprint),
            "needs_fingerprint": self.needs_fingerprint,
            "reason": self.reason,
            "received_at": self.received_at.isoformat(),
            "file": self.stored_path,
        }


def held_list(rows: Rows, lang: str) -> list[HeldPackage]:
    """The held packages, their reasons in ``lang``; raises unless this is a bureau."""
    this_bureau(rows)
    held = []
    for row in rows(HELD_SQL):
        found = dict(zip(HELD_COLUMNS, row, strict=True))
        found["reason"] = stored_reason(found["reason"], lang) or ""
        found["received_at"] = as_datetime(found["received_at"])
        found["needs_fingerprint"] = bool(found["needs_fingerprint"])
        held.append(HeldPackage(**found))
    return held


def held_packages(db: Database) -> list[HeldPackage]:
    """:func:`held_list` in a reading transaction of ``db`` (the collect page)."""
    from cxdesk.storage.session_rows import session_rows

    with db.reading() as session:
        return held_list(session_rows(session), current_language())
