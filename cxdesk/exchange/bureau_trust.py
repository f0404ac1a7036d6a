"""Registering a bureau's signing key from its stamped form: the one key that counts.

A school trusts the replies of its county bureau signed by the key it registered from the
bureau's stamped form or notice (typed fingerprint, or the bureau's key file confirmed by
it).  Registering that key replaces every other key the school trusted for the bureau: a
key trusted on first use (possibly a forger's, docs/package-format.md "Trust") or the
bureau's previous key is revoked in the same transaction.  A county registering the
prefecture's key file goes through the same function.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.exchange.fingerprints import format_fingerprint, parse_fingerprint
from cxdesk.exchange.trust import find_key, register_key
from cxdesk.i18n import Text
from cxdesk.models import TrustedKey

REPLACED_NOTE = Text(
    "{when} 按盖章的通知登记了新密钥 {fingerprint}，此密钥作废。",
    "Revoked on {when}: the key {fingerprint} was registered from the stamped notice.",
)


@dataclass(frozen=True)
class BureauTrust:
    """The key now trusted for the bureau, and the keys this registration revoked."""

    entry: TrustedKey
    revoked: list[TrustedKey] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def trust_bureau_from_form(
    session: Session,
    *,
    role: str,
    code: str,
    name: str,
    fingerprint: str,
    public_key: bytes | None = None,
    note: str | None = None,
) -> BureauTrust:
    """Make ``fingerprint`` (typed from the bureau's stamped form) the bureau's only valid
    key here: confirmed if already known, registered if not; every other registered key
    of the bureau is revoked."""
    digits = parse_fingerprint(fingerprint)
    # Every other valid key of the bureau is revoked first: a party has one valid key at
    # a time (cxdesk.exchange.trust), and the stamped form says which one it is now.
    others = session.scalars(
        select(TrustedKey).where(
            TrustedKey.party_code == code,
            TrustedKey.status == "registered",
            TrustedKey.fingerprint != digits,
        )
    ).all()
    now = _now()
    for other in others:
        other.status = "revoked"
        other.revoked_at = now
        line = REPLACED_NOTE.render(
            when=now.date().isoformat(), fingerprint=format_fingerprint(digits)
        )
        other.note = ((other.note or "") + "\n" + line).strip()
    session.flush()
    entry = find_key(session, digits)
    if entry is not None and entry.status == "registered" and entry.party_code == code:
        entry.source = "form"
        if note and note.strip():
            entry.note = note.strip()
        if public_key and entry.public_key is None:
            entry.public_key = base64.b64encode(public_key).decode("ascii")
    else:
        entry = register_key(
            session,
            fingerprint=digits,
            code=code,
            name=name,
            role=role,
            note=note,
            public_key=public_key,
        )
    session.flush()
    return BureauTrust(entry, list(others))


def bureau_key_from_form(session: Session, code: str) -> TrustedKey | None:
    """The bureau's key registered from its stamped form, if there is one."""
    return session.scalars(
        select(TrustedKey).where(
            TrustedKey.party_code == code,
            TrustedKey.status == "registered",
            TrustedKey.source == "form",
        )
    ).first()
