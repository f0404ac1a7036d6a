"""The packages held for the clerk's decision, as ``cxdesk held list`` and the collect
page show them.

Listing reads the submissions only: it does not load the intake that decides them
(:mod:`cxdesk.bureau.held`), so that ``cxdesk held list`` starts light (issue 16).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from cxdesk.bureau.stored_reason import stored_reason
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.trust import find_key
from cxdesk.i18n import current_language
from cxdesk.models import Submission
from cxdesk.services.bureaus import own_bureau
from cxdesk.storage.db import Database


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


def held_packages(db: Database) -> list[HeldPackage]:
    lang = current_language()
    with db.reading() as session:
        own_bureau(session)
        rows = session.scalars(
            select(Submission).where(Submission.status == "held").order_by(Submission.id)
        ).all()
        return [
            HeldPackage(
                s.id,
                s.sender_code,
                s.sender_name,
                s.sender_role,
                s.county_code,
                s.period_label,
                s.sequence,
                s.sender_fingerprint,
                stored_reason(s.status_reason, lang) or "",
                s.received_at,
                s.stored_path,
                s.via_submission_id is None and find_key(session, s.sender_fingerprint) is None,
            )
            for s in rows
        ]
