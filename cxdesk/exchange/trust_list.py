"""The trust registry as a list: every registered and revoked key, in SQL text.

The one query of ``cxdesk trust list``, the trust page and
:func:`cxdesk.exchange.trust.list_keys`; run through any :class:`~cxdesk.storage.rows.Rows`,
so that the command lists an up-to-date file without SQLAlchemy (issue 16).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cxdesk.storage.rows import Rows, as_datetime, maybe_datetime

_COLUMNS = (
    "id, fingerprint, role, party_code, party_name, public_key, status, source, "
    "registered_at, revoked_at, revoked_from, note"
)
TRUST_LIST_SQL = f"SELECT {_COLUMNS} FROM trusted_key ORDER BY party_code, registered_at, id"
ONE_PARTY_SQL = (
    f"SELECT {_COLUMNS} FROM trusted_key WHERE party_code = :code "
    "ORDER BY party_code, registered_at, id"
)


@dataclass(frozen=True)
class TrustEntry:
    """One key of the registry, as listed (the columns of :class:`~cxdesk.models.TrustedKey`)."""

    id: int
    fingerprint: str
    role: str
    party_code: str
    party_name: str
    public_key: str | None
    status: str
    source: str
    registered_at: datetime
    revoked_at: datetime | None
    #: From when it is no longer trusted; None on a revoked key: none of its packages.
    revoked_from: datetime | None
    note: str | None


def trusted_keys(rows: Rows, *, code: str | None = None) -> list[TrustEntry]:
    """The registry by party, the oldest key first; only the party ``code``'s if given."""
    found = rows(ONE_PARTY_SQL, {"code": code}) if code else rows(TRUST_LIST_SQL)
    # The columns in the order of _COLUMNS: eight as stored, then the three times, the note.
    return [
        TrustEntry(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            row[7],
            as_datetime(row[8]),
            maybe_datetime(row[9]),
            maybe_datetime(row[10]),
            row[11],
        )
        for row in found
    ]
