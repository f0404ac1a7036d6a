"""What a school knows of its county bureau's key: for the 上报 page and ``trust list``.

Three things can be known: the bureau's key file (registered with the fingerprint of its
stamped notice: packages are encrypted), the bureau's signing key registered from its
form (replies are checked), or only a key trusted on first use (a reply imported before
anything was registered: it may be a forger's, docs/package-format.md "Trust").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.exchange.bureau_keyfile import registered_bureau_key
from cxdesk.models import TrustedKey
from cxdesk.services.bureaus import bureau_name
from cxdesk.services.setup import own_school


@dataclass(frozen=True)
class SchoolBureauKeys:
    """The county bureau's key as this school has it."""

    county_name: str
    prefecture_name: str
    #: The registered key file: its signing key's fingerprint and when it was issued.
    key_file_fingerprint: str | None
    key_file_issued: datetime | None
    #: The bureau's signing key registered from its form (typed or with the key file).
    form_fingerprint: str | None
    #: A key trusted only on first use (never confirmed from the form).
    first_use_fingerprint: str | None

    @property
    def encrypted(self) -> bool:
        """Whether exports are encrypted (the key file is registered)."""
        return self.key_file_fingerprint is not None


def school_bureau_keys(session: Session, *, lang: str = "zh") -> SchoolBureauKeys:
    school = own_school(session)
    county = school.county_code
    row = registered_bureau_key(session, county)
    prefecture = registered_bureau_key(session, ref.PREFECTURE_CODE)
    trusted = session.scalars(
        select(TrustedKey).where(TrustedKey.party_code == county, TrustedKey.status == "registered")
    ).all()
    form = next((k.fingerprint for k in trusted if k.source == "form"), None)
    first_use = next((k.fingerprint for k in trusted if k.source == "first_use"), None)
    return SchoolBureauKeys(
        county_name=bureau_name("county", county, lang),
        prefecture_name=bureau_name("prefecture", ref.PREFECTURE_CODE, lang),
        key_file_fingerprint=row.signing_fingerprint if row and prefecture else None,
        key_file_issued=row.issued_at if row else None,
        form_fingerprint=form,
        first_use_fingerprint=first_use,
    )
